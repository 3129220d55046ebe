import { LineIndex } from '../model/range';
import type { TextEdit } from '../rules/rule';

/**
 * Applies edits of one file to its text, in one pass in offset order;
 * overlapping edits are refused rather than
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
  // One pass over the text: splicing edit by edit would copy the whole text once per edit.
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(text.slice(at, span.start), span.newText);
    at = span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
