import { runBundleWithCodeCache } from './bundleCodeCache';
import { CLI_V8_FLAGS } from './cliFlags';

// The bundle's `scanWorker.js` (a worker thread of `srm-lens scan --jobs N`): runs the worker's bundle
// through V8's code cache, as `cliLauncher.ts` runs the CLI's; each worker would otherwise compile it anew.
runBundleWithCodeCache(module, __dirname, 'scanWorkerBundle', CLI_V8_FLAGS, true);
