import type { Write } from './reportSink';

/** Stands in for the streamed array while the rest of the document is stringified; never a template's text (a NUL first). */
export const STREAMED = '\u0000srm-lens streamed array\u0000';

/**
 * A JSON document one of whose arrays (the value `STREAMED` in `document`)
 * is written an element at a time: the bytes are those of
 * `JSON.stringify(whole, null, 2)`, without holding the whole.
 */
export class StreamedJsonArray<T> {
  private readonly after: string;
  private readonly indent: string;
  private any = false;

  constructor(
    document: object,
    private readonly write: Write,
  ) {
    const text = JSON.stringify(document, null, 2);
    const marker = JSON.stringify(STREAMED);
    const at = text.indexOf(marker);
    if (at < 0) throw new Error('StreamedJsonArray: the document has no STREAMED array');
    const lineStart = text.lastIndexOf('\n', at) + 1;
    this.indent = /^ */.exec(text.slice(lineStart, at))![0];
    this.after = text.slice(at + marker.length);
    write(text.slice(0, at) + '[');
  }

  element(value: T): void {
    const inner = this.indent + '  ';
    this.write(`${this.any ? ',' : ''}\n${inner}${JSON.stringify(value, null, 2).replace(/\n/g, '\n' + inner)}`);
    this.any = true;
  }

  end(): void {
    this.write(`${this.any ? '\n' + this.indent : ''}]${this.after}`);
  }
}
