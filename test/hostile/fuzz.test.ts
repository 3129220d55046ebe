// Property-based fuzzing of the whole engine: parse, link, assess and fix on
// mutated real templates. The runs and the seed are fixed so CI is
// reproducible; `npm run fuzz` runs longer (FUZZ_RUNS, FUZZ_SEED).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import { assess } from '../../server/src/assess/assess';
import { applyEdits } from '../../server/src/edit/applyEdits';
import { LinkedModel } from '../../server/src/link/linkedModel';
import type { TemplateDocument } from '../../server/src/model/document';
import { LineIndex, type Range } from '../../server/src/model/range';
import type { Value } from '../../server/src/model/value';
import { initTerraformParser, parseFile } from '../../server/src/parse';
import { corpusRoot, repoRoot } from '../helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
/** A hang detector, not a speed target: one engine call on a seed-sized input must end long before this. */
const CALL_BOUND_MS = 10_000;
const SEEDS_PER_SOURCE = 40;

interface Seed {
  name: string;
  text: string;
}

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name.startsWith('.') ? [] : files(path, pattern);
    return pattern.test(name) && statSync(path).size < 200_000 ? [path] : [];
  });
}

/** Seeds: the project's examples always; a deterministic sample of the shared corpus where it is present. */
function seeds(): Seed[] {
  const own = files(join(repoRoot, 'examples'), /\.(ya?ml|json|tf)$/);
  const corpus = existsSync(corpusRoot) ? files(corpusRoot, /\.(ya?ml|json|template|tf)$/).sort() : [];
  const step = Math.max(1, Math.floor(corpus.length / SEEDS_PER_SOURCE));
  const sample = corpus.filter((_, i) => i % step === 0).slice(0, SEEDS_PER_SOURCE);
  return [...own, ...sample].map((path) => ({ name: relative(repoRoot, path), text: readFileSync(path, 'utf8') }));
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'delete-line'; line: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'dedent'; line: number }
  | { kind: 'tab'; line: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'minify' };

const INSERTS = ['!Ref ', '!GetAtt X.Arn', '!Sub "${', '{{', '"', '[', ']', '{', '}', ': ', '- ', '\t', '${var.', '<<EOF\n', '#', '&a ', '*a', '\u0000', '\ufeff', '\r'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: fc.constantFrom(...'{}[]":,\n -!&*|>#=\\'.split('')) }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('dedent' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('tab' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  fc.constant({ kind: 'minify' as const }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number): number => n % Math.max(1, lines.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'flip': {
      const at = m.at % Math.max(1, text.length);
      return text.slice(0, at) + m.char + text.slice(at + 1);
    }
    case 'delete-line':
      return lines.filter((_, i) => i !== line(m.line)).join('\n');
    case 'duplicate-line':
      return lines.flatMap((l, i) => (i === line(m.line) ? [l, l] : [l])).join('\n');
    case 'dedent':
      return lines.map((l, i) => (i === line(m.line) ? l.trimStart() : l)).join('\n');
    case 'tab':
      return lines.map((l, i) => (i === line(m.line) ? l.replace(/^ {2}/, '\t') : l)).join('\n');
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'minify':
      try {
        return JSON.stringify(JSON.parse(text));
      } catch {
        return text.replace(/\n\s*/g, ' ');
      }
  }
}

function assertInside(range: Range, lines: LineIndex, text: string, what: string): void {
  const lastLine = lines.lineCount - 1;
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line <= lastLine, `${what}: line ${p.line} outside 0..${lastLine}`);
    assert.ok(p.character >= 0 && p.character <= lines.lineText(p.line).length, `${what}: character ${p.character} past the end of line ${p.line}`);
  }
  assert.ok(lines.offsetAt(range.start) <= lines.offsetAt(range.end) && lines.offsetAt(range.end) <= text.length, `${what}: range runs backwards`);
}

