import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { assess } from '../../server/src/assess/assess';
import type { ResourceAssessment } from '../../server/src/assess/assessment';
import { LinkedModel } from '../../server/src/link/linkedModel';
import { MAX_MODULE_DEPTH } from '../../server/src/link/moduleCalls';
import { NOT_INITIALISED } from '../../server/src/link/moduleSource';
import type { Resource } from '../../server/src/model/document';
import { initTerraformParser } from '../../server/src/parse';
import { assessScan, buildJsonReport, type JsonReport } from '../../server/src/report/jsonReport';
import type { Finding } from '../../server/src/rules/rule';
import { DiskModuleHost } from '../../server/src/workspace/diskModules';
import { scanPaths, type ScanResult } from '../../server/src/workspace/scan';
import { fixtures, parseTemplate, textAt } from '../helpers';

const dir = join(fixtures, 'terraform', 'modules');

interface Scanned {
  scan: ScanResult;
  assessed: Map<Resource, ResourceAssessment>;
  report: JsonReport;
}

async function scanFixture(...paths: string[]): Promise<Scanned> {
  const scan = await scanPaths(paths.map((p) => join(dir, p)));
  const assessed = assessScan(scan);
  return { scan, assessed, report: buildJsonReport(scan, assessed) };
}

function byAddress(s: Scanned, id: string): ResourceAssessment {
  const found = [...s.assessed.values()].find((ra) => ra.resource.id === id);
  if (!found) throw new Error(`no resource ${id}; have ${[...s.assessed.keys()].map((r) => r.id).join(', ')}`);
  return found;
}

function finding(ra: ResourceAssessment, rule: string): Finding | undefined {
  return ra.findings.find((f) => f.ruleId === rule);
}

function cell(ra: ResourceAssessment, aspect: string) {
  const c = ra.cells.find((x) => x.aspect === aspect);
  if (!c) throw new Error(`no cell ${aspect}`);
  return c;
}

function textOf(s: Scanned, uri: string, range: Finding['range']): string {
  const doc = [...s.scan.documents, ...s.scan.context].find((d) => d.uri === uri);
  if (!doc) throw new Error(`${uri} was not scanned`);
  return textAt(doc.text, range);
}

