import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScanJob } from './scanJob';
import type { ShareOutcome } from './scanShare';

/**
 * Splits a scan among worker threads: units (a template, a Terraform module
 * directory) are dealt largest first to the least loaded worker; each worker
 * scans its share unit by unit into a spool of its own in `spoolDir` and
 * posts back the index of what it wrote. The thread that writes the report
 * reads the spools in report order, so the report is the one a single
 * thread gives.
 */
export async function scanInWorkers(files: string[], job: ScanJob, workers: number, spoolDir: string): Promise<ShareOutcome[]> {
  const script = workerScript();
  const units = scanUnits(files).sort((a, b) => b.bytes - a.bytes);
  const shares = Array.from({ length: Math.min(workers, units.length) }, () => ({ files: [] as string[], bytes: 0 }));
  for (const unit of units) {
    const least = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    least.files.push(...unit.files);
    least.bytes += unit.bytes;
  }
  if (shares.length === 0) shares.push({ files: [], bytes: 0 });
  return Promise.all(shares.map((share, i) => runWorker(script, { job: { ...job, files: share.files, universe: files }, spoolPath: join(spoolDir, `spool-${i}`), spoolIndex: i })));
}

/** What a scan worker thread is given. */
export interface WorkerTask {
  job: ScanJob;
  spoolPath: string;
  spoolIndex: number;
}

function runWorker(script: string, task: WorkerTask): Promise<ShareOutcome> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: task });
    let settled = false;
    worker.once('message', (outcome: ShareOutcome) => {
      settled = true;
      resolvePromise(outcome);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`a scan worker stopped with code ${code} before reporting`));
    });
  });
}

/** The worker's entry, next to the CLI entry both in the bundle (dist/) and in tsc output. */
function workerScript(): string {
  for (const candidate of [join(__dirname, 'scanWorker.js'), join(__dirname, '..', 'scanWorker.js')]) if (existsSync(candidate)) return candidate;
  throw new Error(`scanWorker.js is missing next to ${__dirname}; rebuild SRM Lens`);
}

/**
 * The units a scan can be split into without changing its answer: the
 * Terraform configuration and variables files of one directory together (a
 * module is a directory; the modules it calls are read by whichever worker
 * needs them), every other file alone.
 */
export function scanUnits(files: readonly string[]): { files: string[]; bytes: number }[] {
  const units = new Map<string, { files: string[]; bytes: number }>();
  for (const file of files) {
    const terraform = /\.tf(\.json)?$|\.tfvars(\.json)?$/i.test(file);
    const key = terraform ? `dir:${dirname(file)}` : `file:${file}`;
    const unit = units.get(key) ?? { files: [], bytes: 0 };
    unit.files.push(file);
    unit.bytes += sizeOf(file);
    units.set(key, unit);
  }
  return [...units.values()];
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
