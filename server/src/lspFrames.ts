import { Transform, type TransformCallback } from 'node:stream';

/** Larger bodies are refused: no editor sends a message this big, and waiting for one would hold memory. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Bytes kept while looking for the end of a header block before they are judged to be noise. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Sits between standard input and the JSON-RPC reader of `--stdio` mode.
 * The reader stops for good on a message without `Content-Length` or with a
 * malformed header, and answers `"params": null` with an internal error
 * message; a language server must outlive any client's mistake. This stream
 * passes well-formed messages through unchanged, drops what cannot be framed
 * (saying so in the log), answers bodies that are not JSON with a JSON-RPC
 * parse error, and turns `"params": null` into absent params so handlers can
 * answer "invalid params" in words.
 */
export class LspFrameFilter extends Transform {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    private readonly log: (message: string) => void,
    private readonly reply: (message: object) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.drain();
    done();
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES && !/content-length/i.test(this.buffer.subarray(-64).toString('latin1'))) {
          this.log(`dropped ${this.buffer.length} bytes of input that are not an LSP message`);
          this.buffer = Buffer.alloc(0);
        }
        return;
      }
      const header = this.buffer.subarray(0, headerEnd).toString('latin1');
      const at = header.search(/content-length[ \t]*:/i);
      if (at < 0) {
        this.log('dropped a message without a Content-Length header');
        this.buffer = this.buffer.subarray(headerEnd + HEADER_END.length);
        continue;
      }
      if (at > 0 && !/^([A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r\n)+$/.test(header.slice(0, at))) {
        // Noise before a real header (the rest of a broken message): skip to the header.
        this.log(`dropped ${at} bytes before an LSP header`);
        this.buffer = this.buffer.subarray(Buffer.byteLength(header.slice(0, at), 'latin1'));
        continue;
      }
      const length = Number(/content-length[ \t]*:[ \t]*(\d+)[ \t]*(\r\n|$)/i.exec(header)?.[1] ?? NaN);
      if (!Number.isSafeInteger(length) || length > MAX_BODY_BYTES) {
        this.log('dropped a message whose Content-Length is not a number SRM Lens accepts');
        this.buffer = this.buffer.subarray(headerEnd + HEADER_END.length);
        continue;
      }
      const bodyStart = headerEnd + HEADER_END.length;
      if (this.buffer.length < bodyStart + length) return;
      const body = this.buffer.subarray(bodyStart, bodyStart + length);
      this.buffer = this.buffer.subarray(bodyStart + length);
      this.forward(body);
    }
  }

  private forward(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      this.log('answered a message that is not valid JSON with a parse error');
      this.reply({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the message is not valid JSON.' } });
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.reply({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid request: a JSON-RPC message is an object.' } });
      return;
    }
    let out = body;
    const record = message as Record<string, unknown>;
    if ('params' in record && record.params === null) {
      delete record.params;
      out = Buffer.from(JSON.stringify(record), 'utf8');
    }
    this.push(Buffer.from(`Content-Length: ${out.length}\r\n\r\n`, 'ascii'));
    this.push(out);
  }
}
