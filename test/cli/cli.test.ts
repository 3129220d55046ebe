import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { JsonReport } from '../../server/src/report/jsonReport';
import type { JsonTypeEntry } from '../../server/src/report/typesReport';
import { repoRoot } from '../helpers';

const cli = join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd = repoRoot): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the CLI tests`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('srm-lens scan', () => {
  test('lists the resources of the examples as text', () => {
    const r = run(['scan', 'examples']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /examples\/cloudformation\/storage\.yaml\s+\(cloudformation-yaml, 4 resources\)/);
    assert.match(r.stdout, /LogsBucket\s+AWS::S3::Bucket\s+line 17/);
    assert.match(r.stdout, /examples\/cloudformation\/database\.json\s+\(cloudformation-json, 3 resources\)/);
    assert.match(r.stdout, /examples\/sam\/template\.yaml\s+\(cloudformation-yaml, 2 resources\)/);
    assert.match(r.stdout, /aws_s3_bucket\.artifacts\s+aws_s3_bucket/);
    assert.match(r.stdout, /abstract: \d+ customer-specific · \d+ shared · \d+ inherited/);
  });

  test('prints the documented JSON report', () => {
    const r = run(['scan', 'examples', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.tool.name, 'srm-lens');
    const paths = report.files.map((f) => f.path);
    assert.deepEqual(paths, [
      'examples/cloudformation/database.json',
      'examples/cloudformation/storage.yaml',
      'examples/sam/template.yaml',
      'examples/terraform/main.tf',
      'examples/terraform/variables.tf',
    ]);
    const storage = report.files[1];
    assert.equal(storage.format, 'cloudformation-yaml');
    const bucket = storage.resources.find((x) => x.id === 'LogsBucket')!;
    assert.deepEqual(bucket.range.start, { line: 16, character: 2 });
    assert.equal(bucket.service, 's3');
    assert.equal(bucket.model, 'abstract');
    assert.equal(bucket.cells.length, 18);
    assert.equal(bucket.cells.find((c) => c.aspect === 'physical')?.owner, 'aws');
    const tf = report.files[3];
    assert.equal(tf.format, 'terraform');
    assert.deepEqual(tf.resources.map((x) => x.id), [
      'aws_s3_bucket.artifacts',
      'aws_s3_bucket_versioning.artifacts',
      'aws_s3_bucket_public_access_block.artifacts',
      'aws_security_group.build',
      'aws_instance.build',
    ]);
    assert.equal(report.summary.resources, 14);
    assert.deepEqual(report.errors, []);
    const artifacts = tf.resources[0];
    const finding = artifacts.findings.find((f) => f.rule === 's3-bucket-secure-transport')!;
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.references.securityHub, ['S3.5']);
    assert.equal(finding.fixes[0].title, 'Add a bucket policy that denies requests without TLS');
    assert.equal(finding.suppressed, false);
    assert.equal(artifacts.cells.find((c) => c.aspect === 'encryption-in-transit')?.status, 'gap');
    assert.equal(artifacts.cells.find((c) => c.aspect === 'resilience')?.status, 'met');
  });

  test('--fail-on exits 1 when a finding reaches the level', () => {
    assert.equal(run(['scan', 'examples/terraform', '--fail-on', 'warning']).code, 1);
    assert.equal(run(['scan', 'examples/terraform', '--fail-on', 'error']).code, 0);
    assert.equal(run(['scan', 'examples/terraform']).code, 0);
  });

  test('unreadable and broken files become errors; the scan goes on; a missing named path exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-lens-cli-'));
    writeFileSync(join(dir, 'good.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\n');
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x41, 0x57, 0x53, 0x54, 0x65, 0x6d, 0x70, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'binary.json'), Buffer.from('{"Resources": 1}\u0000\u0001', 'utf8'));
    writeFileSync(join(dir, 'k8s.yaml'), 'apiVersion: v1\nkind: Pod\n');
    const r = run(['scan', dir, join(dir, 'missing.yaml'), '--format', 'json']);
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.equal(report.files.length, 1);
    const messages = Object.fromEntries(report.errors.map((e) => [e.path.split('/').pop(), e.message]));
    assert.match(messages['latin1.yaml'], /not valid UTF-8/);
    assert.match(messages['binary.json'], /binary/);
    assert.match(messages['missing.yaml'], /no such file/);
    assert.equal(report.summary.ignoredFiles, 1);
  });

  test('directories: node_modules, .git and .terraform are skipped; cdk.out is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-lens-dirs-'));
    const template = JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } });
    for (const sub of ['node_modules/pkg', '.git', '.terraform/modules/m', 'cdk.out', 'stacks']) {
      mkdirSync(join(dir, sub), { recursive: true });
    }
    writeFileSync(join(dir, 'node_modules/pkg/t.json'), template);
    writeFileSync(join(dir, '.git/t.json'), template);
    writeFileSync(join(dir, '.terraform/modules/m/main.tf'), 'resource "aws_sqs_queue" "q" {}\n');
    writeFileSync(join(dir, 'cdk.out/App.template.json'), template);
    writeFileSync(join(dir, 'stacks/main.tf'), 'resource "aws_sqs_queue" "q" {}\n');
    const report = JSON.parse(run(['scan', '.', '--format', 'json'], dir).stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path).sort(), ['cdk.out/App.template.json', 'stacks/main.tf']);
  });

  test('usage errors exit 2 with a message', () => {
    for (const args of [['scan'], ['scan', 'x', '--format', 'xml'], ['frobnicate'], ['scan', '--nope'], []]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')} exited ${r.code}`);
      assert.match(r.stderr, /Usage: srm-lens/);
    }
  });

  test('--output writes the report to a file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'srm-lens-out-')), 'report.json');
    assert.equal(run(['scan', 'examples/sam', '--format=json', '--output', out]).code, 0);
    assert.ok(existsSync(out));
  });
});

