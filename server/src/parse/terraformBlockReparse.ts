import type { TemplateDocument } from '../model/document';
import { lineBreaks, sharedEnds, type Range } from '../model/range';
import type { MapEntry } from '../model/value';
import { looksBinary } from './detect';
import { LIMITS } from './limits';
import { chunkStarts, CHUNK_HEADER, parseTerraform } from './terraform';

/**
 * Re-parses a Terraform file after an edit that stays inside one top-level
 * chunk (the lines from a column-0 `resource`, `variable`, `locals`, …
 * keyword to the next one): only that chunk goes through tree-sitter, at its
 * own lines; every other resource, variable, block, suppression comment and
 * top-level entry is reused, moved by the lines the edit added or removed.
 * Returns undefined whenever that cannot give exactly what a full parse
 * gives (the file had errors, the edit crosses chunks or makes or unmakes a
 * column-0 keyword, the chunk alone has errors), and the caller parses the
 * whole text.
 */
export function reparseTerraformBlock(previous: TemplateDocument, oldText: string, newText: string): TemplateDocument | undefined {
  if (previous.format !== 'terraform' || previous.errors.length > 0 || !previous.root) return undefined;
  if (newText.length > LIMITS.maxFileBytes || looksBinary(newText)) return undefined;

  const { prefix, suffix } = sharedEnds(oldText, newText);

  // The chunk holding the whole change, and the same chunk in the new text.
  const starts = chunkStarts(oldText);
  let index = 0;
  while (index + 1 < starts.length && starts[index + 1] <= prefix) index++;
  const chunkStart = starts[index];
  const oldChunkEnd = index + 1 < starts.length ? starts[index + 1] : oldText.length;
  if (oldText.length - suffix > oldChunkEnd) return undefined;
  const newChunkEnd = oldChunkEnd + newText.length - oldText.length;
  const chunk = newText.slice(chunkStart, newChunkEnd);
  // Still one chunk that ends where the next begins (a keyword still at the start of a line).
  if (chunkStarts(chunk).length !== 1 || (chunkStart > 0 && !CHUNK_HEADER.test(chunk))) return undefined;
  if (newChunkEnd < newText.length && !isLineBreak(newText.charCodeAt(newChunkEnd - 1))) return undefined;

  const startLine = lineBreaks(oldText, 0, chunkStart);
  const oldEndLine = startLine + lineBreaks(oldText, chunkStart, oldChunkEnd);
  const newEndLine = startLine + lineBreaks(newText, chunkStart, newChunkEnd);
  // Blank lines in front keep the chunk's lines and columns where they are in the whole text.
  const part = parseTerraform(previous.uri, '\n'.repeat(startLine) + chunk);
  if (part.errors.length > 0 || !part.root) return undefined;

  const delta = newEndLine - oldEndLine;
  // The last chunk may end inside its last line (no line break at the end of the file): nothing comes after it.
  const last = index + 1 === starts.length;
  const memo = new Map<object, unknown>();
  const splice = <T>(old: T[], fresh: T[], start: (item: T) => number): T[] => [
    ...old.filter((item) => start(item) < startLine),
    ...fresh,
    ...(last ? [] : old.filter((item) => start(item) >= oldEndLine)).map((item) => (delta === 0 ? item : shiftLines(item, delta, memo))),
  ];
  const byRange = (item: { range: Range }): number => item.range.start.line;
  const rootEntries = splice<MapEntry>(previous.root.entries, part.root.entries, (e) => e.keyRange.start.line);
  const lastLine = lineBreaks(newText, 0, newText.length);
  const lastLineStart = lastLineOffset(newText);
  return {
    uri: previous.uri,
    format: 'terraform',
    resources: splice(previous.resources, part.resources, byRange),
    inputs: splice(previous.inputs, part.inputs, byRange),
    blocks: splice(previous.blocks, part.blocks, byRange),
    errors: [],
    suppressions: splice(previous.suppressions, part.suppressions, byRange),
    transforms: [],
    root: { kind: 'map', entries: rootEntries, range: { start: { line: 0, character: 0 }, end: { line: lastLine, character: newText.length - lastLineStart } } },
    size: newText.length,
    text: newText,
  };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function lastLineOffset(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (isLineBreak(text.charCodeAt(i))) return i + 1;
  return 0;
}

/**
 * A copy of a parsed thing `delta` lines further down: every `range` and
 * `…Range` moved, everything else copied as is (one copy per object, so
 * objects shared in the original stay shared).
 */
function shiftLines<T>(value: T, delta: number, memo: Map<object, unknown>): T {
  if (typeof value !== 'object' || value === null) return value;
  const done = memo.get(value);
  if (done !== undefined) return done as T;
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map((v) => shiftLines(v, delta, memo));
  } else {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = key === 'range' || key.endsWith('Range') ? moveRange(v as Range, delta) : shiftLines(v, delta, memo);
    }
    copy = out;
  }
  memo.set(value, copy);
  return copy as T;
}

function moveRange(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}
