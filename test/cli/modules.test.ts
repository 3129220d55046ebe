import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import type { JsonReport } from '../../server/src/report/jsonReport';
import { fixtures, repoRoot } from '../helpers';

const cli = join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd = repoRoot): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the CLI tests`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BUCKET = `resource "aws_s3_bucket" "logs" {
  bucket = "team-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = var.block
  block_public_policy     = var.block
  ignore_public_acls      = var.block
  restrict_public_buckets = var.block
}
`;

function moduleDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'srm-lens-module-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('srm-lens and one file of a module', () => {
  test('scan of one .tf file reads its directory and tfvars, and reports only that file', () => {
    const dir = moduleDir({
      'main.tf': BUCKET,
      'variables.tf': 'variable "block" {\n  type = bool\n}\n',
      'terraform.tfvars': 'block = false\n',
      'other.tf': 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\n',
    });
    const r = run(['scan', join(dir, 'main.tf'), '--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    // Paths are relative to the current directory.
    assert.deepEqual(report.files.map((f) => f.path), [relative(repoRoot, join(dir, 'main.tf'))]);
    const bucket = report.files[0].resources.find((x) => x.id === 'aws_s3_bucket.logs')!;
    assert.ok(bucket.findings.some((f) => f.rule === 's3-bucket-public-access-block'), 'the tfvars value false is read through variables.tf');
    assert.ok(report.files[0].resources.every((x) => x.id !== 'aws_sns_topic.t'));
  });

  test('fix of one file never adds a companion that a sibling file declares', () => {
    const dir = moduleDir({
      'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "team-logs"\n}\n',
      'versioning.tf': 'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
    });
    const r = run(['fix', join(dir, 'main.tf'), '--rule', 's3-bucket-versioning']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(readFileSync(join(dir, 'main.tf'), 'utf8'), /aws_s3_bucket_versioning/);
    assert.match(r.stdout, /Applied 0 fixes/);
  });

  test('fix never adds a companion whose address a sibling already uses, even for another bucket', () => {
    const dir = moduleDir({
      'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "team-logs"\n}\n',
      'versioning.tf': 'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = "some-other-bucket"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
    });
    run(['fix', join(dir, 'main.tf'), '--rule', 's3-bucket-versioning']);
    assert.doesNotMatch(readFileSync(join(dir, 'main.tf'), 'utf8'), /aws_s3_bucket_versioning/);
  });

  test('the text report says which module calls it could not follow', () => {
    const r = run(['scan', join(fixtures, 'terraform', 'modules', 'root'), '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /cannot tell: module\.vpc line 20: module source not available locally — run `terraform init`/);
    assert.match(r.stdout, /module\.logs\.aws_s3_bucket\.this\s+aws_s3_bucket/);
    assert.match(r.stdout, /3 module calls followed, 1 not followed \(cannot tell\)\./);
  });
});
