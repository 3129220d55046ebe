import { isCloudFormation, type NamedBlock, type Resource } from '../model/document';
import type { Range } from '../model/range';
import { asList, asMap, getEntry, getValue, type MapValue, type Value } from '../model/value';
import { heredocBody, jsonencodeArgument, jsonToValue, quotedBody } from '../parse/terraformText';
import type { RelatedLocation, RuleContext, Verdict } from './rule';
import { blocks, defineRule, setting } from './ruleKit';
import { invalidJsonReason } from './resourcePolicy';

/* ------------------------------------------------------------------------
 * Policy documents
 *
 * IAM, KMS and Lambda rules all ask questions of policy statements ("does any
 * Allow statement grant * on *?"). The reader below turns every way a
 * template can write a policy into one shape, and keeps three answers apart:
 * a value that is known, a value that is known *not* to be a wildcard but is
 * otherwise opaque (an ARN built from a resource reference), and a value that
 * cannot be known before deployment. Only the first two may produce findings.
 * ---------------------------------------------------------------------- */

/** Action, NotAction, Resource or NotResource of one statement. */
export interface PolicyField {
  present: boolean;
  /** Literal strings, as written. */
  values: string[];
  /** Some element is known not to be a bare wildcard, but its text is not known (an ARN from a reference). */
  opaque: boolean;
  /** Some element cannot be evaluated from the template (a parameter without default, a data source). */
  unknown: boolean;
  /** The key, for findings. */
  range?: Range;
}

export interface PolicyPrincipal {
  /** `*` for the bare `"Principal": "*"`, otherwise the map key: `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  type: string;
  id: string;
}

export interface PrincipalField {
  present: boolean;
  entries: PolicyPrincipal[];
  opaque: boolean;
  /** Principal types with a value that cannot be evaluated; `*` when even the type is unknown. */
  unknownTypes: string[];
  range?: Range;
}

export interface PolicyStatement {
  /** The statement (or, for policies written as JSON text, the whole text). */
  range: Range;
  /** Document of `range`: a data source may live in another file of the module. */
  uri: string;
  /** Set when the statement comes from a `data "aws_iam_policy_document"` block. */
  dataSource?: string;
  /** Set when the statement exists only in one branch of a condition: a problem in it is not certain. */
  when?: string;
  sid?: string;
  /** 1-based position in its document, for messages when there is no Sid. */
  index?: number;
  /** Undefined when the effect cannot be evaluated. */
  effect: 'Allow' | 'Deny' | undefined;
  action: PolicyField;
  notAction: PolicyField;
  resource: PolicyField;
  notResource: PolicyField;
  principal: PrincipalField;
  notPrincipal: PrincipalField;
  condition: 'none' | 'some' | 'unknown';
  /** Why AWS would reject the statement (no Effect, a Principal written as a list), when it would. */
  invalid?: string;
}

export interface PolicyDocument {
  statements: PolicyStatement[];
  /** Parts that could not be read (a statement from a variable, a dynamic block); each one forbids a "met". */
  unreadable: string[];
}

export type PolicyReading = { status: 'absent' } | { status: 'unknown'; reason: string } | { status: 'read'; document: PolicyDocument };

/** Stands for an interpolation inside policy text; a private-use character JSON.parse accepts inside strings. */
const HOLE = '\uE000';
/** Stands for an interpolated resource attribute: unknown text, but never a bare wildcard. */
const OPAQUE = '\uE001';
const MAX_NESTING = 6;
/** Per linked model: the same parsed value can be linked again with other files of its module. */
const readings = new WeakMap<object, WeakMap<Value, PolicyReading>>();

/**
 * Reads a policy document wherever a template keeps one: a CloudFormation
 * map, list or JSON string; a Terraform `jsonencode({...})`, JSON string,
 * heredoc or `data.aws_iam_policy_document.x.json`. Cached per value, as
 * several rules ask about the same document.
 */
