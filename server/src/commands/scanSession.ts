import { availableParallelism, loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { AssessOptions } from '../assess/assess';
import { ConfigError, findProjectConfig, loadProjectConfig, type ProjectConfig } from '../config/projectConfig';
import { MODULE_DEFAULTS_NOTE } from '../assess/assess';
import type { BaselineEntry } from '../report/baseline';
import { displayPath, summaryOf, type JsonFile, type ReportOptions } from '../report/jsonReport';
import type { ReportHead, ReportSink } from '../report/reportSink';
import { toolInfo } from '../version';
import type { FileError } from '../workspace/scan';
import { openSpool } from './reportSpool';
import { scanShare, SEVERITY_RANK } from './scanShare';
import type { Severity } from '../rules/rule';
import { matchesGlob } from '../settings';
import { collectFiles, type PassedOver } from '../workspace/collectFiles';
import { UsageError, positiveInteger, single, type ParsedArgs } from './args';
import { ruleIds } from './ruleOptions';
import type { ScanJob } from './scanJob';
import { scanInWorkers } from './scanWorkers';

/** Everything a scan needs, from the command line and the configuration file together. */
export interface ScanSetup {
  paths: string[];
  config?: ProjectConfig;
  job: ScanJob;
  jobs: number;
}

/** Below this many files, starting workers costs more than it saves. */
const FILES_PER_WORKER = 150;

/**
 * Reads the options `scan` and `matrix` share. The configuration file comes
 * from `--config`, or the nearest `.srm-lens.yaml` above the scanned paths
 * (`--no-config` ignores it); command-line options win over it.
 */
export function scanSetup(args: ParsedArgs, command: string): ScanSetup {
  if (args.positional.length === 0) throw new UsageError(`${command} needs at least one file or directory`);
  const config = configFor(args);
  const enabled = new Set<string>();
  const disabled = new Set<string>();
  const severities: [string, Severity][] = [];
  for (const [id, v] of Object.entries(config?.rules ?? {})) {
    if (v.enabled === true) enabled.add(id);
    if (v.enabled === false) disabled.add(id);
    if (v.severity) severities.push([id, v.severity]);
  }
  for (const id of ruleIds(args, '--enable-rule') ?? []) {
    enabled.add(id);
    disabled.delete(id);
  }
  for (const id of ruleIds(args, '--disable-rule') ?? []) {
    disabled.add(id);
    enabled.delete(id);
  }
  const assess: AssessOptions = { enabledRules: enabled, disabledRules: disabled };
  const extraTfvars = [...(config?.terraformVarFiles ?? []), ...(args.options.get('--var-file') ?? []).map((p) => resolve(p))];
  const jobsOption = single(args, '--jobs');
  const jobs = jobsOption === undefined || jobsOption === 'auto' ? 0 : positiveInteger(args, '--jobs')!;
  return { paths: args.positional, config, jobs, job: { files: [], extraTfvars, assess: serializeAssess(assess), severities, relativeTo: process.cwd() } };
}

function configFor(args: ParsedArgs): ProjectConfig | undefined {
  if (args.flags.has('--no-config')) return undefined;
  try {
    const explicit = single(args, '--config');
    if (explicit) return loadProjectConfig(resolve(explicit));
    const found = [...new Set(args.positional.map((p) => findProjectConfig(p)).filter((p): p is string => p !== undefined))];
    if (found.length > 1) throw new UsageError(`the paths are governed by different configuration files (${found.join(', ')}); scan them separately or name one with --config`);
    return found.length ? loadProjectConfig(found[0]) : undefined;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`the configuration file has problems:\n${error.message}`);
    throw error;
  }
}

/** What a streamed scan tells its command once every file went through the sink. */
export interface StreamedScanOutcome {
  /** The report less its files: summary and errors. */
  head: ReportHead;
  /** Paths named on the command line that do not exist, or files named there that could not be read: exit code 2. */
  unreadableInputs: string[];
  /** The most severe open finding that no baseline records, if any. */
  worstOpen?: Severity;
  /** With `collectBaseline`: every unsuppressed finding, as a baseline records it. */
  baseline: BaselineEntry[];
}

export interface StreamedScanOptions {
  /** Fingerprints a `--baseline` records: those findings are marked and do not fail the run. */
  baseline?: ReadonlySet<string>;
  /** `--write-baseline`: every unsuppressed finding is recorded, and accepted for this run too. */
  collectBaseline?: boolean;
}


/**
 * Collects, filters by the configuration's exclusions and scans (in workers
 * when it pays) one unit at a time, each unit's report entries spooled to a
 * temporary file; then writes the report through `sink`, file by file in
 * report order, reading the entries back. Memory is that of the largest unit
 * and the report's index, not of the repository, and every format reads as
 * it would from the whole report (`buildJsonReport`). Files found inside a
 * folder that cannot be read (binary, not UTF-8, a device, a link leading
 * outside) are listed in the report's errors; a path named on the command
 * line that cannot be read is also an unreadable input.
 */
