import type { Diagnostic } from '../model/document';
import type { Position, Range } from '../model/range';
import type { MapEntry, MapValue, Value } from '../model/value';
import { LIMITS } from './limits';

/** Thrown on the first syntax error: the caller falls back to the error-tolerant parser. */
class NotStrictJson extends Error {}

// Character codes used below.
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const UPPER_E = 69;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_N = 110;
const LOWER_T = 116;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * A one-pass parser for valid JSON (RFC 8259, nothing more) that builds model
 * values directly. Line and character are tracked as it goes: positions are
 * zero-based lines and UTF-16 characters, with `\n`, `\r\n` and `\r` each
 * ending a line, exactly as `LineIndex` counts them, so every range equals
 * what `LineIndex.rangeOf` gives for the same offsets.
 *
 * Templates on disk are almost always valid JSON, so this is the common path.
 * It does not try to recover: on the first syntax error it returns undefined
 * and the caller uses the tolerant parser, which reports the errors.
 *
 * Values nested deeper than `LIMITS.maxDepth` become one `unknown` value with
 * a single warning, like the tolerant path; the skipped part is still checked
 * for syntax, without recursion, so hostile nesting cannot exhaust the stack.
 */
export function parseStrictJson(text: string, transformMap?: (map: MapValue) => Value | undefined): { root: Value; warnings: Diagnostic[] } | undefined {
  const length = text.length;
  const maxDepth = LIMITS.maxDepth;
  const warnings: Diagnostic[] = [];
  let depthReported = false;
  /** Offset of the next character to read. */
  let pos = 0;
  /** Zero-based line of `pos`, and the offset where that line starts. */
  let line = 0;
  let lineStart = 0;

  const fail = (): never => {
    throw new NotStrictJson();
  };

  const here = (): Position => ({ line, character: pos - lineStart });

  /** Skips JSON whitespace (space, tab, line breaks), counting lines. */
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === SPACE || c === TAB) pos++;
      else if (c === LF) {
        lineStart = ++pos;
        line++;
      } else if (c === CR) {
        if (text.charCodeAt(++pos) === LF) pos++;
        lineStart = pos;
        line++;
      } else return;
    }
  };

  /** The string token at `pos` (which is a quote); leaves `pos` after the closing quote. */
  const string = (): string => {
    const begin = pos;
    let i = begin + 1;
    let escaped = false;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      } else if (c < SPACE) {
        // Raw control characters, line breaks included, are not allowed in JSON strings.
        fail();
      }
    }
    if (i >= length) fail();
    pos = i + 1;
    if (!escaped) return text.slice(begin + 1, i);
    // JSON.parse validates and decodes the escapes (\uXXXX pairs, lone surrogates) exactly as JSON defines them.
    try {
      return JSON.parse(text.slice(begin, pos)) as string;
    } catch {
      return fail();
    }
  };

  /** Skips the digits at `pos`, failing when there is none; returns the next character. */
  const digits = (): number => {
    let c = text.charCodeAt(pos);
    if (!(c >= ZERO && c <= NINE)) fail();
    do c = text.charCodeAt(++pos);
    while (c >= ZERO && c <= NINE);
    return c;
  };

  /** The number token at `pos`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. */
  const number = (): number => {
    const begin = pos;
    let c = text.charCodeAt(pos);
    const negative = c === MINUS;
    if (negative) c = text.charCodeAt(++pos);
    let integer = 0;
    if (c === ZERO) c = text.charCodeAt(++pos);
    else if (c > ZERO && c <= NINE) {
      do {
        integer = integer * 10 + (c - ZERO);
        c = text.charCodeAt(++pos);
      } while (c >= ZERO && c <= NINE);
    } else fail();
    let simple = true;
    if (c === DOT) {
      simple = false;
      pos++;
      c = digits();
    }
    if (c === LOWER_E || c === UPPER_E) {
      simple = false;
      c = text.charCodeAt(++pos);
      if (c === PLUS || c === MINUS) pos++;
      digits();
    }
    // Integers that fit exactly in a double need no conversion from text; -0 stays -0 as Number('-0') does.
    if (simple && integer <= Number.MAX_SAFE_INTEGER) return negative ? -integer : integer;
    return Number(text.slice(begin, pos));
  };

  /** `true`, `false` or `null` at `pos`. */
  const literal = (start: Position): Value => {
    const c = text.charCodeAt(pos);
    if (c === LOWER_T && text.startsWith('true', pos)) {
      pos += 4;
      return { kind: 'bool', value: true, range: { start, end: here() } };
    }
    if (c === LOWER_F && text.startsWith('false', pos)) {
      pos += 5;
      return { kind: 'bool', value: false, range: { start, end: here() } };
    }
    if (c === LOWER_N && text.startsWith('null', pos)) {
      pos += 4;
      return { kind: 'null', range: { start, end: here() } };
    }
    return fail();
  };

  const value = (depth: number): Value => {
    if (depth > maxDepth) return tooDeep();
    const c = text.charCodeAt(pos);
    const start = here();
    if (c === QUOTE) {
      const s = string();
      return { kind: 'string', value: s, range: { start, end: here() } };
    }
    if (c === OPEN_BRACE) return object(start, depth);
    if (c === OPEN_BRACKET) return array(start, depth);
    if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const n = number();
      return { kind: 'number', value: n, range: { start, end: here() } };
    }
    return literal(start);
  };

  const object = (start: Position, depth: number): Value => {
    pos++;
    skipSpace();
    const entries: MapEntry[] = [];
    let c = text.charCodeAt(pos);
    if (c !== CLOSE_BRACE) {
      for (;;) {
        if (c !== QUOTE) fail();
        const keyStart = here();
        const key = string();
        const keyRange: Range = { start: keyStart, end: here() };
        skipSpace();
        if (text.charCodeAt(pos) !== COLON) fail();
        pos++;
        skipSpace();
        entries.push({ key, keyRange, value: value(depth + 1) });
        skipSpace();
        c = text.charCodeAt(pos);
        if (c === COMMA) {
          pos++;
          skipSpace();
          c = text.charCodeAt(pos);
        } else if (c === CLOSE_BRACE) break;
        else fail();
      }
    }
    pos++;
    const map: MapValue = { kind: 'map', entries, range: { start, end: here() }, flow: true };
    return transformMap?.(map) ?? map;
  };

  const array = (start: Position, depth: number): Value => {
    pos++;
    skipSpace();
    const items: Value[] = [];
    if (text.charCodeAt(pos) !== CLOSE_BRACKET) {
      for (;;) {
        items.push(value(depth + 1));
        skipSpace();
        const c = text.charCodeAt(pos);
        if (c === COMMA) {
          pos++;
          skipSpace();
        } else if (c === CLOSE_BRACKET) break;
        else fail();
      }
    }
    pos++;
    return { kind: 'list', items, range: { start, end: here() }, flow: true };
  };

  /** A value past the depth limit: checked for syntax without recursion, kept as one unknown value, reported once. */
  const tooDeep = (): Value => {
    const start = here();
    skipValue();
    const range: Range = { start, end: here() };
    if (!depthReported) {
      depthReported = true;
      warnings.push({ message: `Nesting deeper than ${maxDepth} levels; the deeper part is not analysed.`, range, severity: 'warning' });
    }
    return { kind: 'unknown', text: '', range };
  };

  /** Validates one value at `pos` and moves past it, using an explicit stack of open containers. */
  const skipValue = (): void => {
    /** One entry per open container: true for an object, false for an array. */
    const open: boolean[] = [];
    for (;;) {
      // A value is expected at `pos`.
      const c = text.charCodeAt(pos);
      let scalar = true;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        pos++;
        skipSpace();
        const close = text.charCodeAt(pos);
        if (close === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) pos++;
        else {
          scalar = false;
          open.push(c === OPEN_BRACE);
          if (c === OPEN_BRACE) skipKey();
        }
      } else if (c === QUOTE) string();
      else if (c === MINUS || (c >= ZERO && c <= NINE)) number();
      else literal(here());
      if (!scalar) continue;
      // After a complete value: close containers until one continues with a comma.
      for (;;) {
        if (open.length === 0) return;
        skipSpace();
        const next = text.charCodeAt(pos);
        const inObject = open[open.length - 1];
        if (next === COMMA) {
          pos++;
          skipSpace();
          if (inObject) skipKey();
          break;
        }
        if (next !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) fail();
        pos++;
        open.pop();
      }
    }
  };

  /** Inside a skipped object: a key, a colon, and the whitespace before its value. */
  const skipKey = (): void => {
    if (text.charCodeAt(pos) !== QUOTE) fail();
    string();
    skipSpace();
    if (text.charCodeAt(pos) !== COLON) fail();
    pos++;
    skipSpace();
  };

  try {
    skipSpace();
    const root = value(0);
    skipSpace();
    if (pos < length) return undefined;
    return { root, warnings };
  } catch (error) {
    if (error instanceof NotStrictJson) return undefined;
    throw error;
  }
}