describe('srm-lens rules and fix', () => {
  test('rules --format json lists every rule with references and fixable syntaxes', () => {
    const r = run(['rules', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const rules = JSON.parse(r.stdout) as { id: string; fixableSyntaxes: string[]; references: object }[];
    const versioning = rules.find((x) => x.id === 's3-bucket-versioning')!;
    assert.deepEqual(versioning.fixableSyntaxes, ['cloudformation-yaml', 'cloudformation-json', 'terraform']);
    assert.deepEqual(rules.find((x) => x.id === 's3-bucket-access-logging')!.fixableSyntaxes, []);
  });

  test('fix --dry-run prints a unified diff and writes nothing; fix writes and a second run has nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-lens-fix-'));
    const file = join(dir, 'bucket.yaml');
    const original = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: data # keep this comment\n';
    writeFileSync(file, original);
    const dry = run(['fix', dir, '--dry-run', '--rule', 's3-bucket-versioning']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^\+\s+VersioningConfiguration:$/m);
    assert.equal(readFileSync(file, 'utf8'), original);
    assert.equal(run(['fix', dir]).code, 0);
    const fixed = readFileSync(file, 'utf8');
    assert.match(fixed, /# keep this comment/);
    assert.match(fixed, /Status: Enabled/);
    assert.match(fixed, /Type: AWS::S3::BucketPolicy/);
    const again = run(['fix', dir, '--dry-run']);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /Would apply 0 fixes/);
  });

  test('an unknown rule id is a usage error', () => {
    assert.equal(run(['fix', 'examples', '--rule', 'no-such-rule']).code, 2);
  });

  test('plan files are scanned with full addresses, and neither fixed nor rewritten', () => {
    const scan = run(['scan', 'test/fixtures/terraform-plan', '--format', 'json', '--fail-on', 'none']);
    assert.equal(scan.code, 0, scan.stderr);
    const report = JSON.parse(scan.stdout) as JsonReport;
    const plan = report.files.find((f) => f.path.endsWith('plan.json'))!;
    assert.equal(plan.format, 'terraform-plan');
    assert.ok(plan.resources.some((r) => r.id === 'module.site.module.store["eu"].aws_s3_bucket.this'));
    const findings = plan.resources.flatMap((r) => r.findings);
    assert.ok(findings.length > 5);
    assert.ok(findings.every((f) => f.fixes.length === 0));
    assert.deepEqual(report.errors.map((e) => e.path), ['test/fixtures/terraform-plan/state.json']);
    const dir = mkdtempSync(join(tmpdir(), 'srm-lens-plan-'));
    const file = join(dir, 'tfplan.json');
    const original = readFileSync(join(repoRoot, 'test', 'fixtures', 'terraform-plan', 'plan.json'), 'utf8');
    writeFileSync(file, original);
    const fix = run(['fix', dir]);
    assert.equal(fix.code, 0, fix.stderr);
    assert.equal(readFileSync(file, 'utf8'), original);
  });
});

describe('srm-lens types', () => {
  test('--format json covers every CloudFormation and Terraform type with a full owner row', () => {
    const r = run(['types', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const entries = JSON.parse(r.stdout) as JsonTypeEntry[];
    assert.equal(entries.filter((e) => e.format === 'cloudformation').length, 1828);
    // The provider table's 1,581 types and the two newer ones the overlay adds (aws_cloudfront_trust_store, aws_cloudfront_connection_function).
    assert.equal(entries.filter((e) => e.format === 'terraform').length, 1583);
    assert.ok(entries.some((e) => e.type === 'aws_cloudfront_trust_store' && e.cloudformationEquivalent === 'AWS::CloudFront::TrustStore'));
    for (const e of entries) assert.equal(Object.keys(e.owners).length, 18, e.type);
    const sse = entries.find((e) => e.type === 'aws_s3_bucket_server_side_encryption_configuration')!;
    assert.equal(sse.cloudformationEquivalent, 'AWS::S3::Bucket');
  });

  test('a named type prints a readable card', () => {
    const r = run(['types', 'AWS::RDS::DBInstance']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /AWS::RDS::DBInstance/);
    assert.match(r.stdout, /Model:\s+container/);
    assert.match(r.stdout, /Operating system\s+AWS/);
    assert.match(r.stdout, /Platform and runtime patching\s+Shared/);
  });

  test('an unknown type is a usage error', () => {
    assert.equal(run(['types', 'AWS::Nope::Thing']).code, 2);
  });
});
