import type { TemplateDocument } from '../model/document';
import { lineIndexOf, sharedEnds, type Position, type Range } from '../model/range';
import { noteCarriedOver } from '../model/carriedOver';
import type { MapEntry, MapValue, Value } from '../model/value';
import { buildTemplate, yamlSuppressions } from './cloudformation';
import { parseCloudFormationYaml } from './cloudformationYaml';
import { looksBinary, whyNotCloudFormation } from './detect';
import { LIMITS } from './limits';

/**
 * Re-parses a CloudFormation YAML template after an edit that stays inside
 * one entry of a block-style `Resources` section: only that resource's lines
 * go through the YAML library; every other value is reused, moved by the
 * number of lines the edit added or removed. Returns undefined whenever that
 * cannot give exactly what a full parse gives (the edit crosses a resource,
 * renames it, touches the last one, the document had errors, anchors or
 * aliases are involved, a line leaves the resource's indentation), and the
 * caller parses the whole text.
 */
export function reparseYamlResource(previous: TemplateDocument, oldText: string, newText: string): TemplateDocument | undefined {
  if (newText.length > LIMITS.maxFileBytes || looksBinary(newText)) return undefined;
  if (previous.format !== 'cloudformation-yaml' || previous.errors.length > 0 || !previous.root || previous.root.flow) return undefined;
  const resourcesEntry = previous.root.entries.find((e) => e.key === 'Resources');
  const resources = resourcesEntry?.value;
  if (!resources || resources.kind !== 'map' || resources.flow || resources.entries.length < 2) return undefined;
  if (previous.root.entries.filter((e) => e.key === 'Resources').length !== 1) return undefined;

  // The changed span: what lies between the common prefix and the common suffix.
  const { prefix, suffix } = sharedEnds(oldText, newText);
  const oldLines = lineIndexOf(oldText);
  const editStart = oldLines.positionAt(prefix).line;
  const editEnd = oldText.length - suffix;

  // The resource whose lines (its key line up to the next resource's key line) hold the whole change.
  const index = resources.entries.findIndex((e, i) => i + 1 < resources.entries.length && e.keyRange.start.line <= editStart && resources.entries[i + 1].keyRange.start.line > editStart);
  if (index < 0) return undefined;
  const entry = resources.entries[index];
  const next = resources.entries[index + 1];
  const column = entry.keyRange.start.character;
  if (next.keyRange.start.character !== column || column === 0) return undefined;
  const snippetStart = oldLines.offsetAt({ line: entry.keyRange.start.line, character: 0 });
  const oldSnippetEnd = oldLines.offsetAt({ line: next.keyRange.start.line, character: 0 });
  if (prefix < snippetStart || editEnd > oldSnippetEnd) return undefined;
  const newSnippetEnd = oldSnippetEnd + (newText.length - oldText.length);
  const oldSnippet = oldText.slice(snippetStart, oldSnippetEnd);
  const newSnippet = newText.slice(snippetStart, newSnippetEnd);
  if (!stillOneResource(newSnippet, column) || ANCHOR_OR_ALIAS.test(oldSnippet) || ANCHOR_OR_ALIAS.test(newSnippet)) return undefined;

  // Blank lines before the snippet keep its lines and columns where they are in the whole text; the
  // next resource's indentation after it ends the resource's node where it ends in the whole text.
  const parsed = parseCloudFormationYaml('\n'.repeat(entry.keyRange.start.line) + newSnippet + ' '.repeat(column), 1);
  if (parsed.errors.length > 0 || parsed.root?.kind !== 'map' || parsed.root.entries.length !== 1) return undefined;
  const fresh = parsed.root.entries[0];
  if (fresh.key !== entry.key) return undefined;

  const delta = lineCount(newSnippet) - lineCount(oldSnippet);
  const firstMoved = next.keyRange.start.line;
  const moved: MapEntry[] = resources.entries.map((e, i) => (i < index ? e : i === index ? fresh : shiftEntry(e, firstMoved, delta)));
  const newResources: MapValue = { ...resources, range: shiftRange(resources.range, firstMoved, delta), entries: moved };
  const root: MapValue = {
    ...previous.root,
    range: shiftRange(previous.root.range, firstMoved, delta),
    entries: previous.root.entries.map((e) =>
      e === resourcesEntry ? { ...e, value: newResources } : e.keyRange.start.line < firstMoved ? e : shiftEntry(e, firstMoved, delta),
    ),
  };
  if (whyNotCloudFormation(root)) return undefined;
  const document = buildTemplate(previous.uri, previous.format, root, [], yamlSuppressions(newText, lineIndexOf(newText)), newText);
  noteCarriedOver(document, previous, { reparsed: entry.key, from: firstMoved, delta });
  return document;
}

/** `&name` or `*name` where YAML would read an anchor or an alias. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,\]}]/m;

/** The first line is the resource's key at `column`; every other line with content is indented deeper (no tabs). */
function stillOneResource(snippet: string, column: number): boolean {
  const lines = snippet.split('\n');
  if (lines.at(-1) !== '') return false;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i].replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    if (line.slice(0, indent).includes('\t')) return false;
    if (i === 0) {
      if (indent !== column) return false;
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#') && indent <= column) return false;
  }
  return true;
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function shiftPosition(p: Position, from: number, delta: number): Position {
  return p.line >= from ? { line: p.line + delta, character: p.character } : p;
}

function shiftRange(r: Range, from: number, delta: number): Range {
  if (delta === 0 || (r.start.line < from && r.end.line < from)) return r;
  return { start: shiftPosition(r.start, from, delta), end: shiftPosition(r.end, from, delta) };
}

function shiftEntry(e: MapEntry, from: number, delta: number): MapEntry {
  return delta === 0 ? e : { key: e.key, keyRange: shiftRange(e.keyRange, from, delta), value: shiftValue(e.value, from, delta) };
}

/** A copy of `v` moved by `delta` lines from line `from` on; the previous document keeps its own values. */
function shiftValue(v: Value, from: number, delta: number): Value {
  if (delta === 0) return v;
  const range = shiftRange(v.range, from, delta);
  switch (v.kind) {
    case 'map':
      return { ...v, range, entries: v.entries.map((e) => shiftEntry(e, from, delta)) };
    case 'list':
      return { ...v, range, items: v.items.map((i) => shiftValue(i, from, delta)) };
    case 'intrinsic':
      return { ...v, range, argument: shiftValue(v.argument, from, delta) };
    case 'expression':
      if (!v.branches) return { ...v, range };
      return {
        ...v,
        range,
        branches: {
          condition: shiftValue(v.branches.condition, from, delta),
          whenTrue: shiftValue(v.branches.whenTrue, from, delta),
          whenFalse: shiftValue(v.branches.whenFalse, from, delta),
        },
      };
    default:
      return { ...v, range };
  }
}
