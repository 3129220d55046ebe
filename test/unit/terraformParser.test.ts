import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { TemplateDocument } from '../../server/src/model/document';
import { getAll, getValue, type Value } from '../../server/src/model/value';
import { at, expr, map, terraformFixture } from '../valueAssertions';
import { parseTerraform, scanReferences } from '../../server/src/parse/terraform';
import { IndexMap, initTerraformParser } from '../../server/src/parse/treeSitter';

function parse(text: string): TemplateDocument {
  return parseTerraform('file:///test/main.tf', text);
}

function resource(doc: TemplateDocument, id: string) {
  const r = doc.resources.find((x) => x.id === id);
  assert.ok(r, `resource ${id} missing; have ${doc.resources.map((x) => x.id).join(', ')}`);
  return r;
}

// Must run before `initTerraformParser`: node:test runs each file in its own process, top-level tests in order.
test('parseTerraform before initTerraformParser fails with a message that says what to do', () => {
  assert.throws(() => parse('x = 1'), /initTerraformParser/);
});

describe('Terraform HCL parser', () => {
  before(async () => {
    await initTerraformParser();
    await initTerraformParser(); // idempotent
  });

  test('resource id, type, body and attribute ranges are exact', () => {
    const text = 'resource "aws_s3_bucket" "logs" {\n  bucket = "my-logs"\n  acl    = "private"\n}\n';
    const doc = parse(text);
    assert.equal(doc.format, 'terraform');
    assert.equal(doc.size, text.length);
    assert.deepEqual(doc.transforms, []);
    assert.deepEqual(doc.errors, []);
    const r = resource(doc, 'aws_s3_bucket.logs');
    assert.equal(r.type, 'aws_s3_bucket');
    assert.equal(r.format, 'terraform');
    assert.equal(r.hasProperties, true);
    assert.equal(r.repetition, undefined);
    assert.equal(at(text, r.idRange), 'logs');
    assert.deepEqual(r.idRange, { start: { line: 0, character: 26 }, end: { line: 0, character: 30 } });
    assert.equal(at(text, r.typeRange), 'aws_s3_bucket');
    assert.equal(at(text, r.range), text.trimEnd());
    assert.equal(at(text, r.body.range), '{\n  bucket = "my-logs"\n  acl    = "private"\n}');
    const bucket = r.body.entries[0];
    assert.equal(bucket.key, 'bucket');
    assert.deepEqual(bucket.keyRange, { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } });
    assert.deepEqual(bucket.value, { kind: 'string', value: 'my-logs', range: { start: { line: 1, character: 11 }, end: { line: 1, character: 20 } } });
    assert.equal(at(text, r.body.entries[1].value.range), '"private"');
  });

  test('nested, repeated and dynamic blocks', () => {
    const text = terraformFixture('main.tf');
    const doc = parse(text);
    assert.deepEqual(doc.errors, []);
    const sg = resource(doc, 'aws_security_group.web');
    const ingress = getAll(sg.body, 'ingress').map(map);
    assert.equal(ingress.length, 2);
    assert.deepEqual(ingress.map((i) => i.block), ['block', 'block']);
    assert.deepEqual(ingress.map((i) => getValue(i, 'from_port')), [
      { kind: 'number', value: 443, range: ingress[0].entries[0].value.range },
      { kind: 'number', value: 80, range: ingress[1].entries[0].value.range },
    ]);
    assert.ok(at(text, ingress[0].range).startsWith('{') && at(text, ingress[0].range).endsWith('}'));
    const ingressEntry = sg.body.entries.find((e) => e.key === 'ingress')!;
    assert.equal(at(text, ingressEntry.keyRange), 'ingress');

    const egressEntry = sg.body.entries.find((e) => e.key === 'egress')!;
    assert.equal(at(text, egressEntry.keyRange), 'egress', 'the key of a dynamic block is its label, inside the quotes');
    const egress = map(egressEntry.value);
    assert.equal(egress.block, 'dynamic');
    assert.deepEqual(egress.entries.map((e) => e.key), ['for_each', 'iterator', 'content']);
    assert.deepEqual(expr(getValue(egress, 'for_each')).references, ['var.subnets']);
    const content = map(getValue(egress, 'content'));
    assert.equal(content.block, 'block');
    assert.deepEqual(expr(getValue(content, 'cidr_blocks') && (getValue(content, 'cidr_blocks') as { items: Value[] }).items[0]).references, ['subnet.value.cidr']);

    const bucket = resource(doc, 'aws_s3_bucket.logs');
    const sse = map(getValue(bucket.body, 'server_side_encryption_configuration'));
    const rule = map(getValue(sse, 'rule'));
    const byDefault = map(getValue(rule, 'apply_server_side_encryption_by_default'));
    assert.deepEqual(getValue(byDefault, 'sse_algorithm'), { kind: 'string', value: 'aws:kms', range: byDefault.entries[0].value.range });
    assert.deepEqual(expr(getValue(byDefault, 'kms_master_key_id')).references, ['aws_kms_key.logs.arn']);
  });

  test('literals, collections and every expression kind', () => {
    const text = [
      'locals {',
      '  s    = "plain \\"quoted\\" \\u00e9 $${literal}"',
      '  n    = 42',
      '  f    = 1.5e3',
      '  neg  = -1',
      '  t    = true',
      '  nul  = null',
      '  list = ["a", 1, var.x]',
      '  obj  = { id = 1, "quoted-key" = "v", nested = { deep = true } }',
      '  ref  = var.enabled',
      '  fn   = lookup(var.m, "k", null)',
      '  tpl  = "${var.prefix}-bucket"',
      '  cond = var.enabled ? "AES256" : "aws:kms"',
      '  for  = [for s in var.subnets : s.id if s.public]',
      '  op   = var.count > 0 && var.enabled',
      '  idx  = aws_instance.web[0].id',
      '  spl  = aws_instance.web[*].id',
      '  paren = (var.enabled)',
      '  other = jsondecode(var.doc).key',
      '  hd   = <<EOT',
      'line one',
      '  line two',
      'EOT',
      '  hdi  = <<-EOT',
      '    indented',
      '      more',
      '    EOT',
      '  hdx  = <<EOT',
      'name=${var.name}',
      'EOT',
      '}',
      '',
    ].join('\n');
    const doc = parse(text);
    assert.deepEqual(doc.errors, []);
    const local = (name: string): Value => {
      const b = doc.blocks.find((x) => x.kind === 'local' && x.name === name);
      assert.ok(b?.value, `local ${name} missing`);
      return b.value;
    };
    assert.deepEqual(local('s'), { kind: 'string', value: 'plain "quoted" é ${literal}', range: local('s').range });
    assert.equal(at(text, local('s').range), '"plain \\"quoted\\" \\u00e9 $${literal}"');
    assert.deepEqual([local('n'), local('f'), local('neg')].map((v) => v.kind === 'number' && v.value), [42, 1500, -1]);
    assert.equal(local('t').kind === 'bool' && local('t').kind === 'bool' && (local('t') as { value: boolean }).value, true);
    assert.equal(local('nul').kind, 'null');

    const list = local('list');
    assert.equal(list.kind, 'list');
    assert.deepEqual(list.kind === 'list' && list.items.map((i) => i.kind), ['string', 'number', 'expression']);
    const obj = map(local('obj'));
    assert.deepEqual(obj.entries.map((e) => e.key), ['id', 'quoted-key', 'nested']);
    assert.equal(at(text, obj.entries[1].keyRange), '"quoted-key"');
    assert.equal(obj.block, undefined, 'an object value is not a block');
    assert.deepEqual(getValue(map(getValue(obj, 'nested')), 'deep')?.kind, 'bool');

    const kinds: Record<string, string> = {
      ref: 'reference',
      fn: 'function',
      tpl: 'template',
      cond: 'conditional',
      for: 'for',
      op: 'operation',
      idx: 'index',
      spl: 'splat',
      paren: 'reference',
      other: 'other',
      hdx: 'heredoc',
    };
    for (const [name, kind] of Object.entries(kinds)) assert.equal(expr(local(name)).expressionKind, kind, name);
    assert.equal(expr(local('fn')).text, 'lookup(var.m, "k", null)');
    assert.equal(at(text, local('fn').range), 'lookup(var.m, "k", null)');
    assert.equal(expr(local('paren')).text, 'var.enabled');

    const cond = expr(local('cond'));
    assert.ok(cond.branches);
    assert.deepEqual(expr(cond.branches.condition).references, ['var.enabled']);
    assert.deepEqual(cond.branches.whenTrue.kind === 'string' && cond.branches.whenTrue.value, 'AES256');
    assert.deepEqual(cond.branches.whenFalse.kind === 'string' && cond.branches.whenFalse.value, 'aws:kms');
    assert.equal(at(text, cond.branches.whenFalse.range), '"aws:kms"');

    assert.deepEqual(local('hd'), { kind: 'string', value: 'line one\n  line two\n', range: local('hd').range });
    assert.equal((local('hdi') as { value: string }).value, 'indented\n  more\n');
    assert.deepEqual(expr(local('hdx')).references, ['var.name']);
  });

  test('references are the traversals an expression reads, in Terraform syntax', () => {
    const text = [
      'resource "aws_s3_bucket_policy" "p" {',
      '  bucket = aws_s3_bucket.logs.id',
      '  policy = data.aws_iam_policy_document.x.json',
      '  name   = "${local.name}-${var.env}"',
      '  tags   = merge(var.tags, { Name = local.name, "team" = var.team })',
      '  arns   = [for k, v in var.buckets : v.arn if k != "skip"]',
      '  first  = aws_instance.web[0].private_ip',
      '  keyed  = var.m["a b"].x',
      '  all    = aws_instance.web[*].id',
      '  legacy = aws_instance.web.*.id',
      '  dyn    = var.list[var.index]',
      '  esc    = "$${not_a_ref} ${var.real}"',
      '  pick   = var.on ? local.a : local.b',
      '}',
    ].join('\n');
    const doc = parse(text);
    assert.deepEqual(doc.errors, []);
    const body = resource(doc, 'aws_s3_bucket_policy.p').body;
    const refs = (key: string) => expr(getValue(body, key)).references;
    assert.deepEqual(refs('bucket'), ['aws_s3_bucket.logs.id']);
    assert.deepEqual(refs('policy'), ['data.aws_iam_policy_document.x.json']);
    assert.deepEqual(refs('name'), ['local.name', 'var.env']);
    assert.deepEqual(refs('tags'), ['var.tags', 'local.name', 'var.team'], 'object keys and function names are not references');
    assert.deepEqual(refs('arns'), ['var.buckets'], 'names bound by for are not references');
    assert.deepEqual(refs('first'), ['aws_instance.web[0].private_ip']);
    assert.deepEqual(refs('keyed'), ['var.m["a b"].x']);
    assert.deepEqual(refs('all'), ['aws_instance.web[*].id']);
    assert.deepEqual(refs('legacy'), ['aws_instance.web[*].id']);
    assert.deepEqual(refs('dyn'), ['var.list', 'var.index'], 'a computed index ends the traversal');
    assert.deepEqual(refs('esc'), ['var.real']);
    assert.deepEqual(refs('pick'), ['var.on', 'local.a', 'local.b']);
  });

  test('scanReferences handles strings, heredocs, comments and bare branches', () => {
    assert.deepEqual(scanReferences('x ? a : b'), ['x', 'a', 'b']);
    assert.deepEqual(scanReferences('{ a: var.x, b = 1 }'), ['var.x']);
    assert.deepEqual(scanReferences('f(var.a) # var.comment\n'), ['var.a']);
    assert.deepEqual(scanReferences('"${join(",", [for s in var.s : "${s}-x"])}"'), ['var.s']);
    assert.deepEqual(scanReferences('<<EOT\n"${var.h}" var.not\nEOT'), ['var.h']);
    assert.deepEqual(scanReferences('a-${var.x} "quoted" ${var.y}', 'template'), ['var.x', 'var.y']);
    assert.deepEqual(scanReferences('provider::aws::arn_parse(var.arn).region'), ['var.arn']);
  });

  test('count and for_each mark the resource as repeated; it stays one resource', () => {
    const doc = parse(terraformFixture('main.tf'));
    assert.equal(resource(doc, 'aws_s3_bucket.logs').repetition, 'count');
    assert.equal(resource(doc, 'aws_subnet.private').repetition, 'for_each');
    assert.equal(resource(doc, 'aws_kms_key.logs').repetition, undefined);
    assert.equal(doc.resources.filter((r) => r.id === 'aws_s3_bucket.logs').length, 1);
    assert.deepEqual(expr(getValue(resource(doc, 'aws_subnet.private').body, 'for_each')).references, ['var.subnets']);
  });

  test('variables with types, defaults and allowed values', () => {
    const text = terraformFixture('main.tf');
    const doc = parse(text);
    const input = (name: string) => {
      const v = doc.inputs.find((i) => i.name === name);
      assert.ok(v, `variable ${name} missing`);
      assert.equal(v.kind, 'variable');
      assert.equal(at(text, v.nameRange), name);
      assert.ok(at(text, v.range).startsWith(`variable "${name}" {`));
      return v;
    };
    assert.equal(input('region').type, 'string');
    assert.deepEqual(input('region').default?.kind === 'string' && input('region').default, { kind: 'string', value: 'eu-central-1', range: input('region').default!.range });
    assert.equal(input('enabled').type, 'bool');
    assert.equal(input('enabled').default?.kind, 'bool');
    assert.equal(input('environment').default, undefined);
    assert.deepEqual(input('environment').allowedValues?.map((v) => v.kind === 'string' && v.value), ['dev', 'prod']);
    assert.equal(input('subnets').type, 'list(object({ id = string, cidr = string }))');
    assert.deepEqual(input('subnets').default, { kind: 'list', items: [], range: input('subnets').default!.range });
  });

  test('locals, modules, data sources, outputs, providers and terraform are named blocks', () => {
    const text = terraformFixture('main.tf');
    const doc = parse(text);
    const block = (kind: string, name: string) => {
      const b = doc.blocks.find((x) => x.kind === kind && x.name === name);
      assert.ok(b, `${kind} ${name} missing; have ${doc.blocks.map((x) => `${x.kind}:${x.name}`).join(', ')}`);
      return b;
    };
    const name = block('local', 'name');
    assert.equal(at(text, name.nameRange), 'name');
    assert.deepEqual(expr(name.value).references, ['var.environment']);
    assert.deepEqual(map(block('local', 'tags').value).entries.map((e) => e.key), ['Environment', 'cost-center']);

    const vpc = block('module', 'vpc');
    assert.equal(vpc.type, 'terraform-aws-modules/vpc/aws');
    assert.equal(at(text, vpc.nameRange), 'vpc');
    assert.deepEqual(expr(getValue(map(vpc.value), 'name')).references, ['local.name']);

    const data = block('data', 'data.aws_iam_policy_document.bucket');
    assert.equal(data.type, 'aws_iam_policy_document');
    assert.equal(at(text, data.nameRange), 'bucket');
    const statement = map(getValue(map(data.value), 'statement'));
    assert.deepEqual(expr((getValue(statement, 'resources') as { items: Value[] }).items[0]).references, ['aws_s3_bucket.logs.arn']);

    assert.deepEqual(expr(getValue(map(block('output', 'bucket_arn').value), 'value')).references, ['aws_s3_bucket.logs[0].arn']);
    assert.ok(block('provider', 'aws'));
    assert.equal(at(text, block('provider', 'aws.replica').nameRange), 'aws');
    const tf = block('terraform', 'terraform');
    assert.equal(at(text, tf.nameRange), 'terraform');
    assert.equal(map(getValue(map(tf.value), 'required_providers')).block, 'block');
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['terraform', 'provider', 'provider', 'local', 'local', 'data', 'module', 'output'],
      'blocks come in source order',
    );
  });

  test('the root map holds top-level attributes, as in a .tfvars file', () => {
    const text = 'region = "eu-west-1"\ncount  = 3\n';
    const doc = parse(text);
    assert.deepEqual(doc.root?.entries.map((e) => [e.key, e.value.kind]), [
      ['region', 'string'],
      ['count', 'number'],
    ]);
  });

  test('suppression comments in #, // and /* */ form', () => {
    const text = [
      '# srm-lens:ignore s3-bucket-versioning logs are write-once',
      'resource "aws_s3_bucket" "a" {',
      '  // srm-lens:ignore s3-bucket-logging handled centrally',
      '  bucket = "a" /* srm-lens:ignore s3-bucket-encryption default is fine */',
      '  # an ordinary comment',
      '}',
    ].join('\n');
    const doc = parse(text);
    assert.deepEqual(
      doc.suppressions.map((s) => [s.ruleId, s.reason, at(text, s.range)]),
      [
        ['s3-bucket-versioning', 'logs are write-once', '# srm-lens:ignore s3-bucket-versioning logs are write-once'],
        ['s3-bucket-logging', 'handled centrally', '// srm-lens:ignore s3-bucket-logging handled centrally'],
        ['s3-bucket-encryption', 'default is fine', '/* srm-lens:ignore s3-bucket-encryption default is fine */'],
      ],
    );
    assert.deepEqual(parse('x = "# srm-lens:ignore not-a-comment inside a string"').suppressions, []);
  });

  test('ranges count UTF-16 units after non-ASCII text', () => {
    const text = '# Protokoll für Größe — 日本語 😀\nresource "aws_s3_bucket" "b" {\n  bucket = "ünïcødé-😀"\n  acl = "private"\n}\n';
    const doc = parse(text);
    assert.deepEqual(doc.errors, []);
    const r = resource(doc, 'aws_s3_bucket.b');
    assert.equal(at(text, r.idRange), 'b');
    assert.equal(at(text, r.typeRange), 'aws_s3_bucket');
    const bucket = r.body.entries[0];
    assert.deepEqual(bucket.value.kind === 'string' && bucket.value.value, 'ünïcødé-😀');
    assert.deepEqual(bucket.value.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 23 } });
    assert.equal(at(text, r.body.entries[1].value.range), '"private"');
    const sameLine = parse('locals { a = "😀😀" \n b = "é" }\n');
    assert.deepEqual(sameLine.blocks.map((b) => b.value?.range.start), [
      { line: 0, character: 13 },
      { line: 1, character: 5 },
    ]);
  });

  test('IndexMap turns UTF-8 byte offsets into UTF-16 offsets', () => {
    const text = 'aé😀b';
    const bytes = new IndexMap(text, 'utf8');
    // a(1) é(2) 😀(4) b(1)
    assert.deepEqual([0, 1, 3, 7, 8].map((b) => bytes.at(b)), [0, 1, 2, 4, 5]);
    assert.equal(new IndexMap(text, 'utf16').at(3), 3);
  });

  test('a half-typed attribute leaves the next resource intact', () => {
    const text = [
      'resource "aws_s3_bucket" "a" {',
      '  bucket = "a"',
      '  z = ',
      '}',
      '',
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "b"',
      '}',
      '',
    ].join('\n');
    const doc = parse(text);
    assert.deepEqual(doc.resources.map((r) => r.id), ['aws_s3_bucket.a', 'aws_s3_bucket.b']);
    const a = resource(doc, 'aws_s3_bucket.a');
    assert.deepEqual(a.body.entries.map((e) => e.key), ['bucket']);
    assert.equal(at(text, a.range), 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n  z = \n}');
    assert.equal(getValue(resource(doc, 'aws_s3_bucket.b').body, 'bucket')?.kind, 'string');
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0].message, /value after 'z ='/);
    assert.equal(doc.errors[0].range.start.line, 2);
  });

  test('an error in one block leaves every other block exactly as in the valid file', () => {
    const valid = terraformFixture('main.tf');
    const broken = valid.replace('  description         = "Log bucket key"', '  descr');
    assert.notEqual(broken, valid);
    const good = parse(valid);
    const bad = parse(broken);
    assert.deepEqual(bad.errors.map((e) => e.message), ["Expected '=' or '{' after 'descr'"]);
    assert.deepEqual(bad.resources.map((r) => r.id), good.resources.map((r) => r.id));
    for (const r of good.resources) {
      if (r.id === 'aws_kms_key.logs') continue;
      assert.deepEqual(resource(bad, r.id), r, r.id);
    }
    assert.deepEqual(resource(bad, 'aws_kms_key.logs').body.entries.map((e) => e.key), ['enable_key_rotation']);
    assert.deepEqual(bad.blocks, good.blocks);
    assert.deepEqual(bad.inputs, good.inputs);
    assert.deepEqual(bad.suppressions, good.suppressions);
  });

  test('other half-typed lines: a name alone, an open string, an unclosed block', () => {
    const nameAlone = parse('resource "a" "b" {\n  x = 1\n  acl\n  y = 2\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n');
    assert.deepEqual(resource(nameAlone, 'a.b').body.entries.map((e) => e.key), ['x', 'y', 'lifecycle']);
    assert.match(nameAlone.errors[0].message, /after 'acl'/);

    const nameAboveBlock = parse('resource "a" "b" {\n  x = 1\n  tags\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n');
    assert.deepEqual(resource(nameAboveBlock, 'a.b').body.entries.map((e) => e.key), ['x', 'lifecycle']);
    assert.equal(nameAboveBlock.errors.length, 1);

    const openString = parse('resource "a" "b" {\n  name = "EC2Create\n  description = "x"\n  n = 1\n}\nresource "a" "c" {}\n');
    assert.deepEqual(resource(openString, 'a.b').body.entries.map((e) => e.key), ['description', 'n']);
    assert.ok(resource(openString, 'a.c'));
    assert.match(openString.errors[0].message, /closing '"'/);

    const unclosed = parse('resource "a" "b" {\n  x = 1\n\nresource "a" "c" {\n  y = 2\n}\n');
    assert.deepEqual(unclosed.resources.map((r) => r.id), ['a.b', 'a.c']);
    assert.deepEqual(unclosed.errors.map((e) => [e.message, e.range.start.line]), [["Missing '}'", 1]]);
  });

  test('top-level blocks nested at column 0 without a parse error are hoisted', () => {
    const text = 'resource "a" "outer" {\n  x = 1\nresource "a" "inner" {\n  y = 2\nresource "a" "innermost" {\n  z = 3\n}\n}\n}\n';
    const doc = parse(text);
    assert.deepEqual(doc.resources.map((r) => r.id), ['a.outer', 'a.inner', 'a.innermost']);
    const outer = resource(doc, 'a.outer');
    assert.deepEqual(outer.body.entries.map((e) => e.key), ['x']);
    assert.equal(at(text, outer.range), 'resource "a" "outer" {\n  x = 1');
    assert.equal(at(text, resource(doc, 'a.inner').range), 'resource "a" "inner" {\n  y = 2');
    assert.deepEqual(doc.errors.map((e) => [e.message, e.range.start]), [
      ["Missing '}'", { line: 1, character: 7 }],
      ["Missing '}'", { line: 3, character: 7 }],
    ]);
  });

  test('syntax errors are readable, located and limited in number', () => {
    const junk = parse('resource "a" "b" {\n  x = = = \n}\n' + '@@@\n'.repeat(100));
    assert.ok(junk.errors.length > 0 && junk.errors.length <= 21);
    for (const e of junk.errors) {
      assert.equal(e.severity, 'error');
      assert.match(e.message, /^(Unexpected|Missing|Expected|Cannot|\d+ more)/);
    }
  });

  test('hostile input never throws', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let bytes = '';
    for (let i = 0; i < 20_000; i++) bytes += String.fromCharCode(Math.floor(random() * 256));
    const inputs = [
      '',
      '\n\n',
      bytes,
      '\u0000\u0001resource "a" "b" {\u0000}',
      '{'.repeat(20_000),
      'a = ' + '['.repeat(5_000) + ']'.repeat(5_000),
      'a = ' + '('.repeat(5_000) + '1' + ')'.repeat(5_000),
      'resource "a" "b" {\n  x = "\ud800"\n}\n\udc00',
      'resource',
      'resource "a"',
      'resource "a" "b" "c" {',
      '}}}}',
      '<<EOF',
      'x = <<EOF\nno end',
      '"${"${"${',
    ];
    for (const input of inputs) {
      const doc = parse(input);
      assert.equal(doc.size, input.length);
      assert.ok(Array.isArray(doc.errors));
    }
    const deep = parse('a = ' + '['.repeat(1_000) + ']'.repeat(1_000));
    assert.ok(deep.errors.some((e) => e.severity === 'warning' && /Nesting deeper/.test(e.message)));
  });

  test('resource blocks with too few labels are reported, not modelled', () => {
    const doc = parse('resource "aws_s3_bucket" {\n  bucket = "x"\n}\n');
    assert.equal(doc.resources.length, 0);
    assert.match(doc.errors[0].message, /needs 2 labels/);
  });
});
