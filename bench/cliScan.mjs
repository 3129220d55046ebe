// The whole-corpus scan as a user runs it: `srm-lens scan ../shared/corpus`
// in a fresh process each time (start-up, knowledge loading and the WASM
// parser included), with one thread and with worker threads. Run after
// `npm run build`: `node bench/cliScan.mjs` (add `--write` to update the
// section of docs/performance.md between the bench-cli markers).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const corpus = join(root, '..', 'shared', 'corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const write = process.argv.includes('--write');
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
if (!existsSync(corpus)) throw new Error(`${corpus} is missing: the corpus benchmark needs ../shared/corpus`);

const configs = [
  ['--jobs 1', ['--jobs', '1']],
  ['--jobs 2', ['--jobs', '2']],
  ['--jobs auto (default)', []],
];

function once(extra) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, 'scan', corpus, '--format', 'json', '--fail-on', 'none', ...extra], { maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`scan exited ${r.status}: ${r.stderr}`);
  return { ms, summary: JSON.parse(r.stdout).summary };
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const samples = new Map(configs.map(([name]) => [name, []]));
let summary;
const loadBefore = loadavg()[0];
// Warm-up: the file cache, and V8's code cache of the CLI's and the workers' bundles, which a build's
// first scan leaves (one thread first, so the CLI's cache holds the scan's functions).
once(['--jobs', '1']);
once(['--jobs', '2']);
// Interleaved, so a change in the machine's load hits every configuration alike.
for (let i = 0; i < RUNS; i++) {
  for (const [name, extra] of configs) {
    const r = once(extra);
    samples.get(name).push(r.ms);
    summary = r.summary;
  }
}
const loadAfter = loadavg()[0];
const lines = [
  `Machine: ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after (other work on the machine slows every figure alike).`,
  '',
  `\`srm-lens scan ../shared/corpus --format json\`, a fresh process per run, ${RUNS} interleaved runs after a warm-up: ${summary.files} files, ${summary.resources} resources, ${summary.findings} findings. Budget: under 3 s.`,
  '',
  '| threads | median | min | max |',
  '| --- | --- | --- | --- |',
  ...configs.map(([name]) => {
    const s = samples.get(name);
    return `| ${name} | ${(median(s) / 1000).toFixed(2)} s | ${(Math.min(...s) / 1000).toFixed(2)} s | ${(Math.max(...s) / 1000).toFixed(2)} s |`;
  }),
];
console.log(lines.join('\n'));
if (write) {
  const path = join(root, 'docs', 'performance.md');
  const doc = readFileSync(path, 'utf8');
  const start = '<!-- bench-cli:start -->';
  const end = '<!-- bench-cli:end -->';
  if (!doc.includes(start)) throw new Error(`${path} has no ${start} marker`);
  writeFileSync(path, doc.slice(0, doc.indexOf(start) + start.length) + '\n' + lines.join('\n') + '\n' + doc.slice(doc.indexOf(end)));
}
