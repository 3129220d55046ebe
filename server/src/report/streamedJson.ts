import type { Write } from './reportSink';

/** Stands in for the streamed array while the rest of the document is stringified; never a template's text (a NUL first). */
export const STREAMED = '\u0000srm-lens streamed array\u0000';

/**
 * A JSON document one of whose arrays (the value `STREAMED` in `document`)
 * is written an element at a time: the bytes are those of
 * `JSON.stringify(whole, null, 2)`, without holding the whole. An element
 * can stream an array of its own (`element(value, key)`), so one large
 * element is never one large string either.
 */
export class StreamedJsonArray<T> {
  private readonly after: string;
  private readonly indent: string;
  private any = false;

  /** `levels`: how deep `document` itself sits as an element of an enclosing array (0: it is the whole document); `prefix` goes before it. */
  constructor(document: object, private readonly write: Write, levels = 0, prefix = '') {
    const text = levels === 0 ? JSON.stringify(document, null, 2) : indentedElement(document, levels);
    const marker = JSON.stringify(STREAMED);
    const at = text.indexOf(marker);
    if (at < 0) throw new Error('StreamedJsonArray: the document has no STREAMED array');
    const lineStart = text.lastIndexOf('\n', at) + 1;
    this.indent = /^ */.exec(text.slice(lineStart, at))![0];
    this.after = text.slice(at + marker.length);
    write(prefix + text.slice(0, at) + '[');
  }

  /** Writes one element; with `streamKey`, that array of the element is itself written item by item. */
  element(value: T, streamKey?: keyof T & string): void {
    const separator = this.any ? ',' : '';
    this.any = true;
    const levels = this.indent.length / 2 + 1;
    const items = streamKey ? (value[streamKey] as unknown) : undefined;
    if (!Array.isArray(items) || items.length === 0) {
      this.write(separator + indentedElement(value, levels));
      return;
    }
    const inner = new StreamedJsonArray<unknown>({ ...value, [streamKey as string]: STREAMED }, this.write, levels, separator);
    for (const item of items) inner.element(item);
    inner.end();
  }

  /** Writes one element given as the texts `element` would write for it, in order (see `renderElement`). */
  elementParts(parts: Iterable<string>): void {
    this.write(this.any ? ',' : '');
    this.any = true;
    for (const part of parts) this.write(part);
  }

  end(): void {
    this.write(`${this.any ? '\n' + this.indent : ''}]${this.after}`);
  }
}

/**
 * `value` as an element `levels` arrays deep in a document stringified with
 * an indentation of 2, with the newline and indentation in front of it.
 * Stringified inside that many arrays, it comes out indented as in the whole
 * document; cutting off the wrapping brackets is cheaper than re-indenting
 * the text: "[\n  [\n    {…}\n  ]\n]" → "\n    {…}".
 */
function indentedElement(value: unknown, levels: number): string {
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const opening = openingLength(levels);
  return text.slice(opening - 2 * levels - 1, text.length - (opening - 2 * levels));
}

/** Characters of the opening brackets of `levels` nested arrays around an element: "[\n  [\n    "; the closing ones, "\n  ]\n]", are 2 × `levels` fewer. */
function openingLength(levels: number): number {
  let n = 0;
  for (let k = 1; k <= levels; k++) n += 2 + 2 * k;
  return n;
}

/**
 * The texts `element(value, streamKey)` writes for `value` as the first
 * element of the array `key` of a document's top level (no separator), in
 * order, so that they can be written later with `elementParts` into an
 * array at that place in any document.
 */
export function renderElement<T>(key: string, value: T, streamKey: (keyof T & string) | undefined, write: Write): void {
  let started = false;
  const array = new StreamedJsonArray<T>({ [key]: STREAMED }, (text) => {
    if (started) write(text);
  });
  started = true;
  array.element(value, streamKey);
}
