import { addTerraformResource, parentReference } from '../edit/terraformCompanion';
import type { HclBody } from '../edit/hclEdits';
import { yamlScalar, type PlainValue } from '../edit/plainValue';
import { setProperty } from '../edit/setProperty';
import { isCloudFormation, type Resource, type TemplateDocument } from '../model/document';
import type { Range } from '../model/range';
import { asList, asMap, getEntry, type MapEntry, type MapValue, type Value } from '../model/value';
import type { Fix, RelatedLocation, Rule, RuleContext, Verdict } from './rule';

/**
 * The vocabulary rules are written in, so each rule file reads as the
 * security statement it makes: which setting, what is secure, what the fix
 * writes. Rules never build LSP objects and never look at syntax details
 * beyond the model.
 */

/**
 * A rule over CloudFormation and Terraform types, with one check per syntax
 * family. A side whose findings can never carry a fix (the secure value
 * needs a decision only the team can make) says `fixable: false`.
 */
export interface RuleDefinition extends Omit<Rule, 'check' | 'appliesTo' | 'fixable'> {
  cloudformation?: RuleSide;
  terraform?: RuleSide;
}

interface RuleSide {
  types: string[];
  check: (resource: Resource, ctx: RuleContext) => Verdict[];
  fixable?: boolean;
}

export function defineRule(def: RuleDefinition): Rule {
  const { cloudformation, terraform, ...meta } = def;
  return {
    ...meta,
    appliesTo: { cloudformation: cloudformation?.types ?? [], terraform: terraform?.types ?? [] },
    fixable: { cloudformation: !!cloudformation && cloudformation.fixable !== false, terraform: !!terraform && terraform.fixable !== false },
    check(resource, ctx) {
      const side = isCloudFormation(resource.format) ? cloudformation : terraform;
      return side ? side.check(resource, ctx) : [];
    },
  };
}

/** Where a setting is: its entry when present, and the range a finding should point at either way. */
export interface Setting {
  entry?: MapEntry;
  value?: Value;
  /** The entry's key when present, otherwise the deepest existing ancestor's key, otherwise the resource's id. */
  range: Range;
}

/**
 * Reads a setting by path. Terraform nested blocks and `.tf.json` objects or
 * one-element lists of objects are all traversed alike.
 */
export function setting(resource: Resource, path: readonly string[]): Setting {
  let map: MapValue | undefined = resource.body;
  let range = resource.idRange;
  let entry: MapEntry | undefined;
  for (const key of path) {
    entry = map ? getEntry(map, key) : undefined;
    if (!entry) return { range };
    range = entry.keyRange;
    map = asMap(entry.value) ?? asMap(asList(entry.value)?.items.length === 1 ? asList(entry.value)?.items[0] : undefined);
  }
  return { entry, value: entry?.value, range };
}

/** Maps of every nested block (or list element) named `key`: all `ingress {}` blocks, all `SecurityGroupIngress` items. */
export function blocks(map: MapValue | undefined, key: string): MapValue[] {
  if (!map) return [];
  const out: MapValue[] = [];
  for (const e of map.entries) {
    if (e.key !== key) continue;
    if (e.value.kind === 'map') out.push(e.value);
    else if (e.value.kind === 'list') for (const item of e.value.items) if (item.kind === 'map') out.push(item);
  }
  return out;
}

export type Judgement =
  | { outcome: 'secure'; evidence?: string }
  | { outcome: 'insecure'; evidence?: string }
  | { outcome: 'absent' }
  | { outcome: 'unknown'; reason: string };

/**
 * Decides a value through parameters, variables and conditions. `isSecure`
 * sees only literal values and answers true, false, or undefined when it
 * cannot tell. A condition whose branches disagree is unknown, naming the
 * insecure branch, so the user learns when it would be a gap.
 */
