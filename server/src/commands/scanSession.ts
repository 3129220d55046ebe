import { availableParallelism, loadavg } from 'node:os';
import { dirname, relative, resolve, sep } from 'node:path';
import type { AssessOptions } from '../assess/assess';
import { ConfigError, findProjectConfig, loadProjectConfig, type ProjectConfig } from '../config/projectConfig';
import { displayPath, type JsonReport, type ReportOptions } from '../report/jsonReport';
import type { Severity } from '../rules/rule';
import { matchesGlob } from '../settings';
import { collectFiles, type PassedOver } from '../workspace/collectFiles';
import { UsageError, positiveInteger, single, type ParsedArgs } from './args';
import { ruleIds } from './ruleOptions';
import { scanFiles, type ScanJob } from './scanJob';
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

/** A scan's report, and which of the inputs named on the command line could not be read. */
export interface ScanOutcome {
  report: JsonReport;
  /** Paths named on the command line that do not exist, or files named there that could not be read: exit code 2. */
  unreadableInputs: string[];
}

/**
 * Collects, filters by the configuration's exclusions, scans (in workers when
 * it pays) and returns one report. Files found inside a folder that cannot be
 * read (binary, not UTF-8, a device, a link leading outside) are listed in the
 * report's errors; a path named on the command line that cannot be read is
 * also an unreadable input.
 */
export async function runScan(setup: ScanSetup): Promise<ScanOutcome> {
  const { kept, missing, refused } = scanFileList(setup);
  const jobs = setup.jobs || autoJobs(kept.length);
  const report = jobs > 1 ? await scanInWorkers(kept, setup.job, jobs) : await scanFiles({ ...setup.job, files: kept });
  const shown = (path: string) => displayPath(resolve(path), setup.job.relativeTo);
  const passedOver = [...missing.map((path) => ({ path: shown(path), message: 'no such file or directory' })), ...refused.map((r) => ({ path: shown(r.path), message: r.message }))];
  if (passedOver.length) {
    report.errors = [...passedOver, ...report.errors].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    report.summary.errors = report.errors.length;
  }
  const named = new Set(setup.paths.map((p) => resolve(p)));
  const unreadableInputs = report.errors.filter((e) => named.has(resolve(setup.job.relativeTo, e.path))).map((e) => e.path);
  return { report, unreadableInputs };
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
