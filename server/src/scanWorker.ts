import { parentPort, workerData } from 'node:worker_threads';
import { scanFiles, type ScanJob } from './commands/scanJob';

// A worker thread of `srm-lens scan --jobs N`: scans its share and posts the report.
if (parentPort) {
  const port = parentPort;
  scanFiles(workerData as ScanJob).then(
    (report) => port.postMessage(report),
    (error: unknown) => {
      throw error;
    },
  );
}