export function judge(ctx: RuleContext, value: Value | undefined, isSecure: (literal: Value) => boolean | undefined, depth = 0): Judgement {
  const r = ctx.model.resolve(value);
  switch (r.status) {
    case 'absent':
      return { outcome: 'absent' };
    case 'resource':
      return { outcome: 'unknown', reason: `it refers to ${r.resource.id}` };
    case 'known': {
      const verdict = isSecure(r.value);
      if (verdict === undefined) return { outcome: 'unknown', reason: 'the value is not one SRM Lens can judge' };
      return { outcome: verdict ? 'secure' : 'insecure', evidence: r.via };
    }
    case 'unknown': {
      if (!r.branches || depth > 4) return { outcome: 'unknown', reason: r.reason };
      const results = r.branches.map((b) => ({ label: b.label, j: judge(ctx, b.value, isSecure, depth + 1) }));
      // Branches that all exist at once (for_each elements): one insecure element is a gap.
      const insecureElement = r.everyBranch ? results.find((x) => x.j.outcome === 'insecure') : undefined;
      if (insecureElement) return { outcome: 'insecure', evidence: `${insecureElement.label}${insecureElement.j.outcome === 'insecure' && insecureElement.j.evidence ? `, ${insecureElement.j.evidence}` : ''}` };
      if (results.every((x) => x.j.outcome === 'secure')) return { outcome: 'secure', evidence: `secure in every branch of ${r.reason.replace(/^depends on /, '')}` };
      if (results.every((x) => x.j.outcome === 'insecure')) return { outcome: 'insecure', evidence: `insecure in every branch of ${r.reason.replace(/^depends on /, '')}` };
      const insecure = results.filter((x) => x.j.outcome === 'insecure' || x.j.outcome === 'absent').map((x) => x.label);
      return { outcome: 'unknown', reason: insecure.length ? `${r.reason}; insecure ${insecure.join(' and ')}` : r.reason };
    }
  }
}

/** Literal tests used across rules. */
export const is = {
  true: (v: Value) => (v.kind === 'bool' ? v.value : v.kind === 'string' ? (v.yaml11Boolean ?? parseBool(v.value)) : undefined),
  false: (v: Value) => {
    const b = is.true(v);
    return b === undefined ? undefined : !b;
  },
  oneOf:
    (...allowed: string[]) =>
    (v: Value) =>
      v.kind === 'string' ? allowed.includes(v.value) : v.kind === 'number' ? allowed.includes(String(v.value)) : undefined,
  atLeast: (min: number) => (v: Value) => {
    const n = v.kind === 'number' ? v.value : v.kind === 'string' && /^\d+(\.\d+)?$/.test(v.value.trim()) ? Number(v.value) : undefined;
    return n === undefined ? undefined : n >= min;
  },
  nonEmpty: (v: Value) => (v.kind === 'string' ? v.value.trim().length > 0 : v.kind === 'null' ? false : true),
};

