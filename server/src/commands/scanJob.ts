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
  /** Every file of the whole scan, when `files` is one worker's share of it. */
  universe?: string[];
  /** The report is JSON: spooled entries are kept as the JSON report writes them (`jsonFileText`), not re-rendered at the end. */
  jsonReport?: boolean;
}

/**
 * The whole report of a job's files, held in memory: what the streamed scan
 * (`runStreamedScan`) writes file by file, and the reference it is tested against.
 */
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
