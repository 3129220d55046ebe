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
    // Stringified inside as many arrays as the element is deep, the element comes out indented as in the whole
    // document; cutting off the wrapping brackets is cheaper than re-indenting the text.
    const levels = this.indent.length / 2 + 1;
    let wrapped: unknown = value;
    for (let i = 0; i < levels; i++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, 2);
    // Keep the newline and indentation in front of the element: "[\n  [\n    {…}\n  ]\n]" → "\n    {…}".
    const opening = openingLength(levels);
    this.write(`${this.any ? ',' : ''}${text.slice(opening - 2 * levels - 1, text.length - (opening - 2 * levels))}`);
    this.any = true;
  }

  end(): void {
    this.write(`${this.any ? '\n' + this.indent : ''}]${this.after}`);
  }
}

/** Characters of the opening brackets of `levels` nested arrays around an element: "[\n  [\n    "; the closing ones, "\n  ]\n]", are 2 × `levels` fewer. */
function openingLength(levels: number): number {
  let n = 0;
  for (let k = 1; k <= levels; k++) n += 2 + 2 * k;
  return n;
}