export async function runStreamedScan(setup: ScanSetup, sink: (head: ReportHead) => ReportSink, options: StreamedScanOptions = {}): Promise<StreamedScanOutcome> {
  const { kept, missing, refused } = scanFileList(setup);
  const jobs = setup.jobs || autoJobs(kept.length);
  const spoolDir = mkdtempSync(join(tmpdir(), 'srm-lens-scan-'));
  try {
    const shares = jobs > 1 ? await scanInWorkers(kept, setup.job, jobs, spoolDir) : [await scanShare({ ...setup.job, files: kept }, join(spoolDir, 'spool-0'), 0, true)];
    const shown = (path: string) => displayPath(resolve(path), setup.job.relativeTo);
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const problems = new Map<string, FileError>();
    for (const share of shares) for (const p of share.moduleProblems) problems.set(`${p.path}\0${p.message}`, p);
    const scanErrors = [...shares.flatMap((s) => s.errors), ...problems.values()].sort(byPath).map((e) => ({ path: displayPath(e.path, setup.job.relativeTo), message: e.message }));
    const passedOver = [...missing.map((path) => ({ path: shown(path), message: 'no such file or directory' })), ...refused.map((r) => ({ path: shown(r.path), message: r.message }))];
    const errors = [...passedOver, ...scanErrors].sort(byPath);
    const files = shares.flatMap((s) => s.files);
    files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    files.sort(byPath);
    const accepted = (fingerprint: string) => options.collectBaseline === true || options.baseline?.has(fingerprint) === true;
    const baselined = files.reduce((n, f) => n + f.open.filter(accepted).length, 0);
    const ignored = shares.reduce((n, s) => n + s.ignored, 0);
    const head: ReportHead = { tool: toolInfo(), summary: summaryOf(files.map((f) => f.tally), errors.length, ignored, baselined), errors };
    const called = new Set(shares.flatMap((s) => s.calledDirectories));
    const spools = new Map<number, ReturnType<typeof openSpool>>();
    const out = sink(head);
    let worst = -1;
    const baseline: BaselineEntry[] = [];
    try {
      for (const entry of files) {
        let file = entry.held;
        const calledElsewhere = entry.terraformDirectory !== undefined && called.has(entry.terraformDirectory);
        if (!file) {
          let spool = spools.get(entry.spool);
          if (!spool) spools.set(entry.spool, (spool = openSpool(join(spoolDir, `spool-${entry.spool}`))));
          if (entry.rendered && out.fileParts && !calledElsewhere && !options.baseline && !options.collectBaseline) {
            // Written as the scan rendered it: nothing below would change it.
            worst = Math.max(worst, entry.worstOpen);
            out.fileParts(spool.chunks(entry));
            continue;
          }
          file = JSON.parse(spool.read(entry)) as JsonFile;
        }
        // Let the entry go once written.
        entry.held = undefined;
        for (const resource of file.resources) {
          for (const finding of resource.findings) {
            // Known only once every module was linked: this directory is also called by another, so alone it shows its defaults.
            if (calledElsewhere && !resource.module) finding.message += MODULE_DEFAULTS_NOTE;
            if (finding.suppressed) continue;
            if (accepted(finding.fingerprint)) finding.baselined = true;
            else worst = Math.max(worst, SEVERITY_RANK[finding.severity]);
            if (options.collectBaseline) baseline.push({ fingerprint: finding.fingerprint, rule: finding.rule, path: file.path, resource: resource.id, message: finding.message });
          }
        }
        out.file(file);
      }
    } finally {
      for (const spool of spools.values()) spool.close();
    }
    out.end();
    const named = new Set(setup.paths.map((p) => resolve(p)));
    const unreadableInputs = errors.filter((e) => named.has(resolve(setup.job.relativeTo, e.path))).map((e) => e.path);
    const worstOpen = (Object.keys(SEVERITY_RANK) as Severity[]).find((s) => SEVERITY_RANK[s] === worst);
    return { head, unreadableInputs, worstOpen, baseline };
  } finally {
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

/**
 * `--jobs auto`: a worker per idle core, and only for scans big enough to
 * repay starting them. On a machine whose cores are already busy, workers
 * only compete with each other (measured in docs/performance.md), so the
 * scan stays on one thread.
 */
export function autoJobs(files: number, cores = availableParallelism(), load = loadavg()[0]): number {
  const idle = Math.floor(cores - load + 0.5);
  return Math.max(1, Math.min(idle, Math.floor(files / FILES_PER_WORKER)));
}

/** The candidate files under the paths, less those the configuration excludes; and the paths that do not exist. */
export function scanFileList(setup: ScanSetup): { kept: string[]; missing: string[]; refused: PassedOver[] } {
  const { files, missing, refused } = collectFiles(setup.paths);
  return { kept: setup.config ? files.filter((f) => !excludedBy(setup.config!, f)) : files, missing, refused };
}

/** Exclusions match the path relative to the configuration file's folder, as the editor matches workspace paths. */
function excludedBy(config: ProjectConfig, file: string): boolean {
  const rel = relative(dirname(config.path), resolve(file)).split(sep).join('/');
  return config.exclude.some((g) => matchesGlob(rel, g) || matchesGlob(resolve(file).split(sep).join('/'), g));
}

export function serializeAssess(options: AssessOptions): ScanJob['assess'] {
  return { enabledRules: [...(options.enabledRules ?? [])], disabledRules: [...(options.disabledRules ?? [])] };
}

export function reportOptionsOf(job: ScanJob): ReportOptions {
  return { severities: new Map(job.severities), relativeTo: job.relativeTo };
}
