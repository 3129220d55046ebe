import type { Range } from './range';

/**
 * One tree of values for every syntax. CloudFormation YAML/JSON and Terraform
 * HCL/JSON all land in these shapes so that linking, rules and fixes never ask
 * which syntax they are looking at unless they edit text.
 */
export type Value =
  | StringValue
  | NumberValue
  | BoolValue
  | NullValue
  | MapValue
  | ListValue
  | IntrinsicValue
  | ExpressionValue
  | UnknownValue;

interface ValueBase {
  range: Range;
}

export interface StringValue extends ValueBase {
  kind: 'string';
  value: string;
  /**
   * An unquoted YAML yes/no/on/off: CloudFormation reads YAML 1.1, where it
   * is this boolean, so a boolean property reads it as such; enumerated
   * properties (MfaConfiguration: OFF) keep the text.
   */
  yaml11Boolean?: boolean;
}

export interface NumberValue extends ValueBase {
  kind: 'number';
  value: number;
}

export interface BoolValue extends ValueBase {
  kind: 'bool';
  value: boolean;
}

export interface NullValue extends ValueBase {
  kind: 'null';
}

export interface MapEntry {
  key: string;
  keyRange: Range;
  value: Value;
}

/**
 * A mapping. Terraform nested blocks are maps too (`block` names the block
 * type); repeated blocks such as several `ingress {}` appear as repeated
 * entries with the same key, in source order.
 */
export interface MapValue extends ValueBase {
  kind: 'map';
  entries: MapEntry[];
  /** Set for Terraform nested blocks: `block` for `x {}`, `dynamic` for `dynamic "x" {}`. */
  block?: 'block' | 'dynamic';
  /** YAML flow style (`{ a: 1 }`) or JSON: edits must keep the style. */
  flow?: boolean;
}

export interface ListValue extends ValueBase {
  kind: 'list';
  items: Value[];
  flow?: boolean;
}

/** CloudFormation intrinsic functions, in short (`!Ref`) or long (`Fn::GetAtt`) form. */
export interface IntrinsicValue extends ValueBase {
  kind: 'intrinsic';
  /** Canonical long name: `Ref`, `Condition`, `Fn::GetAtt`, `Fn::Sub`, … */
  name: string;
  argument: Value;
  /** True when written as a YAML tag (`!Sub`), false for the `{ "Fn::Sub": … }` form. */
  shortForm: boolean;
}

export type ExpressionKind =
  | 'reference'
  | 'function'
  | 'template'
  | 'conditional'
  | 'for'
  | 'operation'
  | 'index'
  | 'splat'
  | 'heredoc'
  | 'other';

/** A Terraform expression the parser keeps as source text with its kind. */
export interface ExpressionValue extends ValueBase {
  kind: 'expression';
  expressionKind: ExpressionKind;
  text: string;
  /** Traversals it mentions, e.g. `var.name`, `aws_s3_bucket.logs.id`, `local.x`. */
  references: string[];
  /** For conditionals: the two branches, so rules can tell which one is insecure. */
  branches?: { condition: Value; whenTrue: Value; whenFalse: Value };
}

/** Syntax the parser could not make sense of (an error node, a half-typed line), or a value a plan leaves to apply time. */
export interface UnknownValue extends ValueBase {
  kind: 'unknown';
  text: string;
  /** Why the value is unknown when the engine knows (a plan's "known after apply", a module argument that could not be evaluated in its caller); said to the user. */
  reason?: string;
}

export function isScalar(v: Value): v is StringValue | NumberValue | BoolValue | NullValue {
  return v.kind === 'string' || v.kind === 'number' || v.kind === 'bool' || v.kind === 'null';
}

export function getEntry(map: MapValue | undefined, key: string): MapEntry | undefined {
  if (!map) return undefined;
  for (const e of map.entries) if (e.key === key) return e;
  return undefined;
}

export function getValue(map: MapValue | undefined, key: string): Value | undefined {
  return getEntry(map, key)?.value;
}

export function getAll(map: MapValue | undefined, key: string): Value[] {
  if (!map) return [];
  return map.entries.filter((e) => e.key === key).map((e) => e.value);
}

export function asMap(v: Value | undefined): MapValue | undefined {
  return v?.kind === 'map' ? v : undefined;
}

export function asList(v: Value | undefined): ListValue | undefined {
  return v?.kind === 'list' ? v : undefined;
}

/** Walks a dotted path of map keys, e.g. `['VersioningConfiguration', 'Status']`. */
export function getPath(map: MapValue | undefined, path: readonly string[]): Value | undefined {
  let current: Value | undefined = map;
  for (const key of path) {
    current = getValue(asMap(current), key);
    if (!current) return undefined;
  }
  return current;
}
