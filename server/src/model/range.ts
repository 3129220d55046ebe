/** Zero-based, as in LSP: lines and UTF-16 characters. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function makeRange(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function containsPosition(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/**
 * Converts string offsets to line/character positions. Built once per text so
 * every value range in a document costs a binary search, not a rescan.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The common case, searched natively: a one-shot CLI indexes megabytes of text before V8 optimises a loop over it.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.lineStarts[pos.line] + pos.character, this.text.length);
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const next = this.lineStarts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}

/**
 * The line index of a text, shared by whoever asks for the same text soon
 * after: an edit's re-parse, its suppression comments and its fixes each need
 * the new text's lines, and the next edit the old text's.
 */
export function lineIndexOf(text: string): LineIndex {
  for (const index of recentIndexes) if (index.text === text) return index;
  const index = new LineIndex(text);
  recentIndexes.unshift(index);
  recentIndexes.length = Math.min(recentIndexes.length, 2);
  return index;
}

const recentIndexes: LineIndex[] = [];

/**
 * What an edit changed, as the lengths of the text both versions share at the
 * start (`prefix`) and at the end (`suffix`, never overlapping the prefix).
 */
export function sharedEnds(oldText: string, newText: string): { prefix: number; suffix: number } {
  // The re-parse and the incremental assessment each ask about the same edit: the last answer is kept.
  if (lastEnds && lastEnds.oldText === oldText && lastEnds.newText === newText) return lastEnds.ends;
  const ends = scanSharedEnds(oldText, newText);
  lastEnds = { oldText, newText, ends };
  return ends;
}

let lastEnds: { oldText: string; newText: string; ends: { prefix: number; suffix: number } } | undefined;

function scanSharedEnds(oldText: string, newText: string): { prefix: number; suffix: number } {
  const limit = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** Line breaks ending in [from, to), counted as `LineIndex` counts them (LF, CR LF, lone CR). */
export function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}
