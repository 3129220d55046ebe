import type { Resource } from '../model/document';
import { getValue, type Value } from '../model/value';
import type { LinkedModel } from './linkedModel';

const MAX_DEPTH = 8;

/**
 * Why a Terraform resource is known to create no instance: `count` that
 * evaluates to 0 or a `for_each` over an empty collection. Modules switch
 * whole features off this way (`count = var.create_url ? 1 : 0`); with the
 * caller's arguments known, such a resource does not exist. Undefined when
 * it exists or when SRM Lens cannot tell (then it is assessed).
 */
export function notCreated(model: LinkedModel, resource: Resource): string | undefined {
  const count = getValue(resource.body, 'count');
  if (count) {
    const n = numberOf(model, count, 0);
    return n === 0 ? `count is 0${count.kind === 'expression' ? ` (${compact(count.text)})` : ''}` : undefined;
  }
  const forEach = getValue(resource.body, 'for_each');
  if (forEach) {
    const r = model.resolve(forEach);
    if (r.status === 'known' && ((r.value.kind === 'map' && r.value.entries.length === 0) || (r.value.kind === 'list' && r.value.items.length === 0))) return 'for_each is empty';
  }
  return undefined;
}

function numberOf(model: LinkedModel, value: Value, depth: number): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (value.kind === 'number') return value.value;
  if (value.kind === 'expression' && value.expressionKind === 'conditional' && value.branches) {
    const condition = truthOf(model, value.branches.condition, depth + 1);
    if (condition === undefined) return undefined;
    return numberOf(model, condition ? value.branches.whenTrue : value.branches.whenFalse, depth + 1);
  }
  const r = model.resolve(value);
  return r.status === 'known' && r.value.kind === 'number' ? r.value.value : undefined;
}

/**
 * A boolean condition as modules write them: `true`, `var.x`, `local.y`,
 * `!a`, `a && b`, `a || b`, `x == null`, `x != null`, parentheses. Anything
 * else is undefined: the resource is then assessed as if created.
 */
export function truthOf(model: LinkedModel, value: Value, depth: number): boolean | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (value.kind === 'bool') return value.value;
  if (value.kind !== 'expression') return undefined;
  return truthOfText(model, value.text.trim(), depth);
}

function truthOfText(model: LinkedModel, text: string, depth: number): boolean | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const stripped = stripParentheses(text);
  for (const [operator, short] of [['||', true], ['&&', false]] as const) {
    const parts = splitTopLevel(stripped, operator);
    if (parts.length > 1) {
      let unknown = false;
      for (const part of parts) {
        const t = truthOfText(model, part, depth + 1);
        if (t === short) return short;
        if (t === undefined) unknown = true;
      }
      return unknown ? undefined : !short;
    }
  }
  if (stripped.startsWith('!')) {
    const t = truthOfText(model, stripped.slice(1), depth + 1);
    return t === undefined ? undefined : !t;
  }
  if (stripped === 'true') return true;
  if (stripped === 'false') return false;
  const nullTest = /^([A-Za-z_][\w.-]*)\s*(==|!=)\s*null$/.exec(stripped);
  if (nullTest) {
    const r = traversal(model, nullTest[1]);
    const isNull = r === 'null' ? true : r === undefined ? undefined : false;
    return isNull === undefined ? undefined : nullTest[2] === '==' ? isNull : !isNull;
  }
  if (!/^[A-Za-z_][\w.-]*$/.test(stripped)) return undefined;
  if (stripped.startsWith('local.')) {
    // A local that is itself a condition (`create = var.create && var.enabled`).
    const local = model.block('local', stripped.slice(6));
    if (local?.value?.kind === 'expression' && local.value.expressionKind !== 'reference') return truthOfText(model, local.value.text.trim(), depth + 1);
  }
  const r = traversal(model, stripped);
  return typeof r === 'boolean' ? r : undefined;
}

function traversal(model: LinkedModel, text: string): boolean | 'null' | 'other' | undefined {
  const r = model.resolve({ kind: 'expression', expressionKind: 'reference', text, references: [text], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  if (r.status === 'absent') return 'null';
  if (r.status !== 'known') return r.status === 'resource' ? 'other' : undefined;
  if (r.value.kind === 'bool') return r.value.value;
  if (r.value.kind === 'string' && (r.value.value === 'true' || r.value.value === 'false')) return r.value.value === 'true';
  return 'other';
}

function stripParentheses(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function splitTopLevel(text: string, operator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== '\\') inString = !inString;
    if (inString) continue;
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + operator.length;
      i += operator.length - 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

function compact(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= 80) return oneLine;
  const cut = oneLine.slice(0, 80).replace(/[\w.-]*$/, '').trimEnd();
  return `${cut}…`;
}
