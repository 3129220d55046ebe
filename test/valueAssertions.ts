import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineIndex, type Range } from '../server/src/model/range';
import type { ExpressionValue, MapValue, Value } from '../server/src/model/value';

/** A Terraform fixture's text; the compiled test may run from `out/` or from a scratch directory. */
export function terraformFixture(name: string): string {
  const candidates = [
    resolve(__dirname, '..', '..', 'test', 'fixtures', 'terraform', name),
    resolve(__dirname, 'fixtures', 'terraform', name),
    join(process.cwd(), 'test', 'fixtures', 'terraform', name),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`fixture ${name} not found near ${__dirname}`);
  return readFileSync(found, 'utf8');
}

/** The text a range selects: ranges are asserted by what they cover, which survives fixture edits. */
export function at(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

export function expr(v: Value | undefined): ExpressionValue {
  assert.ok(v, 'value is missing');
  assert.equal(v.kind, 'expression', `expected an expression, got ${v.kind}`);
  return v as ExpressionValue;
}

export function map(v: Value | undefined): MapValue {
  assert.ok(v, 'value is missing');
  assert.equal(v.kind, 'map', `expected a map, got ${v.kind}`);
  return v as MapValue;
}
