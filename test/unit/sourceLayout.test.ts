import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectIndentUnit } from '../../server/src/edit/sourceLayout';
import { LineIndex } from '../../server/src/model/range';
import { seededRandom } from '../helpers';

// The line walks of `detectIndentUnit` and `LineIndex` search for newlines instead of splitting
// and trimming every line; these are the plain definitions they must agree with.
function indentUnitByLines(text: string): string {
  if (/^\t+\S/m.test(text) && !/^ {2,}\S/m.test(text)) return '\t';
  const counts = new Map<number, number>();
  let previous = 0;
  for (const line of text.split(/\r?\n/, 2000)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = /^ */.exec(line)![0].length;
    const step = indent - previous;
    if (step > 0 && step <= 8) counts.set(step, (counts.get(step) ?? 0) + 1);
    previous = indent;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount) [best, bestCount] = [step, count];
  return ' '.repeat(best);
}

function lineStartsByCharacters(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Lines of YAML-ish text built from the pieces that decide a layout: spaces, tabs, comments, odd whitespace and line ends. */
function randomText(next: () => number): string {
  const pieces = [' ', '  ', '    ', '\t', '#', 'Key:', 'value', '- item', '\u00a0', '\u2028', '\ufeff', '\v', '\r'];
  const ends = ['\n', '\r\n', '\r', '\n\n', ''];
  const lines: string[] = [];
  const count = Math.floor(next() * 40);
  for (let l = 0; l < count; l++) {
    let line = ' '.repeat(Math.floor(next() * 10));
    const n = Math.floor(next() * 4);
    for (let k = 0; k < n; k++) line += pieces[Math.floor(next() * pieces.length)];
    lines.push(line + ends[Math.floor(next() * ends.length)]);
  }
  return lines.join('');
}

describe('source layout', () => {
  test('the indentation unit and line starts agree with splitting the text into lines', () => {
    const fixed = ['', '\n', 'a', 'a\r\n  b\r\n    c', '  # only a comment\n    x: 1', '\tTabbed:\n\t\tx', 'a:\n   b:\n      c:\r', 'a:\r  b:\r    c:'];
    const next = seededRandom(16);
    const texts = [...fixed, ...Array.from({ length: 3000 }, () => randomText(next))];
    // More than 2,000 lines: only the first 2,000 count.
    texts.push(`${'a:\n  b: 1\n'.repeat(1000)}${'x:\n    y: 1\n'.repeat(2000)}`);
    for (const text of texts) {
      assert.equal(detectIndentUnit(text), indentUnitByLines(text), JSON.stringify(text));
      const index = new LineIndex(text);
      const starts = lineStartsByCharacters(text);
      assert.equal(index.lineCount, starts.length, JSON.stringify(text));
      starts.forEach((start, line) => assert.equal(index.offsetAt({ line, character: 0 }), start, JSON.stringify(text)));
    }
  });
});
