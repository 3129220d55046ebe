import { parentPort, workerData } from 'node:worker_threads';
import { scanShare } from './commands/scanShare';
import type { WorkerTask } from './commands/scanWorkers';

// A worker thread of `srm-lens scan --jobs N`: scans its share into its spool and posts the index.
if (parentPort) {
  const port = parentPort;
  const task = workerData as WorkerTask;
  scanShare(task.job, task.spoolPath, task.spoolIndex).then(
    (outcome) => port.postMessage(outcome),
    (error: unknown) => {
      throw error;
    },
  );
}