export function readPolicy(ctx: RuleContext, value: Value | undefined, uri: string): PolicyReading {
  if (!value) return { status: 'absent' };
  let cache = readings.get(ctx.model);
  if (!cache) readings.set(ctx.model, (cache = new WeakMap()));
  const cached = cache.get(value);
  if (cached) return cached;
  let reading: PolicyReading;
  try {
    reading = ctx.model.isCloudFormation ? readCloudFormationPolicy(ctx, value, uri, 0) : readTerraformPolicy(ctx, value, uri, 0);
  } catch (error) {
    reading = { status: 'unknown', reason: `the policy could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  cache.set(value, reading);
  return reading;
}

function readCloudFormationPolicy(ctx: RuleContext, value: Value, uri: string, depth: number): PolicyReading {
  if (depth > MAX_NESTING) return { status: 'unknown', reason: 'conditions nest too deeply to follow' };
  const r = ctx.model.resolve(value);
  switch (r.status) {
    case 'absent':
      return { status: 'absent' };
    case 'resource':
      return { status: 'unknown', reason: `the policy comes from ${r.resource.id}` };
    case 'unknown':
      if (r.branches) return readBranches(r.branches, (v) => readCloudFormationPolicy(ctx, v, uri, depth + 1));
      return { status: 'unknown', reason: `the policy document ${r.reason}` };
    case 'known':
      if (r.value.kind === 'string') return readPolicyText(ctx, r.value.value, value.range, uri);
      if (r.value.kind === 'map') return { status: 'read', document: readDocumentMap(ctx, r.value, uri) };
      return { status: 'unknown', reason: 'the policy document is not a map' };
  }
}

function readTerraformPolicy(ctx: RuleContext, value: Value, uri: string, depth: number): PolicyReading {
  if (depth > MAX_NESTING) return { status: 'unknown', reason: 'policy documents nest too deeply to follow' };
  if (value.kind === 'expression') {
    const text = value.text.trim();
    const dataRef = /^(?:"\$\{\s*)?(data\.aws_iam_policy_document\.[A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.(?:json|minified_json)(?:\s*\}")?$/.exec(text);
    if (dataRef) {
      // `[0]` or `[each.key]` of a counted data source: every instance has the same body.
      const block = ctx.model.block('data', dataRef[1]);
      if (!block) return { status: 'unknown', reason: `${dataRef[1]} is not defined in this module` };
      return readPolicyDataSource(ctx, block, depth);
    }
    if (value.expressionKind === 'function' && /^jsonencode\s*\(/.test(text)) return readJsonencode(ctx, value, uri, depth);
    const whole = value.expressionKind === 'template' ? ctx.model.resolve(value) : undefined;
    if (whole?.status === 'known' && whole.value.kind === 'string') return readPolicyText(ctx, whole.value.value, value.range, uri);
    if (value.expressionKind === 'heredoc' || value.expressionKind === 'template') {
      // Interpolations the template alone cannot evaluate: read the text around them.
      const body = value.expressionKind === 'heredoc' ? heredocBody(value.text) : quotedBody(value.text);
      if (body !== undefined) {
        const holed = fillInterpolations(ctx, body);
        if (holed !== undefined) return readPolicyText(ctx, holed, value.range, uri);
      }
    }
  }
  const r = ctx.model.resolve(value);
  switch (r.status) {
    case 'absent':
      return { status: 'absent' };
    case 'resource':
      return { status: 'unknown', reason: `the policy comes from ${r.resource.id}${r.attribute ? `.${r.attribute}` : ''}` };
    case 'unknown':
      if (r.branches) return readBranches(r.branches, (v) => readTerraformPolicy(ctx, v, uri, depth + 1));
      return { status: 'unknown', reason: r.reason };
    case 'known':
      if (r.value.kind === 'string') return readPolicyText(ctx, r.value.value, value.range, uri);
      // Reached through jsonencode(local.policy): the object itself.
      if (r.value.kind === 'map') return { status: 'read', document: readDocumentMap(ctx, r.value, uri) };
      return { status: 'unknown', reason: 'the policy is not a JSON document' };
  }
}

/**
 * A policy chosen by a condition: the statements of every branch, each
 * marked with its branch, since a problem in one branch is not certain.
 */
function readBranches(branches: { label: string; value: Value }[], read: (v: Value) => PolicyReading): PolicyReading {
  const document: PolicyDocument = { statements: [], unreadable: [] };
  let present = false;
  for (const branch of branches) {
    const inner = read(branch.value);
    if (inner.status === 'absent') continue;
    present = true;
    if (inner.status === 'unknown') {
      document.unreadable.push(`${branch.label}: ${inner.reason}`);
      continue;
    }
    document.statements.push(...inner.document.statements.map((st) => ({ ...st, when: st.when ?? branch.label })));
    document.unreadable.push(...inner.document.unreadable.map((u) => `${branch.label}: ${u}`));
  }
  return present ? { status: 'read', document } : { status: 'absent' };
}

/** JSON policy text; interpolated parts arrive as HOLE characters inside strings. */
function readPolicyText(ctx: RuleContext, text: string, range: Range, uri: string): PolicyReading {
  if (!text.trim()) return { status: 'absent' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { status: 'unknown', reason: invalidJsonReason(text, [HOLE, OPAQUE], 'the policy text') };
  }
  const value = jsonToValue(data, range, [HOLE, OPAQUE]);
  if (value.kind !== 'map') return { status: 'unknown', reason: 'the policy text is not a JSON object' };
  return { status: 'read', document: readDocumentMap(ctx, value, uri) };
}


/**
 * `jsonencode({...})`: the argument is HCL object syntax. Rather than
 * translate it by pattern, it is parsed again by the Terraform parser as a
 * local value, and every range is moved back to where the argument sits.
 */
function readJsonencode(ctx: RuleContext, value: Extract<Value, { kind: 'expression' }>, uri: string, depth: number): PolicyReading {
  const moved = jsonencodeArgument(value, uri);
  if (!moved) return { status: 'unknown', reason: 'the jsonencode() argument could not be read' };
  if (moved.kind === 'map') return { status: 'read', document: readDocumentMap(ctx, moved, uri) };
  return readTerraformPolicy(ctx, moved, uri, depth + 1);
}




/**
 * Replaces each `${...}`: by its value when the template alone knows it, by
 * OPAQUE when it is an attribute of a resource (an ARN or id, never a bare
 * wildcard), by HOLE otherwise. Undefined when a template directive or an
 * unbalanced interpolation makes the text unreadable.
 */
function fillInterpolations(ctx: RuleContext, body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if ((c === '$' || c === '%') && body[i + 1] === c && body[i + 2] === '{') {
      out += `${c}{`; // `$${` and `%%{` are escapes for literal text
      i += 2;
      continue;
    }
    if (c === '%' && body[i + 1] === '{') return undefined;
    if (c === '$' && body[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      let quoted = false;
      for (; j < body.length && depth > 0; j++) {
        const d = body[j];
        if (quoted) {
          if (d === '\\') j++;
          else if (d === '"') quoted = false;
        } else if (d === '"') quoted = true;
        else if (d === '{') depth++;
        else if (d === '}') depth--;
      }
      if (depth !== 0) return undefined;
      out += interpolated(ctx, body.slice(i + 2, j - 1).trim());
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * Data sources whose attributes are identifiers of existing things (an
 * account id, a partition, an ARN): unknown before plan, but never a bare
 * wildcard.
 */
const IDENTIFIER_DATA_SOURCES = /^data\.(aws_caller_identity|aws_partition|aws_region|aws_iam_role|aws_iam_user|aws_iam_session_context|aws_organizations_organization|aws_kms_key|aws_kms_alias|aws_s3_bucket|aws_sns_topic|aws_sqs_queue|aws_lambda_function)\.[A-Za-z_][\w-]*(\[[^\]]*\])?\.[A-Za-z_]\w*$/;

function interpolated(ctx: RuleContext, inner: string): string {
  if (IDENTIFIER_DATA_SOURCES.test(inner)) return OPAQUE;
  if (!/^[A-Za-z_][\w.[\]"-]*$/.test(inner)) return HOLE;
  const r = ctx.model.resolve({ kind: 'expression', expressionKind: 'reference', text: inner, references: [inner], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  if (r.status === 'resource') return OPAQUE;
  // Written inside a JSON string, so escaped as JSON string content.
  if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number' || r.value.kind === 'bool')) return JSON.stringify(String(r.value.value)).slice(1, -1);
  return HOLE;
}

function readDocumentMap(ctx: RuleContext, doc: MapValue, uri: string): PolicyDocument {
  const document: PolicyDocument = { statements: [], unreadable: [] };
  const statementEntry = getEntry(doc, 'Statement');
  if (!statementEntry) return document;
  const r = ctx.model.resolve(statementEntry.value);
  if (r.status === 'absent') return document;
  if (r.status === 'unknown' && r.branches) {
    // `Statement: !If [...]`: each branch is a statement list (or one statement).
    const chosen = readBranches(r.branches, (v) => ({ status: 'read', document: readDocumentMap(ctx, { kind: 'map', entries: [{ key: 'Statement', keyRange: v.range, value: v }], range: v.range }, uri) }));
    return chosen.status === 'read' ? chosen.document : document;
  }
  if (r.status !== 'known') {
    document.unreadable.push(r.status === 'unknown' ? `Statement ${r.reason}` : `Statement comes from ${r.resource.id}`);
    return document;
  }
  const items = r.value.kind === 'list' ? r.value.items : [r.value];
  items.forEach((item, index) => {
    const ri = ctx.model.resolve(item);
    if (ri.status === 'absent') return;
    if (ri.status === 'known' && ri.value.kind === 'map') {
      document.statements.push({ ...readStatementMap(ctx, ri.value, uri), index: index + 1 });
    } else if (ri.status === 'unknown' && ri.branches) {
      const chosen = readBranches(ri.branches, (v) => {
        const rv = ctx.model.resolve(v);
        if (rv.status === 'absent') return { status: 'absent' };
        return rv.status === 'known' && rv.value.kind === 'map' ? { status: 'read', document: { statements: [readStatementMap(ctx, rv.value, uri)], unreadable: [] } } : { status: 'unknown', reason: 'not a statement SRM Lens can read' };
      });
      if (chosen.status === 'read') {
        document.statements.push(...chosen.document.statements);
        document.unreadable.push(...chosen.document.unreadable.map((u) => `statement ${index + 1} ${u}`));
      }
    } else {
      document.unreadable.push(`statement ${index + 1} ${ri.status === 'unknown' ? ri.reason : 'is not a map SRM Lens can read'}`);
    }
  });
  return document;
}

/** Grammar errors AWS rejects a policy for, so a statement SRM Lens cannot judge says why instead of blaming the template's values. */
function invalidStatement(ctx: RuleContext, map: MapValue): string | undefined {
  if (!getEntry(map, 'Effect')) return 'has no Effect, which every policy statement needs; AWS rejects the policy';
  for (const key of ['Principal', 'NotPrincipal']) {
    const r = ctx.model.resolve(getValue(map, key));
    if (r.status === 'known' && r.value.kind === 'list') return `writes ${key} as a list, but a ${key} must be "*" or a map such as {"AWS": [...]}; AWS rejects the policy`;
  }
  return undefined;
}

function readStatementMap(ctx: RuleContext, map: MapValue, uri: string): PolicyStatement {
  const effect = scalarOf(ctx, getValue(map, 'Effect'));
  const sid = scalarOf(ctx, getValue(map, 'Sid'));
  const invalid = invalidStatement(ctx, map);
  return {
    ...(invalid ? { invalid } : {}),
    range: map.range,
    uri,
    sid,
    effect: effect === 'Allow' || effect === 'Deny' ? effect : undefined,
    action: readField(ctx, map, 'Action'),
    notAction: readField(ctx, map, 'NotAction'),
    resource: readField(ctx, map, 'Resource'),
    notResource: readField(ctx, map, 'NotResource'),
    principal: readPrincipal(ctx, map, 'Principal'),
    notPrincipal: readPrincipal(ctx, map, 'NotPrincipal'),
    condition: readCondition(ctx, getValue(map, 'Condition')),
  };
}

function emptyField(): PolicyField {
  return { present: false, values: [], opaque: false, unknown: false };
}

function readField(ctx: RuleContext, map: MapValue, key: string): PolicyField {
  const entry = getEntry(map, key);
  const field = emptyField();
  if (!entry) return field;
  field.present = true;
  field.range = entry.keyRange;
  addStrings(ctx, entry.value, field);
  return field;
}

/** Adds the strings of a value (a string or a list of strings) to a field. */
function addStrings(ctx: RuleContext, value: Value, field: { values: string[]; opaque: boolean; unknown: boolean }): void {
  const shape = stringShape(ctx, value);
  if (shape === 'list') {
    const r = ctx.model.resolve(value);
    const items = r.status === 'known' && r.value.kind === 'list' ? r.value.items : [];
    for (const item of items) {
      const s = stringShape(ctx, item);
      if (typeof s === 'object') field.values.push(s.text);
      else if (s === 'opaque') field.opaque = true;
      else if (s !== 'absent') field.unknown = true;
    }
    return;
  }
  if (typeof shape === 'object') field.values.push(shape.text);
  else if (shape === 'opaque') field.opaque = true;
  else if (shape !== 'absent') field.unknown = true;
}

/**
 * What one policy string is: known text, a list (to be walked), opaque (a
 * reference or template with literal text around it, so never a bare `*`),
 * absent, or unknown.
 */
function stringShape(ctx: RuleContext, value: Value): { text: string } | 'list' | 'opaque' | 'absent' | 'unknown' {
  if (value.kind === 'unknown') return holedShape(value.text) ?? 'unknown';
  if (value.kind === 'expression' && IDENTIFIER_DATA_SOURCES.test(value.text.trim())) return 'opaque';
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return 'absent';
  if (r.status === 'resource') return 'opaque';
  if (r.status === 'known') {
    const v = r.value;
    if (v.kind === 'string') return { text: v.value };
    if (v.kind === 'number' || v.kind === 'bool') return { text: String(v.value) };
    if (v.kind === 'list') return 'list';
    return 'unknown';
  }
  // Pseudo parameters such as AWS::AccountId are never wildcards.
  if (value.kind === 'intrinsic' && value.name === 'Ref' && value.argument.kind === 'string' && /^AWS::(AccountId|Region|Partition|URLSuffix|StackName|StackId)$/.test(value.argument.value)) return 'opaque';
  if (value.kind === 'intrinsic' && value.name === 'Fn::Sub') {
    const template = value.argument.kind === 'list' ? value.argument.items[0] : value.argument;
    if (template?.kind === 'string') return literalAround(template.value.replace(/\$\{[^}]*\}/g, ''));
  }
  if (value.kind === 'expression' && value.expressionKind === 'template') {
    const body = quotedBody(value.text);
    const holed = body === undefined ? undefined : fillInterpolations(ctx, body);
    if (holed !== undefined) return holedShape(holed) ?? { text: holed };
  }
  return 'unknown';
}

/** Text with interpolations marked: undefined when it has none. */
function holedShape(text: string): 'opaque' | 'unknown' | undefined {
  if (text.includes(OPAQUE)) return 'opaque';
  if (text.includes(HOLE)) return literalAround(text.split(HOLE).join(''));
  return undefined;
}

/** Literal text around interpolations: anything but stars means the whole cannot be a wildcard. */
function literalAround(literal: string): 'opaque' | 'unknown' {
  return /[^*]/.test(literal) ? 'opaque' : 'unknown';
}

function readPrincipal(ctx: RuleContext, map: MapValue, key: string): PrincipalField {
  const entry = getEntry(map, key);
  const field: PrincipalField = { present: false, entries: [], opaque: false, unknownTypes: [] };
  if (!entry) return field;
  field.present = true;
  field.range = entry.keyRange;
  const r = ctx.model.resolve(entry.value);
  if (r.status === 'known' && r.value.kind === 'string') {
    field.entries.push({ type: r.value.value === '*' ? '*' : 'AWS', id: r.value.value });
  } else if (r.status === 'known' && r.value.kind === 'map') {
    for (const e of r.value.entries) {
      const ids: PolicyField = emptyField();
      addStrings(ctx, e.value, ids);
      for (const id of ids.values) field.entries.push({ type: e.key, id });
      field.opaque ||= ids.opaque;
      if (ids.unknown) field.unknownTypes.push(e.key);
    }
  } else if (r.status !== 'absent') {
    field.unknownTypes.push('*');
  }
  return field;
}

function readCondition(ctx: RuleContext, value: Value | undefined): PolicyStatement['condition'] {
  if (!value) return 'none';
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return 'none';
  if (r.status === 'known' && r.value.kind === 'map') return r.value.entries.length ? 'some' : 'none';
  return 'unknown';
}

function scalarOf(ctx: RuleContext, value: Value | undefined): string | undefined {
  const r = ctx.model.resolve(value);
  if (r.status !== 'known') return undefined;
  return r.value.kind === 'string' ? r.value.value : undefined;
}

/** `data "aws_iam_policy_document"`: statement blocks, plus source documents merged in. */
function readPolicyDataSource(ctx: RuleContext, block: NamedBlock, depth: number): PolicyReading {
  const body = asMap(block.value);
  if (!body) return { status: 'unknown', reason: `${block.name} could not be read` };
  for (const key of ['override_policy_documents', 'override_json']) {
    // Overrides replace statements by Sid after merging: what survives depends on documents outside this block.
    if (getEntry(body, key)) return { status: 'unknown', reason: `${block.name} uses ${key}, which may replace its statements` };
  }
  const document: PolicyDocument = { statements: [], unreadable: [] };
  for (const entry of body.entries) {
    if (entry.key !== 'statement') continue;
    const map = asMap(entry.value);
    // A dynamic block's content is a statement that exists zero or more times, usually built from the iterator.
    const content = map?.block === 'dynamic' ? asMap(getValue(map, 'content')) : map;
    if (!content) {
      document.unreadable.push(`${block.name} has a statement SRM Lens cannot read`);
      continue;
    }
    const statement = { ...readDataStatement(ctx, content, block), index: document.statements.length + 1 };
    document.statements.push(map?.block === 'dynamic' ? { ...statement, when: 'in a dynamic block' } : statement);
  }
  for (const key of ['source_policy_documents', 'source_json']) {
    const source = getValue(body, key);
    if (!source) continue;
    const r = ctx.model.resolve(source);
    const items = r.status === 'known' && r.value.kind === 'list' ? r.value.items : key === 'source_json' ? [source] : undefined;
    if (!items) {
      document.unreadable.push(`${block.name} ${key} cannot be evaluated`);
      continue;
    }
    for (const item of items) {
      const inner = readTerraformPolicy(ctx, item, block.uri, depth + 1);
      if (inner.status === 'read') {
        document.statements.push(...inner.document.statements);
        document.unreadable.push(...inner.document.unreadable);
      } else if (inner.status === 'unknown') {
        document.unreadable.push(`${block.name} ${key}: ${inner.reason}`);
      }
    }
  }
  return { status: 'read', document };
}

function readDataStatement(ctx: RuleContext, map: MapValue, block: NamedBlock): PolicyStatement {
  const effectEntry = getEntry(map, 'effect');
  const effect = effectEntry ? scalarOf(ctx, effectEntry.value) : 'Allow'; // the data source defaults to Allow
  const field = (key: string): PolicyField => readField(ctx, map, key);
  return {
    range: map.range,
    uri: block.uri,
    dataSource: block.name,
    sid: scalarOf(ctx, getValue(map, 'sid')),
    effect: effect === 'Allow' || effect === 'Deny' ? effect : undefined,
    action: field('actions'),
    notAction: field('not_actions'),
    resource: field('resources'),
    notResource: field('not_resources'),
    principal: dataPrincipals(ctx, map, 'principals'),
    notPrincipal: dataPrincipals(ctx, map, 'not_principals'),
    condition: map.entries.some((e) => e.key === 'condition') ? (map.entries.some((e) => e.key === 'condition' && asMap(e.value)?.block === 'dynamic') ? 'unknown' : 'some') : 'none',
  };
}

function dataPrincipals(ctx: RuleContext, map: MapValue, key: string): PrincipalField {
  const field: PrincipalField = { present: false, entries: [], opaque: false, unknownTypes: [] };
  for (const entry of map.entries) {
    if (entry.key !== key) continue;
    field.present = true;
    field.range ??= entry.keyRange;
    const block = asMap(entry.value);
    const dynamic = block?.block === 'dynamic';
    const principal = dynamic ? asMap(getValue(block, 'content')) : block;
    if (!principal) {
      field.unknownTypes.push('*');
      continue;
    }
    const type = scalarOf(ctx, getValue(principal, 'type'));
    const ids = emptyField();
    const identifiers = getValue(principal, 'identifiers');
    if (identifiers) addStrings(ctx, identifiers, ids);
    if (type === undefined) field.unknownTypes.push('*');
    // Principals of a dynamic block may or may not exist: known ones are kept only as "possibly present".
    else if (dynamic) for (const id of ids.values) field.unknownTypes.push(id === '*' ? type : `${type} (possibly present)`);
    else for (const id of ids.values) field.entries.push({ type, id });
    field.opaque ||= ids.opaque;
    if (ids.unknown && type !== undefined) field.unknownTypes.push(type);
  }
  return field;
}

/* ------------------------------------------------------------------------
 * Questions asked of statements, with three answers: true, false, or
 * undefined when the template alone cannot tell.
 * ---------------------------------------------------------------------- */

export type Tri = boolean | undefined;

export function and(...parts: Tri[]): Tri {
  if (parts.some((p) => p === false)) return false;
  return parts.every((p) => p === true) ? true : undefined;
}

export function or(...parts: Tri[]): Tri {
  if (parts.some((p) => p === true)) return true;
  return parts.every((p) => p === false) ? false : undefined;
}

export function isAllow(s: PolicyStatement): Tri {
  return s.effect === undefined ? undefined : s.effect === 'Allow';
}

/** Whether a field holds one of `texts` exactly (case-insensitively, as IAM compares actions). */
export function holdsExactly(field: PolicyField, ...texts: string[]): Tri {
  const wanted = texts.map((t) => t.toLowerCase());
  if (field.values.some((v) => wanted.includes(v.toLowerCase()))) return true;
  return field.unknown ? undefined : false;
}

/** IAM action patterns: `*` and `?` wildcards, case-insensitive. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(action);
}

/** Whether a statement's Action (or the complement of its NotAction) covers `action`. */
export function coversAction(s: PolicyStatement, action: string): Tri {
  if (s.action.present) {
    if (s.action.values.some((p) => actionPatternMatches(p, action))) return true;
    return s.action.unknown || s.action.opaque ? undefined : false;
  }
  if (s.notAction.present) {
    if (s.notAction.values.some((p) => actionPatternMatches(p, action))) return false;
    return s.notAction.unknown || s.notAction.opaque ? undefined : true;
  }
  return false;
}

/** Resource "*": every resource of every service. */
export function onEveryResource(s: PolicyStatement): Tri {
  return s.resource.present ? holdsExactly(s.resource, '*') : false;
}

/** Statement grants every action on every resource (IAM.1's definition of full admin). */
export function isFullAdmin(s: PolicyStatement): Tri {
  return and(isAllow(s), s.action.present ? holdsExactly(s.action, '*', '*:*') : false, onEveryResource(s));
}

/** Principal `*` or `{"AWS": "*"}` (or an Allow with NotPrincipal, which is everyone but a few). */
export function namesEveryone(s: PolicyStatement): Tri {
  if (s.notPrincipal.present) return true;
  if (!s.principal.present) return false;
  if (s.principal.entries.some((p) => p.id === '*' && (p.type === '*' || p.type === 'AWS'))) return true;
  // An unevaluated Service or Federated principal is still a service or an identity provider, never everyone.
  return s.principal.unknownTypes.some((t) => t === '*' || t === 'AWS') ? undefined : false;
}

/** An Allow that lets anyone in without a Condition narrowing who (account, organization, source). */
export function allowsEveryoneUnconditionally(s: PolicyStatement): Tri {
  const conditionFree: Tri = s.condition === 'none' ? true : s.condition === 'some' ? false : undefined;
  return and(isAllow(s), namesEveryone(s), conditionFree);
}

/* ------------------------------------------------------------------------
 * From a resource to its policy documents, and from statements to verdicts.
 * ---------------------------------------------------------------------- */

export interface PolicySource {
  /** How the user finds it: `PolicyDocument`, `Policies[2] (read-logs)`, `assume_role_policy`. */
  label: string;
  value: Value | undefined;
  /** Where findings point when the statements live outside this resource's text. */
  anchor: Range;
  /** Set when the source itself cannot be located (a Policies list from a parameter). */
  unreadable?: string;
  /** Set when the document exists only in one branch of a condition. */
  when?: string;
}

export interface StatementCheck {
  /** Does this statement have the problem? */
  test: (s: PolicyStatement) => Tri;
  /** Statements another rule already reports (full admin), left out so one statement is not flagged three times. */
  skip?: (s: PolicyStatement) => Tri;
  gap: (s: PolicyStatement, source: PolicySource) => string;
  met: string;
  /** Verdict when the resource carries no policy at all. */
  whenNone?: Verdict;
}

/** One gap per offending statement; cannot-tell when anything unread could hide one; met otherwise. */
export function checkStatements(ctx: RuleContext, resource: Resource, sources: PolicySource[], check: StatementCheck): Verdict[] {
  const gaps: Verdict[] = [];
  const unsure: string[] = [];
  let read = 0;
  for (const source of sources) {
    if (source.unreadable) {
      unsure.push(`${source.label}: ${source.unreadable}`);
      continue;
    }
    const reading = readPolicy(ctx, source.value, resource.uri);
    if (reading.status === 'absent') continue;
    if (reading.status === 'unknown') {
      unsure.push(`${source.label}: ${reading.reason}`);
      continue;
    }
    read++;
    unsure.push(...reading.document.unreadable.map((u) => `${source.label}: ${u}`));
    for (const s of reading.document.statements) {
      if (check.skip && check.skip(s) === true) continue;
      const verdict = check.test(s);
      const when = s.when ?? source.when;
      if (verdict === true && when) unsure.push(`${check.gap(s, source).replace(/\.$/, '')}, ${when}`);
      else if (verdict === true) gaps.push(statementGap(resource, source, s, check.gap(s, source)));
      else if (verdict === undefined) unsure.push(`${source.label}: ${describeStatement(s)} ${s.invalid ?? 'cannot be evaluated from the template'}`);
    }
  }
  const reason = [...new Set(unsure)].join('; ');
  if (gaps.length) return unsure.length ? [...gaps, { status: 'cannot-tell', reason }] : gaps;
  if (unsure.length) return [{ status: 'cannot-tell', reason, range: sources[0]?.anchor }];
  if (read === 0 && check.whenNone) return [check.whenNone];
  return [{ status: 'met', evidence: check.met, range: sources[0]?.anchor }];
}

function statementGap(resource: Resource, source: PolicySource, s: PolicyStatement, message: string): Verdict {
  const here = s.uri === resource.uri && !s.dataSource;
  const range = here ? (s.action.range ?? s.notAction.range ?? s.principal.range ?? s.range) : source.anchor;
  const related: RelatedLocation[] = here ? [] : [{ uri: s.uri, range: s.range, message: `the statement in ${s.dataSource ?? 'the policy'}` }];
  return { status: 'gap', message, range, related };
}

export function describeStatement(s: PolicyStatement): string {
  if (s.sid) return `statement "${s.sid}"`;
  return s.index ? `statement ${s.index}` : 'a statement';
}

const INLINE_HOLDERS_CFN = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
const SINGLE_DOCUMENT_CFN = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy'];
const SAM_FUNCTION = 'AWS::Serverless::Function';
const IDENTITY_CFN = [...SINGLE_DOCUMENT_CFN, ...INLINE_HOLDERS_CFN, SAM_FUNCTION];
const SINGLE_DOCUMENT_TF = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
const IDENTITY_TF = [...SINGLE_DOCUMENT_TF, 'aws_iam_role'];

/** Identity-based policy documents a resource carries (not trust policies). */
export function identityPolicies(ctx: RuleContext, resource: Resource): PolicySource[] {
  if (isCloudFormation(resource.format)) {
    if (SINGLE_DOCUMENT_CFN.includes(resource.type)) {
      const doc = setting(resource, ['PolicyDocument']);
      return [{ label: 'PolicyDocument', value: doc.value, anchor: doc.range }];
    }
    if (resource.type === SAM_FUNCTION) return samPolicyDocuments(ctx, resource);
    const policies = setting(resource, ['Policies']);
    if (!policies.entry) return [];
    const r = ctx.model.resolve(policies.value);
    if (r.status === 'absent') return [];
    if (r.status === 'unknown' && r.branches) {
      return r.branches.flatMap((branch): PolicySource[] => {
        const rb = ctx.model.resolve(branch.value);
        if (rb.status === 'absent') return [];
        if (rb.status !== 'known' || rb.value.kind !== 'list') return [{ label: 'Policies', value: undefined, anchor: policies.range, unreadable: `${branch.label}: not a list SRM Lens can read` }];
        return inlinePolicies(ctx, rb.value.items).map((source) => ({ ...source, when: source.when ?? branch.label }));
      });
    }
    if (r.status !== 'known' || r.value.kind !== 'list') {
      return [{ label: 'Policies', value: undefined, anchor: policies.range, unreadable: r.status === 'unknown' ? r.reason : 'is not a list' }];
    }
    return inlinePolicies(ctx, r.value.items);
  }
  if (SINGLE_DOCUMENT_TF.includes(resource.type)) {
    const policy = setting(resource, ['policy']);
    return [{ label: 'policy', value: policy.value, anchor: policy.range }];
  }
  if (resource.type === 'aws_iam_role') {
    return blocks(resource.body, 'inline_policy').map((block, i) => {
      const policy = getEntry(block, 'policy');
      const name = scalarOf(ctx, getValue(block, 'name'));
      return { label: `inline_policy ${name ?? i + 1}`, value: policy?.value, anchor: policy?.keyRange ?? block.range, ...(block.block === 'dynamic' ? { unreadable: 'is a dynamic block' } : {}) };
    });
  }
  return [];
}

/**
 * SAM `Policies`: a managed policy name or ARN, a policy template
 * (`S3ReadPolicy: {...}`, scoped by SAM), a policy document, or a list of
 * those. Only the documents are statements to read here.
 */
function samPolicyDocuments(ctx: RuleContext, fn: Resource): PolicySource[] {
  const policies = setting(fn, ['Policies']);
  if (!policies.entry) return [];
  const r = ctx.model.resolve(policies.value);
  if (r.status === 'absent' || (r.status === 'known' && r.value.kind === 'string')) return [];
  if (r.status !== 'known') return [{ label: 'Policies', value: undefined, anchor: policies.range, unreadable: r.status === 'unknown' ? r.reason : 'is not a list' }];
  const items = r.value.kind === 'list' ? r.value.items : [r.value];
  return items.flatMap((item, i): PolicySource[] => {
    const ri = ctx.model.resolve(item);
    const label = items.length > 1 || r.value.kind === 'list' ? `Policies[${i + 1}]` : 'Policies';
    if (ri.status === 'known' && ri.value.kind === 'map' && getEntry(ri.value, 'Statement')) return [{ label, value: item, anchor: item.range }];
    if (ri.status === 'unknown') return [{ label, value: undefined, anchor: item.range, unreadable: ri.reason }];
    return [];
  });
}

/** SAM `Policies` entries that name a managed policy (`AdministratorAccess` or an ARN). */
function samManagedPolicies(ctx: RuleContext, fn: Resource): Value[] {
  const r = ctx.model.resolve(setting(fn, ['Policies']).value);
  if (r.status !== 'known') return [];
  const items = r.value.kind === 'list' ? r.value.items : [r.value];
  return items.filter((item) => {
    const ri = ctx.model.resolve(item);
    return !(ri.status === 'known' && ri.value.kind === 'map');
  });
}

/** CloudFormation `Policies` items: `{ PolicyName, PolicyDocument }`, possibly chosen by a condition. */
function inlinePolicies(ctx: RuleContext, items: Value[]): PolicySource[] {
  return items.flatMap((item, i): PolicySource[] => {
    const ri = ctx.model.resolve(item);
    const label = `Policies[${i + 1}]`;
    if (ri.status === 'absent') return [];
    if (ri.status === 'unknown' && ri.branches) {
      return ri.branches.flatMap((branch): PolicySource[] => {
        const rb = ctx.model.resolve(branch.value);
        if (rb.status === 'absent') return [];
        return policyItem(ctx, rb.status === 'known' ? asMap(rb.value) : undefined, label, branch.value.range, branch.label);
      });
    }
    if (ri.status !== 'known' || !asMap(ri.value)) return [{ label, value: undefined, anchor: item.range, unreadable: ri.status === 'unknown' ? ri.reason : 'is not a map' }];
    return policyItem(ctx, asMap(ri.value), label, item.range);
  });
}

function policyItem(ctx: RuleContext, map: MapValue | undefined, label: string, anchor: Range, when?: string): PolicySource[] {
  if (!map) return [{ label, value: undefined, anchor, unreadable: `${when ? `${when}: ` : ''}is not a map SRM Lens can read` }];
  const name = scalarOf(ctx, getValue(map, 'PolicyName'));
  const doc = getEntry(map, 'PolicyDocument');
  return [{ label: `${label}${name ? ` (${name})` : ''}`, value: doc?.value, anchor: doc?.keyRange ?? anchor, ...(when ? { when } : {}) }];
}

/** The trust policy of a role. */
export function trustPolicy(resource: Resource): PolicySource[] {
  const path = isCloudFormation(resource.format) ? ['AssumeRolePolicyDocument'] : ['assume_role_policy'];
  const doc = setting(resource, path);
  return [{ label: path[0], value: doc.value, anchor: doc.range }];
}

/* ------------------------------------------------------------------------
 * Rules
 * ---------------------------------------------------------------------- */

/** AWS's AdministratorAccess managed policy, in any partition (the partition may be an unevaluated HOLE). */
const ADMIN_MANAGED_POLICY = /^arn:[^:]*:iam::aws:policy\/AdministratorAccess$/;
const NAMED_POLICY = /:policy\/[^\uE000\uE001]+$/;

type PolicyArnKind = 'admin' | 'other' | 'unknown';

/**
 * Whether an attached policy ARN is AdministratorAccess. ARNs are often
 * built with the partition as a variable (`!Sub arn:${AWS::Partition}:...`,
 * `"arn:${data.aws_partition.current.partition}:..."`): the policy name at
 * the end still says which policy it is.
 */
function policyArnKind(ctx: RuleContext, v: Value, depth = 0): PolicyArnKind {
  const r = ctx.model.resolve(v);
  // SAM also accepts the bare name of an AWS managed policy.
  if (r.status === 'known' && r.value.kind === 'string') return ADMIN_MANAGED_POLICY.test(r.value.value) || r.value.value === 'AdministratorAccess' ? 'admin' : 'other';
  // A policy of this template or module is checked as a resource of its own.
  if (r.status === 'resource' || r.status === 'absent') return 'other';
  if (r.status === 'unknown' && r.branches && depth < MAX_NESTING) {
    const kinds = r.branches.map((b) => policyArnKind(ctx, b.value, depth + 1));
    if (kinds.every((k) => k === 'admin')) return 'admin';
    return kinds.every((k) => k === 'other') ? 'other' : 'unknown';
  }
  if (v.kind === 'expression' && v.references.some((ref) => /^[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*/.test(ref) && ctx.model.resource(/^[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*/.exec(ref)?.[0] ?? '')?.type === 'aws_iam_policy')) return 'other';
  const text = arnTemplate(ctx, v);
  if (text === undefined) return 'unknown';
  if (ADMIN_MANAGED_POLICY.test(text)) return 'admin';
  return NAMED_POLICY.test(text) ? 'other' : 'unknown';
}

/** An ARN written as a template, with the parts that cannot be evaluated as HOLE. */
function arnTemplate(ctx: RuleContext, v: Value): string | undefined {
  if (v.kind === 'intrinsic' && v.name === 'Fn::Sub') {
    const template = v.argument.kind === 'list' ? v.argument.items[0] : v.argument;
    return template?.kind === 'string' ? template.value.replace(/\$\{[^}!][^}]*\}/g, HOLE) : undefined;
  }
  if (v.kind === 'intrinsic' && v.name === 'Fn::Join') {
    const [delimiter, items] = asList(v.argument)?.items ?? [];
    const list = asList(items);
    if (delimiter?.kind !== 'string' || !list) return undefined;
    return list.items.map((item) => (typeof stringShapeText(ctx, item) === 'string' ? stringShapeText(ctx, item) : HOLE)).join(delimiter.value);
  }
  if (v.kind === 'expression' && v.expressionKind === 'template') {
    const body = quotedBody(v.text);
    return body === undefined ? undefined : fillInterpolations(ctx, body)?.split(OPAQUE).join(HOLE);
  }
  return undefined;
}

function stringShapeText(ctx: RuleContext, v: Value): string | undefined {
  const shape = stringShape(ctx, v);
  return typeof shape === 'object' ? shape.text : undefined;
}

const POLICY_ATTACHMENTS_TF = ['aws_iam_role_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment', 'aws_iam_policy_attachment'];

export const iamNoAdmin = defineRule({
  id: 'iam-policy-no-full-admin',
  title: 'IAM policies do not grant full "*" administrative access',
  aspect: 'identity-access',
  severity: 'error',
  references: { securityHub: ['IAM.1'], checkov: ['CKV_AWS_1', 'CKV_AWS_62'] },
  docs: {
    why: 'A statement that allows every action on every resource (or the AWS managed AdministratorAccess policy attached by ARN) turns whoever holds it into an administrator of the whole account, so one leaked credential or compromised workload is enough to take everything.',
    owner: 'Customer: AWS enforces whatever policies say; what they grant is entirely the customer\'s decision.',
    fix: 'No automatic fix: replacing "*" needs a decision about which actions and resources the principal really uses (IAM Access Analyzer can generate a policy from CloudTrail activity).',
    mayBreak: 'Narrowing the policy removes every permission it does not list; test the workload with the new policy first.',
  },
  cloudformation: {
    types: IDENTITY_CFN,
    fixable: false,
    check: (resource, ctx) => {
      const verdicts = checkStatements(ctx, resource, identityPolicies(ctx, resource), {
        test: isFullAdmin,
        gap: (s, source) => `${source.label}: ${describeStatement(s)} allows every action ("*") on every resource ("*").`,
        met: 'no statement allows "*" on "*"',
        whenNone: { status: 'not-applicable', reason: 'no policy document in this resource' },
      });
      return mergeAttachedAdmin(ctx, verdicts, setting(resource, [resource.type === SAM_FUNCTION ? 'Policies' : 'ManagedPolicyArns']), resource.type === SAM_FUNCTION ? samManagedPolicies(ctx, resource) : undefined);
    },
  },
  terraform: {
    types: [...IDENTITY_TF, ...POLICY_ATTACHMENTS_TF],
    fixable: false,
    check: (resource, ctx) => {
      if (POLICY_ATTACHMENTS_TF.includes(resource.type)) return mergeAttachedAdmin(ctx, [], setting(resource, ['policy_arn']));
      const verdicts = checkStatements(ctx, resource, identityPolicies(ctx, resource), {
        test: isFullAdmin,
        gap: (s, source) => `${source.label}: ${describeStatement(s)} allows every action ("*") on every resource ("*").`,
        met: 'no statement allows "*" on "*"',
        whenNone: { status: 'not-applicable', reason: 'no inline policy in this resource' },
      });
      return mergeAttachedAdmin(ctx, verdicts, setting(resource, ['managed_policy_arns']));
    },
  },
});

/** Adds gaps for AdministratorAccess attached by ARN (ManagedPolicyArns, managed_policy_arns, policy attachments). */
function mergeAttachedAdmin(ctx: RuleContext, verdicts: Verdict[], arns: ReturnType<typeof setting>, only?: Value[]): Verdict[] {
  const informative = verdicts.filter((v) => v.status !== 'not-applicable');
  const r = ctx.model.resolve(arns.value);
  if (!arns.entry || r.status === 'absent' || only?.length === 0) return verdicts.length ? verdicts : [{ status: 'not-applicable', reason: 'no policy attached' }];
  const key = arns.entry.key;
  const values = only ?? (r.status === 'known' && r.value.kind === 'list' ? r.value.items : [arns.value as Value]);
  const kinds = values.map((value) => ({ value, kind: policyArnKind(ctx, value) }));
  const gaps: Verdict[] = kinds
    .filter((k) => k.kind === 'admin')
    .map((k) => ({ status: 'gap', message: 'The AWS managed policy AdministratorAccess is attached: it allows every action on every resource.', range: values.length > 1 ? k.value.range : arns.range }));
  if (gaps.length) return [...informative.filter((v) => v.status !== 'met'), ...gaps];
  if (kinds.some((k) => k.kind === 'unknown')) return [...informative.filter((v) => v.status === 'gap'), { status: 'cannot-tell', reason: `${key}: an attached policy cannot be identified from the template`, range: arns.range }];
  return informative.length ? informative : [{ status: 'met', evidence: 'no administrator policy attached', range: arns.range }];
}

export const iamNoPassRoleWildcard = defineRule({
  id: 'iam-policy-no-passrole-wildcard',
  title: 'IAM policies do not allow iam:PassRole on every role',
  aspect: 'identity-access',
  severity: 'warning',
  references: {},
  docs: {
    why: 'iam:PassRole on "*" lets the holder hand any role in the account, including administrator roles, to a service it controls (a Lambda function, an EC2 instance) and act with that role\'s permissions: a classic privilege escalation.',
    owner: 'Customer: which roles a principal may pass is part of the customer\'s IAM design.',
    fix: 'No automatic fix: the role ARNs the principal legitimately passes are known only to the team. List them in Resource, or add an iam:PassedToService Condition.',
    mayBreak: 'Deployments that pass roles not listed in the narrowed statement.',
  },
  cloudformation: { types: IDENTITY_CFN, fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, identityPolicies(ctx, resource), passRoleCheck) },
  terraform: { types: IDENTITY_TF, fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, identityPolicies(ctx, resource), passRoleCheck) },
});

const passRoleCheck: StatementCheck = {
  // A Condition (iam:PassedToService, iam:AssociatedResourceArn) is AWS's recommended way to narrow PassRole on "*".
  test: (s) => and(isAllow(s), coversAction(s, 'iam:PassRole'), onEveryResource(s), s.condition === 'none' ? true : s.condition === 'some' ? false : undefined),
  skip: isFullAdmin,
  gap: (s, source) => `${source.label}: ${describeStatement(s)} allows iam:PassRole on every role (Resource "*") without a Condition.`,
  met: 'iam:PassRole is not allowed on "*" (full-admin statements are reported by iam-policy-no-full-admin)',
  whenNone: { status: 'not-applicable', reason: 'no policy document in this resource' },
};

export const iamNoServiceWildcard = defineRule({
  id: 'iam-policy-no-service-wildcard-actions',
  title: 'IAM policies do not allow all actions of a service ("service:*")',
  aspect: 'identity-access',
  severity: 'info',
  references: { securityHub: ['IAM.21'] },
  docs: {
    why: 'An action like "s3:*" grants today\'s and every future action of the service, including destructive and permission-changing ones the workload never needs.',
    owner: 'Customer: least privilege in identity policies is the customer\'s design.',
    fix: 'No automatic fix: the actions actually used must be chosen by the team (IAM Access Analyzer policy generation helps).',
    mayBreak: 'Calls to actions left out of the narrowed list.',
  },
  cloudformation: { types: IDENTITY_CFN, fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, identityPolicies(ctx, resource), serviceWildcardCheck) },
  terraform: { types: IDENTITY_TF, fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, identityPolicies(ctx, resource), serviceWildcardCheck) },
});

const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

const serviceWildcardCheck: StatementCheck = {
  test: (s) => and(isAllow(s), s.action.values.some((a) => SERVICE_WILDCARD.test(a)) ? true : s.action.unknown ? undefined : false),
  skip: isFullAdmin,
  gap: (s, source) => `${source.label}: ${describeStatement(s)} allows every action of ${s.action.values.filter((a) => SERVICE_WILDCARD.test(a)).join(', ')}.`,
  met: 'no statement allows all actions of a service',
  whenNone: { status: 'not-applicable', reason: 'no policy document in this resource' },
};

export const iamNoKmsDecryptAll = defineRule({
  id: 'iam-policy-no-kms-decrypt-all-keys',
  title: 'IAM policies do not allow decryption with every KMS key',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['KMS.1', 'KMS.2'] },
  docs: {
    why: 'kms:Decrypt or kms:ReEncryptFrom on "*" lets the holder decrypt data protected by any key whose key policy trusts the account, which undoes the separation keys are meant to give.',
    owner: 'Customer: key access through IAM is the customer\'s configuration.',
    fix: 'No automatic fix: list the key ARNs the workload decrypts with in Resource (or use a kms:ViaService condition); only the team knows which keys those are.',
    mayBreak: 'Decryption with keys left out of the narrowed list.',
  },
  cloudformation: { types: IDENTITY_CFN, fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, identityPolicies(ctx, resource), kmsDecryptCheck) },
  terraform: { types: IDENTITY_TF, fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, identityPolicies(ctx, resource), kmsDecryptCheck) },
});

const kmsDecryptCheck: StatementCheck = {
  test: (s) => and(isAllow(s), or(coversAction(s, 'kms:Decrypt'), coversAction(s, 'kms:ReEncryptFrom')), onEveryResource(s)),
  skip: isFullAdmin,
  gap: (s, source) => `${source.label}: ${describeStatement(s)} allows kms:Decrypt or kms:ReEncryptFrom on every key (Resource "*").`,
  met: 'no statement allows decryption with every KMS key (full-admin statements are reported by iam-policy-no-full-admin)',
  whenNone: { status: 'not-applicable', reason: 'no policy document in this resource' },
};

export const iamTrustNoPublicPrincipal = defineRule({
  id: 'iam-role-trust-no-public-principal',
  title: 'IAM role trust policy does not let anyone assume the role',
  aspect: 'identity-access',
  severity: 'error',
  references: { checkov: ['CKV_AWS_60'] },
  docs: {
    why: 'A trust policy with Principal "*" (or {"AWS": "*"}) and no Condition lets any AWS account in the world assume the role and use its permissions.',
    owner: 'Customer: who may assume a role is decided only by the customer\'s trust policy.',
    fix: 'No automatic fix: the account, service or identity provider that should assume the role is a decision only the team can make. Name it in Principal, or add a Condition such as aws:PrincipalOrgID or sts:ExternalId.',
    mayBreak: 'Callers not named in the narrowed trust policy can no longer assume the role.',
  },
  cloudformation: { types: ['AWS::IAM::Role'], fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, trustPolicy(resource), trustCheck) },
  terraform: { types: ['aws_iam_role'], fixable: false, check: (resource, ctx) => checkStatements(ctx, resource, trustPolicy(resource), trustCheck) },
});

const trustCheck: StatementCheck = {
  test: allowsEveryoneUnconditionally,
  gap: (s, source) => `${source.label}: ${describeStatement(s)} lets any principal ("*") assume this role without a Condition.`,
  met: 'the trust policy names specific principals or narrows "*" with a Condition',
  whenNone: { status: 'not-applicable', reason: 'no trust policy written' },
};

/* Inline policies on users. IAM.2 is a user-level control, so policies that
 * point at a user of the same template are reported on the user; policies
 * for users defined elsewhere are reported on the policy itself. */

const USER_POLICY_COMPANIONS_CFN = ['AWS::IAM::UserPolicy', 'AWS::IAM::Policy'];

export const iamUserNoInlinePolicies = defineRule({
  id: 'iam-user-no-inline-policies',
  title: 'IAM users get permissions from groups, not inline policies',
  aspect: 'identity-access',
  severity: 'info',
  references: { securityHub: ['IAM.2'], checkov: ['CKV_AWS_40'] },
  docs: {
    why: 'Permissions written into individual users drift apart and are hard to review or revoke; groups (or roles) keep access in one place.',
    owner: 'Customer: how permissions are organised is the customer\'s IAM design.',
    fix: 'No automatic fix: moving the statements to a group and adding the user to it is a design change. Managed policies attached to users (ManagedPolicyArns) are not flagged by this rule.',
    mayBreak: 'Nothing, if the group carries the same statements before the inline policy is removed.',
  },
  cloudformation: {
    types: ['AWS::IAM::User', ...USER_POLICY_COMPANIONS_CFN],
    fixable: false,
    check: (resource, ctx) => {
      if (resource.type === 'AWS::IAM::User') {
        const gaps: Verdict[] = [];
        const policies = setting(resource, ['Policies']);
        if (policies.entry) {
          const r = ctx.model.resolve(policies.value);
          if (r.status === 'unknown') return [{ status: 'cannot-tell', reason: `Policies: ${r.reason}`, range: policies.range }];
          const items = r.status === 'known' ? (asList(r.value)?.items ?? []) : [];
          for (const item of items) gaps.push({ status: 'gap', message: 'This user has an inline policy; grant the permissions through a group instead.', range: items.length > 1 ? item.range : policies.range });
        }
        for (const ref of ctx.model.referencesTo(resource)) {
          if (!USER_POLICY_COMPANIONS_CFN.includes(ref.from.type) || !(ref.property === 'UserName' || ref.property === 'Users')) continue;
          gaps.push({ status: 'gap', message: `${ref.from.id} is an inline policy of this user; grant the permissions through a group instead.`, range: resource.idRange, related: [{ uri: ref.from.uri, range: ref.from.idRange, message: 'the inline policy' }] });
        }
        return gaps.length ? gaps : [{ status: 'met', evidence: 'no inline policy on this user', range: resource.idRange }];
      }
      const key = resource.type === 'AWS::IAM::UserPolicy' ? 'UserName' : 'Users';
      return policyForUsers(ctx, resource, key);
    },
  },
  terraform: {
    types: ['aws_iam_user', 'aws_iam_user_policy'],
    fixable: false,
    check: (resource, ctx) => {
      if (resource.type === 'aws_iam_user') {
        const inline = ctx.model.companions(resource, 'aws_iam_user_policy');
        if (!inline.length) return [{ status: 'met', evidence: 'no aws_iam_user_policy for this user', range: resource.idRange }];
        return inline.map((p) => ({ status: 'gap', message: `${p.id} is an inline policy of this user; grant the permissions through a group instead.`, range: resource.idRange, related: [{ uri: p.uri, range: p.idRange, message: 'the inline policy' }] }));
      }
      return policyForUsers(ctx, resource, 'user');
    },
  },
});

/** A user policy resource: reported here only for users this template does not define (those are reported on the user). */
function policyForUsers(ctx: RuleContext, policy: Resource, key: string): Verdict[] {
  const users = setting(policy, [key]);
  if (!users.entry) return [{ status: 'not-applicable', reason: `no ${key}: not attached to users` }];
  const r = ctx.model.resolve(users.value);
  if (r.status === 'resource') return [{ status: 'not-applicable', reason: `reported on ${r.resource.id}` }];
  // `aws_iam_user.this[0].name` does not resolve, but still names a user of this module.
  const userTypes = ['AWS::IAM::User', 'aws_iam_user'];
  const referenced = ctx.model.referencesFrom(policy).filter((ref) => ref.property === key && userTypes.includes(ref.to.type));
  // A single user linked by name (`user = "alice"` and the aws_iam_user named alice) is reported on that user too.
  if (referenced.length && (r.status !== 'known' || r.value.kind !== 'list')) return [{ status: 'not-applicable', reason: `reported on ${referenced[0].to.id}` }];
  const items = r.status === 'known' && r.value.kind === 'list' ? r.value.items : [users.value];
  if (r.status === 'known' && r.value.kind === 'list' && items.length === 0) return [{ status: 'not-applicable', reason: `${key} is empty` }];
  const outside = items.filter((item) => ctx.model.resolve(item).status !== 'resource');
  if (!outside.length) return [{ status: 'not-applicable', reason: 'reported on the users it belongs to' }];
  return [{ status: 'gap', message: 'This is an inline policy of an IAM user; grant the permissions through a group instead.', range: users.range }];
}

export const IAM_RULES = [iamNoAdmin, iamNoPassRoleWildcard, iamNoKmsDecryptAll, iamNoServiceWildcard, iamTrustNoPublicPrincipal, iamUserNoInlinePolicies];
