import type { ResourceAssessment } from '../assess/assessment';
import type { Finding, Severity } from '../rules/rule';

/**
 * The one definition of a gap, shared by the hover, the code lens, the
 * matrix and (through the diagnostics it counts) the status bar: an open
 * finding, i.e. one not suppressed with a real reason. A cell's status is
 * not the measure: one cell can hold several findings.
 */
export function isGap(finding: Finding): boolean {
  return !finding.suppressed;
}

export function gapsOf(...resources: readonly ResourceAssessment[]): Finding[] {
  return resources.flatMap((ra) => ra.findings.filter(isGap));
}

export type GapCounts = Record<Severity, number>;

/** Gaps by the severity shown to the user (settings may override a rule's default). */
export function gapCounts(findings: readonly Finding[], severityOf: (f: Finding) => Severity = (f) => f.severity): GapCounts {
  const counts: GapCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (isGap(f)) counts[severityOf(f)]++;
  return counts;
}
