import type { LineIndex } from '../model/range';
import { isScalar, type MapEntry, type MapValue, type Value } from '../model/value';
import { intrinsicNameForTag } from './intrinsics';
import { LIMITS } from './limits';
import { longFormIntrinsic } from './longFormIntrinsic';

/**
 * A one-pass reader for the YAML that CloudFormation templates are written
 * in: block maps and sequences, single-line plain and quoted scalars, literal
 * and folded block scalars, flow collections and short-form tags. It builds
 * the model directly, with the ranges the `yaml` library gives, and returns
 * `undefined` for anything else: anchors and aliases, multi-line plain or
 * quoted scalars, tabs outside comments and scalar text, a CR outside a CRLF
 * line break, directives, several documents, duplicate keys, any syntax
 * error. `parseCloudFormationYaml` then reads the text with the library,
 * whose messages the user sees. A differential test holds both readers to
 * the same result on every YAML file of the corpus, the test fixtures and
 * generated documents.
 */
export function parseCommonYaml(text: string, lines: LineIndex, rootDepth = 0): Value | undefined {
  // A CR is read only as the first half of a CRLF line break.
  if (text.charCodeAt(0) === 0xfeff || (text.includes('\r') && /\r(?!\n)/.test(text))) return undefined;
  try {
    return new CommonYamlReader(text, lines).document(rootDepth);
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

/** Thrown to leave the reader as soon as the text is outside what it reads. */
const OUTSIDE = Symbol('outside the common YAML subset');

function outside(): never {
  throw OUTSIDE;
}

const SPACE = 32;
const NEWLINE = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const BANG = 33;
const QUOTE = 34;
const APOSTROPHE = 39;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const COMMA = 44;
const PIPE = 124;
const GREATER = 62;

/** Characters a plain scalar may not start with (a dash, question mark or colon may when a non-space follows). */
const NOT_PLAIN_START = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
const FLOW_INDICATORS = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));

/** The YAML 1.1 booleans the 1.2 core schema reads as strings (true/false are booleans in both). */
export const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map<string, boolean>([
  ...['yes', 'Yes', 'YES', 'on', 'On', 'ON'].map((w): [string, boolean] => [w, true]),
  ...['no', 'No', 'NO', 'off', 'Off', 'OFF'].map((w): [string, boolean] => [w, false]),
]);

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A plain scalar as the YAML 1.2 core schema reads it, as the `yaml` library does. */
function plainScalarValue(raw: string): string | number | boolean | null {
  switch (raw) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const first = raw.charCodeAt(0);
  // Most scalars are words: nothing numeric starts with a letter.
  if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) return raw;
  if (/^0o[0-7]+$/.test(raw)) return parseInt(raw.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return parseInt(raw.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(raw)) {
    return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? -Infinity : Infinity;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(raw)) return parseFloat(raw);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(raw)) return parseFloat(raw);
  return raw;
}

/** An inline scalar or flow collection; a block collection or block scalar; an empty value. */
type LastItem = 'inline' | 'block' | 'empty';

interface Key {
  key: string;
  start: number;
  end: number;
}

