import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TemplateDocument } from '../../server/src/model/document';
import { getAll, getValue, type Value } from '../../server/src/model/value';
import { at, expr, map, terraformFixture } from '../valueAssertions';
import { parseTerraformJson } from '../../server/src/parse/terraformJson';

function parse(text: string): TemplateDocument {
  return parseTerraformJson('file:///test/main.tf.json', text);
}

describe('Terraform JSON parser', () => {
  const text = terraformFixture('main.tf.json');
  const doc = parse(text);

  test('resources: ids, ranges, templates and repetition', () => {
    assert.equal(doc.format, 'terraform-json');
    assert.equal(doc.size, text.length);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.resources.map((r) => r.id), ['aws_s3_bucket.logs', 'aws_security_group.web']);
    const logs = doc.resources[0];
    assert.equal(logs.type, 'aws_s3_bucket');
    assert.equal(logs.format, 'terraform-json');
    assert.equal(logs.hasProperties, true);
    assert.equal(at(text, logs.idRange), 'logs');
    assert.equal(at(text, logs.typeRange), 'aws_s3_bucket');
    assert.ok(at(text, logs.range).startsWith('"logs": {'));
    assert.ok(at(text, logs.body.range).startsWith('{') && at(text, logs.body.range).endsWith('}'));
    assert.equal(logs.repetition, 'count');

    const bucket = logs.body.entries.find((e) => e.key === 'bucket')!;
    assert.equal(at(text, bucket.keyRange), '"bucket"');
    const template = expr(bucket.value);
    assert.equal(template.expressionKind, 'template');
    assert.equal(template.text, '"${local.name}"');
    assert.deepEqual(template.references, ['local.name']);
    assert.equal(at(text, template.range), '"${local.name}"');
    assert.deepEqual(expr(getValue(logs.body, 'count')).references, ['var.enabled']);
    assert.deepEqual(getValue(logs.body, 'force_destroy')?.kind, 'bool');
    assert.deepEqual(getValue(map(getValue(logs.body, 'tags')), 'Name')?.kind, 'string');
  });

  test('an array of objects is a repeated nested block; dynamic blocks are marked', () => {
    const sg = doc.resources[1];
    const ingress = getAll(sg.body, 'ingress').map(map);
    assert.equal(ingress.length, 2);
    assert.deepEqual(ingress.map((i) => (getValue(i, 'from_port') as { value: number }).value), [443, 80]);
    const cidrs = getValue(ingress[0], 'cidr_blocks');
    assert.equal(cidrs?.kind, 'list');

    const egressEntry = sg.body.entries.find((e) => e.key === 'egress')!;
    assert.equal(at(text, egressEntry.keyRange), '"egress"');
    const egress = map(egressEntry.value);
    assert.equal(egress.block, 'dynamic');
    assert.deepEqual(expr(getValue(egress, 'for_each')).references, ['var.subnets']);
    const content = map(getValue(egress, 'content'));
    assert.deepEqual(expr((getValue(content, 'cidr_blocks') as { items: Value[] }).items[0]).references, ['egress.value.cidr']);
    assert.equal(sg.body.entries.some((e) => e.key === 'dynamic'), false);
  });

  test('variables keep literal defaults and their type text', () => {
    const input = (name: string) => {
      const v = doc.inputs.find((i) => i.name === name);
      assert.ok(v, `variable ${name} missing`);
      assert.equal(at(text, v.nameRange), name);
      return v;
    };
    assert.equal(input('region').type, 'string');
    assert.deepEqual(input('region').default?.kind === 'string' && input('region').default, {
      kind: 'string',
      value: 'eu-central-1',
      range: input('region').default!.range,
    });
    assert.equal(input('name_template').default?.kind, 'string', 'a default is never a template');
    assert.equal(input('tags').type, 'map(string)');
    assert.equal(map(input('tags').default).entries[0].key, 'team');
  });

  test('locals, data, modules, outputs, providers and terraform', () => {
    const block = (kind: string, name: string) => {
      const b = doc.blocks.find((x) => x.kind === kind && x.name === name);
      assert.ok(b, `${kind} ${name} missing; have ${doc.blocks.map((x) => `${x.kind}:${x.name}`).join(', ')}`);
      return b;
    };
    assert.deepEqual(expr(block('local', 'name').value).references, ['var.region']);
    assert.equal(at(text, block('local', 'name').nameRange), 'name');
    assert.deepEqual(block('local', 'plain').value, { kind: 'string', value: 'no interpolation here, only ${escaped}', range: block('local', 'plain').value!.range });
    const data = block('data', 'data.aws_iam_policy_document.bucket');
    assert.equal(data.type, 'aws_iam_policy_document');
    assert.equal(map(getValue(map(data.value), 'statement')).entries[0].key, 'actions');
    assert.equal(block('module', 'vpc').type, 'terraform-aws-modules/vpc/aws');
    assert.deepEqual(expr(getValue(map(block('output', 'bucket_arn').value), 'value')).references, ['aws_s3_bucket.logs[0].arn']);
    assert.ok(block('provider', 'aws'));
    assert.equal(at(text, block('provider', 'aws.replica').nameRange), 'aws');
    assert.ok(block('terraform', 'terraform'));
    assert.equal(doc.root?.kind, 'map');
  });

  test('"//" comments carry suppressions', () => {
    assert.deepEqual(
      doc.suppressions.map((s) => [s.ruleId, s.reason]),
      [['s3-bucket-logging', 'access logs go to CloudTrail']],
    );
    assert.match(at(text, doc.suppressions[0].range), /srm-lens:ignore s3-bucket-logging/);
  });

  test('the array forms of the JSON syntax', () => {
    const arrays = parse(
      JSON.stringify({
        resource: [
          { aws_s3_bucket: { a: { bucket: 'a' } } },
          { aws_s3_bucket: [{ b: { bucket: 'b' } }, { c: [{ bucket: 'c' }] }] },
        ],
        locals: [{ x: 1 }, { y: '${local.x}' }],
        variable: [{ v: { default: 1 } }],
      }),
    );
    assert.deepEqual(arrays.errors, []);
    assert.deepEqual(arrays.resources.map((r) => r.id), ['aws_s3_bucket.a', 'aws_s3_bucket.b', 'aws_s3_bucket.c']);
    assert.deepEqual(arrays.blocks.map((b) => b.name), ['x', 'y']);
    assert.deepEqual(arrays.inputs.map((i) => i.name), ['v']);
  });

  test('malformed JSON keeps what it can and reports errors', () => {
    const bad = terraformFixture('malformed.tf.json');
    const partial = parse(bad);
    assert.ok(partial.errors.length > 0);
    assert.ok(partial.errors.every((e) => e.severity === 'error' && e.range.start.line >= 0));
    assert.deepEqual(partial.resources.map((r) => r.id), ['aws_s3_bucket.first', 'aws_s3_bucket.second', 'aws_s3_bucket.third']);
  });

  test('hostile or empty input never throws', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let bytes = '';
    for (let i = 0; i < 10_000; i++) bytes += String.fromCharCode(Math.floor(random() * 256));
    for (const input of ['', '[]', '"text"', 'null', bytes, '{"resource": 5}', '{"resource": {"t": {"n": 1}}}', '['.repeat(5_000)]) {
      const d = parse(input);
      assert.equal(d.size, input.length);
      assert.equal(d.resources.length, 0);
    }
    assert.match(parse('[]').errors[0].message, /JSON object/);
    assert.match(parse('{"resource": {"t": {"n": 1}}}').errors[0].message, /Expected a JSON object/);
    assert.match(parse('['.repeat(5_000)).errors[0].message, /Nesting deeper/);
  });
});
