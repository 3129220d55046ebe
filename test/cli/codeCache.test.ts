import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers';

const dist = join(repoRoot, 'dist');

/** `srm-lens` from `distDir` with its cache folder under `cacheHome`. */
function run(distDir: string, cacheHome: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const cli = join(distDir, 'cli.js');
  if (!existsSync(join(distDir, 'cliBundle.js'))) throw new Error(`${distDir}/cliBundle.js is missing: run \`npm run build\` before the CLI tests`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const caches = (home: string) => (existsSync(join(home, 'srm-lens')) ? readdirSync(join(home, 'srm-lens')).filter((n) => n.endsWith('.v8cache')).sort() : []);
const scan = ['scan', 'examples', '--format', 'json', '--fail-on', 'none'];

describe('the code cache of srm-lens', () => {
  test('a scan leaves the cache, the next run uses it with the same report, and a new build gets a cache of its own', () => {
    const home = mkdtempSync(join(tmpdir(), 'srm-lens-cache-'));
    // A week-old cache of another build of the CLI goes when a cache is written; the workers' stays (theirs to clean).
    mkdirSync(join(home, 'srm-lens'), { mode: 0o700 });
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    for (const old of ['cliBundle-00000000000000000000000000000000.v8cache', 'scanWorkerBundle-00000000000000000000000000000000.v8cache']) {
      writeFileSync(join(home, 'srm-lens', old), 'old');
      utimesSync(join(home, 'srm-lens', old), weekAgo, weekAgo);
    }
    const first = run(dist, home, scan);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(
      caches(home).filter((n) => n.includes('0000000000')),
      ['scanWorkerBundle-00000000000000000000000000000000.v8cache'],
    );
    const written = caches(home).filter((n) => n.startsWith('cliBundle-'));
    assert.equal(written.length, 1, `one cache file expected, found ${written.join(', ')}`);
    assert.match(written[0], /^cliBundle-[0-9a-f]{32}\.v8cache$/);
    const path = join(home, 'srm-lens', written[0]);
    assert.equal(statSync(join(home, 'srm-lens')).mode & 0o777, 0o700);
    const before = statSync(path).mtimeMs;

    const second = run(dist, home, scan);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    // Accepted by V8, so not written again.
    assert.equal(statSync(path).mtimeMs, before);

    // A cache V8 rejects (not its format) changes nothing but speed, and is written anew.
    writeFileSync(path, Buffer.alloc(4096, 7));
    const rejected = run(dist, home, scan);
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.equal(rejected.stdout, first.stdout);
    assert.notEqual(statSync(path).size, 4096, 'the rejected cache was replaced');

    // Another build (one byte more in the bundle) never reads this build's cache.
    const otherDist = mkdtempSync(join(tmpdir(), 'srm-lens-dist-'));
    cpSync(dist, otherDist, { recursive: true });
    appendFileSync(join(otherDist, 'cliBundle.js'), '\n');
    const other = run(otherDist, home, scan);
    assert.equal(other.code, 0, other.stderr);
    assert.equal(other.stdout, first.stdout);
    assert.equal(caches(home).filter((n) => n.startsWith('cliBundle-')).length, 2);
  });

  test('no cache is read or written in a folder others can write to, with SRM_LENS_CODE_CACHE=off, or for --help', () => {
    const shared = mkdtempSync(join(tmpdir(), 'srm-lens-cache-'));
    mkdirSync(join(shared, 'srm-lens'));
    chmodSync(join(shared, 'srm-lens'), 0o777);
    const r = run(dist, shared, scan);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(caches(shared), []);

    const off = mkdtempSync(join(tmpdir(), 'srm-lens-cache-'));
    assert.equal(run(dist, off, scan, { SRM_LENS_CODE_CACHE: 'off' }).code, 0);
    assert.deepEqual(caches(off), []);

    const help = mkdtempSync(join(tmpdir(), 'srm-lens-cache-'));
    assert.equal(run(dist, help, ['--help']).code, 0);
    assert.deepEqual(caches(help), []);
  });

  test('a cache folder that cannot be made leaves the scan as it is', () => {
    const r = run(dist, '/proc/srm-lens-none', scan);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
