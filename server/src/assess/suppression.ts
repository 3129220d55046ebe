import { REASON_PLACEHOLDER } from '../edit/suppressionEdit';
import type { LinkedModel } from '../link/linkedModel';
import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import { asList, asMap, getValue } from '../model/value';

/** How far above a resource its suppression comment may sit. */
export const MAX_LINES_ABOVE = 3;

/**
 * Whether the team accepted the risk of a rule on a resource, and why.
 * Two ways to say it: a `srm-lens:ignore <rule> <reason>` comment on the
 * resource or in the comment block right above it, and CloudFormation
 * `Metadata: { srm-lens: { ignore: [{ id, reason }] } }` (a bare rule id also counts).
 */
export function suppressionFor(resource: Resource, model: LinkedModel, ruleId: string): { reason: string; range: Range } | undefined {
  const doc = model.documents.find((d) => d.uri === resource.uri);
  for (const s of doc?.suppressions ?? []) {
    if (s.ruleId !== ruleId) continue;
    const line = s.range.start.line;
    const inside = line >= resource.range.start.line && line <= resource.range.end.line;
    // "Above" is the comment block right before the resource: a few lines, so a comment never reaches the next resource down.
    const above = line < resource.range.start.line && resource.range.start.line - line <= MAX_LINES_ABOVE;
    if (inside || above) return { reason: s.reason, range: s.range };
  }
  const ignore = asList(getValue(asMap(getValue(asMap(getValue(resource.definition, 'Metadata')), 'srm-lens')), 'ignore'));
  for (const item of ignore?.items ?? []) {
    if (item.kind === 'string' && item.value === ruleId) return { reason: '', range: item.range };
    const id = getValue(asMap(item), 'id');
    if (id?.kind === 'string' && id.value === ruleId) {
      const reason = getValue(asMap(item), 'reason');
      return { reason: reason?.kind === 'string' ? reason.value : '', range: item.range };
    }
  }
  return undefined;
}

/**
 * A reason a reviewer can read: not empty, not the placeholder the quick fix
 * writes, and more than punctuation. A suppression without one does not
 * accept the risk; the finding stays open and the editor asks for a reason.
 */
export function isRealReason(reason: string): boolean {
  const text = reason.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  return text.toLowerCase() !== REASON_PLACEHOLDER.toLowerCase();
}
