import type { Resource, TemplateDocument } from '../model/document';
import type { TextEdit } from '../rules/rule';
import { jsonValue, yamlBlock, type PlainValue } from './plainValue';
import { layoutOf } from './sourceLayout';

/**
 * A new entry of `Resources` right after `after`, in the template's syntax
 * and indentation. Intrinsics are written in long form (`{ Ref: X }`), which
 * both YAML and JSON read the same way.
 */
export function addCloudFormationResource(doc: TemplateDocument, after: Resource, logicalId: string, definition: PlainValue): TextEdit {
  const layout = layoutOf(doc);
  const indent = ' '.repeat(after.idRange.start.character);
  if (doc.format === 'cloudformation-json') {
    const at = after.range.end;
    // A minified template stays on one line: indenting to the resource's column would repeat
    // that column's width of spaces on every new line, quadratic in the template's size.
    if (!layout.startsLine(after.idRange.start)) {
      return { uri: doc.uri, range: { start: at, end: at }, newText: `,${JSON.stringify(logicalId)}:${JSON.stringify(JSON.parse(jsonValue(definition, '', '')))}` };
    }
    return { uri: doc.uri, range: { start: at, end: at }, newText: `,${layout.eol}${indent}${JSON.stringify(logicalId)}: ${jsonValue(definition, indent, layout.unit)}` };
  }
  const at = layout.lineEnd(layout.trimEnd(after.range).line);
  return { uri: doc.uri, range: { start: at, end: at }, newText: layout.eol + layout.eol + yamlBlock(logicalId, definition, indent, layout.unit).join(layout.eol) };
}

/** A logical ID not used in the template yet: `BucketPolicy`, else `BucketPolicy2`, … */
export function freeLogicalId(isTaken: (id: string) => boolean, wanted: string): string {
  if (!isTaken(wanted)) return wanted;
  let n = 2;
  while (isTaken(`${wanted}${n}`)) n++;
  return `${wanted}${n}`;
}