class CommonYamlReader {
  private pos = 0;
  /** Column of the content line the reader stands on after a node, -1 at the end of the text. */
  private indent = -1;
  /** Where the last node's value ends (the library's `range[1]`). */
  private valueEnd = 0;
  /** Where the last node ends with its trailing comment and line break (the library's `range[2]`). */
  private nodeEnd = 0;
  /** The comment lines the last `skipBlankLines` stepped over: their columns, where they end, how many a collection took. */
  private readonly commentColumns: number[] = [];
  private readonly commentEnds: number[] = [];
  private commentsTaken = 0;
  /** Where tabs may be (comments, quoted and block scalar text), as [from, to) pairs; kept only when the text has a tab. */
  private readonly tabSpans: number[] | undefined;
  /** What the last node was, for where the comments after it belong. */
  private lastItem: LastItem = 'block';
  /** Whether comment or blank lines came before or after the last item, when that item is empty. */
  private emptyEndUnsure = false;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    if (text.includes('\t')) this.tabSpans = [];
  }

  /** Tabs are text here (a comment, a quoted or block scalar); anywhere else they are indentation or separation, which the library reads. */
  private allowTabs(from: number, to: number): void {
    this.tabSpans?.push(from, to);
  }

  /** Every tab of the text inside a span where tabs are text. */
  private tabsAllowed(): boolean {
    const spans = this.tabSpans;
    if (!spans) return true;
    const pairs: [number, number][] = [];
    for (let i = 0; i < spans.length; i += 2) pairs.push([spans[i], spans[i + 1]]);
    pairs.sort((a, b) => a[0] - b[0]);
    let span = 0;
    for (let tab = this.text.indexOf('\t'); tab >= 0; tab = this.text.indexOf('\t', tab + 1)) {
      while (span < pairs.length && pairs[span][1] <= tab) span++;
      if (span >= pairs.length || pairs[span][0] > tab) return false;
    }
    return true;
  }

  document(rootDepth: number): Value {
    this.skipBlankLines(true);
    const { text } = this;
    if (this.indent === 0 && text.startsWith('---', this.pos) && this.isBlankAt(this.pos + 3)) {
      this.pos += 3;
      this.endOfLine();
      this.skipBlankLines();
    }
    if (this.indent < 0 || text.charCodeAt(this.pos) === 37 /* % */) outside();
    const root = this.blockNode(this.indent, rootDepth);
    if (this.indent >= 0 || !this.tabsAllowed()) outside();
    return root;
  }

  // ---- lines ----

  /** True for a space, a line break or the end of the text. */
  private isBlankAt(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return at >= this.text.length || c === SPACE || c === NEWLINE || c === CR;
  }

  /**
   * From the start of a line, steps over blank and comment lines to the first
   * character of the next content line, setting `indent` to its column.
   */
  private skipBlankLines(atDocumentStart = false): void {
    const { text } = this;
    let at = this.pos;
    this.commentColumns.length = 0;
    this.commentEnds.length = 0;
    this.commentsTaken = 0;
    for (;;) {
      const lineStart = at;
      while (text.charCodeAt(at) === SPACE) at++;
      if (at >= text.length) {
        this.pos = text.length;
        this.indent = -1;
        return;
      }
      const c = text.charCodeAt(at);
      if (c === NEWLINE || c === CR) {
        at += c === CR ? 2 : 1;
        continue;
      }
      if (c === HASH) {
        const end = text.indexOf('\n', at);
        this.allowTabs(at, end < 0 ? text.length : end);
        this.commentColumns.push(at - lineStart);
        this.commentEnds.push(end < 0 ? text.length : end + 1);
        if (end < 0) {
          this.pos = text.length;
          this.indent = -1;
          return;
        }
        at = end + 1;
        continue;
      }
      // A document marker ends the document; only the first `---` is read here (by the caller).
      if (at === lineStart && !atDocumentStart && (text.startsWith('---', at) || text.startsWith('...', at)) && this.isBlankAt(at + 3)) outside();
      this.pos = at;
      this.indent = at - lineStart;
      return;
    }
  }

  /** After a value: spaces, an optional comment, the line break. Sets `nodeEnd` past them. */
  private endOfLine(): boolean {
    const { text } = this;
    while (text.charCodeAt(this.pos) === SPACE) this.pos++;
    let comment = false;
    if (text.charCodeAt(this.pos) === HASH) {
      // `"x"#c`: a comment needs a space before it.
      const before = text.charCodeAt(this.pos - 1);
      if (this.pos > 0 && before !== SPACE && before !== NEWLINE) outside();
      comment = true;
      const start = this.pos;
      this.pos = this.lineEndFrom(this.pos);
      this.allowTabs(start, this.pos);
    }
    if (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== NEWLINE && c !== CR) outside();
      this.pos += c === CR ? 2 : 1;
    }
    this.nodeEnd = this.pos;
    return comment;
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  private columnOf(at: number): number {
    return at - (this.text.lastIndexOf('\n', at - 1) + 1);
  }

  private atLineEnd(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return this.pos >= this.text.length || c === NEWLINE || c === CR || c === HASH;
  }

  private isSequenceEntry(): boolean {
    return this.text.charCodeAt(this.pos) === DASH && this.isBlankAt(this.pos + 1);
  }

  // ---- block structure ----

  /** A map or sequence starting at the current content line, whose column is `indent`. */
  private blockNode(indent: number, depth: number): Value {
    if (depth > LIMITS.maxDepth) outside();
    if (this.isSequenceEntry()) return this.blockSequence(indent, depth);
    const key = this.key();
    if (!key) outside();
    return this.blockMap(indent, depth, key);
  }

  private blockMap(indent: number, depth: number, first: Key): Value {
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    let key: Key | undefined = first;
    for (;;) {
      if (seen.has(key.key)) outside();
      seen.add(key.key);
      const afterComments = this.commentColumns.length > 0;
      const value = this.valueAfterIndicator(indent, depth + 1, true);
      if (afterComments) this.emptyEndUnsure = true;
      entries.push({ key: key.key, keyRange: this.lines.rangeOf(key.start, key.end), value });
      const end = this.nodeEnd;
      if (this.indent < indent) {
        this.collectionEnds(end, indent, this.lastItem);
        break;
      }
      if (this.indent > indent || this.isSequenceEntry()) outside();
      key = this.key();
      if (!key) outside();
    }
    const map: MapValue = { kind: 'map', entries, range: this.lines.rangeOf(first.start, this.valueEnd), flow: false };
    return longFormIntrinsic(map) ?? map;
  }

  private blockSequence(indent: number, depth: number): Value {
    const start = this.pos;
    const items: Value[] = [];
    for (;;) {
      this.pos++;
      const afterComments = this.commentColumns.length > 0;
      items.push(this.sequenceItem(indent, depth + 1));
      if (afterComments) this.emptyEndUnsure = true;
      const end = this.nodeEnd;
      if (this.indent !== indent || !this.isSequenceEntry()) {
        if (this.indent > indent) outside();
        this.collectionEnds(end, indent, this.lastItem);
        break;
      }
    }
    return { kind: 'list', items, range: this.lines.rangeOf(start, this.valueEnd), flow: false };
  }

  /**
   * Where a block collection ends, from where its last item ends and the
   * comment lines after it, as the library places them: comments deeper
   * than the collection that come first belong to its last value when that
   * value is inline (the value then ends after them); if any comment left
   * is at the collection's column or deeper, the collection takes them all,
   * up to the next content (blank lines and that line's indentation
   * included); otherwise they are left to the collections around it. A
   * collection at column 0 never takes them.
   */
  private collectionEnds(lastItemEnd: number, indent: number, lastItem: LastItem): void {
    const columns = this.commentColumns;
    let i = this.commentsTaken;
    // Where an empty last value ends with comments before or after it depends on more than this reader follows.
    if (lastItem === 'empty' && (i < columns.length || this.emptyEndUnsure)) outside();
    this.valueEnd = lastItemEnd;
    if (lastItem === 'inline') while (i < columns.length && columns[i] > indent) this.valueEnd = this.commentEnds[i++];
    this.nodeEnd = this.valueEnd;
    if (indent > 0) {
      for (let j = i; j < columns.length; j++) {
        if (columns[j] < indent) continue;
        this.nodeEnd = this.pos;
        i = columns.length;
        break;
      }
    }
    this.commentsTaken = i;
    this.lastItem = 'block';
  }

  /** What follows `- `: a compact sequence or map, or any value. */
  private sequenceItem(indent: number, depth: number): Value {
    this.skipSpaces();
    if (this.isSequenceEntry()) {
      if (depth > LIMITS.maxDepth) outside();
      return this.blockSequence(this.columnOf(this.pos), depth);
    }
    if (!this.atLineEnd()) {
      const at = this.pos;
      const key = this.key();
      if (key) {
        if (depth > LIMITS.maxDepth) outside();
        return this.blockMap(this.columnOf(at), depth, key);
      }
    }
    return this.valueAfterIndicator(indent, depth, false);
  }

  /**
   * The value after `key:` or `- `, in a collection at column `indent`: on
   * the same line, on the lines below, or empty. A map's value may be a
   * sequence at the map's own column (`sameColumnSequence`).
   */
  private valueAfterIndicator(indent: number, depth: number, sameColumnSequence: boolean): Value {
    if (depth > LIMITS.maxDepth) outside();
    this.skipSpaces();
    if (this.atLineEnd()) return this.valueBelow(indent, depth, sameColumnSequence, null);
    return this.valueHere(indent, depth, sameColumnSequence);
  }

  /** A value starting where the reader stands, tagged or not. */
  private valueHere(indent: number, depth: number, sameColumnSequence: boolean): Value {
    const { text } = this;
    if (text.charCodeAt(this.pos) !== BANG) return this.inlineValue(indent, depth, false);
    const tagStart = this.pos;
    const name = this.tag();
    const before = this.pos;
    this.skipSpaces();
    let argument: Value;
    if (this.atLineEnd()) argument = this.valueBelow(indent, depth + 1, sameColumnSequence, '');
    else if (this.pos === before || text.charCodeAt(this.pos) === BANG) outside();
    else argument = this.inlineValue(indent, depth + 1, true);
    return { kind: 'intrinsic', name, argument, shortForm: true, range: this.lines.rangeOf(tagStart, this.valueEnd) };
  }

  /**
   * Nothing after the indicator on its line: the value is on the lines below
   * (a collection, or a scalar or tagged value on a line of its own), or
   * empty (null, or '' under a tag).
   */
  private valueBelow(indent: number, depth: number, sameColumnSequence: boolean, empty: null | ''): Value {
    const emptyAt = this.pos;
    const commented = this.endOfLine();
    const afterLine = this.nodeEnd;
    this.skipBlankLines();
    if (this.indent > indent) {
      if (this.isSequenceEntry()) return this.blockSequence(this.indent, depth);
      const key = this.key();
      return key ? this.blockMap(this.indent, depth, key) : this.valueHere(indent, depth, false);
    }
    if (sameColumnSequence && this.indent === indent && this.isSequenceEntry()) return this.blockSequence(indent, depth);
    this.valueEnd = emptyAt;
    // An empty value with a comment on its line runs on to the next content.
    this.nodeEnd = commented ? this.pos : emptyAt;
    this.lastItem = 'empty';
    this.emptyEndUnsure = commented && (this.indent < 0 || this.pos - this.indent !== afterLine);
    const range = this.lines.rangeOf(emptyAt, emptyAt);
    return empty === null ? { kind: 'null', range } : { kind: 'string', value: '', range };
  }

  /** `!Tag`: its intrinsic name; the reader stands after it. */
  private tag(): string {
    const { text } = this;
    const start = this.pos;
    while (this.pos < text.length && !this.isBlankAt(this.pos) && !FLOW_INDICATORS.has(text.charCodeAt(this.pos))) this.pos++;
    const tag = text.slice(start, this.pos);
    // The tags templates use (`!Ref`, `!Rain::Module`); quotes, `%` escapes, `!!` and verbatim tags are the library's.
    if (!/^![A-Za-z0-9][A-Za-z0-9:._-]*$/.test(tag)) outside();
    return intrinsicNameForTag(tag) ?? tag.slice(1);
  }

  /** A value that starts on the current line; the reader ends on the next content line. */
  private inlineValue(indent: number, depth: number, tagged: boolean): Value {
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    let value: Value;
    if (c === PIPE || c === GREATER) {
      value = this.blockScalar(indent);
      this.skipBlankLines();
      this.lastItem = 'block';
      return value;
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) value = this.flowCollection(indent, depth);
    else if (c === QUOTE || c === APOSTROPHE) value = this.quotedScalar();
    else value = this.blockPlainScalar(tagged);
    this.endOfLine();
    this.skipBlankLines();
    this.lastItem = 'inline';
    return value;
  }

  private blockPlainScalar(tagged: boolean): Value {
    const { text } = this;
    const start = this.pos;
    if (!this.startsPlain(start, false)) outside();
    // Native searches rather than a loop per character: the reader runs once per file, mostly before the JIT has warmed up.
    const line = text.slice(start, this.lineEndFrom(start));
    const comment = line.indexOf(' #');
    const length = comment >= 0 ? comment : line.length;
    // `a: b: c` is a mapping where none may be; the library reports it.
    const colon = line.indexOf(': ');
    if ((colon >= 0 && colon < length) || (comment < 0 && line.charCodeAt(line.length - 1) === COLON)) outside();
    let end = start + length;
    while (text.charCodeAt(end - 1) === SPACE) end--;
    this.pos = end;
    this.valueEnd = end;
    return this.plainValue(text.slice(start, end), start, end, tagged);
  }

  /** Whether a plain scalar may start at `at`: not an indicator, and `-`, `?` or `:` only with text after them. */
  private startsPlain(at: number, inFlow: boolean): boolean {
    const first = this.text.charCodeAt(at);
    if (NOT_PLAIN_START.has(first)) return false;
    if (first !== DASH && first !== 63 /* ? */ && first !== COLON) return true;
    return !this.isBlankAt(at + 1) && !(inFlow && FLOW_INDICATORS.has(this.text.charCodeAt(at + 1)));
  }

  private plainValue(raw: string, start: number, end: number, tagged: boolean): Value {
    const range = this.lines.rangeOf(start, end);
    // An unknown tag (every short form) leaves the text as it is written.
    const value = tagged ? raw : plainScalarValue(raw);
    if (typeof value === 'string') {
      const yaml11 = YAML11_BOOLEANS.get(value);
      return yaml11 === undefined ? { kind: 'string', value, range } : { kind: 'string', value, range, yaml11Boolean: yaml11 };
    }
    if (typeof value === 'number') return { kind: 'number', value, range };
    if (typeof value === 'boolean') return { kind: 'bool', value, range };
    return { kind: 'null', range };
  }

  /** A mapping key and its `:`, or undefined (the reader does not move) when the line holds none. */
  private key(): Key | undefined {
    const { text } = this;
    const start = this.pos;
    const first = text.charCodeAt(start);
    if (first === QUOTE || first === APOSTROPHE) {
      const value = this.quotedText();
      const end = this.pos;
      this.skipSpaces();
      if (text.charCodeAt(this.pos) !== COLON || !this.isBlankAt(this.pos + 1)) {
        this.pos = start;
        return undefined;
      }
      this.pos++;
      return { key: value, start, end };
    }
    if (!this.startsPlain(start, false)) return undefined;
    const line = text.slice(start, this.lineEndFrom(start));
    let colon = line.indexOf(':');
    while (colon >= 0 && colon + 1 < line.length && line.charCodeAt(colon + 1) !== SPACE) colon = line.indexOf(':', colon + 1);
    if (colon < 0) return undefined;
    const comment = line.indexOf(' #');
    if (comment >= 0 && comment < colon) return undefined;
    colon += start;
    let end = colon;
    while (text.charCodeAt(end - 1) === SPACE) end--;
    if (end - start > 1024) outside();
    this.pos = colon + 1;
    return { key: String(plainScalarValue(text.slice(start, end))), start, end };
  }

  /** Where the line holding `at` ends, before its line break (LF or CRLF). */
  private lineEndFrom(at: number): number {
    const end = this.text.indexOf('\n', at);
    if (end < 0) return this.text.length;
    return this.text.charCodeAt(end - 1) === CR && end - 1 >= at ? end - 1 : end;
  }

  // ---- scalars ----

  private quotedScalar(): Value {
    const start = this.pos;
    const value = this.quotedText();
    this.valueEnd = this.pos;
    return { kind: 'string', value, range: this.lines.rangeOf(start, this.pos) };
  }

  /** A single- or double-quoted scalar on one line; the reader stands after its closing quote. */
  private quotedText(): string {
    const { text } = this;
    const quote = text.charCodeAt(this.pos);
    const start = this.pos + 1;
    if (quote === APOSTROPHE) {
      let value = '';
      let from = start;
      for (;;) {
        const close = text.indexOf("'", from);
        if (close < 0) outside();
        // Searching the piece, not the rest of the text, keeps a long one-line document linear.
        const piece = text.slice(from, close);
        if (piece.includes('\n')) outside();
        value += piece;
        if (text.charCodeAt(close + 1) === APOSTROPHE) {
          value += "'";
          from = close + 2;
          continue;
        }
        this.pos = close + 1;
        this.allowTabs(start, close);
        return value;
      }
    }
    let value = '';
    let from = start;
    for (let at = start; ; at++) {
      if (at >= text.length) outside();
      const ch = text.charCodeAt(at);
      if (ch === NEWLINE) outside();
      if (ch === QUOTE) {
        value += text.slice(from, at);
        this.pos = at + 1;
        this.allowTabs(start, at);
        return value;
      }
      if (ch !== 92 /* \ */) continue;
      value += text.slice(from, at);
      const escape = text[at + 1];
      const simple = DOUBLE_QUOTE_ESCAPES[escape];
      if (simple !== undefined) {
        value += simple;
        at++;
      } else if (HEX_ESCAPE_LENGTH[escape]) {
        const digits = text.slice(at + 2, at + 2 + HEX_ESCAPE_LENGTH[escape]);
        if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== HEX_ESCAPE_LENGTH[escape]) outside();
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) outside();
        value += String.fromCodePoint(code);
        at += 1 + digits.length;
      } else {
        outside();
      }
      from = at + 1;
    }
  }

  /** `|` or `>` with an optional chomping indicator; its content lines are indented past `indent`. */
  private blockScalar(indent: number): Value {
    const { text } = this;
    const start = this.pos;
    const folded = text.charCodeAt(start) === GREATER;
    this.pos++;
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    if (text.charCodeAt(this.pos) === DASH) chomping = 'strip';
    else if (text.charCodeAt(this.pos) === 43 /* + */) chomping = 'keep';
    if (chomping !== 'clip') this.pos++;
    // An indentation indicator (`|2`) or anything else on the header line.
    if (!this.isBlankAt(this.pos)) outside();
    this.endOfLine();
    if (this.pos >= text.length) outside();

    // The first non-empty line sets the content's indentation.
    const contentLines: string[] = [];
    let contentIndent = -1;
    let leadingSpaces = 0;
    let at = this.pos;
    let contentEnd = at;
    let trailingEmpty = 0;
    let afterTrailing = at;
    while (at < text.length) {
      let spaces = 0;
      while (text.charCodeAt(at + spaces) === SPACE) spaces++;
      const lineBreak = text.indexOf('\n', at);
      const lineEnd = this.lineEndFrom(at);
      const nextLine = lineBreak + 1;
      const empty = at + spaces === lineEnd;
      if (empty) {
        if (contentIndent < 0) leadingSpaces = Math.max(leadingSpaces, spaces);
        else if (spaces > contentIndent) outside();
        if (lineBreak < 0) break;
        contentLines.push('');
        trailingEmpty++;
        at = nextLine;
        afterTrailing = at;
        continue;
      }
      if (contentIndent < 0) {
        if (spaces <= indent || leadingSpaces > spaces) outside();
        contentIndent = spaces;
      }
      if (spaces < contentIndent) break;
      // The last line of a block scalar needs its line break for the chomping rules read here.
      if (lineBreak < 0) outside();
      contentLines.push(text.slice(at + contentIndent, lineEnd));
      this.allowTabs(at + contentIndent, lineEnd);
      trailingEmpty = 0;
      at = nextLine;
      contentEnd = afterTrailing = at;
    }
    if (contentIndent < 0) outside();
    const body = contentLines.slice(0, contentLines.length - trailingEmpty);
    let value = folded ? foldLines(body) : body.join('\n');
    if (chomping === 'clip') value += '\n';
    else if (chomping === 'keep') value += '\n' + '\n'.repeat(trailingEmpty);
    const end = chomping === 'keep' ? afterTrailing : contentEnd;
    this.pos = contentEnd;
    this.valueEnd = this.nodeEnd = end;
    return { kind: 'string', value, range: this.lines.rangeOf(start, end) };
  }

  // ---- flow collections ----

  /** `[...]` or `{...}`, possibly over several lines indented past `indent`. */
  private flowCollection(indent: number, depth: number): Value {
    if (depth > LIMITS.maxDepth) outside();
    const { text } = this;
    const start = this.pos;
    const isMap = text.charCodeAt(start) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    this.pos++;
    const items: Value[] = [];
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    for (let first = true; ; first = false) {
      this.skipFlowSpace(indent);
      if (text.charCodeAt(this.pos) === close) {
        this.pos++;
        break;
      }
      if (!first) {
        if (text.charCodeAt(this.pos) !== COMMA) outside();
        this.pos++;
        this.skipFlowSpace(indent);
        // A trailing comma, or two in a row.
        if (text.charCodeAt(this.pos) === close || text.charCodeAt(this.pos) === COMMA) outside();
      }
      if (isMap) {
        const key = this.flowKey();
        if (seen.has(key.key)) outside();
        seen.add(key.key);
        this.skipFlowSpace(indent);
        const value = this.flowNode(indent, depth + 1);
        entries.push({ key: key.key, keyRange: this.lines.rangeOf(key.start, key.end), value });
      } else {
        const itemStart = this.pos;
        const item = this.flowNode(indent, depth + 1);
        let at = this.pos;
        while (text.charCodeAt(at) === SPACE) at++;
        // `[0, Fn::GetAZs: ""]`: a single-pair map inside the sequence.
        if (text.charCodeAt(at) === COLON) {
          this.pos = at;
          items.push(this.flowPair(item, itemStart, indent, depth + 1));
        } else {
          items.push(item);
          this.skipFlowSpace(indent);
          // A key and its colon on different lines.
          if (text.charCodeAt(this.pos) === COLON) outside();
        }
      }
    }
    this.valueEnd = this.pos;
    const range = this.lines.rangeOf(start, this.pos);
    if (!isMap) return { kind: 'list', items, range, flow: true };
    const map: MapValue = { kind: 'map', entries, range, flow: true };
    return longFormIntrinsic(map) ?? map;
  }

  /** `key: value` as an item of a flow sequence, the reader on its colon: a map of one entry. */
  private flowPair(key: Value, keyStart: number, indent: number, depth: number): Value {
    const { text } = this;
    const quoted = text.charCodeAt(keyStart) === QUOTE || text.charCodeAt(keyStart) === APOSTROPHE;
    if (!isScalar(key) || (!quoted && !this.isBlankAt(this.pos + 1))) outside();
    this.pos++;
    this.skipFlowSpace(indent);
    const value = this.flowNode(indent, depth + 1);
    const name = String(key.kind === 'null' ? null : key.value);
    const map: MapValue = { kind: 'map', entries: [{ key: name, keyRange: key.range, value }], range: this.lines.rangeOf(keyStart, this.valueEnd), flow: true };
    return longFormIntrinsic(map) ?? map;
  }

  /** Spaces, line breaks and comments inside a flow collection; lines must stay indented past `indent`. */
  private skipFlowSpace(indent: number): void {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE) this.pos++;
      else if (c === NEWLINE || c === CR) {
        this.pos += c === CR ? 2 : 1;
        let spaces = 0;
        while (text.charCodeAt(this.pos + spaces) === SPACE) spaces++;
        const next = text.charCodeAt(this.pos + spaces);
        if (spaces <= indent && next !== NEWLINE && next !== CR && next !== HASH) outside();
        this.pos += spaces;
      } else if (c === HASH && (this.pos === 0 || text.charCodeAt(this.pos - 1) === SPACE || text.charCodeAt(this.pos - 1) === NEWLINE)) {
        if (text.indexOf('\n', this.pos) < 0) outside();
        const start = this.pos;
        this.pos = this.lineEndFrom(this.pos);
        this.allowTabs(start, this.pos);
      } else if (this.pos >= text.length) outside();
      else return;
    }
  }

  private flowKey(): Key {
    const { text } = this;
    const start = this.pos;
    const c = text.charCodeAt(start);
    let key: string;
    if (c === QUOTE || c === APOSTROPHE) key = this.quotedText();
    else key = String(plainScalarValue(this.flowPlainText()));
    const end = this.pos;
    this.skipSpaces();
    if (text.charCodeAt(this.pos) !== COLON) outside();
    this.pos++;
    // `{a:b}` is one plain scalar in YAML; a key's colon needs a space after it unless the key is quoted.
    if (c !== QUOTE && c !== APOSTROPHE && !this.isBlankAt(this.pos)) outside();
    return { key, start, end };
  }

  private flowNode(indent: number, depth: number, tagged = false): Value {
    if (depth > LIMITS.maxDepth) outside();
    const { text } = this;
    const c = text.charCodeAt(this.pos);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) return this.flowCollection(indent, depth);
    if (c === QUOTE || c === APOSTROPHE) return this.quotedScalar();
    if (c === BANG) {
      const tagStart = this.pos;
      const name = this.tag();
      if (text.charCodeAt(this.pos) !== SPACE) outside();
      this.skipSpaces();
      const next = text.charCodeAt(this.pos);
      if (this.atLineEnd() || FLOW_INDICATORS.has(next) || next === BANG) outside();
      const argument = this.flowNode(indent, depth + 1, true);
      return { kind: 'intrinsic', name, argument, shortForm: true, range: this.lines.rangeOf(tagStart, this.valueEnd) };
    }
    return this.flowPlainScalar(tagged);
  }

  private flowPlainScalar(tagged: boolean): Value {
    const start = this.pos;
    const raw = this.flowPlainText();
    return this.plainValue(raw, start, this.pos, tagged);
  }

  /** A plain scalar inside a flow collection, on one line; the reader stands after its last non-space character. */
  private flowPlainText(): string {
    const { text } = this;
    const start = this.pos;
    if (!this.startsPlain(start, true)) outside();
    let at = start;
    for (; at < text.length; at++) {
      const ch = text.charCodeAt(at);
      if (ch === NEWLINE || ch === CR || FLOW_INDICATORS.has(ch)) break;
      if (ch === HASH && text.charCodeAt(at - 1) === SPACE) break;
      if (ch === COLON && (this.isBlankAt(at + 1) || FLOW_INDICATORS.has(text.charCodeAt(at + 1)))) break;
    }
    let end = at;
    while (text.charCodeAt(end - 1) === SPACE) end--;
    if (text.charCodeAt(at) === NEWLINE || text.charCodeAt(at) === CR || (text.charCodeAt(at) === HASH && at > end)) {
      // A plain scalar that goes on past its line break is a multi-line scalar.
      this.pos = at;
      this.skipFlowSpace(-1);
      const next = text.charCodeAt(this.pos);
      if (next !== COMMA && next !== CLOSE_BRACKET && next !== CLOSE_BRACE) outside();
    }
    this.pos = end;
    this.valueEnd = end;
    return text.slice(start, end);
  }
}

/** Folded block scalar lines: single line breaks between plain lines become spaces; around more-indented lines they stay. */
function foldLines(lines: readonly string[]): string {
  let out = '';
  let i = 0;
  while (i < lines.length && lines[i] === '') {
    out += '\n';
    i++;
  }
  const moreIndented = (line: string): boolean => line.charCodeAt(0) === SPACE || line.charCodeAt(0) === 9;
  while (i < lines.length) {
    const line = lines[i];
    out += line;
    let next = i + 1;
    while (next < lines.length && lines[next] === '') next++;
    if (next >= lines.length) break;
    const empties = next - i - 1;
    if (moreIndented(line) || moreIndented(lines[next])) out += '\n'.repeat(empties + 1);
    else out += empties === 0 ? ' ' : '\n'.repeat(empties);
    i = next;
  }
  return out;
}
