import { createHash } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

/** Caches of other builds are removed once this old. */
const STALE_MS = 7 * 24 * 3600 * 1000;
/** Before V8's data, a cache file holds this tag and the CPU time (ms, 32 bits) of the run that left it. */
const HEADER_TAG = 'SRM1';
const HEADER_BYTES = 8;
/** A run shorter than this never replaces a cache. */
const MIN_REFRESH_CPU_MS = 300;

/**
 * Runs a CommonJS bundle (`name`.js next to the launcher calling this) as
 * Node would run it as `module`'s child, compiled through V8's code cache:
 * a run that `leavesCache` stores the bytecode of every function it ran in
 * the user's cache folder when it exits, and later runs start from it
 * instead of parsing and compiling the bundle function by function.
 *
 * The cache file is named by a hash of the bundle's bytes, Node's version
 * and `v8Flags` (the flags the launcher set), so a new build or Node never
 * reads an old cache; V8 checks its own version and flags again and rejects
 * a mismatch, which is then rewritten. Any failure (no home folder, a
 * read-only disk, a folder that is not the user's own) falls back to
 * compiling without the cache, silently: the cache only changes how fast
 * the same code starts. `SRM_LENS_CODE_CACHE=off` turns it off.
 */
export function runBundleWithCodeCache(module: NodeJS.Module, dir: string, name: string, v8Flags: string, leavesCache: boolean): void {
  const bundlePath = join(dir, `${name}.js`);
  const bytes = readFileSync(bundlePath);
  const cache = process.env.SRM_LENS_CODE_CACHE === 'off' ? undefined : cacheFile(bytes, name, v8Flags);
  const cached = cache && readCache(cache.path);
  // The module wrapper Node itself puts around a CommonJS file; a shebang line would not be at the start of it.
  const script = new Script(Module.wrap(bytes.toString('utf8').replace(/^#!/, '//')), { filename: bundlePath, cachedData: cached?.data });
  if (cache && leavesCache) {
    process.once('exit', () => {
      // At exit the functions the run compiled are part of what is cached. A cache left by a small run (a
      // scan of one file) holds few of them: a run that did much more work than the one that left it
      // leaves its own, so the cache soon holds what large scans run and is then left alone.
      const cpuMs = cpuMilliseconds();
      if (!cached || script.cachedDataRejected || (cpuMs > 2 * cached.cpuMs && cpuMs > MIN_REFRESH_CPU_MS)) writeCache(cache, script, cpuMs);
    });
  }
  const bundle = new Module(bundlePath, module);
  bundle.filename = bundlePath;
  const bundleRequire = createRequire(bundlePath);
  // A bundle may check `require.main === module` before it runs as a program, as Node's main module would.
  bundleRequire.main = module === require.main ? bundle : require.main;
  (script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, bundleRequire, bundle, bundlePath, dir);
}

interface CacheFile {
  /** The bundle's name, which starts the names of its cache files. */
  name: string;
  dir: string;
  path: string;
}

/** Where a bundle's cache lives, in a folder only this user can write; undefined when there is none. */
function cacheFile(bundle: Buffer, name: string, v8Flags: string): CacheFile | undefined {
  try {
    const base = process.env.XDG_CACHE_HOME?.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
    const dir = join(base, 'srm-lens');
    // One level at a time: Node 20's recursive mkdirSync spins forever under some folders (/proc).
    for (const folder of [base, dir]) makeFolder(folder);
    // Cached bytecode is code: never read it from a folder someone else could have written to.
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) return undefined;
    const key = createHash('sha256').update(bundle).update(`\0${process.version}\0${process.arch}\0${v8Flags}`).digest('hex').slice(0, 32);
    return { name, dir, path: join(dir, `${name}-${key}.v8cache`) };
  } catch {
    return undefined;
  }
}

function makeFolder(path: string): void {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function readCache(path: string): { data: Buffer; cpuMs: number } | undefined {
  try {
    const file = readFileSync(path);
    if (file.length <= HEADER_BYTES || file.toString('latin1', 0, HEADER_TAG.length) !== HEADER_TAG) return undefined;
    return { data: file.subarray(HEADER_BYTES), cpuMs: file.readUInt32LE(HEADER_TAG.length) };
  } catch {
    return undefined;
  }
}

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return Math.min(0xffffffff, Math.round((user + system) / 1000));
}

function writeCache(cache: CacheFile, compiled: Script, cpuMs: number): void {
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    header.write(HEADER_TAG, 0, 'latin1');
    header.writeUInt32LE(cpuMs, HEADER_TAG.length);
    const data = Buffer.concat([header, compiled.createCachedData()]);
    // Written aside and renamed, so a concurrent run (or worker thread) reads either no cache or a whole one.
    const partial = `${cache.path}.${process.pid}-${threadId}.partial`;
    const fd = openSync(partial, 'w', 0o600);
    try {
      let done = 0;
      while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, cache.path);
    const now = Date.now();
    for (const file of readdirSync(cache.dir)) {
      const path = join(cache.dir, file);
      // Only this bundle's older caches (other builds, or parts left by a run that stopped while writing).
      if (path !== cache.path && file.startsWith(`${cache.name}-`) && file.includes('.v8cache') && now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    }
  } catch {
    // A cache that cannot be written only means the next run compiles the bundle again.
  }
}
