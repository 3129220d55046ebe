import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TemplateDocument } from '../server/src/model/document';
import type { Range } from '../server/src/model/range';
import { parseFile } from '../server/src/parse';

export const repoRoot = resolve(__dirname, '..', '..');
export const fixtures = join(repoRoot, 'test', 'fixtures');
/** `../shared/corpus` beside the checkout; SRM_LENS_CORPUS points elsewhere (a git worktree sits one level deeper). */
export const corpusRoot = process.env.SRM_LENS_CORPUS ? resolve(process.env.SRM_LENS_CORPUS) : resolve(repoRoot, '..', 'shared', 'corpus');
export const corpusPresent = existsSync(corpusRoot);

/** Parses text that must be a template; fails the test with the reason otherwise. */
export function parseTemplate(fileName: string, text: string): TemplateDocument {
  const outcome = parseFile(fileName, text);
  if (outcome.kind !== 'template') throw new Error(`${fileName} was not parsed as a template: ${outcome.reason}`);
  return outcome.document;
}

/** The text a range covers, for asserting ranges by what they select rather than by numbers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r?\n/);
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  const parts = [lines[range.start.line].slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l]);
  parts.push(lines[range.end.line].slice(0, range.end.character));
  return parts.join('\n');
}

/**
 * Removes `|` caret markers from fixture text and returns their positions,
 * so a test can say "hover here" inside the fixture itself.
 */
export function withCarets(marked: string): { text: string; carets: { line: number; character: number }[] } {
  const carets: { line: number; character: number }[] = [];
  const lines = marked.split('\n').map((line, lineNo) => {
    let out = '';
    for (const ch of line) {
      if (ch === '|') carets.push({ line: lineNo, character: out.length });
      else out += ch;
    }
    return out;
  });
  return { text: lines.join('\n'), carets };
}

/** A small seeded generator (mulberry32), so a failing replay can be run again with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The parse of `text` as a template, or undefined. */
export type FullParse = (text: string) => TemplateDocument | undefined;

/**
 * Replays `steps` seeded edits of `start` (a broken text is soon put back as it was, as a
 * person mends slips); each partial re-parse must equal the full parse of the same text.
 * Returns how many edits were re-parsed partially.
 */
export function replayReparse(options: {
  start: string;
  seed: number;
  steps: number;
  what: string;
  full: FullParse;
  edit: (text: string, next: () => number) => string;
  reparse: (previous: TemplateDocument, oldText: string, newText: string) => TemplateDocument | undefined;
}): number {
  const { seed, full } = options;
  const next = seededRandom(seed);
  let text = options.start;
  let doc = full(text);
  let incremental = 0;
  let lastGood = text;
  for (let step = 0; step < options.steps; step++) {
    if (doc && doc.errors.length > 0 && next() < 0.5) {
      text = lastGood;
      doc = full(text);
    }
    const after = options.edit(text, next);
    const whole = full(after);
    const quick = doc ? options.reparse(doc, text, after) : undefined;
    if (quick) {
      incremental++;
      assert.deepStrictEqual(quick, whole, `seed ${seed}, step ${step}: the re-parsed ${options.what} differs from a full parse`);
    }
    text = after;
    doc = quick ?? whole;
    if (doc && doc.errors.length === 0) lastGood = text;
  }
  return incremental;
}
