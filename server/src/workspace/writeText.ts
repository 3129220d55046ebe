import { chmodSync, closeSync, lstatSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { notRegular } from './readText';

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Writes a fixed file the way it was: the UTF-8 BOM kept when the file had
 * one, its permissions kept, and atomically (a temporary file beside it,
 * then a rename), so an interrupted fix never leaves half a template. Only
 * regular files are written; a symbolic link is written through to its
 * target, which stays a link.
 */
export function writeTextPreserving(path: string, text: string): WriteOutcome {
  let target: string;
  try {
    target = lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
    const stats = statSync(target);
    const why = notRegular(stats);
    if (why) return { ok: false, reason: why };
    const body = (startsWithBom(target) ? '\ufeff' : '') + text;
    const temporary = join(dirname(target), `.${basename(target)}.srm-lens-${process.pid}.tmp`);
    try {
      writeFileSync(temporary, body, { mode: stats.mode & 0o7777, flag: 'wx' });
      chmodSync(temporary, stats.mode & 0o7777);
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: `the file could not be written (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error')})` };
  }
}

function startsWithBom(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(3);
    return readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    closeSync(fd);
  }
}
