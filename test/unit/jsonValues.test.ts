import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/model/range';
import { parseStrictJson } from '../../server/src/parse/fastJson';
import { parseJsonValues, parseJsonValuesTolerant } from '../../server/src/parse/jsonValues';
import { LIMITS } from '../../server/src/parse/limits';
import { longFormIntrinsic } from '../../server/src/parse/longFormIntrinsic';

/**
 * Valid JSON: the fast path must be taken and must produce exactly what the
 * tolerant parser produces (values, ranges, warnings), with and without the
 * long-form intrinsic transform.
 */
function same(text: string, label = text.slice(0, 200)): void {
  for (const transform of [longFormIntrinsic, undefined]) {
    assert.ok(parseStrictJson(text, transform), `the fast path rejected valid JSON: ${label}`);
    const fast = parseJsonValues(text, transform);
    const tolerant = parseJsonValuesTolerant(text, transform);
    assert.deepEqual(fast.root, tolerant.root, label);
    assert.deepEqual(fast.errors, tolerant.errors, label);
    assert.equal(tolerant.errors.filter((e) => e.severity === 'error').length, 0, `jsonc-parser found errors in ${label}`);
  }
}

/** Invalid JSON: the fast path gives up and the result is the tolerant parser's, errors included. */
function tolerated(text: string): void {
  assert.equal(parseStrictJson(text, longFormIntrinsic), undefined, `the fast path accepted invalid JSON: ${JSON.stringify(text)}`);
  const result = parseJsonValues(text, longFormIntrinsic);
  const tolerant = parseJsonValuesTolerant(text, longFormIntrinsic);
  assert.deepEqual(result.root, tolerant.root);
  assert.deepEqual(result.errors, tolerant.errors);
  assert.ok(result.errors.some((e) => e.severity === 'error'), `no error for ${JSON.stringify(text)}`);
  assert.ok(result.lines instanceof LineIndex);
}

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function randomString(rand: () => number): string {
  const pieces = ['plain', 'é', 'ü✓', '𝄞', '😀', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', ' ', '${AWS::Region}', ''];
  let s = '';
  for (let i = Math.floor(rand() * 5); i > 0; i--) s += pick(rand, pieces);
  return s;
}

function randomNumber(rand: () => number): number {
  switch (Math.floor(rand() * 6)) {
    case 0:
      return Math.floor(rand() * 1000) - 500;
    case 1:
      return (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
    case 2:
      return pick(rand, [0, -0, 1e21, 1e-7, 9007199254740993, 2 ** 53, -(2 ** 63), 5e-324, 1.7976931348623157e308]);
    default:
      return Math.floor(rand() * 2 ** 31);
  }
}

const KEYS = ['Ref', 'Fn::Sub', 'Fn::GetAtt', 'Fn::If', 'Condition', 'Fn::ForEach::Loop', 'Type', 'Properties', 'k é', '𝄞', ''];

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 5 || r < 0.35) {
    const s = rand();
    if (s < 0.4) return randomString(rand);
    if (s < 0.8) return randomNumber(rand);
    return pick(rand, [true, false, null]);
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  // One entry is common so that long-form intrinsics (`{"Ref": …}`) are formed often.
  const count = rand() < 0.4 ? 1 : Math.floor(rand() * 5);
  for (let i = 0; i < count; i++) obj[rand() < 0.7 ? pick(rand, KEYS) : randomString(rand)] = randomValue(rand, depth + 1);
  return obj;
}

/** Serializes with random whitespace between tokens: spaces, tabs and all three line endings. */
function scatter(value: unknown, rand: () => number): string {
  const ws = () => {
    let s = '';
    for (let i = Math.floor(rand() * 3); i > 0; i--) s += pick(rand, [' ', '\t', '\n', '\r\n', '\r', '    ']);
    return s;
  };
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => write(x)).join(`${ws()},${ws()}`)}${ws()}]`;
    if (v && typeof v === 'object') {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${write(x)}`);
      return `{${ws()}${entries.join(`${ws()},${ws()}`)}${ws()}}`;
    }
    if (typeof v === 'number' && rand() < 0.3) return pick(rand, ['0', '-0', '1E+2', '-1.50e-3', '0.0', '12345678901234567890', '1e400', '-0.0E0']);
    return JSON.stringify(v);
  };
  return ws() + write(value) + ws();
}

