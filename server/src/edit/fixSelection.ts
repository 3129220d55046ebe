import type { Finding, Fix, TextEdit } from '../rules/rule';
import { comparePositions } from '../model/range';

export interface SelectedFix {
  finding: Finding;
  fix: Fix;
}

/**
 * Picks the fixes that can be applied together in one pass: the preferred
 * fix of each unsuppressed finding, at most one per resource, and none whose
 * edits touch or overlap another chosen fix's edits. The rest wait for the
 * next pass, computed against the text as it then is.
 */
export function selectFixes(findings: readonly Finding[], accept: (f: Finding) => boolean = () => true): { selected: SelectedFix[]; deferred: number } {
  const selected: SelectedFix[] = [];
  const taken: TextEdit[] = [];
  const resources = new Set<string>();
  let deferred = 0;
  for (const finding of findings) {
    if (finding.suppressed || !accept(finding)) continue;
    const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
    if (!fix) continue;
    const resource = `${finding.uri}#${finding.key.slice(finding.key.indexOf('@') + 1).replace(/#\d+$/, '')}`;
    if (resources.has(resource) || fix.edits.some((e) => taken.some((t) => touches(e, t)))) {
      deferred++;
      continue;
    }
    resources.add(resource);
    taken.push(...fix.edits);
    selected.push({ finding, fix });
  }
  return { selected, deferred };
}

/** Two edits in one file that overlap or meet at a point: applying both could interleave their text. */
function touches(a: TextEdit, b: TextEdit): boolean {
  if (a.uri !== b.uri) return false;
  return comparePositions(a.range.start, b.range.end) <= 0 && comparePositions(b.range.start, a.range.end) <= 0;
}
