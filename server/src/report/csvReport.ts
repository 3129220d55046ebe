import { csvLine } from './escape';
import type { JsonFile, JsonReport } from './jsonReport';
import { renderThrough, type ReportHead, type ReportSink, type Write } from './reportSink';

const HEADER = ['File', 'Line', 'Resource', 'Type', 'Rule', 'Aspect', 'Owner', 'Category', 'Severity', 'State', 'Message', 'Fix', 'Reason', 'Security Hub', 'Checkov', 'Fingerprint'];

/**
 * `srm-lens scan --format csv`: one row per finding, for spreadsheets and
 * trackers. State is open, accepted (suppressed with a reason) or baseline.
 * Fields pass through `csvField`, so no cell can start a formula.
 */
export function renderCsv(report: JsonReport): string {
  return renderThrough(report, csvReportSink);
}

/** `renderCsv` file by file. */
export function csvReportSink(_head: ReportHead, write: Write): ReportSink {
  write(csvLine(HEADER));
  return {
    file(file: JsonFile) {
      let out = '';
      for (const resource of file.resources) {
        for (const finding of resource.findings) {
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
      }
      if (out) write(out);
    },
    end() {},
  };
}