const nested = (depth: number, inner: string): string => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('JSON values', () => {
  test('the fast path equals the tolerant parser on templates, unicode, escapes and line endings', () => {
    same('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"B":{"Type":"AWS::S3::Bucket","Properties":{"BucketName":{"Fn::Sub":"x-${AWS::Region}"},"Tags":[{"Key":"a","Value":{"Ref":"P"}}]}}}}');
    same(JSON.stringify({ a: 'é𝄞"\\\n', b: [1, -0.5, 2e10, true, false, null, {}, []], c: { Ref: 'X' } }, null, 2));
    same('{\r\n  "a": 1,\r\n  "b": [\r\n    "x"\r\n  ]\r\n}\r\n');
    same('{\r  "a": "\\u00e9\\ud834\\udd1e"\r}');
    same('{\n\r\n\r"a":\n\r\r\n1}');
    same('  [ ]  ');
    same('\t{ "𝄞𝄞": "😀😀", "b": ["𝄞", "x"], "é": 1 }');
    same('{"esc": "\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\uD83D\\uDE00 \\ud800 \\udc00 \\u2028", "after": true}');
    same('{"raw": "\u007f \u2028 \u2029 \ufeff", "n": null}');
    same('{"a": 1, "a": 2}');
  });

  test('numbers, including exponents, negatives, -0 and values past double precision', () => {
    for (const n of ['0', '-0', '-0.0', '1', '-1', '12.5', '-12.5e3', '1e5', '1E5', '1e+5', '1E-5', '0.000001', '123456789012345678901234567890', '9007199254740991', '9007199254740993', '-9007199254740993', '1e400', '-1e400', '5e-324', '2e-400']) {
      same(n);
      same(`[${n}]`);
      same(`{"n": ${n}, "m": [ ${n} , ${n} ]}`);
    }
  });

  test('empty containers and scalars at the top level', () => {
    for (const text of ['{}', '[]', '[{}]', '{"a":{},"b":[]}', '[[],[[]],{}]', ' { } ', '"x"', '""', 'true', 'false', 'null', '\r\n 42 \n']) same(text);
  });

  test('long-form intrinsics are formed by the transform as on the tolerant path', () => {
    const text = JSON.stringify(
      {
        Resources: {
          R: {
            Properties: {
              A: { Ref: 'P' },
              B: { 'Fn::GetAtt': ['R', 'Arn'] },
              C: { 'Fn::Sub': ['${X}', { X: { Ref: 'AWS::Region' } }] },
              D: { 'Fn::If': ['Cond', { Ref: 'AWS::NoValue' }, { 'Fn::Join': ['', [{ Ref: 'A' }, 'b']] }] },
              E: { Ref: 'P', Other: 1 },
              F: { 'Fn::ForEach::Loop': ['x', [], {}] },
              G: { Condition: 'C' },
            },
          },
        },
      },
      null,
      2,
    );
    same(text);
    const root = parseJsonValues(text, longFormIntrinsic).root;
    const props = root?.kind === 'map' ? root.entries[0].value : undefined;
    assert.ok(props?.kind === 'map');
    const r = props.entries[0].value;
    assert.ok(r.kind === 'map');
    const kinds = (r.entries[0].value.kind === 'map' ? r.entries[0].value.entries : []).map((e) => `${e.key}:${e.value.kind}`);
    assert.deepEqual(kinds, ['A:intrinsic', 'B:intrinsic', 'C:intrinsic', 'D:intrinsic', 'E:map', 'F:map', 'G:intrinsic']);
  });

  test('nesting at and just past the limit matches the tolerant parser, warning included', () => {
    const limit = LIMITS.maxDepth;
    for (const depth of [limit - 1, limit, limit + 1, limit + 2, limit + 40]) {
      same(nested(depth, '1'));
      same(nested(depth, ''));
      same(nested(depth, '{"a": [1, {"b": null}], "c": "d"}'));
      same(`{"x": ${nested(depth, '"s"')}, "y": ${nested(depth, 'true')}, "z": 1}`);
      same('{"a":'.repeat(depth) + '{"Ref": "X"}' + '}'.repeat(depth));
    }
    const deep = parseJsonValues(nested(limit + 1, '1'));
    assert.equal(deep.errors.length, 1);
    assert.equal(deep.errors[0].severity, 'warning');
  });

  test('nesting far past the limit is cut with one warning, without exhausting the stack', () => {
    const deep = nested(20_000, '{"a": [1, 2.5e3, "x\\n", true, null], "b": {}}');
    const r = parseJsonValues(`{"a": ${deep}, "b": 1}`);
    assert.equal(r.root?.kind, 'map');
    assert.equal(r.errors.filter((e) => /Nesting deeper/.test(e.message)).length, 1);
    assert.equal(r.errors.length, 1);
    assert.equal(r.root?.kind === 'map' && r.root.entries[1].key, 'b');
    const bValue = r.root?.kind === 'map' ? r.root.entries[1].value : undefined;
    const offset = `{"a": ${deep}, "b": `.length;
    assert.deepEqual(bValue?.range, { start: { line: 0, character: offset }, end: { line: 0, character: offset + 1 } });
  });

  test('syntax errors inside the part past the limit still send the document to the tolerant parser', () => {
    const depth = LIMITS.maxDepth + 50;
    for (const inner of ['1,,2', '[}', '[1}', '{"a": 1]', '[{"a": [2}]]', '{"a": 1 "b": 2}', '[1 2]', '{"a" 1}', '{"a": 1,}', '"open', '01', 'nul', '{1: 2}', '[1] x']) tolerated(nested(depth, inner));
    tolerated(nested(depth, '') + ']');
    tolerated('['.repeat(depth));
  });

  test('invalid JSON goes to the tolerant parser and keeps its messages', () => {
    const r = parseJsonValues('{"a": 1 "b": 2}');
    assert.ok(r.errors.length > 0);
    assert.equal(r.root?.kind, 'map');
    const invalid = [
      '{"a": 1 "b": 2}',
      '{"a": [1, 2,]}',
      '{"a": 1,}',
      '{"a": "raw\nnewline"}',
      '{"a": "raw\ttab"}',
      '{"a": "\\x"}',
      '{"a": "\\u12"}',
      '{"a": "open}',
      '"\\',
      '{"a": 1',
      '[1, 2',
      '{"a": 1} x',
      '{"a": 1}}',
      '[1]]',
      '[1}',
      '{"a": 1]',
      '',
      '   \n ',
      '{a: 1}',
      "{'a': 1}",
      '{"a": 01}',
      '{"a": 1.}',
      '{"a": .5}',
      '{"a": +1}',
      '{"a": -}',
      '{"a": 1e}',
      '{"a": 1e+}',
      '{"a": NaN}',
      '{"a": Infinity}',
      '{"a": tru}',
      '{"a": nul}',
      '{"a": True}',
      '{"a" 1}',
      '{"a":}',
      '{,}',
      '[,]',
      '[1,,2]',
      '{"a": 1 // comment\n}',
      '{"a": /* c */ 1}',
      '\ufeff{"a": 1}',
      '{"a":\u000b1}',
      '{"a":\f1}',
      '{"a":\u00a01}',
    ];
    for (const text of invalid) tolerated(text);
  });

  test('lines is a LineIndex over the text on both paths', () => {
    const text = '{\r\n "a": [1,\r 2],\n "b": "𝄞"\n}';
    const fast = parseJsonValues(text);
    assert.ok(fast.lines instanceof LineIndex);
    assert.equal(fast.lines, fast.lines);
    assert.equal(fast.lines.text, text);
    const tolerant = parseJsonValuesTolerant(text);
    assert.equal(fast.lines.lineCount, tolerant.lines.lineCount);
    for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(fast.lines.positionAt(offset), tolerant.lines.positionAt(offset));
  });

  test('randomized: 400 documents, compact, indented and with random whitespace and line endings', () => {
    const rand = random(42);
    for (let i = 0; i < 400; i++) {
      const v = i % 4 === 0 ? randomValue(rand, 0) : { root: randomValue(rand, 0) };
      same(JSON.stringify(v), `#${i} compact`);
      same(JSON.stringify(v, null, i % 2 ? 2 : '\t'), `#${i} indented`);
      same(scatter(v, rand), `#${i} scattered`);
    }
  });
});
