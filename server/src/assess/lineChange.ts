import { lineBreaks, sharedEnds, type Range } from '../model/range';

/**
 * The lines an edit touched, from the common prefix and suffix of the old
 * and new text: lines before `startLine` are the same in both, lines after
 * `oldEndLine` are the same lines `delta` further down, characters unmoved.
 * Anything written on the lines in between must be computed again.
 */
export interface LineChange {
  startLine: number;
  oldEndLine: number;
  delta: number;
}

export function lineChange(oldText: string, newText: string): LineChange {
  let { prefix, suffix } = sharedEnds(oldText, newText);
  // A boundary between CR and LF would count that line break on one side only.
  if (prefix > 0 && oldText.charCodeAt(prefix - 1) === 13) prefix--;
  if (suffix > 0 && oldText.charCodeAt(oldText.length - suffix) === 10) suffix--;
  const startLine = lineBreaks(oldText, 0, prefix);
  const oldEndLine = startLine + lineBreaks(oldText, prefix, oldText.length - suffix);
  const newEndLine = startLine + lineBreaks(newText, prefix, newText.length - suffix);
  return { startLine, oldEndLine, delta: newEndLine - oldEndLine };
}

/** True when lines `from` to `to` (old numbering) include a changed one. */
export function touches(change: LineChange | undefined, from: number, to: number): boolean {
  return change !== undefined && !(to < change.startLine || from > change.oldEndLine);
}

/** The range in the new text, or undefined when it lies on a changed line. */
export function moveRange(change: LineChange | undefined, range: Range): Range | undefined {
  if (!change || range.end.line < change.startLine) return range;
  if (range.start.line <= change.oldEndLine) return undefined;
  if (change.delta === 0) return range;
  return {
    start: { line: range.start.line + change.delta, character: range.start.character },
    end: { line: range.end.line + change.delta, character: range.end.character },
  };
}
