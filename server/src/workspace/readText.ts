import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { LIMITS } from '../parse/limits';

export type ReadOutcome = { ok: true; text: string; bom: boolean } | { ok: false; reason: string };

// ignoreBOM keeps the BOM in the text, so it can be seen, dropped and remembered below.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/**
 * Reads a file as UTF-8, refusing what the engine must not parse: anything
 * but a regular file (a device such as /dev/zero named `x.yaml` would never
 * end, a FIFO would block), files over the size limit, and bytes that are
 * not valid UTF-8. The read is bounded by the limit whatever the file system
 * says about the size. A leading BOM is dropped so ranges match what editors
 * show; `bom` says it was there, so a fix can write it back. UTF-16 with a
 * byte order mark is read too: Windows PowerShell writes
 * `terraform show -json > plan.json` that way.
 */
export function readText(path: string, maxBytes: number = LIMITS.maxFileBytes): ReadOutcome {
  let fd: number | undefined;
  try {
    // A symbolic link is judged by its target, after opening (fstat below).
    const entry = lstatSync(path);
    const refusal = entry.isSymbolicLink() ? undefined : notRegular(entry);
    if (refusal) return { ok: false, reason: refusal };
    // O_NONBLOCK: if the path was swapped for a FIFO after the check, opening it must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    const late = notRegular(stats);
    if (late) return { ok: false, reason: late };
    if (stats.size > maxBytes) return { ok: false, reason: tooLarge(stats.size, maxBytes) };
    const bytes = readBounded(fd, maxBytes, stats.size);
    if (bytes === undefined) return { ok: false, reason: tooLarge(maxBytes + 1, maxBytes) };
    let text: string;
    const bom16 = bytes.length >= 2 ? (bytes[0] === 0xff && bytes[1] === 0xfe ? utf16le : bytes[0] === 0xfe && bytes[1] === 0xff ? utf16be : undefined) : undefined;
    try {
      text = (bom16 ?? decoder).decode(bytes);
    } catch {
      return { ok: false, reason: bom16 ? 'the file starts with a UTF-16 byte order mark but is not valid UTF-16; skipped' : 'the file is not valid UTF-8; skipped' };
    }
    const bom = text.charCodeAt(0) === 0xfeff;
    return { ok: true, text: bom ? text.slice(1) : text, bom };
  } catch (error) {
    return { ok: false, reason: readErrorReason(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why a file system entry is not something to read as text, or undefined for a regular file. */
export function notRegular(stats: Stats | undefined): string | undefined {
  if (!stats || stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'this is a directory, not a file';
  if (stats.isFIFO()) return 'this is a named pipe, not a regular file; skipped';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'this is a device, not a regular file; skipped';
  if (stats.isSocket()) return 'this is a socket, not a regular file; skipped';
  return 'this is not a regular file; skipped';
}

export function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'the file cannot be read (permission denied)';
  if (code === 'EISDIR') return 'this is a directory, not a file';
  if (code === 'ELOOP') return 'the file is a loop of symbolic links; skipped';
  return `the file cannot be read (${code ?? 'unknown error'})`;
}

function tooLarge(size: number, maxBytes: number): string {
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
  return `the file is ${size > maxBytes + 1 ? `${mb(size)} MB` : 'larger than the limit'}, over the ${mb(maxBytes)} MB limit; skipped`;
}

/**
 * At most `maxBytes`; undefined when the file holds more (it grew, or its size
 * was not told). The first buffer is the size the file system gave, plus one
 * byte to see the end: a scan reads thousands of small files, and a buffer
 * of the limit's size for each was most of what reading cost.
 */
function readBounded(fd: number, maxBytes: number, sizeHint: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  let next = Math.min(Math.max(sizeHint, 0) + 1, maxBytes + 1);
  for (;;) {
    const chunk = Buffer.allocUnsafe(next);
    let filled = 0;
    while (filled < chunk.length) {
      const n = readSync(fd, chunk, filled, chunk.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > 0) chunks.push(filled === chunk.length ? chunk : chunk.subarray(0, filled));
    total += filled;
    if (total > maxBytes) return undefined;
    if (filled < chunk.length) break;
    next = Math.min(1 << 20, maxBytes + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}
