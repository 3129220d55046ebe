import { LineIndex } from '../model/range';
import type { TextEdit } from '../rules/rule';

/**
 * Applies edits of one file to its text. Edits are applied from the end so
 * earlier offsets stay valid; overlapping edits are refused rather than
 * producing a file nobody asked for.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error('overlapping edits');
  }
  let out = text;
  for (let i = spans.length - 1; i >= 0; i--) out = out.slice(0, spans[i].start) + spans[i].newText + out.slice(spans[i].end);
  return out;
}
