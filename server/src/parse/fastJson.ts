import type { Diagnostic } from '../model/document';
import type { Position, Range } from '../model/range';
import type { MapEntry, MapValue, Value } from '../model/value';
import { LIMITS } from './limits';

/** Thrown on the first syntax error: the caller falls back to the error-tolerant parser. */
class NotStrictJson extends Error {}

/**
 * A one-pass parser for valid JSON that builds model values directly, with
 * positions tracked as it goes (no offset-to-position lookups). Templates
 * on disk are almost always valid JSON, so this is the common path; anything
 * it rejects goes to the tolerant parser, which reports the errors.
 * Returns undefined on any syntax error.
 */
export function parseStrictJson(text: string, transformMap?: (map: MapValue) => Value | undefined): { root: Value; warnings: Diagnostic[] } | undefined {
  const p = new StrictJsonParser(text, transformMap);
  try {
    p.skipSpace();
    const root = p.value(0);
    p.skipSpace();
    if (p.pos < text.length) return undefined;
    return { root, warnings: p.warnings };
  } catch (error) {
    if (error instanceof NotStrictJson) return undefined;
    throw error;
  }
}

class StrictJsonParser {
  pos = 0;
  private line = 0;
  private lineStart = 0;
  readonly warnings: Diagnostic[] = [];
  private depthReported = false;

  constructor(
    private readonly text: string,
    private readonly transformMap?: (map: MapValue) => Value | undefined,
  ) {}

  private here(): Position {
    return { line: this.line, character: this.pos - this.lineStart };
  }

  skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9) this.pos++;
      else if (c === 10) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 13) {
        this.pos++;
        if (t.charCodeAt(this.pos) === 10) this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else return;
    }
  }

  value(depth: number): Value {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) {
      const start = this.here();
      const value = this.string();
      return { kind: 'string', value, range: { start, end: this.here() } };
    }
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    return this.literal();
  }

  private object(depth: number): Value {
    const start = this.here();
    if (depth > LIMITS.maxDepth) return this.tooDeep(start);
    this.pos++;
    const entries: MapEntry[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
    } else {
      for (;;) {
        if (this.text.charCodeAt(this.pos) !== 34) throw new NotStrictJson();
        const keyStart = this.here();
        const key = this.string();
        const keyRange: Range = { start: keyStart, end: this.here() };
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== 58) throw new NotStrictJson();
        this.pos++;
        this.skipSpace();
        entries.push({ key, keyRange, value: this.value(depth + 1) });
        this.skipSpace();
        const next = this.text.charCodeAt(this.pos);
        this.pos++;
        if (next === 125) break;
        if (next !== 44) throw new NotStrictJson();
        this.skipSpace();
      }
    }
    const map: MapValue = { kind: 'map', entries, range: { start, end: this.here() }, flow: true };
    return this.transformMap?.(map) ?? map;
  }

  private array(depth: number): Value {
    const start = this.here();
    if (depth > LIMITS.maxDepth) return this.tooDeep(start);
    this.pos++;
    const items: Value[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
    } else {
      for (;;) {
        items.push(this.value(depth + 1));
        this.skipSpace();
        const next = this.text.charCodeAt(this.pos);
        this.pos++;
        if (next === 93) break;
        if (next !== 44) throw new NotStrictJson();
        this.skipSpace();
      }
    }
    return { kind: 'list', items, range: { start, end: this.here() }, flow: true };
  }

  /** Too deep to analyse: skip the nested value as text (it is still validated by bracket matching) and say so once. */
  private tooDeep(start: Position): Value {
    const t = this.text;
    let depth = 0;
    do {
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        this.string();
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) depth--;
      else if (c === 10 || c === 13) {
        this.skipSpace();
        continue;
      } else if (Number.isNaN(c)) throw new NotStrictJson();
      this.pos++;
    } while (depth > 0);
    const range = { start, end: this.here() };
    if (!this.depthReported) {
      this.depthReported = true;
      this.warnings.push({ message: `Nesting deeper than ${LIMITS.maxDepth} levels; the deeper part is not analysed.`, range, severity: 'warning' });
    }
    return { kind: 'unknown', text: '', range };
  }

  /** A string token at `pos`; escapes are decoded by JSON.parse, only when there are any. */
  private string(): string {
    const t = this.text;
    const begin = this.pos;
    let i = begin + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      // Raw control characters (including line breaks) are not allowed inside JSON strings.
      if (c < 32 || Number.isNaN(c)) throw new NotStrictJson();
      i++;
    }
    this.pos = i + 1;
    if (!escaped) return t.slice(begin + 1, i);
    try {
      return JSON.parse(t.slice(begin, i + 1)) as string;
    } catch {
      throw new NotStrictJson();
    }
  }

  private number(): Value {
    const start = this.here();
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.pos;
    const m = match.exec(this.text);
    if (!m) throw new NotStrictJson();
    this.pos += m[0].length;
    return { kind: 'number', value: Number(m[0]), range: { start, end: this.here() } };
  }

  private literal(): Value {
    const start = this.here();
    const t = this.text;
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        const range = { start, end: this.here() };
        return value === null ? { kind: 'null', range } : { kind: 'bool', value, range };
      }
    }
    throw new NotStrictJson();
  }
}
