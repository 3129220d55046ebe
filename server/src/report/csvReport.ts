import { csvLine } from './escape';
import { allFindings, type JsonReport } from './jsonReport';

const HEADER = ['File', 'Line', 'Resource', 'Type', 'Rule', 'Aspect', 'Owner', 'Category', 'Severity', 'State', 'Message', 'Fix', 'Reason', 'Security Hub', 'Checkov', 'Fingerprint'];

/**
 * `srm-lens scan --format csv`: one row per finding, for spreadsheets and
 * trackers. State is open, accepted (suppressed with a reason) or baseline.
 * Fields pass through `csvField`, so no cell can start a formula.
 */
export function renderCsv(report: JsonReport): string {
  let out = csvLine(HEADER);
  for (const { file, resource, finding } of allFindings(report)) {
    const cell = resource.cells.find((c) => c.aspect === finding.aspect);
    out += csvLine([
      file.path,
      String(finding.range.start.line + 1),
      resource.id,
      resource.type,
      finding.rule,
      finding.aspect,
      cell?.owner ?? '',
      cell?.category ?? '',
      finding.severity,
      finding.suppressed ? 'accepted' : finding.baselined ? 'baseline' : 'open',
      finding.message,
      finding.fixes[0]?.title ?? '',
      finding.suppressionReason ?? '',
      (finding.references.securityHub ?? []).join(' '),
      (finding.references.checkov ?? []).join(' '),
      finding.fingerprint,
    ]);
  }
  return out;
}