describe('Terraform module calls', () => {
  before(() => initTerraformParser());

  test('a local module called with an insecure argument gets the finding at that argument, with the full address', async () => {
    const s = await scanFixture('root');
    const ra = byAddress(s, 'module.logs.aws_s3_bucket.this');
    assert.deepEqual(ra.resource.module?.calls.map((c) => c.address), ['module.logs']);
    assert.equal(ra.resource.module?.localId, 'aws_s3_bucket.this');
    const f = finding(ra, 's3-bucket-public-access-block');
    assert.ok(f, 'public access block finding');
    assert.ok(f.uri.endsWith('root/main.tf'), f.uri);
    assert.equal(textOf(s, f.uri, f.range), 'block_public = false');
    assert.match(f.message, /^module\.logs\.aws_s3_bucket\.this: /);
    assert.match(f.message, /block_public = false passed to module\.logs/);
    assert.ok(f.related.some((r) => r.uri.endsWith('store/main.tf') && r.message.includes('inside module.logs')), JSON.stringify(f.related));
    assert.deepEqual(f.fixes, [], 'a fix would edit the module for every caller');
    const versioning = finding(ra, 's3-bucket-versioning');
    assert.ok(versioning);
    assert.equal(textOf(s, versioning.uri, versioning.range), 'versioning   = "Suspended"');
  });

  test('the same module called with safe values gets no finding for them', async () => {
    const s = await scanFixture('root');
    const ra = byAddress(s, 'module.safe.aws_s3_bucket.this');
    assert.equal(finding(ra, 's3-bucket-public-access-block'), undefined);
    assert.equal(finding(ra, 's3-bucket-versioning'), undefined);
    assert.equal(cell(ra, 'data-integrity').status === 'gap', false);
  });

  test('a value the caller leaves unknown is cannot-tell, with the argument and the reason', async () => {
    const s = await scanFixture('root');
    const ra = byAddress(s, 'module.unknown.aws_s3_bucket.this');
    assert.equal(finding(ra, 's3-bucket-public-access-block'), undefined);
    const exposure = cell(ra, 'network-exposure');
    assert.equal(exposure.status, 'cannot-tell');
    assert.match(exposure.note ?? '', /block_public passed to module\.unknown: comes from variable open, which has no default/);
  });

  test('a source that is not on disk is reported once per call as cannot tell, never skipped', async () => {
    const s = await scanFixture('downloaded/root-no-init', 'root');
    const noInit = s.report.files.find((f) => f.path.endsWith('root-no-init/main.tf'))!;
    assert.deepEqual(
      noInit.moduleCalls?.map((c) => [c.address, c.status, c.reason]),
      [
        ['module.store', 'cannot-tell', NOT_INITIALISED],
        ['module.from_git', 'cannot-tell', NOT_INITIALISED],
      ],
    );
    const root = s.report.files.find((f) => f.path.endsWith('root/main.tf'))!;
    assert.deepEqual(root.moduleCalls?.filter((c) => c.status === 'cannot-tell').map((c) => c.address), ['module.vpc']);
    assert.deepEqual(s.report.summary.moduleCalls, { followed: 3, notFollowed: 3 });
  });

  test('a downloaded module is found through .terraform/modules/modules.json', async () => {
    const s = await scanFixture('downloaded/main.tf');
    const ra = byAddress(s, 'module.store.aws_s3_bucket.this');
    assert.ok(ra.resource.uri.includes('.terraform/modules/store/main.tf'), ra.resource.uri);
    const f = finding(ra, 's3-bucket-public-access-block');
    assert.ok(f);
    assert.equal(textOf(s, f.uri, f.range), 'block_public = false');
    const call = s.report.files[0].moduleCalls?.[0];
    assert.equal(call?.status, 'followed');
    assert.ok(call?.directory?.endsWith('.terraform/modules/store'));
    // The scanner still never reports .terraform on its own.
    assert.ok(s.report.files.every((f) => !f.path.includes('.terraform')));
  });

  test('nested calls carry nested addresses, and the finding goes to the outermost argument that decided it', async () => {
    const s = await scanFixture('nested/root');
    const again = byAddress(s, 'module.outer.module.again.aws_s3_bucket.this');
    const f = finding(again, 's3-bucket-public-access-block');
    assert.ok(f);
    assert.ok(f.uri.endsWith('nested/root/main.tf'));
    assert.equal(textOf(s, f.uri, f.range), 'public = false');
    assert.ok(f.related.some((r) => r.message === 'block_public passed to module.outer.module.again'), JSON.stringify(f.related));
    // `block_public = !var.public` is true when public is false: nothing to report.
    const inner = byAddress(s, 'module.outer.module.inner.aws_s3_bucket_public_access_block.this');
    assert.equal(inner.resource.module?.calls.length, 2);
    assert.equal(finding(byAddress(s, 'module.outer.module.inner.aws_s3_bucket.this'), 's3-bucket-public-access-block'), undefined);
    const file = s.report.files.find((x) => x.path.endsWith('nested/root/main.tf'))!;
    assert.ok(file.resources.some((r) => r.id === 'module.outer.module.again.aws_s3_bucket.this' && r.module?.call === 'module.outer'));
  });

  test('for_each on a module marks its resources repeated; each.value of a resource reads its for_each elements', async () => {
    const s = await scanFixture('repeated/main.tf');
    assert.equal(byAddress(s, 'module.buckets.aws_s3_bucket.this').resource.repetition, 'for_each');
    const db = byAddress(s, 'module.databases.aws_db_instance.this');
    const f = finding(db, 'rds-instance-not-public');
    assert.ok(f, 'one element of for_each is public: the resource has a gap');
    assert.match(f.message, /for_each element "one"/);
    assert.match(textOf(s, f.uri, f.range), /^instances = \{/);
    // Only the named file is reported: the module directory below it is read, not listed.
    assert.deepEqual(s.report.files.map((x) => x.path.slice(dir.length + 1)), ['repeated/main.tf']);
  });

  test('child outputs flow back to the caller', async () => {
    const s = await scanFixture('root');
    const model = s.scan.models.find((m) => m.documents.some((d) => d.uri.endsWith('root/main.tf')))!;
    const locals = model.blocks.filter((b) => b.kind === 'local');
    const logsBucket = model.resolve(locals.find((b) => b.name === 'logs_bucket')?.value);
    assert.equal(logsBucket.status, 'resource');
    assert.equal(logsBucket.status === 'resource' && logsBucket.resource.id, 'module.logs.aws_s3_bucket.this');
    const vpc = model.resolve(locals.find((b) => b.name === 'vpc_id')?.value);
    assert.equal(vpc.status, 'unknown');
    assert.match(vpc.status === 'unknown' ? vpc.reason : '', /module\.vpc: module source not available locally/);
  });

  test('an output with a literal value resolves to it, with where it came from', async () => {
    await initTerraformParser();
    const child = parseTemplate('/m/child/main.tf', 'variable "n" {\n  default = "x"\n}\noutput "name" {\n  value = "${var.n}-suffix"\n}\n');
    const root = parseTemplate('/m/root/main.tf', 'module "c" {\n  source = "../child"\n  n      = "given"\n}\nlocals {\n  v = module.c.name\n  w = module.c.missing\n}\n');
    const host = new DiskModuleHost([child, root]);
    const model = new LinkedModel([root], [], host);
    const v = model.resolve(model.block('local', 'v')?.value);
    assert.equal(v.status === 'known' && v.value.kind === 'string' && v.value.value, 'given-suffix');
    const w = model.resolve(model.block('local', 'w')?.value);
    assert.match(w.status === 'unknown' ? w.reason : '', /module\.c has no output missing/);
  });

  test('a resource the call switches off with count is not created, and says why; switched on, it is assessed', async () => {
    await initTerraformParser();
    const child = parseTemplate(
      '/s/child/main.tf',
      [
        'variable "create" {\n  default = true\n}',
        'variable "create_topic" {\n  default = false\n}',
        'locals {\n  create = var.create && (var.create_topic || false)\n}',
        'resource "aws_sns_topic" "this" {\n  count = local.create ? 1 : 0\n  name  = "t"\n}',
        'resource "aws_sqs_queue" "this" {\n  count = var.unknown_flag ? 1 : 0\n  name  = "q"\n}',
        'variable "unknown_flag" {}',
      ].join('\n'),
    );
    const root = parseTemplate('/s/root/main.tf', 'module "off" {\n  source = "../child"\n}\nmodule "on" {\n  source       = "../child"\n  create_topic = true\n}\n');
    const model = new LinkedModel([root], [], new DiskModuleHost([child, root]));
    const assessed = assess(model).resources;
    const off = assessed.find((ra) => ra.resource.id === 'module.off.aws_sns_topic.this')!;
    assert.deepEqual(off.findings, []);
    assert.ok(off.cells.every((c) => c.status === 'not-applicable' && c.note?.startsWith('not created by this call: count is 0')), JSON.stringify(off.cells[0]));
    const on = assessed.find((ra) => ra.resource.id === 'module.on.aws_sns_topic.this')!;
    assert.ok(on.findings.some((f) => f.ruleId === 'sns-topic-encrypted'));
    // A count SRM Lens cannot evaluate keeps the resource assessed.
    const queue = assessed.find((ra) => ra.resource.id === 'module.off.aws_sqs_queue.this')!;
    assert.ok(queue.cells.some((c) => c.status !== 'not-applicable'));
  });

  test('cycles are refused with a message, and nesting stops at the depth limit', async () => {
    const s = await scanFixture('cycle/a');
    const calls = s.report.files[0].moduleCalls ?? [];
    assert.deepEqual(calls.map((c) => [c.address, c.status]), [
      ['module.b', 'followed'],
      ['module.b.module.a', 'cannot-tell'],
    ]);
    assert.match(calls[1].reason ?? '', /cycle/);
    await initTerraformParser();
    // A chain of distinct directories deeper than the limit.
    const docs = Array.from({ length: MAX_MODULE_DEPTH + 3 }, (_, i) => parseTemplate(`/deep/m${i}/main.tf`, `module "next" {\n  source = "../m${i + 1}"\n}\n`));
    const model = new LinkedModel([docs[0]], [], new DiskModuleHost(docs));
    const all = model.units().flatMap((u) => u.moduleCalls);
    const stopped = all.find((c) => !c.instance);
    assert.ok(stopped, 'the deepest call is not followed');
    assert.match(stopped.reason ?? '', new RegExp(`more than ${MAX_MODULE_DEPTH} deep`));
  });

  test('a module directory scanned with its callers says its own findings are with its defaults', async () => {
    const s = await scanFixture('root', 'store');
    const own = [...s.assessed.values()].filter((ra) => !ra.resource.module && ra.resource.uri.endsWith('store/main.tf'));
    const findings = own.flatMap((ra) => ra.findings);
    assert.ok(findings.length > 0);
    assert.ok(findings.every((f) => f.message.endsWith("(with the module's defaults)")), findings.map((f) => f.message).join('\n'));
    const alone = await scanFixture('store');
    assert.ok([...alone.assessed.values()].flatMap((ra) => ra.findings).every((f) => !f.message.includes("module's defaults")));
  });

  test('a module called twice is evaluated once per call', async () => {
    const s = await scanFixture('root');
    const buckets = [...s.assessed.keys()].filter((r) => r.module?.localId === 'aws_s3_bucket.this').map((r) => r.id);
    assert.deepEqual(buckets.sort(), ['module.logs.aws_s3_bucket.this', 'module.safe.aws_s3_bucket.this', 'module.unknown.aws_s3_bucket.this']);
    // The module's files are parsed once: every call's resource shares the parsed body.
    const bodies = new Set([...s.assessed.keys()].filter((r) => r.module?.localId === 'aws_s3_bucket.this').map((r) => r.body));
    assert.equal(bodies.size, 1);
  });
});
