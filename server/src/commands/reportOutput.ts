import { closeSync, openSync, writeSync } from 'node:fs';
import type { Output } from './args';

const CHUNK = 256 * 1024;

/**
 * Where a report goes as it is written: `--output`'s file, or standard
 * output; texts are gathered into chunks, so a report written file by file
 * costs few writes. `close` writes what is left.
 */
export function reportOutput(path: string | undefined, write: Output): { write(text: string): void; close(): void } {
  if (path) return fileOutput(openSync(path, 'w'));
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (!size) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    write(text);
  };
  return {
    write(text) {
      if (text.length >= CHUNK) {
        // A large text (one big file's entry) goes as it is rather than being copied into a chunk.
        flush();
        write(text);
        return;
      }
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    close: flush,
  };
}

/** A file is written from one buffer that texts are encoded into as they come, rather than joined into a string first. */
function fileOutput(fd: number): { write(text: string): void; close(): void } {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
  const buffer = Buffer.allocUnsafe(3 * CHUNK);
  let used = 0;
  const flush = () => {
    writeAll(fd, buffer, used);
    used = 0;
  };
  return {
    write(text) {
      if (text.length >= CHUNK) {
        flush();
        const bytes = Buffer.from(text, 'utf8');
        writeAll(fd, bytes, bytes.length);
        return;
      }
      if (used + 3 * text.length > buffer.length) flush();
      used += buffer.write(text, used);
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

function writeAll(fd: number, bytes: Buffer, length: number): void {
  let done = 0;
  while (done < length) done += writeSync(fd, bytes, done, length - done);
}
