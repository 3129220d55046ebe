import type { Resource } from '../model/document';
import type { ResourceAssessment } from '../assess/assessment';
import { assess } from '../assess/assess';
import { jsonFilesOf, renderJsonFile, tallyOf, type FileTally, type JsonFile } from '../report/jsonReport';
import type { Severity } from '../rules/rule';
import type { FileError } from '../workspace/scan';
import { scanUnitByUnit } from '../workspace/unitScan';
import { heapCeiling } from './heapCeiling';
import { ReportSpool, type SpoolSlice } from './reportSpool';
import type { ScanJob } from './scanJob';

/** Severities in order, for the worst open finding that decides the exit code. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** One file of the report, held or written to a spool, and what it adds to the summary. */
export interface SpooledFile extends SpoolSlice {
  /** The entry itself while the share is small enough to hold (never from a worker); otherwise it is in the spool at the slice. */
  held?: JsonFile;
  /** The file as the report shows it, and as scanned (report order: by the first, ties by the second). */
  path: string;
  uri: string;
  /** Which spool (of the scan's spools) holds it. */
  spool: number;
  tally: FileTally;
  /** Fingerprints of its unsuppressed findings, for a baseline's count. */
  open: string[];
  /** The highest severity rank (info 0, warning 1, error 2) among those findings; -1 for none. */
  worstOpen: number;
  /** Spooled as the JSON report writes it (`jsonFileText`) rather than as compact JSON. */
  rendered?: boolean;
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
 * Below this many resources, report entries stay in memory (about 3 KB each
 * with their cells); beyond, all go to the spool. A small scan then pays
 * nothing for spooling, and a large one stays within a bounded memory.
 */
const HELD_RESOURCES = 4_000;

/** The heap a scan lets itself fill between units before collecting (see `heapCeiling`). */
const HEAP_CEILING_BYTES = 128 * 1024 * 1024;

/**
 * Scans a share of the files unit by unit: parses, links and assesses each
 * unit, keeps or spools its files' report entries and lets the unit go.
 * `hold`: whether entries may stay in memory (not in a worker, whose
 * entries travel through the spool).
 */
export async function scanShare(job: ScanJob, spoolPath: string, spoolIndex: number, hold = false): Promise<ShareOutcome> {
  const spool = new ReportSpool(spoolPath);
  const files: SpooledFile[] = [];
  let heldResources = 0;
  let held: SpooledFile[] = [];
  const collectIfFull = heapCeiling(HEAP_CEILING_BYTES);
  const spill = (entry: SpooledFile) => {
    // For a JSON report the entry is spooled as the report writes it: the thread writing the report then copies it
    // instead of parsing and stringifying it again (and workers render their shares in parallel).
    if (job.jsonReport) {
      // A resource at a time, so a file with thousands of resources is no one large string.
      let offset: number | undefined;
      let length = 0;
      renderJsonFile(entry.held!, (text) => {
        const slice = spool.append(text);
        offset ??= slice.offset;
        length += slice.length;
      });
      Object.assign(entry, { offset: offset ?? 0, length, rendered: true });
    } else Object.assign(entry, spool.append(JSON.stringify(entry.held)));
    delete entry.held;
  };
  const options = { severities: new Map(job.severities), relativeTo: job.relativeTo };
  const assessOptions = { enabledRules: new Set(job.assess.enabledRules), disabledRules: new Set(job.assess.disabledRules) };
  try {
    const outcome = await scanUnitByUnit(job.files, { extraTfvars: job.extraTfvars, universe: job.universe }, (unit) => {
      const assessed = new Map<Resource, ResourceAssessment>();
      for (const ra of assess(unit.model, assessOptions).resources) assessed.set(ra.resource, ra);
      const entries = jsonFilesOf(unit.documents, [unit.model], assessed, options);
      entries.forEach((file, i) => {
        const open: string[] = [];
        let worstOpen = -1;
        for (const r of file.resources) {
          for (const f of r.findings) {
            if (f.suppressed) continue;
            open.push(f.fingerprint);
            worstOpen = Math.max(worstOpen, SEVERITY_RANK[f.severity]);
          }
        }
        const entry: SpooledFile = {
          held: file,
          offset: 0,
          length: 0,
          path: file.path,
          uri: unit.documents[i].uri,
          spool: spoolIndex,
          tally: tallyOf(file),
          open,
          worstOpen,
          ...(unit.terraformDirectory !== undefined ? { terraformDirectory: unit.terraformDirectory } : {}),
        };
        files.push(entry);
        held.push(entry);
        heldResources += file.resources.length;
        if (!hold || heldResources > HELD_RESOURCES) {
          // Past the bound, everything held so far goes too, and every entry after it.
          for (const f of held) spill(f);
          held = [];
          hold = false;
        }
      });
      collectIfFull();
    });
    return { files, errors: outcome.errors, moduleProblems: outcome.moduleProblems, ignored: outcome.ignored, calledDirectories: [...outcome.calledDirectories] };
  } finally {
    spool.close();
  }
}
