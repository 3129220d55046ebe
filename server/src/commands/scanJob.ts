import { assessScan, buildJsonReport, type JsonReport } from '../report/jsonReport';
import type { Severity } from '../rules/rule';
import { scanPaths } from '../workspace/scan';

/** One piece of a scan, in a shape a worker thread can receive (no Sets or Maps). */
export interface ScanJob {
  files: string[];
  extraTfvars: string[];
  assess: { enabledRules: string[]; disabledRules: string[] };
  severities: [string, Severity][];
  relativeTo: string;
}

/** Scans, assesses and reports one job's files: the whole scan without workers, one worker's share with them. */
export async function scanFiles(job: ScanJob): Promise<JsonReport> {
  const scan = await scanPaths(job.files, { extraTfvars: job.extraTfvars });
  const assessed = assessScan(scan, { enabledRules: new Set(job.assess.enabledRules), disabledRules: new Set(job.assess.disabledRules) });
  const report = buildJsonReport(scan, assessed, { severities: new Map(job.severities), relativeTo: job.relativeTo });
  return sortReport(report);
}

/** Files and errors in path order, so a scan split among workers reads exactly like one that was not. */
export function sortReport(report: JsonReport): JsonReport {
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  report.files.sort(byPath);
  report.errors.sort(byPath);
  return report;
}

/** Joins the reports of several jobs into one. */
export function mergeReports(parts: JsonReport[]): JsonReport {
  const [first] = parts;
  const merged: JsonReport = {
    tool: first.tool,
    summary: { files: 0, resources: 0, errors: 0, ignoredFiles: 0, findings: 0, suppressed: 0, baselined: 0, moduleCalls: { followed: 0, notFollowed: 0 } },
    files: parts.flatMap((p) => p.files),
    errors: parts.flatMap((p) => p.errors),
  };
  const counts = ['files', 'resources', 'errors', 'ignoredFiles', 'findings', 'suppressed', 'baselined'] as const;
  for (const p of parts) {
    for (const key of counts) merged.summary[key] += p.summary[key];
    merged.summary.moduleCalls.followed += p.summary.moduleCalls.followed;
    merged.summary.moduleCalls.notFollowed += p.summary.moduleCalls.notFollowed;
  }
  return sortReport(merged);
}
