import type { Resource, TemplateDocument } from '../model/document';
import type { TextEdit } from '../rules/rule';
import { hclBodyLines, type HclBody } from './hclEdits';
import { hclExpression, type HclExpression } from './plainValue';
import { layoutOf } from './sourceLayout';

/**
 * How a companion resource refers to its parent, following the parent's
 * repetition: one companion per bucket instance, never one for all.
 */
export function parentReference(parent: Resource, attribute: string): { reference: HclExpression; meta: HclBody } {
  if (parent.repetition === 'count') {
    return { reference: hclExpression(`${parent.id}[count.index].${attribute}`), meta: { count: hclExpression(`length(${parent.id})`) } };
  }
  if (parent.repetition === 'for_each') {
    return { reference: hclExpression(`each.value.${attribute}`), meta: { for_each: hclExpression(parent.id) } };
  }
  return { reference: hclExpression(`${parent.id}.${attribute}`), meta: {} };
}

/**
 * A new `resource "<type>" "<name>"` block right after `after`, for the
 * provider's split resources (`aws_s3_bucket_versioning` and friends).
 * The name repeats the parent's, as the provider's own examples do.
 */
export function addTerraformResource(doc: TemplateDocument, after: Resource, type: string, body: HclBody): TextEdit {
  const layout = layoutOf(doc);
  const name = after.id.slice(after.id.indexOf('.') + 1);
  const at = layout.trimEnd(after.range);
  const indent = layout.indentOf(after.range.start.line);
  const lines = [`${indent}resource "${type}" "${name}" {`, ...hclBodyLines(body, indent + layout.unit, layout.unit), `${indent}}`];
  return { uri: doc.uri, range: { start: at, end: at }, newText: layout.eol + layout.eol + lines.join(layout.eol) };
}
