import type { Resource } from '../model/document';
import { asList, asMap, getValue, type Value } from '../model/value';
import { CLOUDFORMATION_COMPANION_NAMING, TERRAFORM_COMPANION_NAMING, type CompanionNaming } from './companionNames';
import type { LinkedModel, Reference } from './linkedModel';

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;
const INTERPOLATION = /\$\{\s*([^}]+?)\s*\}/g;

/**
 * Links companions to their subject by name where no reference does:
 * through a local or variable that resolves to the subject, or through a
 * name both spell the same way — the same literal once parameters,
 * variables and locals are followed, or the same text where parts stay
 * unknown (`${AppName}-logs-${AWS::AccountId}` in both). A CloudFormation
 * bucket policy whose `Bucket` names no bucket of the template is linked
 * through the bucket ARNs of its statements.
 *
 * `linked(from)` lists the references `from` already has; a companion whose
 * naming setting already refers to a subject is left alone.
 */
export function linksByName(model: LinkedModel, linked: (from: Resource) => Reference[]): Reference[] {
  const namings = model.isCloudFormation ? CLOUDFORMATION_COMPANION_NAMING : TERRAFORM_COMPANION_NAMING;
  const found: Reference[] = [];
  for (const naming of namings) {
    const subjectTypes = new Set(naming.subjects.map((s) => s.type));
    let byName: Map<string, Resource[]> | undefined;
    for (const companion of model.resources) {
      if (!naming.companions.includes(companion.type)) continue;
      if (linked(companion).some((ref) => ref.property === naming.key && subjectTypes.has(ref.to.type))) continue;
      const entry = companion.body.entries.find((e) => e.key === naming.key);
      if (entry) {
        const resolved = model.resolve(entry.value);
        if (resolved.status === 'resource' && subjectTypes.has(resolved.resource.type)) {
          found.push({ from: companion, to: resolved.resource, attribute: resolved.attribute, property: naming.key, range: entry.value.range });
          continue;
        }
      }
      byName ??= subjectsByName(model, naming);
      const name = entry ? nameOf(model, entry.value) : undefined;
      const subjects = name === undefined ? [] : byName.get(name) ?? [];
      if (subjects.length) {
        for (const to of subjects) found.push({ from: companion, to, property: naming.key, range: entry?.value.range ?? companion.idRange, byName: name });
        continue;
      }
      if (!naming.arnsIn) continue;
      const document = companion.body.entries.find((e) => e.key === naming.arnsIn);
      for (const arn of document ? resourceArns(model, document.value) : []) {
        const named = arnName(arn.text, naming.arnService ?? '');
        for (const to of named === undefined ? [] : byName.get(named) ?? []) {
          if (!found.some((r) => r.from === companion && r.to === to)) found.push({ from: companion, to, property: naming.arnsIn, range: arn.value.range, byName: named });
        }
      }
    }
  }
  return found;
}

/** The naming setting of a companion type (`bucket` of `aws_s3_bucket_logging`), when the table has one. */
export function namingOf(companionType: string, cloudFormation: boolean): CompanionNaming | undefined {
  return (cloudFormation ? CLOUDFORMATION_COMPANION_NAMING : TERRAFORM_COMPANION_NAMING).find((n) => n.companions.includes(companionType));
}

/** Subjects of a naming by each name they carry. */
function subjectsByName(model: LinkedModel, naming: CompanionNaming): Map<string, Resource[]> {
  const index = new Map<string, Resource[]>();
  for (const subject of naming.subjects) {
    for (const resource of model.resources) {
      if (resource.type !== subject.type) continue;
      for (const key of subject.nameKeys) {
        const value = resource.body.entries.find((e) => e.key === key)?.value;
        const name = value ? nameOf(model, value) : undefined;
        if (name === undefined) continue;
        const list = index.get(name) ?? [];
        if (!list.includes(resource)) list.push(resource);
        index.set(name, list);
      }
    }
  }
  return index;
}

/**
 * The name a value spells: its literal when it resolves to one, otherwise
 * its text with every part that resolves filled in and the rest kept as
 * written (`${var.prefix}-logs`, `${AppName}-${AWS::Region}`). Undefined
 * for values that spell no name (maps, lists, conditions).
 */
