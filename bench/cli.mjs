// The CLI on a repository, as whole processes: `srm-lens scan` on the
// CloudFormation corpus beside cfn-lint on the same files (when cfn-lint is
// installed), and a generated repository of ten copies of the corpus against
// one copy (linear growth, peak memory). CPU is user + system from
// /usr/bin/time, which is steadier than wall time on a shared machine.
// Usage: node bench/cli.mjs   (prints markdown; run.mjs imports it)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
const corpus = join(root, '..', 'shared', 'corpus');
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Runs a command under /usr/bin/time; returns wall s, CPU s (user + system) and peak resident MB. */
function measure(command, args, env = process.env) {
  const r = spawnSync('/usr/bin/time', ['-f', 'SRMTIME %e %U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const line = /SRMTIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (!line) throw new Error(`could not time ${command} ${args.slice(0, 2).join(' ')}: ${r.error?.message ?? r.stderr?.slice(-300)}`);
  return { wall: Number(line[1]), cpu: Number(line[2]) + Number(line[3]), rssMB: Number(line[4]) / 1024, status: r.status };
}

/** An srm-lens scan that must finish: a crash (out of memory, a string too long for V8) must not pass for a fast run. */
function scan(args, env = process.env) {
  const r = measure(process.execPath, [cli, 'scan', '--format', 'json', '--output', '/dev/null', '--fail-on', 'none', '--jobs', '1', ...args], env);
  if (r.status !== 0) throw new Error(`srm-lens scan ${args.join(' ')} exited with ${r.status}`);
  return r;
}

function medianOf(runs, fn) {
  const samples = Array.from({ length: runs }, fn);
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rssMB: Math.max(...samples.map((s) => s.rssMB)) };
}

const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));

export function cliMarkdown(runs = 3) {
  if (!existsSync(corpus)) return `CLI benchmarks skipped: ${corpus} is absent.`;
  const out = ['## CLI (whole processes)', ''];
  const cfnDir = join(corpus, 'cloudformation');
  const templates = walk(cfnDir).filter((p) => /\.(ya?ml|json|template)$/i.test(p));
  // The first scan of a build leaves V8's code cache (server/src/bundleCodeCache.ts); the runs measured after it use it,
  // as every run but a build's first does. The first run's figure is measured with the cache off.
  scan([cfnDir]);
  const cfnRuns = Math.max(runs, 5);
  const ours = medianOf(cfnRuns, () => scan([cfnDir]));
  const uncached = medianOf(cfnRuns, () => scan([cfnDir], { ...process.env, SRM_LENS_CODE_CACHE: 'off' }));
  out.push(`CloudFormation corpus (${templates.length} files), \`scan --format json --jobs 1\`, median of ${cfnRuns}:`, '', '| tool | CPU | wall | peak RSS |', '| --- | --- | --- | --- |');
  out.push(`| srm-lens scan | ${ours.cpu.toFixed(2)} s | ${ours.wall.toFixed(2)} s | ${ours.rssMB.toFixed(0)} MB |`);
  out.push(`| srm-lens scan, a build's first run (no code cache) | ${uncached.cpu.toFixed(2)} s | ${uncached.wall.toFixed(2)} s | ${uncached.rssMB.toFixed(0)} MB |`);
  const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
  if (hasCfnLint) {
    // One run: cfn-lint costs about half a minute of CPU here.
    const theirs = measure('cfn-lint', ['--format', 'parseable', '--', ...templates]);
    out.push(`| cfn-lint ${spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^cfn-lint /, '')} (one run) | ${theirs.cpu.toFixed(2)} s | ${theirs.wall.toFixed(2)} s | ${theirs.rssMB.toFixed(0)} MB |`);
    out.push('', `srm-lens uses ${(theirs.cpu / ours.cpu).toFixed(1)}× less CPU than cfn-lint on the same files (budget ≥ 30×); ${(theirs.cpu / uncached.cpu).toFixed(1)}× on a build's first run.`);
  } else {
    out.push('', 'cfn-lint is not installed here, so the comparison was not measured.');
  }

  // Linear growth: one copy of the whole corpus against ten.
  const work = mkdtempSync(join(tmpdir(), 'srm-lens-scale-'));
  try {
    const one = join(work, 'one');
    const ten = join(work, 'ten');
    cpSync(corpus, join(one, 'copy0'), { recursive: true });
    for (let i = 0; i < 10; i++) cpSync(corpus, join(ten, `copy${i}`), { recursive: true });
    const a = medianOf(runs, () => scan([one]));
    const b = medianOf(runs, () => scan([ten]));
    out.push('', `Whole corpus, one copy against a generated repository of ten copies (one process, \`--jobs 1\`, median of ${runs}; peak RSS is the highest of the runs):`, '', '| repository | CPU | wall | peak RSS | budget |', '| --- | --- | --- | --- | --- |');
    out.push(`| 1× corpus | ${a.cpu.toFixed(2)} s | ${a.wall.toFixed(2)} s | ${a.rssMB.toFixed(0)} MB | |`);
    out.push(`| 10× corpus | ${b.cpu.toFixed(2)} s (${(b.cpu / a.cpu).toFixed(1)}× the CPU) | ${b.wall.toFixed(2)} s | ${b.rssMB.toFixed(0)} MB | ≤ 10× the time, < 400 MB |`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).toString()) console.log(cliMarkdown(Number(process.argv[2] ?? 3)));
