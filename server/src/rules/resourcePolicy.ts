import { heredocBody, jsonencodeArgument, jsonToValue, quotedBody } from '../parse/terraformText';
import type { NamedBlock, Resource } from '../model/document';
import type { Range } from '../model/range';
import { asMap, getEntry, type MapEntry, type MapValue, type Value } from '../model/value';
import type { RelatedLocation, RuleContext, Verdict } from './rule';
import { blocks, setting } from './ruleKit';

/* ======================================================================
 * Resource policies (SNS and SQS) and other JSON-shaped settings (ECS
 * container definitions), read for the rules of several services.
 *
 * Reading JSON-shaped settings. Policies (here and in sqs.ts) and ECS
 * container definitions (ecs.ts) live in a CloudFormation map or JSON
 * string, or in a Terraform jsonencode(), JSON string or heredoc. This is
 * a deliberately small reader: what it cannot read is "unknown", so rules
 * say cannot-tell instead of guessing.
 * ==================================================================== */

export type JsonReading =
  | { status: 'absent' }
  | { status: 'unknown'; reason: string }
  /**
   * `precise` is true when every range inside `value` points at its own
   * source text in the resource's document, so fixes may edit it; JSON
   * text parsed from a string only knows the range of the whole string.
   */
  | { status: 'read'; value: Value; precise: boolean };

/** Stands for an interpolation inside JSON text; JSON.parse accepts it inside strings. */
const HOLE = '\uE000';

export function readJsonSetting(ctx: RuleContext, value: Value | undefined, uri: string): JsonReading {
  if (!value) return { status: 'absent' };
  if (value.kind === 'expression') {
    const text = value.text.trim();
    if (value.expressionKind === 'function' && /^jsonencode\s*\(/.test(text)) {
      const argument = jsonencodeArgument(value, uri);
      if (!argument) return { status: 'unknown', reason: 'the jsonencode() argument could not be read' };
      if (argument.kind === 'map' || argument.kind === 'list') return { status: 'read', value: argument, precise: true };
      // jsonencode(local.x) and the like: follow the reference.
      const inner = readJsonSetting(ctx, argument, uri);
      if (inner.status === 'read' && inner.value.kind === 'string') return { status: 'unknown', reason: 'jsonencode() of a string is not a JSON object' };
      return inner.status === 'read' ? { ...inner, precise: false } : inner;
    }
    if (value.expressionKind === 'heredoc' || value.expressionKind === 'template') {
      const body = value.expressionKind === 'heredoc' ? heredocBody(value.text) : quotedBody(value.text);
      const holed = body === undefined ? undefined : fillInterpolations(body);
      if (holed !== undefined) return parseJsonText(holed, value.range);
      return { status: 'unknown', reason: 'the JSON text uses template directives SRM Lens does not evaluate' };
    }
  }
  const r = ctx.model.resolve(value);
  switch (r.status) {
    case 'absent':
      return { status: 'absent' };
    case 'resource':
      return { status: 'unknown', reason: `the value comes from ${r.resource.id}${r.attribute ? `.${r.attribute}` : ''}` };
    case 'unknown':
      return { status: 'unknown', reason: r.reason };
    case 'known':
      if (r.value.kind === 'string') return parseJsonText(r.value.value, value.range);
      if (r.value.kind === 'map' || r.value.kind === 'list') return { status: 'read', value: r.value, precise: r.value === value && !r.via };
      return { status: 'unknown', reason: 'the value is not a JSON document' };
  }
}

/**
 * Why JSON text did not parse: the interpolated values only when the text
 * parses once they are stood in for, otherwise the text itself (a trailing
 * comma is the usual culprit), which AWS would reject as well.
 */
export function invalidJsonReason(text: string, placeholders: string[], what: string): string {
  let standIn = text;
  for (const p of placeholders) standIn = standIn.split(p).join('0');
  try {
    JSON.parse(standIn);
    return `${what} interpolates values SRM Lens cannot evaluate`;
  } catch {
    const trailing = /,\s*[}\]]/.test(standIn.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
    return `${what} is not valid JSON${trailing ? ' (a trailing comma)' : ''}, so AWS would reject it`;
  }
}

