import { setFlagsFromString } from 'node:v8';
import { runBundleWithCodeCache } from './bundleCodeCache';
import { CLI_V8_FLAGS } from './cliFlags';

// `srm-lens`, the command: runs the CLI's bundle (`cliBundle.js`, built from `cli.ts`) as the main
// module, with V8 flags for a short process and through V8's code cache (`bundleCodeCache.ts`). The
// first `scan`, `matrix` or `fix` of a build leaves the cache; `--help` would leave a nearly empty one.
const CACHING_COMMANDS = new Set(['scan', 'matrix', 'fix']);

setFlagsFromString(CLI_V8_FLAGS);
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? '';
runBundleWithCodeCache(module, __dirname, 'cliBundle', CLI_V8_FLAGS, CACHING_COMMANDS.has(command));