function parseBool(s: string): boolean | undefined {
  const lower = s.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/**
 * Where a value came from, in words, when it is not written at the use
 * site: a finding that relies on a parameter's default says so, in
 * CloudFormation as in Terraform.
 */
export function describeVia(via: string | undefined): string | undefined {
  if (!via) return undefined;
  const m = /^(parameter \S+|var\.\S+) default$/.exec(via);
  return m ? `from the default of ${m[1]}` : `from ${via}`;
}

/** The source of a setting's value as a parenthesised note (" (from the default of parameter X)"), or nothing when written in place. */
export function sourceNote(ctx: RuleContext, value: Value | undefined): string {
  if (!value) return '';
  const r = ctx.model.resolve(value);
  const words = r.status === 'known' || r.status === 'absent' ? describeVia(r.via) : undefined;
  return words ? ` (${words})` : '';
}

/** Adds a note before a message's final period. */
export function withNote(message: string, note: string | undefined): string {
  if (!note) return message;
  return message.endsWith('.') ? `${message.slice(0, -1)} (${note}).` : `${message} (${note})`;
}

export interface SettingSpec {
  path: readonly string[];
  isSecure: (literal: Value) => boolean | undefined;
  /** What it means when the setting is not written: a gap, fine, or an AWS default. */
  whenAbsent: 'gap' | 'met' | 'aws-default';
  gap: string;
  met: string;
  /** The value a fix writes at `path`, and the fix title. */
  fix?: { title: string; value: PlainValue };
}

/** The common shape: one setting that must hold a secure value. */
export function checkSetting(resource: Resource, ctx: RuleContext, spec: SettingSpec): Verdict[] {
  const found = setting(resource, spec.path);
  const fixes = () => (spec.fix ? fixSet(ctx, resource, spec.path, spec.fix.value, spec.fix.title) : []);
  const j = found.entry ? judge(ctx, found.value, spec.isSecure) : ({ outcome: 'absent' } as const);
  const r = found.entry ? ctx.model.resolve(found.value) : undefined;
  const via = r?.status === 'known' ? describeVia(r.via) : undefined;
  switch (j.outcome) {
    case 'secure':
      return [{ status: 'met', evidence: withNote(spec.met, via ?? j.evidence), range: found.range }];
    case 'insecure':
      return [{ status: 'gap', message: withNote(spec.gap, via ?? j.evidence), range: found.range, fixes: fixes() }];
    case 'unknown':
      return [{ status: 'cannot-tell', reason: `${spec.path.join('.')}: ${j.reason}`, range: found.range }];
    case 'absent':
      if (spec.whenAbsent === 'gap') return [{ status: 'gap', message: spec.gap, range: found.range, fixes: fixes() }];
      return [{ status: spec.whenAbsent, evidence: spec.met, ...(spec.whenAbsent === 'met' ? { range: found.range } : {}) }];
  }
}

export function documentOf(ctx: RuleContext, resource: Resource): TemplateDocument | undefined {
  return ctx.model.documents.find((d) => d.uri === resource.uri);
}

/** A fix that writes one setting; none when the syntax cannot take it safely. */
export function fixSet(ctx: RuleContext, resource: Resource, path: readonly string[], value: PlainValue, title: string): Fix[] {
  const source = fixSource(ctx, resource.body, path, value, title);
  if (source) return source;
  const doc = documentOf(ctx, resource);
  const edits = doc ? setProperty(doc, resource, path, value) : undefined;
  return edits ? [{ title, edits, preferred: true }] : [];
}

/**
 * Where a fix may write when the setting's value is not written in place.
 * A value that comes from a CloudFormation parameter or a Terraform
 * variable is the author's choice: the fix changes that input's default
 * (when its allowed values permit the secure one) and says so in its title,
 * never replaces the reference with a literal, which would leave the input
 * unused and the choice silently gone. Conditions, other intrinsics and
 * expressions get no fix. Undefined when every segment of `path` is written
 * in place, so the caller writes the setting itself.
 */
export function fixSource(ctx: RuleContext, body: MapValue, path: readonly string[], value: PlainValue, title: string): Fix[] | undefined {
  let map: MapValue | undefined = body;
  for (let i = 0; i < path.length && map; i++) {
    const entry = getEntry(map, path[i]);
    if (!entry) return undefined;
    const v = entry.value;
    const written = v.kind === 'map' || v.kind === 'list' || v.kind === 'string' || v.kind === 'number' || v.kind === 'bool' || v.kind === 'null';
    if (!written) return i === path.length - 1 ? fixAtInput(ctx, v, value, title) : [];
    map = asMap(v) ?? asMap(asList(v)?.items.length === 1 ? asList(v)?.items[0] : undefined);
  }
  return undefined;
}

const INPUT_DEFAULT = /^(?:parameter (.+)|var\.(.+)) default$/;

function fixAtInput(ctx: RuleContext, value: Value, secure: PlainValue, title: string): Fix[] {
  const r = ctx.model.resolve(value);
  if (r.status !== 'known' || !r.via || !r.sourceRange || !r.sourceUri) return [];
  const m = INPUT_DEFAULT.exec(r.via);
  if (!m || typeof secure === 'object' || !['string', 'number', 'bool'].includes(r.value.kind)) return [];
  const name = m[1] ?? m[2];
  const input = ctx.model.input(name);
  const doc = ctx.model.documents.find((d) => d.uri === r.sourceUri);
  if (!input || !doc) return [];
  const allowed = input.allowedValues?.map((a) => (a.kind === 'string' || a.kind === 'number' || a.kind === 'bool' ? String(a.value) : undefined));
  if (allowed && !allowed.includes(String(secure))) return [];
  // A parameter keeps its declared type: String parameters get a string default, as CloudFormation stores it.
  const text = doc.format === 'cloudformation-yaml' ? yamlScalar(input.type === 'Number' ? secure : String(secure)) : doc.format === 'cloudformation-json' ? JSON.stringify(input.type === 'Number' ? secure : String(secure)) : doc.format === 'terraform' ? JSON.stringify(secure) : undefined;
  if (text === undefined) return [];
  const where = input.kind === 'parameter' ? `the Default of parameter ${name}` : `the default of var.${name}`;
  // The default is shared: the title says when other settings read it too, since they change with it.
  const others = usesOf(ctx, input.kind, name) - 1;
  const shared = others > 0 ? ` (${others} other ${others === 1 ? 'setting reads' : 'settings read'} it too)` : '';
  return [{ title: `${title}, set through ${where}${shared}`, edits: [{ uri: doc.uri, range: r.sourceRange, newText: text }], preferred: true }];
}

/** How many places in the resources read a parameter (`Ref`, `${Name}` in Fn::Sub) or a variable (`var.name`). */
function usesOf(ctx: RuleContext, kind: 'parameter' | 'variable', name: string): number {
  let count = 0;
  const visit = (v: Value): void => {
    switch (v.kind) {
      case 'map':
        for (const e of v.entries) visit(e.value);
        return;
      case 'list':
        for (const item of v.items) visit(item);
        return;
      case 'intrinsic':
        if (kind === 'parameter' && v.name === 'Ref' && v.argument.kind === 'string' && v.argument.value === name) count++;
        else if (kind === 'parameter' && v.name === 'Fn::Sub') {
          const template = v.argument.kind === 'string' ? v.argument : v.argument.kind === 'list' ? v.argument.items[0] : undefined;
          if (template?.kind === 'string' && template.value.includes(`\${${name}}`)) count++;
          if (v.argument.kind === 'list') v.argument.items.slice(1).forEach(visit);
        } else visit(v.argument);
        return;
      case 'expression':
        if (kind === 'variable' && v.references.includes(`var.${name}`)) count++;
        return;
      default:
        return;
    }
  };
  for (const resource of ctx.model.resources) visit(resource.body);
  return count;
}

/** A new Terraform companion resource after its parent, referring to it the way the parent is repeated. */
export function fixCompanion(ctx: RuleContext, parent: Resource, type: string, parentAttribute: string, parentKey: string, body: HclBody, title: string): Fix[] {
  const doc = documentOf(ctx, parent);
  if (!doc || doc.format !== 'terraform') return [];
  // A resource of that address anywhere in the module (a sibling file too) would make Terraform refuse the duplicate.
  const local = parent.module?.localId ?? parent.id;
  if (ctx.model.resource(`${type}.${local.slice(local.indexOf('.') + 1)}`)) return [];
  const { reference, meta } = parentReference(parent, parentAttribute);
  return [{ title, edits: [addTerraformResource(doc, parent, type, { ...meta, [parentKey]: reference, ...body })], preferred: true }];
}

export function related(resource: Resource, message: string): RelatedLocation {
  return { uri: resource.uri, range: resource.idRange, message };
}

/**
 * checkSetting for settings that name something (a KMS key, a subnet, a
 * log destination): a reference to a resource of the template names it as
 * surely as a literal ARN, where checkSetting alone could only say
 * "cannot tell" about a value it cannot see.
 */
export function checkNamed(resource: Resource, ctx: RuleContext, spec: SettingSpec): Verdict[] {
  const found = setting(resource, spec.path);
  const r = found.entry ? ctx.model.resolve(found.value) : undefined;
  if (r?.status === 'resource') return [{ status: 'met', evidence: `${spec.met} (${r.resource.id})`, range: found.range }];
  return checkSetting(resource, ctx, spec);
}
