/** A value a fix writes: plain data, serialized per syntax by the edit builders. */
export type PlainValue = string | number | boolean | PlainValue[] | { [key: string]: PlainValue } | HclExpression;

/** Terraform source to write as is (`aws_s3_bucket.logs.id`), never quoted. */
export interface HclExpression {
  hcl: string;
}

export function hclExpression(text: string): HclExpression {
  return { hcl: text };
}

export function isHclExpression(v: PlainValue): v is HclExpression {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as HclExpression).hcl === 'string' && Object.keys(v).length === 1;
}

export function isPlainObject(v: PlainValue): v is { [key: string]: PlainValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isHclExpression(v);
}

const YAML_PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:@*-]*$/;
const YAML_AMBIGUOUS = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A YAML scalar that reads back as the same string: plain when safe, double-quoted otherwise. */
export function yamlScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  if (YAML_PLAIN.test(v) && !YAML_AMBIGUOUS.test(v)) return v;
  return JSON.stringify(v);
}

/** Block-style YAML lines for a value placed under a key at `indent` (the key's own column). */
export function yamlBlock(key: string, value: PlainValue, indent: string, unit: string): string[] {
  if (isHclExpression(value)) throw new Error('an HCL expression cannot be written to YAML');
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}${yamlKey(key)}: []`];
    return [`${indent}${yamlKey(key)}:`, ...value.flatMap((item) => yamlListItem(item, indent + unit, unit))];
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return [`${indent}${yamlKey(key)}: {}`];
    return [`${indent}${yamlKey(key)}:`, ...keys.flatMap((k) => yamlBlock(k, value[k], indent + unit, unit))];
  }
  return [`${indent}${yamlKey(key)}: ${yamlScalar(value)}`];
}

function yamlListItem(item: PlainValue, indent: string, unit: string): string[] {
  if (isPlainObject(item)) {
    const keys = Object.keys(item);
    const lines = keys.flatMap((k) => yamlBlock(k, item[k], indent + '  ', unit));
    if (lines.length === 0) return [`${indent}- {}`];
    lines[0] = `${indent}- ${lines[0].slice(indent.length + 2)}`;
    return lines;
  }
  if (Array.isArray(item) || isHclExpression(item)) return [`${indent}- ${yamlFlow(item)}`];
  return [`${indent}- ${yamlScalar(item)}`];
}

/** Flow-style YAML (`{ Key: value, List: [a, b] }`) for maps already written that way. */
export function yamlFlow(value: PlainValue): string {
  if (isHclExpression(value)) throw new Error('an HCL expression cannot be written to YAML');
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  if (isPlainObject(value)) {
    const parts = Object.keys(value).map((k) => `${yamlKey(k)}: ${yamlFlow(value[k])}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return yamlScalar(value);
}

export function yamlKey(key: string): string {
  return YAML_PLAIN.test(key) && !YAML_AMBIGUOUS.test(key) ? key : JSON.stringify(key);
}

/** JSON text for a value whose first line continues after a key at `indent`. */
export function jsonValue(value: PlainValue, indent: string, unit: string): string {
  if (isHclExpression(value)) throw new Error('an HCL expression cannot be written to JSON');
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + unit;
    return `[\n${value.map((v) => inner + jsonValue(v, inner, unit)).join(',\n')}\n${indent}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = indent + unit;
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${jsonValue(value[k], inner, unit)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** An HCL expression for a value; objects become object expressions (`{ a = 1 }`), not blocks. */
export function hclValue(value: PlainValue, indent: string, unit: string): string {
  if (isHclExpression(value)) return value.hcl;
  if (Array.isArray(value)) return `[${value.map((v) => hclValue(v, indent, unit)).join(', ')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = indent + unit;
    return `{\n${keys.map((k) => `${inner}${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${hclValue(value[k], inner, unit)}`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
