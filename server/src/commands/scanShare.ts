import type { Resource } from '../model/document';
import type { ResourceAssessment } from '../assess/assessment';
import { assess } from '../assess/assess';
import { jsonFilesOf, tallyOf, type FileTally } from '../report/jsonReport';
import type { FileError } from '../workspace/scan';
import { scanUnitByUnit } from '../workspace/unitScan';
import { ReportSpool, type SpoolSlice } from './reportSpool';
import type { ScanJob } from './scanJob';

/** One file of the report, written to a spool: where, and what it adds to the summary. */
export interface SpooledFile extends SpoolSlice {
  /** The file as the report shows it, and as scanned (report order: by the first, ties by the second). */
  path: string;
  uri: string;
  /** Which spool (of the scan's spools) holds it. */
  spool: number;
  tally: FileTally;
  /** Fingerprints of its unsuppressed findings, for a baseline's count. */
  open: string[];
  /** The Terraform directory it belongs to: its findings end with the module-defaults note when another module calls the directory. */
  terraformDirectory?: string;
}

/** What a share of a scan (all of it, or a worker's) tells the thread that writes the report. Plain data, so a worker can post it. */
export interface ShareOutcome {
  files: SpooledFile[];
  errors: FileError[];
  moduleProblems: FileError[];
  ignored: number;
  calledDirectories: string[];
}

/**
 * Scans a share of the files unit by unit: parses, links and assesses each
 * unit, writes its files' report entries to the spool and lets the unit go.
 */
export async function scanShare(job: ScanJob, spoolPath: string, spoolIndex: number): Promise<ShareOutcome> {
  const spool = new ReportSpool(spoolPath);
  const files: SpooledFile[] = [];
  const options = { severities: new Map(job.severities), relativeTo: job.relativeTo };
  const assessOptions = { enabledRules: new Set(job.assess.enabledRules), disabledRules: new Set(job.assess.disabledRules) };
  try {
    const outcome = await scanUnitByUnit(job.files, { extraTfvars: job.extraTfvars, universe: job.universe }, (unit) => {
      const assessed = new Map<Resource, ResourceAssessment>();
      for (const ra of assess(unit.model, assessOptions).resources) assessed.set(ra.resource, ra);
      const entries = jsonFilesOf(unit.documents, [unit.model], assessed, options);
      entries.forEach((file, i) => {
        const open: string[] = [];
        for (const r of file.resources) for (const f of r.findings) if (!f.suppressed) open.push(f.fingerprint);
        files.push({
          ...spool.append(JSON.stringify(file)),
          path: file.path,
          uri: unit.documents[i].uri,
          spool: spoolIndex,
          tally: tallyOf(file),
          open,
          ...(unit.terraformDirectory !== undefined ? { terraformDirectory: unit.terraformDirectory } : {}),
        });
      });
    });
    return { files, errors: outcome.errors, moduleProblems: outcome.moduleProblems, ignored: outcome.ignored, calledDirectories: [...outcome.calledDirectories] };
  } finally {
    spool.close();
  }
}
