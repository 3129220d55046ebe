import type { Range } from '../model/range';
import type { SuppressionComment } from '../model/document';

const SUPPRESSION = /srm-lens:ignore\s+([a-z0-9][a-z0-9-]*)(?:\s+(.*\S))?\s*$/;

/**
 * Reads `srm-lens:ignore <rule-id> <reason>` from the text of one comment
 * (its `#` or `//` already removed or not). A suppression without a reason
 * is recorded with an empty one: it accepts nothing, and the editor asks for
 * a reason (assess/suppression.ts decides what a real reason is).
 */
export function parseSuppression(commentText: string, range: Range): SuppressionComment | undefined {
  const match = SUPPRESSION.exec(commentText);
  if (!match) return undefined;
  return { ruleId: match[1], reason: match[2] ?? '', range };
}
