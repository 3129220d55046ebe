import type { MapEntry, MapValue } from '../model/value';
import type { TextEdit } from '../rules/rule';
import { isPlainObject, yamlBlock, yamlFlow, yamlKey, yamlScalar, type PlainValue } from './plainValue';
import type { SourceLayout } from './sourceLayout';

/**
 * Replaces the value of an existing key. Scalars replace the value's text;
 * structured values are written in the style of the surrounding map (block
 * lines, or flow when the map is written `{ … }`).
 */
export function yamlReplaceValue(uri: string, layout: SourceLayout, entry: MapEntry, parent: MapValue, value: PlainValue): TextEdit {
  const end = layout.trimEnd(entry.value.range);
  if (!isStructured(value) || parent.flow) {
    const text = isStructured(value) ? yamlFlow(value) : yamlScalar(value as string | number | boolean);
    return { uri, range: { start: entry.value.range.start, end }, newText: text };
  }
  const keyIndent = ' '.repeat(entry.keyRange.start.character);
  const lines = yamlBlock(entry.key, value, keyIndent, layout.unit);
  lines[0] = lines[0].slice(keyIndent.length);
  return { uri, range: { start: entry.keyRange.start, end }, newText: lines.join(layout.eol) };
}

/** Adds `key: value` to a mapping, after its last entry, in the mapping's own style. */
export function yamlInsertEntry(uri: string, layout: SourceLayout, map: MapValue, key: string, value: PlainValue): TextEdit {
  if (map.flow) {
    const text = `${yamlKey(key)}: ${yamlFlow(value)}`;
    if (map.entries.length === 0) return { uri, range: map.range, newText: `{ ${text} }` };
    const last = map.entries[map.entries.length - 1];
    const at = layout.trimEnd(last.value.range);
    return { uri, range: { start: at, end: at }, newText: `, ${text}` };
  }
  const first = map.entries[0];
  const indent = ' '.repeat(first.keyRange.start.character);
  const last = map.entries[map.entries.length - 1];
  const at = layout.lineEnd(layout.trimEnd(last.value.range).line);
  return { uri, range: { start: at, end: at }, newText: layout.eol + yamlBlock(key, value, indent, layout.unit).join(layout.eol) };
}

/** Writes a mapping under a key whose value is empty (`Properties:` followed by nothing). */
export function yamlFillEmptyKey(uri: string, layout: SourceLayout, entry: MapEntry, key: string, value: PlainValue): TextEdit {
  const indent = ' '.repeat(entry.keyRange.start.character) + layout.unit;
  const at = layout.lineEnd(entry.keyRange.end.line);
  const lineRest = layout.lineText(entry.keyRange.end.line).slice(entry.keyRange.end.character);
  // `Key: ~` or `Key: null` gets its null replaced; `Key:` keeps its colon and any comment.
  if (entry.value.kind === 'null' && /:\s*(~|null)\s*(#.*)?$/.test(lineRest)) {
    const lines = yamlBlock(key, value, indent, layout.unit);
    return { uri, range: { start: entry.keyRange.end, end: layout.trimEnd(entry.value.range) }, newText: `:${layout.eol}${lines.join(layout.eol)}` };
  }
  return { uri, range: { start: at, end: at }, newText: layout.eol + yamlBlock(key, value, indent, layout.unit).join(layout.eol) };
}

function isStructured(value: PlainValue): boolean {
  return Array.isArray(value) || isPlainObject(value);
}
