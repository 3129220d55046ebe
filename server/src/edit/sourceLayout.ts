import type { TemplateDocument } from '../model/document';
import { lineIndexOf, LineIndex, type Position, type Range } from '../model/range';

/**
 * The text of a document as edits see it: lines, their indentation and the
 * file's indentation unit, so inserted text looks as if the author wrote it.
 */
export class SourceLayout {
  readonly lines: LineIndex;
  readonly unit: string;
  readonly eol: string;

  constructor(readonly text: string) {
    this.lines = lineIndexOf(text);
    this.unit = detectIndentUnit(text);
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  lineText(line: number): string {
    return this.lines.lineText(line);
  }

  indentOf(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }

  lineEnd(line: number): Position {
    return { line, character: this.lineText(line).length };
  }

  /** Ranges from parsers may end at the start of the next line; edits want the end of the last real character. */
  trimEnd(range: Range): Position {
    let { line, character } = range.end;
    while (line > range.start.line && character === 0) {
      line--;
      character = this.lineText(line).length;
    }
    // Trailing spaces and comments after a value stay where they are.
    // Scanned backwards from the position: a regular expression on the line would cost the
    // whole line per call, quadratic on a one-line file with thousands of resources.
    const text = this.lineText(line);
    let end = Math.min(character, text.length);
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    return { line, character: line === range.start.line ? Math.max(end, range.start.character) : end };
  }

  /** True when nothing but whitespace precedes `pos` on its line. */
  startsLine(pos: Position): boolean {
    return this.lineText(pos.line).slice(0, pos.character).trim() === '';
  }

  textOf(range: Range): string {
    return this.text.slice(this.lines.offsetAt(range.start), this.lines.offsetAt(range.end));
  }
}

const cache = new WeakMap<TemplateDocument, SourceLayout>();

export function layoutOf(doc: TemplateDocument): SourceLayout {
  let layout = cache.get(doc);
  if (!layout) {
    layout = new SourceLayout(doc.text);
    cache.set(doc, layout);
  }
  return layout;
}

/** The most common step between the indentation of consecutive lines; two spaces when nothing says otherwise. */
export function detectIndentUnit(text: string): string {
  if (/^\t+\S/m.test(text) && !/^ {2,}\S/m.test(text)) return '\t';
  const counts = new Map<number, number>();
  let previous = 0;
  // The first 2,000 lines (split at \n or \r\n), walked in place: every finding with a fix asks for its
  // file's layout, and splitting and trimming each line cost more than the rest of the fix.
  let start = 0;
  for (let n = 0; n < 2000; n++) {
    const newline = text.indexOf('\n', start);
    let end = newline < 0 ? text.length : newline;
    if (end > start && text.charCodeAt(end - 1) === 13 && newline >= 0) end--;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const first = i < end ? text.charCodeAt(i) : -1;
    // Blank and comment lines do not count; characters other than spaces in front are rare and trimmed as before.
    const skip = first === -1 || first === 35 || ((first <= 32 || first > 126) && isBlankOrComment(text.slice(i, end)));
    if (!skip) {
      const step = i - start - previous;
      if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
      previous = i - start;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount) [best, bestCount] = [step, count];
  return ' '.repeat(best);
}

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return !trimmed || trimmed.startsWith('#');
}
