import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Where a spooled text lies in its spool file. */
export interface SpoolSlice {
  offset: number;
  length: number;
}

const FLUSH_BYTES = 1 << 20;
const CHUNK_BYTES = 1 << 20;

/**
 * An append-only file of texts, read back in any order with `openSpool`: a
 * streamed scan writes each file's report entry here as soon as its unit is
 * assessed, and reads the entries back in report order at the end.
 */
export class ReportSpool {
  private readonly fd: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  append(text: string): SpoolSlice {
    const bytes = Buffer.from(text, 'utf8');
    const slice = { offset: this.written + this.pendingBytes, length: bytes.length };
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    return slice;
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    const all = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < all.length) done += writeSync(this.fd, all, done, all.length - done, this.written + done);
    this.written += all.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A closed spool (written by this thread or a worker), opened for reading. */
export function openSpool(path: string): { read(slice: SpoolSlice): string; chunks(slice: SpoolSlice): Generator<string>; close(): void } {
  const fd = openSync(path, 'r');
  // One buffer, grown to the largest entry: reading thousands of entries leaves no trail of buffers behind.
  let buffer = Buffer.allocUnsafe(1 << 16);
  return {
    read(slice) {
      if (buffer.length < slice.length) buffer = Buffer.allocUnsafe(Math.max(slice.length, buffer.length * 2));
      let done = 0;
      while (done < slice.length) {
        const n = readSync(fd, buffer, done, slice.length - done, slice.offset + done);
        if (n === 0) throw new Error(`the report spool ${path} ended early`);
        done += n;
      }
      return buffer.toString('utf8', 0, slice.length);
    },
    /** The slice's text in pieces of at most a megabyte (a character split between two reads is joined). */
    *chunks(slice) {
      const decoder = new StringDecoder('utf8');
      const piece = Buffer.allocUnsafe(Math.min(slice.length, CHUNK_BYTES) || 1);
      let done = 0;
      while (done < slice.length) {
        const n = readSync(fd, piece, 0, Math.min(piece.length, slice.length - done), slice.offset + done);
        if (n === 0) throw new Error(`the report spool ${path} ended early`);
        done += n;
        const text = decoder.write(piece.subarray(0, n));
        if (text) yield text;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    },
    close: () => closeSync(fd),
  };
}