export function nameOf(model: LinkedModel, value: Value, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const resolved = model.resolve(value);
  if (resolved.status === 'known') {
    const v = resolved.value;
    if (v.kind === 'string') return v.value;
    if (v.kind === 'number') return String(v.value);
    // A CloudFormation Sub or Join resolves to known only when every part does; otherwise the text is read below.
  }
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return String(value.value);
    case 'expression':
      if (value.expressionKind === 'reference') return `\${${value.text.trim()}}`;
      if (value.expressionKind === 'template') return terraformTemplate(model, value.text, depth);
      return undefined;
    case 'intrinsic':
      return cloudFormationName(model, value.name, value.argument, depth);
    default:
      return undefined;
  }
}

function terraformTemplate(model: LinkedModel, text: string, depth: number): string | undefined {
  const body = text.trim().replace(/^"|"$/g, '');
  if (/%\{/.test(body)) return undefined;
  return body.replace(INTERPOLATION, (whole, inner: string) => {
    if (!/^[A-Za-z_][\w.[\]"-]*$/.test(inner)) return whole;
    const r = model.resolve({ kind: 'expression', expressionKind: 'reference', text: inner, references: [inner], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number') && depth < 8) return String(r.value.value);
    return `\${${inner}}`;
  });
}

function cloudFormationName(model: LinkedModel, name: string, argument: Value, depth: number): string | undefined {
  switch (name) {
    case 'Ref':
      if (argument.kind !== 'string') return undefined;
      return refName(model, argument.value, depth);
    case 'Fn::Sub': {
      const list = asList(argument);
      const template = list ? list.items[0] : argument;
      const variables = list ? asMap(list.items[1]) : undefined;
      if (template?.kind !== 'string') return undefined;
      let failed = false;
      const text = template.value.replace(SUB_VARIABLE, (_whole, variable: string) => {
        const local = getValue(variables, variable);
        if (local) {
          const inner = nameOf(model, local, depth + 1);
          if (inner === undefined) failed = true;
          return inner ?? '';
        }
        return variable.includes('.') ? `\${${variable}}` : refName(model, variable, depth);
      });
      return failed ? undefined : text.replace(/\$\{!/g, '${');
    }
    case 'Fn::Join': {
      const [delimiter, items] = asList(argument)?.items ?? [];
      const parts = asList(items)?.items;
      if (delimiter?.kind !== 'string' || !parts) return undefined;
      const names = parts.map((p) => nameOf(model, p, depth + 1));
      return names.every((n) => n !== undefined) ? names.join(delimiter.value) : undefined;
    }
    default:
      return undefined;
  }
}

/** A Ref spelled as Sub would spell it: the parameter's literal when it has one, `${Name}` otherwise. */
function refName(model: LinkedModel, name: string, depth: number): string {
  const r = model.resolve({ kind: 'intrinsic', name: 'Ref', argument: { kind: 'string', value: name, range: ZERO }, shortForm: true, range: ZERO });
  if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number') && depth < 8) return String(r.value.value);
  return `\${${name}}`;
}

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Every `Resource` / `NotResource` of a policy document's statements, as the names they spell. */
function resourceArns(model: LinkedModel, document: Value): { text: string; value: Value }[] {
  const statements = getValue(asMap(document), 'Statement');
  const list = asList(statements)?.items ?? (statements ? [statements] : []);
  const out: { text: string; value: Value }[] = [];
  for (const statement of list) {
    const resource = getValue(asMap(statement), 'Resource');
    const values = asList(resource)?.items ?? (resource ? [resource] : []);
    for (const value of values) {
      const text = nameOf(model, value);
      if (text !== undefined) out.push({ text, value });
    }
  }
  return out;
}

/** `arn:aws:s3:::my-logs/*` → `my-logs`; any partition, written or `${AWS::Partition}`. */
function arnName(text: string, service: string): string | undefined {
  const arn = text.replace(/\$\{AWS::Partition\}/g, 'aws');
  const prefix = /^arn:(?:[^:]+):([^:]+):[^:]*:[^:]*:/.exec(arn);
  if (!prefix || prefix[1] !== service) return undefined;
  const rest = arn.slice(prefix[0].length);
  const name = rest.split('/')[0];
  return name && !name.includes('*') ? name : undefined;
}
