import { isPlainObject, jsonValue, yamlBlock, yamlFlow, type PlainValue } from '../edit/plainValue';
import { setProperty } from '../edit/setProperty';
import { layoutOf } from '../edit/sourceLayout';
import type { Resource } from '../model/document';
import { comparePositions, type Range } from '../model/range';
import { asList, asMap, getEntry, type ListValue, type MapEntry, type MapValue, type Value } from '../model/value';
import type { Fix, RuleContext, TextEdit, Verdict } from './rule';
import { documentOf, fixSource, judge } from './ruleKit';

/*
 * Helpers for settings that live in one item of a list or one of several
 * repeated blocks (security-group rules, listener actions, cache
 * behaviours), which the shared setProperty cannot address by path. Used by
 * the EC2, ELB and CloudFront rules.
 */

/** Three-valued answer for questions a template may leave open. */
export type Tri = true | false | { unknown: string };

export function isUnknown(t: Tri): t is { unknown: string } {
  return typeof t === 'object';
}

/** A predicate over a value, decided through parameters, variables and conditions; absence answers `whenAbsent`. */
export function ask(ctx: RuleContext, value: Value | undefined, predicate: (literal: Value) => boolean | undefined, whenAbsent: boolean): Tri {
  if (!value) return whenAbsent;
  const j = judge(ctx, value, predicate);
  switch (j.outcome) {
    case 'secure':
      return true;
    case 'insecure':
      return false;
    case 'absent':
      return whenAbsent;
    case 'unknown':
      return { unknown: j.reason };
  }
}

/** A setting's literal text (strings and numbers), or why it cannot be known. */
export function textOf(ctx: RuleContext, value: Value | undefined): { text: string } | { absent: true } | { unknown: string } {
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return { absent: true };
  if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number')) return { text: String(r.value.value) };
  if (r.status === 'known' && r.value.kind === 'null') return { absent: true };
  if (r.status === 'resource') return { unknown: `it refers to ${r.resource.id}` };
  return { unknown: r.status === 'unknown' ? r.reason : 'the value is not a plain string' };
}

/**
 * The maps of a list-valued setting (CloudFormation `SecurityGroupIngress`,
 * `BlockDeviceMappings`) or of repeated Terraform blocks. Items written
 * inline keep their own ranges, so findings and fixes can point at them;
 * items that are parameters or conditions come back as unknown.
 */
export function items(ctx: RuleContext, value: Value | undefined): { maps: MapValue[]; unknown: { range: Range; reason: string }[] } | { unknown: string } {
  if (!value) return { maps: [], unknown: [] };
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return { maps: [], unknown: [] };
  if (r.status !== 'known') return { unknown: r.status === 'unknown' ? r.reason : `it refers to ${r.resource.id}` };
  if (r.value.kind === 'map') return { maps: [r.value], unknown: [] };
  const list = asList(r.value);
  if (!list) return { unknown: 'the value is not a list' };
  const maps: MapValue[] = [];
  const unknown: { range: Range; reason: string }[] = [];
  for (const item of list.items) {
    const ri = ctx.model.resolve(item);
    if (ri.status === 'absent') continue;
    if (ri.status === 'known' && ri.value.kind === 'map') maps.push(ri.value);
    else unknown.push({ range: item.range, reason: ri.status === 'unknown' ? ri.reason : 'the item is not a map' });
  }
  return { maps, unknown };
}

/** Entries of every block named `key` in a Terraform body, dynamic ones included (their content is unknown). */
export function blockEntries(map: MapValue | undefined, key: string): MapEntry[] {
  return map ? map.entries.filter((e) => e.key === key) : [];
}

