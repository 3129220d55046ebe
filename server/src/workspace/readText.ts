import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../parse/limits';

export type ReadOutcome = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8, refusing what the engine must not parse: files over
 * the size limit and bytes that are not valid UTF-8. A leading BOM is dropped
 * so ranges match what editors show.
 */
export function readText(path: string): ReadOutcome {
  try {
    const size = statSync(path).size;
    if (size > LIMITS.maxFileBytes) {
      return { ok: false, reason: `the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${LIMITS.maxFileBytes / 1024 / 1024} MB limit; skipped` };
    }
    const bytes = readFileSync(path);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { ok: false, reason: 'the file is not valid UTF-8; skipped' };
    }
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'the file does not exist' };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'the file cannot be read (permission denied)' };
    if (code === 'EISDIR') return { ok: false, reason: 'this is a directory, not a file' };
    return { ok: false, reason: `the file cannot be read (${code ?? String(error)})` };
  }
}
