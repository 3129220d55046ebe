import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../parse/limits';

export type ReadOutcome = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/**
 * Reads a file as UTF-8, refusing what the engine must not parse: files over
 * the size limit and bytes that are not valid UTF-8. A leading BOM is dropped
 * so ranges match what editors show. UTF-16 with a byte order mark is read
 * too: Windows PowerShell writes `terraform show -json > plan.json` that way.
 */
export function readText(path: string): ReadOutcome {
  try {
    const size = statSync(path).size;
    if (size > LIMITS.maxFileBytes) {
      return { ok: false, reason: `the file is ${(size / 1024 / 1024).toFixed(1)} MB, over the ${LIMITS.maxFileBytes / 1024 / 1024} MB limit; skipped` };
    }
    const bytes = readFileSync(path);
    let text: string;
    const bom16 = bytes.length >= 2 ? (bytes[0] === 0xff && bytes[1] === 0xfe ? utf16le : bytes[0] === 0xfe && bytes[1] === 0xff ? utf16be : undefined) : undefined;
    try {
      text = (bom16 ?? decoder).decode(bytes);
    } catch {
      return { ok: false, reason: bom16 ? 'the file starts with a UTF-16 byte order mark but is not valid UTF-16; skipped' : 'the file is not valid UTF-8; skipped' };
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