function within(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/**
 * A fix that writes `path` inside one item of a list or one of several
 * blocks: the item is addressed as if it were the resource's body. Items
 * that came from elsewhere (a parameter default) are never edited.
 */
export function fixInItem(ctx: RuleContext, resource: Resource, item: MapValue, path: readonly string[], value: PlainValue, title: string): Fix[] {
  const doc = documentOf(ctx, resource);
  if (!doc || !within(resource.range, item.range) || item.block === 'dynamic') return [];
  const source = fixSource(ctx, item, path, value, title);
  if (source) return source;
  const edits = setProperty(doc, { ...resource, body: item, hasProperties: true }, path, value);
  return edits ? [{ title, edits, preferred: true }] : [];
}

/** Adds an item at the end of a CloudFormation list written in the resource, in the list's own style. */
export function appendToList(ctx: RuleContext, resource: Resource, list: ListValue, item: PlainValue, title: string): Fix[] {
  const doc = documentOf(ctx, resource);
  if (!doc || !within(resource.range, list.range) || doc.format === 'terraform' || doc.format === 'terraform-json') return [];
  const layout = layoutOf(doc);
  const json = doc.format === 'cloudformation-json';
  let edit: TextEdit;
  if (list.items.length === 0) {
    const text = json ? jsonValue([item], layout.indentOf(list.range.start.line), layout.unit) : yamlFlow([item]);
    edit = { uri: doc.uri, range: list.range, newText: text };
  } else {
    const first = list.items[0];
    const last = list.items[list.items.length - 1];
    const end = layout.trimEnd(last.range);
    if (json) {
      const multiline = first.range.start.line !== list.range.start.line;
      const indent = ' '.repeat(first.range.start.character);
      edit = { uri: doc.uri, range: { start: end, end }, newText: multiline ? `,${layout.eol}${indent}${jsonValue(item, indent, layout.unit)}` : `, ${JSON.stringify(item)}` };
    } else if (list.flow) {
      edit = { uri: doc.uri, range: { start: end, end }, newText: `, ${yamlFlow(item)}` };
    } else {
      // Block sequence: the dash sits before the first item on its line.
      const dash = layout.lineText(first.range.start.line).lastIndexOf('-', first.range.start.character);
      if (dash < 0) return [];
      const indent = ' '.repeat(dash);
      const lines = isPlainObject(item)
        ? Object.keys(item).flatMap((k) => yamlBlock(k, item[k], `${indent}  `, layout.unit))
        : [`${indent}  ${yamlFlow(item)}`];
      lines[0] = `${indent}- ${lines[0].trimStart()}`;
      const at = layout.lineEnd(end.line);
      edit = { uri: doc.uri, range: { start: at, end: at }, newText: layout.eol + lines.join(layout.eol) };
    }
  }
  return [{ title, edits: [edit], preferred: true }];
}

/** Deletes the whole lines of a Terraform block, when the block has its lines to itself. */
export function removeBlockEdit(ctx: RuleContext, resource: Resource, entry: MapEntry): TextEdit | undefined {
  const doc = documentOf(ctx, resource);
  if (!doc || doc.format !== 'terraform') return undefined;
  const layout = layoutOf(doc);
  const end = layout.trimEnd(entry.value.range);
  const before = layout.lineText(entry.keyRange.start.line).slice(0, entry.keyRange.start.character);
  const after = layout.lineText(end.line).slice(end.character);
  if (before.trim() !== '' || after.trim() !== '') return undefined;
  const stop = end.line < layout.lines.lineCount - 1 ? { line: end.line + 1, character: 0 } : layout.lineEnd(end.line);
  return { uri: doc.uri, range: { start: { line: entry.keyRange.start.line, character: 0 }, end: stop }, newText: '' };
}

/** Whether a path runs through a Terraform `dynamic` block, whose content SRM Lens cannot expand. */
export function dynamicOnPath(resource: Resource, path: readonly string[]): boolean {
  let map: MapValue | undefined = resource.body;
  for (const key of path) {
    const entry = getEntry(map, key);
    if (!entry) return false;
    const value = asMap(entry.value);
    if (value?.block === 'dynamic') return true;
    map = value;
  }
  return false;
}

const DYNAMIC_REASON = 'the setting is built by a dynamic block, which SRM Lens does not expand';
export const DYNAMIC: Verdict = { status: 'cannot-tell', reason: DYNAMIC_REASON };
export const dynamicAt = (range: Range): Verdict => ({ status: 'cannot-tell', reason: DYNAMIC_REASON, range });

/**
 * Why a repeated Terraform block cannot be read: a `dynamic` block, or an
 * attribute written where a block is expected (`origin = var.origins`),
 * which is a value from elsewhere, not a dynamic block.
 */
export function unreadBlock(ctx: RuleContext, entry: MapEntry): string {
  if (asMap(entry.value)?.block === 'dynamic') return DYNAMIC_REASON;
  const r = ctx.model.resolve(entry.value);
  const why = r.status === 'unknown' ? r.reason : r.status === 'resource' ? `it refers to ${r.resource.id}` : 'its value is not a block SRM Lens can read';
  return `${entry.key} is set as a value, not written as blocks: ${why}`;
}

/** The resource a setting names (`!Ref Subnet`, `aws_subnet.a.id`), or why there is none to read. */
export function referenced(ctx: RuleContext, value: Value | undefined): { resource: Resource } | { absent: true } | { unknown: string } {
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return { absent: true };
  if (r.status === 'resource') return { resource: r.resource };
  if (r.status === 'unknown') return { unknown: r.reason };
  return { unknown: 'it names something outside this template' };
}

/** How a fix title shows the setting it writes, in the resource's own syntax. */
export function assignment(resource: Resource, key: string, value: string | boolean): string {
  return resource.type.includes('::') ? `${key}: ${value}` : `${key} = ${typeof value === 'string' ? JSON.stringify(value) : value}`;
}

/**
 * Verdicts for items that fixes change one at a time: one verdict per item,
 * met ones included, so that fixing one item leaves the others' positions
 * (and so their finding keys) as they were.
 */
export function perItem(verdicts: Verdict[], met: string, range?: Range): Verdict[] {
  return verdicts.length ? verdicts : [{ status: 'met', evidence: met, ...(range ? { range } : {}) }];
}

