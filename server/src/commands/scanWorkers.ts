import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JsonReport } from '../report/jsonReport';
import { mergeReports, type ScanJob } from './scanJob';

/**
 * Splits a scan among worker threads: units (a template, a Terraform module
 * directory) are dealt largest first to the least loaded worker, each worker
 * parses, links, assesses and reports its share, and the reports are merged
 * in path order — the same report a single thread gives.
 */
export async function scanInWorkers(files: string[], job: ScanJob, workers: number): Promise<JsonReport> {
  const script = workerScript();
  const units = scanUnits(files).sort((a, b) => b.bytes - a.bytes);
  const shares = Array.from({ length: Math.min(workers, units.length) }, () => ({ files: [] as string[], bytes: 0 }));
  for (const unit of units) {
    const least = shares.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    least.files.push(...unit.files);
    least.bytes += unit.bytes;
  }
  if (shares.length === 0) shares.push({ files: [], bytes: 0 });
  const parts = await Promise.all(shares.map((share) => runWorker(script, { ...job, files: share.files })));
  return mergeReports(parts);
}

function runWorker(script: string, job: ScanJob): Promise<JsonReport> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData: job });
    let settled = false;
    worker.once('message', (report: JsonReport) => {
      settled = true;
      resolvePromise(report);
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
 * The units a scan can be split into without changing its answer: all
 * Terraform configuration files (and variables files) together, since
 * modules call each other across directories; every other file alone.
 */
export function scanUnits(files: readonly string[]): { files: string[]; bytes: number }[] {
  const units = new Map<string, { files: string[]; bytes: number }>();
  for (const file of files) {
    // All Terraform configuration goes to one worker: a module directory is
    // assessed differently when the module that calls it is in the same scan
    // (its own findings then say "with the module's defaults").
    const terraform = /\.tf(\.json)?$|\.tfvars(\.json)?$/i.test(file);
    const key = terraform ? 'terraform' : `file:${file}`;
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
