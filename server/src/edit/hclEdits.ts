import type { MapEntry, MapValue } from '../model/value';
import type { TextEdit } from '../rules/rule';
import { hclValue, type PlainValue } from './plainValue';
import type { SourceLayout } from './sourceLayout';

/** A Terraform body to write: attributes, and nested blocks marked with `hclBlock`. */
export type HclBody = { [key: string]: PlainValue | HclBlock };

export interface HclBlock {
  block: HclBody;
}

export function hclBlock(body: HclBody): HclBlock {
  return { block: body };
}

function isBlock(v: PlainValue | HclBlock): v is HclBlock {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'block' in v && Object.keys(v).length === 1;
}

/** Lines of a body at `indent`: `key = value` for attributes, `key {` … `}` for blocks. */
export function hclBodyLines(body: HclBody, indent: string, unit: string): string[] {
  const width = Math.max(0, ...Object.entries(body).filter(([, v]) => !isBlock(v)).map(([k]) => k.length));
  const lines: string[] = [];
  for (const [key, v] of Object.entries(body)) {
    if (isBlock(v)) {
      if (lines.length && !lines[lines.length - 1].endsWith('{')) lines.push('');
      lines.push(`${indent}${key} {`, ...hclBodyLines(v.block, indent + unit, unit), `${indent}}`);
    } else {
      lines.push(`${indent}${key.padEnd(width)} = ${hclValue(v as PlainValue, indent, unit)}`);
    }
  }
  return lines;
}

export function hclReplaceValue(uri: string, layout: SourceLayout, entry: MapEntry, value: PlainValue): TextEdit {
  const indent = layout.indentOf(entry.keyRange.start.line);
  return { uri, range: entry.value.range, newText: hclValue(value, indent, layout.unit) };
}

/**
 * Inserts attributes or blocks at the end of a block, before its closing
 * brace, indented like the block's other contents.
 */
export function hclInsertIntoBlock(uri: string, layout: SourceLayout, block: MapValue, body: HclBody): TextEdit {
  const open = block.range.start;
  const close = { line: block.range.end.line, character: Math.max(0, block.range.end.character - 1) };
  const outer = layout.indentOf(open.line);
  const inner = block.entries.length ? ' '.repeat(block.entries[0].keyRange.start.character) : outer + layout.unit;
  const lines = hclBodyLines(body, inner, layout.unit);
  if (close.line === open.line) {
    // `{}` or `{ a = 1 }` on one line: open it up.
    const existing = layout.textOf({ start: { line: open.line, character: open.character + 1 }, end: close }).trim();
    const kept = existing ? [`${inner}${existing}`] : [];
    return { uri, range: block.range, newText: `{${layout.eol}${[...kept, ...lines].join(layout.eol)}${layout.eol}${outer}}` };
  }
  if (layout.startsLine(close)) {
    const at = { line: close.line, character: 0 };
    return { uri, range: { start: at, end: at }, newText: lines.join(layout.eol) + layout.eol };
  }
  return { uri, range: { start: close, end: close }, newText: layout.eol + lines.join(layout.eol) + layout.eol + outer };
}

