import type { Range } from '../model/range';
import type { ExpressionValue, Value } from '../model/value';
import { parseTerraform } from './terraform';

/**
 * Readers for JSON that Terraform configurations carry inside expressions —
 * policies and container definitions written as `jsonencode({...})`,
 * heredocs or quoted strings — so rules read them with real positions.
 */

/**
 * The argument of `jsonencode(...)`, parsed again by the Terraform parser as a
 * local value (it is HCL syntax, not JSON), with every range moved back to
 * where the argument sits in the file so findings and fixes point at it.
 */
export function jsonencodeArgument(value: ExpressionValue, uri: string): Value | undefined {
  const text = value.text;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close <= open) return undefined;
  const argument = text.slice(open + 1, close);
  const before = text.slice(0, open + 1).split(/\r?\n/);
  const startLine = value.range.start.line + before.length - 1;
  const startChar = before.length === 1 ? value.range.start.character + before[0].length : before[before.length - 1].length;
  const prefix = '  __srm_json = ';
  let parsed: Value | undefined;
  try {
    const doc = parseTerraform(`${uri}#jsonencode`, `locals {\n${prefix}${argument}\n}\n`);
    if (doc.errors.some((e) => e.severity === 'error')) return undefined;
    parsed = doc.blocks.find((b) => b.kind === 'local' && b.name === '__srm_json')?.value;
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  // Line 1 of the scratch text starts with the prefix; later lines keep their columns.
  const move = (p: { line: number; character: number }) =>
    p.line <= 1 ? { line: startLine, character: startChar + Math.max(0, p.character - prefix.length) } : { line: startLine + p.line - 1, character: p.character };
  return moveValue(parsed, (r) => ({ start: move(r.start), end: move(r.end) }));
}

function moveValue(v: Value, move: (r: Range) => Range): Value {
  switch (v.kind) {
    case 'map':
      return { ...v, range: move(v.range), entries: v.entries.map((e) => ({ key: e.key, keyRange: move(e.keyRange), value: moveValue(e.value, move) })) };
    case 'list':
      return { ...v, range: move(v.range), items: v.items.map((i) => moveValue(i, move)) };
    case 'intrinsic':
      return { ...v, range: move(v.range), argument: moveValue(v.argument, move) };
    case 'expression':
      return {
        ...v,
        range: move(v.range),
        branches: v.branches && { condition: moveValue(v.branches.condition, move), whenTrue: moveValue(v.branches.whenTrue, move), whenFalse: moveValue(v.branches.whenFalse, move) },
      };
    default:
      return { ...v, range: move(v.range) };
  }
}

/** The text between the heredoc markers, with `<<-` indentation removed. */
export function heredocBody(text: string): string | undefined {
  const match = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*\2[ \t]*$/.exec(text.trim());
  if (!match) return undefined;
  const lines = match[3].split(/\r?\n/);
  if (match[1] !== '-') return lines.join('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const strip = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(strip, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join('\n');
}

/** The content of a quoted HCL template, with its escapes undone (interpolations stay). */
export function quotedBody(text: string): string | undefined {
  const t = text.trim();
  if (t.length < 2 || !t.startsWith('"') || !t.endsWith('"')) return undefined;
  return t.slice(1, -1).replace(/\\(["\\nrt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}

/**
 * JSON data as model values, all at one range (the text they came from).
 * Strings holding a placeholder character (an interpolation SRM Lens could
 * not evaluate) become unknown values rather than literals.
 */
export function jsonToValue(data: unknown, range: Range, placeholders: readonly string[]): Value {
  if (typeof data === 'string') return placeholders.some((p) => data.includes(p)) ? { kind: 'unknown', text: data, range } : { kind: 'string', value: data, range };
  if (typeof data === 'number') return { kind: 'number', value: data, range };
  if (typeof data === 'boolean') return { kind: 'bool', value: data, range };
  if (data === null) return { kind: 'null', range };
  if (Array.isArray(data)) return { kind: 'list', items: data.map((d) => jsonToValue(d, range, placeholders)), range };
  return {
    kind: 'map',
    entries: Object.entries(data as Record<string, unknown>).map(([key, d]) => ({ key, keyRange: range, value: jsonToValue(d, range, placeholders) })),
    range,
  };
}
