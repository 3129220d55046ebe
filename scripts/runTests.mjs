// Runs the compiled node:test suites. Node 20's test runner takes no globs,
// so the files are listed here; a suite folder given on the command line
// (e.g. `node scripts/runTests.mjs unit`) narrows the run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = 'out/test';
const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'cli', 'lsp', 'hostile', 'corpus'];

function collect(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return collect(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = suites.flatMap((suite) => collect(join(root, suite))).sort();
if (files.length === 0) {
  console.error(`No compiled tests found under ${root}/{${suites.join(',')}}; run \`tsc -b\` first.`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
