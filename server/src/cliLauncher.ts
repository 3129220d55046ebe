import { createHash } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/**
 * `srm-lens`, the command: starts the CLI's bundle (`cliBundle.js`, built
 * from `cli.ts`) the way Node would start it as the main module, with two
 * differences that matter to a process that lives a second or two.
 *
 * - V8 optimises a function once it has run for a while; in a short scan
 *   most of that compiling is never paid back, and it ran on other threads
 *   (40% of the process's CPU for the CloudFormation corpus). Functions
 *   therefore run three times longer in the baseline tiers before V8
 *   optimises them (docs/performance.md has the measurements).
 * - The bundle is compiled through V8's code cache: the first `scan`,
 *   `matrix` or `fix` of a build leaves the bytecode of every function it
 *   ran in the user's cache folder, and later runs start from it instead of
 *   parsing and compiling the 1.1 MB bundle function by function. The cache
 *   file is named by a hash of the bundle's bytes, Node's version and the
 *   flags above, so a new build or Node never reads an old cache; V8 checks
 *   its own version and flags again and rejects a mismatch, which is then
 *   rewritten. Any failure (no home folder, a read-only disk, a folder not
 *   the user's own) falls back to compiling without the cache, silently:
 *   the cache only ever changes how fast the same code starts.
 *   `SRM_LENS_CODE_CACHE=off` turns it off.
 */

/** How much longer than V8's default (66 KB of bytecode run) a function runs before it is optimised. */
const V8_FLAGS = '--interrupt-budget=202752';
/** Commands whose run leaves a cache: they run most of the engine (`--help` would leave a nearly empty one). */
const CACHING_COMMANDS = new Set(['scan', 'matrix', 'fix']);
/** Caches of other builds are removed once this old. */
const STALE_MS = 7 * 24 * 3600 * 1000;

setFlagsFromString(V8_FLAGS);
const bundlePath = join(__dirname, 'cliBundle.js');
const bytes = readFileSync(bundlePath);
const cache = process.env.SRM_LENS_CODE_CACHE === 'off' ? undefined : cacheFile(bytes);
const cachedData = cache && readCache(cache.path);
// The module wrapper Node itself puts around a CommonJS file; a shebang line would not be at the start of it.
const script = new Script(Module.wrap(bytes.toString('utf8').replace(/^#!/, '//')), { filename: bundlePath, cachedData });
if (cache && (!cachedData || script.cachedDataRejected) && CACHING_COMMANDS.has(process.argv.slice(2).find((arg) => !arg.startsWith('-')) ?? '')) {
  // At exit the functions the run compiled are part of what is cached.
  process.once('exit', () => writeCache(cache, script));
}

const bundle = new Module(bundlePath, module);
bundle.filename = bundlePath;
const bundleRequire = createRequire(bundlePath);
// The bundle checks `require.main === module` before it runs the command line.
bundleRequire.main = bundle;
(script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, bundleRequire, bundle, bundlePath, __dirname);

interface CacheFile {
  dir: string;
  path: string;
}

/** Where this bundle's cache lives, in a folder only this user can write; undefined when there is none. */
function cacheFile(bundle: Buffer): CacheFile | undefined {
  try {
    const base = process.env.XDG_CACHE_HOME?.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
    const dir = join(base, 'srm-lens');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Cached bytecode is code: never read it from a folder someone else could have written to.
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) return undefined;
    const key = createHash('sha256').update(bundle).update(`\0${process.version}\0${process.arch}\0${V8_FLAGS}`).digest('hex').slice(0, 32);
    return { dir, path: join(dir, `cli-${key}.v8cache`) };
  } catch {
    return undefined;
  }
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function writeCache(cache: CacheFile, compiled: Script): void {
  try {
    const data = compiled.createCachedData();
    // Written aside and renamed, so a concurrent run reads either no cache or a whole one.
    const partial = `${cache.path}.${process.pid}.partial`;
    const fd = openSync(partial, 'w', 0o600);
    try {
      let done = 0;
      while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, cache.path);
    const now = Date.now();
    for (const name of readdirSync(cache.dir)) {
      const path = join(cache.dir, name);
      if (path !== cache.path && /^cli-[0-9a-f]+\.v8cache/.test(name) && now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    }
  } catch {
    // A cache that cannot be written only means the next run compiles the bundle again.
  }
}