function parseJsonText(text: string, range: Range): JsonReading {
  if (!text.trim()) return { status: 'absent' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { status: 'unknown', reason: invalidJsonReason(text, [HOLE], 'the JSON text') };
  }
  return { status: 'read', value: jsonToValue(data, range, [HOLE]), precise: false };
}






/** Replaces each `${...}` by HOLE; undefined for `%{...}` directives or an unbalanced interpolation. */
function fillInterpolations(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if ((c === '$' || c === '%') && body[i + 1] === c && body[i + 2] === '{') {
      out += `${c}{`;
      i += 2;
      continue;
    }
    if (c === '%' && body[i + 1] === '{') return undefined;
    if (c === '$' && body[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < body.length && depth > 0; j++) {
        if (body[j] === '{') depth++;
        else if (body[j] === '}') depth--;
      }
      if (depth > 0) return undefined;
      out += HOLE;
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** An entry whose key matches regardless of case: CloudFormation writes `Privileged`, the ECS JSON `privileged`. */
export function entryOf(map: MapValue | undefined, key: string): MapEntry | undefined {
  if (!map) return undefined;
  const wanted = key.toLowerCase();
  return map.entries.find((e) => e.key.toLowerCase() === wanted);
}


/* ======================================================================
 * Resource policies: does any statement let anyone in? A statement is
 * public when it allows Principal "*" (or {"AWS": "*"}) or uses
 * NotPrincipal, unless a condition pins the caller to fixed values.
 * ==================================================================== */

/** Condition keys that tie a wildcard principal to a known caller or network (after S3's and IAM Access Analyzer's definitions of "not public"). */
const NARROWING_KEYS = new Set(
  ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOwner', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceIp', 'aws:userid'].map((k) => k.toLowerCase()),
);

type Tri = boolean | undefined;

interface StatementFacts {
  effect: Value | undefined;
  principal: Value | undefined;
  notPrincipal: boolean;
  condition: Value | undefined;
  sid?: string;
}

function literal(ctx: RuleContext, v: Value | undefined): { kind: 'absent' } | { kind: 'unknown' } | { kind: 'known'; value: Value } {
  const r = ctx.model.resolve(v);
  if (r.status === 'absent') return { kind: 'absent' };
  if (r.status === 'known') return { kind: 'known', value: r.value };
  return { kind: 'unknown' };
}

/** Stands for a principal that is decided at deploy time but cannot be "*". */
const SPECIFIC = '\uE001specific';

/**
 * Principal names as far as they matter for "is it everyone": literal
 * strings as written, SPECIFIC for deploy-time values that cannot be "*"
 * (an ARN built with Fn::Sub or an HCL template, a resource attribute, a
 * pseudo parameter), undefined for values that could be anything.
 */
function principalName(ctx: RuleContext, v: Value): string | undefined {
  const r = ctx.model.resolve(v);
  if (r.status === 'known') return r.value.kind === 'string' ? r.value.value : undefined;
  if (r.status === 'resource') return SPECIFIC;
  if (v.kind === 'intrinsic') {
    if (v.name === 'Fn::GetAtt') return SPECIFIC;
    if (v.name === 'Ref' && v.argument.kind === 'string' && v.argument.value.startsWith('AWS::')) return SPECIFIC;
    if (v.name === 'Fn::Sub') {
      const template = v.argument.kind === 'string' ? v.argument.value : v.argument.kind === 'list' && v.argument.items[0]?.kind === 'string' ? v.argument.items[0].value : undefined;
      if (template !== undefined && template.replace(/\$\{[^}]*\}/g, '').trim() !== '') return SPECIFIC;
    }
  }
  if (v.kind === 'expression' && v.expressionKind === 'template' && v.text.replace(/\$\{[^}]*\}/g, '').replace(/"/g, '').trim() !== '') return SPECIFIC;
  return undefined;
}

function strings(ctx: RuleContext, v: Value | undefined): (string | undefined)[] | undefined {
  const r = literal(ctx, v);
  if (r.kind === 'absent') return [];
  if (r.kind === 'unknown') {
    const one = v ? principalName(ctx, v) : undefined;
    return one === undefined ? undefined : [one];
  }
  if (r.value.kind === 'string') return [r.value.value];
  if (r.value.kind === 'list') return r.value.items.map((item) => principalName(ctx, item));
  return undefined;
}

/**
 * "*", or an ARN whose account is "*" (`arn:aws:iam::*:role/sqs`): AWS does
 * not match part of a principal ARN, so such a principal means any account,
 * or the policy is rejected; either way nothing narrows it to the team.
 */
function isEveryone(name: string): boolean {
  const n = name.trim();
  return n === '*' || /^arn:aws[a-z-]*:(iam|sts)::\*:/.test(n);
}

/** true: the principal includes everyone; false: it names specific principals; undefined: cannot tell. */
function wildcardPrincipal(ctx: RuleContext, principal: Value | undefined): Tri {
  const r = literal(ctx, principal);
  if (r.kind === 'absent') return false;
  if (r.kind === 'unknown') return undefined;
  if (r.value.kind === 'string') return r.value.value.trim() === '*';
  if (r.value.kind !== 'map') return undefined;
  let unknown = false;
  for (const e of r.value.entries) {
    const names = strings(ctx, e.value);
    if (!names) {
      unknown = true;
      continue;
    }
    if (names.some((n) => n !== undefined && isEveryone(n))) return true;
    if (names.some((n) => n === undefined)) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Whether one condition operator narrows a wildcard: negated, IfExists, Null and ForAllValues operators do not. */
function narrowingOperator(op: string): boolean {
  const bare = op.replace(/^ForAnyValue:/i, '');
  return !/Not|^Null$|IfExists$|^ForAllValues:/i.test(bare);
}

/** Fixed values only: a literal with a wildcard does not pin anything; references to resources and parameters name one value. */
function fixedValues(ctx: RuleContext, values: Value | undefined): boolean {
  const r = literal(ctx, values);
  if (r.kind === 'absent') return false;
  if (r.kind === 'unknown') return true;
  const items = r.value.kind === 'list' ? r.value.items : [r.value];
  if (items.length === 0) return false;
  return items.every((item) => {
    const i = literal(ctx, item);
    if (i.kind !== 'known') return i.kind === 'unknown';
    if (i.value.kind === 'string') return i.value.value.trim() !== '' && !/[*?]/.test(i.value.value);
    return i.value.kind === 'number' || i.value.kind === 'bool';
  });
}

function narrowedByCondition(ctx: RuleContext, condition: Value | undefined): Tri {
  const r = literal(ctx, condition);
  if (r.kind === 'absent') return false;
  if (r.kind === 'unknown' || r.value.kind !== 'map') return undefined;
  for (const op of r.value.entries) {
    if (!narrowingOperator(op.key)) continue;
    const inner = literal(ctx, op.value);
    if (inner.kind !== 'known' || inner.value.kind !== 'map') continue;
    for (const e of inner.value.entries) if (NARROWING_KEYS.has(e.key.toLowerCase()) && fixedValues(ctx, e.value)) return true;
  }
  return false;
}

/** true when the statement lets anyone in; undefined when the template leaves it open. */
function statementIsPublic(ctx: RuleContext, s: StatementFacts): Tri {
  const effect = literal(ctx, s.effect);
  if (effect.kind === 'unknown' || (effect.kind === 'known' && effect.value.kind !== 'string')) return undefined;
  // Terraform's aws_iam_policy_document defaults effect to Allow; a JSON statement without Effect is invalid anyway.
  const allow = effect.kind === 'absent' || (effect.value.kind === 'string' && effect.value.value === 'Allow');
  if (!allow) return false;
  if (s.notPrincipal) return true;
  const wildcard = wildcardPrincipal(ctx, s.principal);
  if (wildcard !== true) return wildcard;
  const narrowed = narrowedByCondition(ctx, s.condition);
  return narrowed === undefined ? undefined : !narrowed;
}

function sidOf(ctx: RuleContext, map: MapValue): string | undefined {
  const r = literal(ctx, entryOf(map, 'Sid')?.value);
  return r.kind === 'known' && r.value.kind === 'string' && r.value.value ? r.value.value : undefined;
}

interface ReadStatement {
  facts: StatementFacts;
  range: Range;
  related?: RelatedLocation;
}

type StatementsReading = { status: 'absent' } | { status: 'unknown'; reason: string } | { status: 'read'; statements: ReadStatement[]; unreadable: string[] };

function statementsOfDocument(ctx: RuleContext, document: Value, precise: boolean, fallback: Range): StatementsReading {
  const doc = literal(ctx, document);
  if (doc.kind !== 'known' || doc.value.kind !== 'map') return { status: 'unknown', reason: 'the policy document is not a map SRM Lens can read' };
  const raw = entryOf(doc.value, 'Statement')?.value;
  const list = literal(ctx, raw);
  if (list.kind === 'absent') return { status: 'read', statements: [], unreadable: [] };
  if (list.kind === 'unknown') return { status: 'unknown', reason: 'the policy statements come from a value SRM Lens cannot evaluate' };
  const items = list.value.kind === 'list' ? list.value.items : [list.value];
  const statements: ReadStatement[] = [];
  const unreadable: string[] = [];
  items.forEach((item, i) => {
    const s = literal(ctx, item);
    if (s.kind !== 'known' || s.value.kind !== 'map') {
      unreadable.push(`statement ${i + 1}`);
      return;
    }
    const map = s.value;
    statements.push({
      facts: { effect: entryOf(map, 'Effect')?.value, principal: entryOf(map, 'Principal')?.value, notPrincipal: !!entryOf(map, 'NotPrincipal'), condition: entryOf(map, 'Condition')?.value, sid: sidOf(ctx, map) },
      range: precise ? map.range : fallback,
    });
  });
  return { status: 'read', statements, unreadable };
}

/** `data.aws_iam_policy_document.x.json`: statements are blocks with principals and condition blocks. */
function statementsOfDataSource(ctx: RuleContext, block: NamedBlock, attributeRange: Range): StatementsReading {
  const body = asMap(block.value);
  if (!body) return { status: 'unknown', reason: `${block.name} could not be read` };
  for (const key of ['override_policy_documents', 'source_policy_documents', 'override_json', 'source_json']) {
    if (getEntry(body, key)) return { status: 'unknown', reason: `${block.name} merges other documents (${key})` };
  }
  const statements: ReadStatement[] = [];
  const unreadable: string[] = [];
  for (const entry of body.entries) {
    if (entry.key !== 'statement') continue;
    const map = asMap(entry.value);
    if (!map || map.block === 'dynamic') {
      unreadable.push(`a dynamic statement in ${block.name}`);
      continue;
    }
    const principalMap = principalsOf(ctx, blocks(map, 'principals'));
    const conditions = blocks(map, 'condition');
    const conditionMap: MapValue = {
      kind: 'map',
      range: map.range,
      entries: conditions.map((c) => ({
        key: stringOf(ctx, getEntry(c, 'test')?.value) ?? 'Unknown',
        keyRange: c.range,
        value: { kind: 'map', range: c.range, entries: [{ key: stringOf(ctx, getEntry(c, 'variable')?.value) ?? '', keyRange: c.range, value: getEntry(c, 'values')?.value ?? { kind: 'null', range: c.range } }] } as MapValue,
      })),
    };
    statements.push({
      facts: {
        effect: getEntry(map, 'effect')?.value,
        principal: principalMap,
        notPrincipal: blocks(map, 'not_principals').length > 0,
        // A dynamic condition block may or may not pin the caller: leave the statement undecided rather than call it public.
        condition: conditions.some((c) => c.block === 'dynamic') ? { kind: 'unknown', text: 'dynamic "condition"', range: map.range } : conditions.length ? conditionMap : undefined,
        sid: stringOf(ctx, getEntry(map, 'sid')?.value),
      },
      range: attributeRange,
      related: { uri: block.uri, range: map.range, message: `the statement in ${block.name}` },
    });
  }
  return { status: 'read', statements, unreadable };
}

function stringOf(ctx: RuleContext, v: Value | undefined): string | undefined {
  const r = literal(ctx, v);
  return r.kind === 'known' && r.value.kind === 'string' ? r.value.value : undefined;
}

/** `principals { type = "AWS" identifiers = ["*"] }` blocks as a JSON-style Principal map; type "*" means everyone. */
function principalsOf(ctx: RuleContext, principals: MapValue[]): Value | undefined {
  if (principals.length === 0) return undefined;
  const entries: MapEntry[] = [];
  for (const p of principals) {
    const type = stringOf(ctx, getEntry(p, 'type')?.value);
    const identifiers = getEntry(p, 'identifiers')?.value;
    if (type === '*') return { kind: 'string', value: '*', range: p.range };
    entries.push({ key: type ?? 'Unknown', keyRange: p.range, value: identifiers ?? { kind: 'unknown', text: '', range: p.range } });
  }
  return { kind: 'map', entries, range: principals[0].range };
}

function readStatements(ctx: RuleContext, holder: Resource, key: string): StatementsReading {
  const found = setting(holder, [key]);
  if (!found.entry) return { status: 'absent' };
  const value = found.value as Value;
  if (value.kind === 'expression') {
    // `[0]` or `[each.key]` picks one instance of a repeated data source; every instance has the block's statements.
    const dataRef = /^(data\.aws_iam_policy_document\.[A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.(?:json|minified_json)$/.exec(value.text.trim());
    if (dataRef) {
      const block = ctx.model.block('data', dataRef[1]);
      return block ? statementsOfDataSource(ctx, block, value.range) : { status: 'unknown', reason: `${dataRef[1]} is not defined in this module` };
    }
  }
  const reading = readJsonSetting(ctx, value, holder.uri);
  if (reading.status !== 'read') return reading;
  return statementsOfDocument(ctx, reading.value, reading.precise, value.range);
}

/**
 * One verdict per public statement of the policy held in `key`; met when
 * none is public, cannot-tell when a statement cannot be judged.
 */
export function publicPolicyVerdicts(ctx: RuleContext, holder: Resource, key: string, what: string): Verdict[] {
  const found = setting(holder, [key]);
  const reading = readStatements(ctx, holder, key);
  if (reading.status === 'absent') return [{ status: 'not-applicable', reason: `no ${key}` }];
  if (reading.status === 'unknown') return [{ status: 'cannot-tell', reason: `${key}: ${reading.reason}`, range: found.range }];
  const verdicts: Verdict[] = [];
  const undecided: string[] = [...reading.unreadable];
  reading.statements.forEach((s, i) => {
    const label = s.facts.sid ? `Statement "${s.facts.sid}"` : `Statement ${i + 1}`;
    const pub = statementIsPublic(ctx, s.facts);
    if (pub === undefined) undecided.push(label.toLowerCase());
    else if (pub) {
      verdicts.push({
        status: 'gap',
        message: s.facts.notPrincipal
          ? `${label} of the ${what} policy allows everyone except the NotPrincipal list.`
          : `${label} of the ${what} policy allows any principal ("*", or an ARN with "*" for the account) and no condition pins the caller to a specific account, organization, source ARN or network.`,
        range: s.range,
        related: s.related ? [s.related] : [],
      });
    }
  });
  if (undecided.length) verdicts.push({ status: 'cannot-tell', reason: `cannot tell whether ${undecided.join(', ')} ${undecided.length === 1 ? 'is' : 'are'} public`, range: found.range });
  if (verdicts.length === 0) verdicts.push({ status: 'met', evidence: `no statement of the ${what} policy is open to everyone`, range: found.range });
  return verdicts;
}

/* ====================================================================== SNS */