function walkValues(v: Value | undefined, visit: (v: Value) => void, depth = 0): void {
  if (!v || depth > 300) return;
  visit(v);
  if (v.kind === 'map') for (const e of v.entries) walkValues(e.value, visit, depth + 1);
  else if (v.kind === 'list') for (const item of v.items) walkValues(item, visit, depth + 1);
  else if (v.kind === 'intrinsic') walkValues(v.argument, visit, depth + 1);
}

function bounded<T>(what: string, call: () => T): T {
  const started = process.hrtime.bigint();
  const result = call();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(ms < CALL_BOUND_MS, `${what} took ${ms.toFixed(0)} ms (hang bound ${CALL_BOUND_MS} ms)`);
  return result;
}

/** Every property on one input; returns the parsed template when it is one. */
function checkEngine(name: string, text: string): TemplateDocument | undefined {
  const outcome = bounded(`parse ${name}`, () => parseFile(`file:///fuzz/${name.replace(/.*\//, '')}`, text, name.replace(/.*\//, '')));
  if (outcome.kind !== 'template') {
    assert.ok(outcome.reason.length > 0 && !/Maximum call stack|Cannot read prop|undefined is not/.test(outcome.reason), `reason in words: ${outcome.reason}`);
    return undefined;
  }
  const doc = outcome.document;
  const lines = new LineIndex(text);
  for (const e of doc.errors) {
    assertInside(e.range, lines, text, `error "${e.message}"`);
    assert.doesNotMatch(e.message, /Maximum call stack|Cannot read prop|undefined is not/, 'an internal error reached the user');
  }
  for (const r of doc.resources) {
    for (const [what, range] of [['resource', r.range], ['id', r.idRange], ['type', r.typeRange]] as const) assertInside(range, lines, text, `${r.id} ${what}`);
    walkValues(r.body, (v) => assertInside(v.range, lines, text, `${r.id} value`));
  }
  const assessment = bounded(`assess ${name}`, () => assess(new LinkedModel([doc])));
  for (const ra of assessment.resources) {
    for (const f of ra.findings) {
      assertInside(f.range, lines, text, `finding ${f.ruleId}`);
      for (const fix of f.fixes) {
        const own = fix.edits.filter((e) => e.uri === doc.uri);
        for (const e of own) assertInside(e.range, lines, text, `fix "${fix.title}"`);
        assert.doesNotThrow(() => applyEdits(text, own), `fix "${fix.title}" has overlapping edits`);
      }
    }
  }
  return doc;
}

describe('fuzzing the engine with mutated real templates', () => {
  const all = seeds();
  before(() => initTerraformParser());

  test(`seeds parse, assess and fix cleanly (${all.length} seeds)`, () => {
    assert.ok(all.length >= 5, 'the examples folder should provide seeds');
    for (const seed of all) checkEngine(seed.name, seed.text);
  });

  test(`no mutation makes the engine throw, hang, leave the document or leak internals (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (index, mutations) => {
        const seed = all[index];
        const text = mutations.reduce(mutate, seed.text);
        checkEngine(seed.name, text);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test(`a fix never makes a valid template invalid (${RUNS} runs, seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.nat({ max: all.length - 1 }), fc.nat(), (index, pick) => {
        const seed = all[index];
        const doc = checkEngine(seed.name, seed.text);
        if (!doc || doc.errors.some((e) => e.severity === 'error')) return;
        const fixes = assess(new LinkedModel([doc])).resources.flatMap((r) => r.findings.flatMap((f) => f.fixes.filter((x) => x.edits.every((e) => e.uri === doc.uri))));
        if (fixes.length === 0) return;
        const fix = fixes[pick % fixes.length];
        const fixed = applyEdits(doc.text, fix.edits);
        const after = parseFile(doc.uri, fixed, seed.name.replace(/.*\//, ''));
        assert.equal(after.kind, 'template', `"${fix.title}" on ${seed.name} made the file unreadable`);
        const errors = after.kind === 'template' ? after.document.errors.filter((e) => e.severity === 'error') : [];
        assert.deepEqual(errors.map((e) => e.message), [], `"${fix.title}" on ${seed.name} introduced errors`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
