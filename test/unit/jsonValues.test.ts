import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJsonValues, parseJsonValuesTolerant } from '../../server/src/parse/jsonValues';
import { longFormIntrinsic } from '../../server/src/parse/longFormIntrinsic';

/** The fast path must produce exactly what the tolerant parser produces for valid JSON. */
function same(text: string): void {
  const fast = parseJsonValues(text, longFormIntrinsic);
  const tolerant = parseJsonValuesTolerant(text, longFormIntrinsic);
  assert.deepEqual(fast.root, tolerant.root, text.slice(0, 200));
  assert.deepEqual(fast.errors, tolerant.errors);
}

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 4 || r < 0.3) {
    const scalars = ['plain', 'with "quotes" and \\ backslash', 'tab\tnew\nline', 'unicode é ✓ 𝄞', '', 0, -12.5, 1e21, 3.25e-7, true, false, null];
    return scalars[Math.floor(rand() * scalars.length)];
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rand() * 5); i++) obj[['Ref', 'Fn::Sub', 'Key', 'k é', `k${i}`][Math.floor(rand() * 5)]] = randomValue(rand, depth + 1);
  return obj;
}

describe('JSON values', () => {
  test('the fast path equals the tolerant parser on templates, unicode, escapes and line endings', () => {
    same('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":{"Fn::Sub":"x-${AWS::Region}"},"Tags":[{"Key":"a","Value":{"Ref":"P"}}]}}}}');
    same(JSON.stringify({ a: 'é𝄞"\\\n', b: [1, -0.5, 2e10, true, false, null, {}, []], c: { Ref: 'X' } }, null, 2));
    same('{\r\n  "a": 1,\r\n  "b": [\r\n    "x"\r\n  ]\r\n}\r\n');
    same('{\r  "a": "\\u00e9\\ud834\\udd1e"\r}');
    same('  [ ]  ');
  });

  test('randomized: 300 documents, compact and indented', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const v = { root: randomValue(rand, 0) };
      same(JSON.stringify(v));
      same(JSON.stringify(v, null, i % 2 ? 2 : '\t'));
    }
  });

  test('invalid JSON goes to the tolerant parser and keeps its messages', () => {
    const r = parseJsonValues('{"a": 1 "b": 2}');
    assert.ok(r.errors.length > 0);
    assert.equal(r.root?.kind, 'map');
    assert.equal(parseJsonValues('{"a": [1, 2,]}').errors.length > 0, true);
    assert.equal(parseJsonValues('{"a": "raw\nnewline"}').errors.length > 0, true);
  });

  test('nesting far past the limit is cut with one warning, without exhausting the stack', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const r = parseJsonValues(`{"a": ${deep}, "b": 1}`);
    assert.equal(r.root?.kind, 'map');
    assert.equal(r.errors.filter((e) => /Nesting deeper/.test(e.message)).length, 1);
    assert.equal(r.root?.kind === 'map' && r.root.entries[1].key, 'b');
  });
});
