import type { MapEntry, MapValue } from '../model/value';
import type { TextEdit } from '../rules/rule';
import { jsonValue, type PlainValue } from './plainValue';
import type { SourceLayout } from './sourceLayout';

/** Replaces an existing value, formatting structured values at the value's own indentation. */
export function jsonReplaceValue(uri: string, layout: SourceLayout, entry: MapEntry, value: PlainValue): TextEdit {
  const indent = layout.indentOf(entry.keyRange.start.line);
  return { uri, range: entry.value.range, newText: jsonValue(value, indent, layout.unit) };
}

/**
 * Adds `"key": value` as the last member of an object, keeping the commas
 * valid and the file's layout: one member per line when the object is
 * written that way, inline when it is written on one line.
 */
export function jsonInsertMember(uri: string, layout: SourceLayout, map: MapValue, key: string, value: PlainValue): TextEdit {
  if (map.entries.length === 0) {
    const outer = layout.indentOf(map.range.start.line);
    const inner = outer + layout.unit;
    return { uri, range: map.range, newText: `{${layout.eol}${inner}${JSON.stringify(key)}: ${jsonValue(value, inner, layout.unit)}${layout.eol}${outer}}` };
  }
  const first = map.entries[0];
  const last = map.entries[map.entries.length - 1];
  const at = last.value.range.end;
  if (first.keyRange.start.line === map.range.start.line) {
    return { uri, range: { start: at, end: at }, newText: `, ${JSON.stringify(key)}: ${JSON.stringify(value)}` };
  }
  const indent = ' '.repeat(first.keyRange.start.character);
  return { uri, range: { start: at, end: at }, newText: `,${layout.eol}${indent}${JSON.stringify(key)}: ${jsonValue(value, indent, layout.unit)}` };
}
