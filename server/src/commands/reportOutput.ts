import { closeSync, openSync, writeSync } from 'node:fs';
import type { Output } from './args';

const CHUNK = 256 * 1024;

/**
 * Where a report goes as it is written: `--output`'s file, or standard
 * output; texts are gathered into chunks, so a report written file by file
 * costs few writes. `close` writes what is left.
 */
export function reportOutput(path: string | undefined, write: Output): { write(text: string): void; close(): void } {
  const fd = path ? openSync(path, 'w') : undefined;
  let pending: string[] = [];
  let size = 0;
  const send = (text: string) => {
    if (fd === undefined) write(text);
    else writeAll(fd, text);
  };
  const flush = () => {
    if (!size) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    send(text);
  };
  return {
    write(text) {
      if (text.length >= CHUNK) {
        // A large text (one big file's entry) goes as it is rather than being copied into a chunk.
        flush();
        send(text);
        return;
      }
      pending.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    close() {
      flush();
      if (fd !== undefined) closeSync(fd);
    },
  };
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}
