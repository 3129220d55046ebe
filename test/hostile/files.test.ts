import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { collectFiles } from '../../server/src/workspace/collectFiles';
import { readText } from '../../server/src/workspace/readText';
import { writeTextPreserving } from '../../server/src/workspace/writeText';
import { repoRoot } from '../helpers';

const BUCKET = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n';
// A guard against hangs, not a speed assertion: each case must simply end.
const HANG_GUARD = { timeout: 60_000 };

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'srm-lens-hostile-'));
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const bundle = join(repoRoot, 'dist', 'cli.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` before these tests`);
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reading files safely', () => {
  test('a symbolic link to a device named x.yaml is refused, not read forever', HANG_GUARD, () => {
    const dir = scratch();
    symlinkSync('/dev/zero', join(dir, 'x.yaml'));
    symlinkSync('/dev/urandom', join(dir, 'y.yaml'));
    for (const name of ['x.yaml', 'y.yaml']) {
      const read = readText(join(dir, name));
      assert.equal(read.ok, false);
      assert.match(!read.ok ? read.reason : '', /device, not a regular file/);
    }
    const scan = cli(['scan', dir, '--format', 'json']);
    assert.equal(scan.code, 0, scan.stderr);
    const report = JSON.parse(scan.stdout) as { errors: { path: string; message: string }[] };
    assert.deepEqual(report.errors.map((e) => e.message).sort(), ['this is a device, not a regular file; skipped', 'this is a device, not a regular file; skipped']);
  });

  test('a FIFO named like a template is refused without blocking', HANG_GUARD, () => {
    const dir = scratch();
    const made = spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    if (made.status !== 0) throw new Error(`mkfifo (coreutils) is needed for this test: ${made.error?.message ?? made.stderr}`);
    const read = readText(join(dir, 'pipe.yaml'));
    assert.equal(read.ok, false);
    assert.match(!read.ok ? read.reason : '', /named pipe/);
    const collected = collectFiles([dir]);
    assert.deepEqual(collected.files, []);
    assert.match(collected.refused[0].message, /named pipe/);
  });

  test('reads are bounded by the limit, and a BOM is reported so a fix can keep it', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'big.yaml'), 'a'.repeat(5000));
    const big = readText(join(dir, 'big.yaml'), 4096);
    assert.equal(big.ok, false);
    assert.match(!big.ok ? big.reason : '', /over the .* MB limit; skipped/);
    writeFileSync(join(dir, 'bom.yaml'), '\ufeff' + BUCKET);
    const bom = readText(join(dir, 'bom.yaml'));
    assert.ok(bom.ok && bom.bom && bom.text === BUCKET);
  });

  test('symbolic links are followed only inside the scanned folder; loops are reported and end', HANG_GUARD, () => {
    const outside = scratch();
    writeFileSync(join(outside, 'secret.yaml'), BUCKET);
    const root = scratch();
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'own.yaml'), BUCKET);
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'linked.yaml'));
    symlinkSync(outside, join(root, 'elsewhere'));
    symlinkSync(root, join(root, 'sub', 'loop'));
    symlinkSync(join(root, 'sub', 'own.yaml'), join(root, 'alias.yaml'));
    const collected = collectFiles([root]);
    assert.deepEqual(collected.files.map((f) => f.slice(root.length + 1)).sort(), ['alias.yaml', 'sub/own.yaml']);
    const refused = new Map(collected.refused.map((r) => [r.path.slice(root.length + 1), r.message]));
    assert.match(refused.get('linked.yaml') ?? '', /outside the scanned folder; not read/);
    assert.match(refused.get('elsewhere') ?? '', /folder outside the scanned folder; not followed/);
    assert.match(refused.get('sub/loop') ?? '', /a loop/);
  });

  test('fix never writes through a link to a file outside the named folder', () => {
    const outside = scratch();
    writeFileSync(join(outside, 'secret.yaml'), BUCKET);
    const root = scratch();
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'linked.yaml'));
    const r = cli(['fix', root]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(outside, 'secret.yaml'), 'utf8'), BUCKET);
  });

  test('fix keeps the BOM, CRLF line endings and permissions, and leaves no temporary file', () => {
    const dir = scratch();
    const path = join(dir, 'template.yaml');
    writeFileSync(path, '\ufeff' + BUCKET.replace(/\n/g, '\r\n'));
    chmodSync(path, 0o640);
    const r = cli(['fix', dir, '--rule', 's3-bucket-versioning']);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(path, 'utf8');
    assert.ok(after.startsWith('\ufeff'), 'the BOM is kept');
    assert.match(after, /VersioningConfiguration:\r\n\s+Status: Enabled\r\n/);
    assert.ok(!/[^\r]\n/.test(after), 'every line ends in CRLF');
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.deepEqual(spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout.trim().split('\n'), ['template.yaml']);
  });

  test('writing refuses anything but a regular file', () => {
    const dir = scratch();
    symlinkSync('/dev/null', join(dir, 'null.yaml'));
    const outcome = writeTextPreserving(join(dir, 'null.yaml'), 'x');
    assert.equal(outcome.ok, false);
  });
});

describe('a Terraform module file that cannot be read', () => {
  test('is named on the module\'s other files instead of silently missing', async () => {
    const { LanguageService } = await import('../../server/src/languageService');
    const { initTerraformParser } = await import('../../server/src/parse');
    const { diskHost } = await import('../../server/src/workspace/workspaceHost');
    const { pathToFileURL } = await import('node:url');
    await initTerraformParser();
    const dir = scratch();
    const main = join(dir, 'main.tf');
    writeFileSync(main, 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n');
    writeFileSync(join(dir, 'versioning.tf'), Buffer.from([0x72, 0x65, 0xff, 0xfe, 0x0a]));
    symlinkSync('/dev/zero', join(dir, 'zero.tf'));
    const service = new LanguageService(diskHost);
    const uri = pathToFileURL(main).toString();
    service.openDocument(uri, 1, readFileSync(main, 'utf8'));
    const messages = service.diagnostics(uri).map((d) => d.message);
    assert.ok(messages.some((m) => /could not read versioning\.tf .*not valid UTF-8/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /could not read zero\.tf .*device/.test(m)), messages.join('\n'));
  });
});

describe('a folder the scan cannot read', () => {
  test('is reported with the reason, not passed over', () => {
    const dir = scratch();
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'template.yaml'), BUCKET);
    writeFileSync(join(dir, 'open.yaml'), BUCKET);
    chmodSync(join(dir, 'locked'), 0);
    const bundle = join(repoRoot, 'dist', 'cli.js');
    // Root reads every folder whatever its mode: the scan then runs as the unprivileged user `nobody`.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const r = spawnSync(asUser[0], [...asUser.slice(1), bundle, 'scan', dir, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw new Error(`could not run the scan as an unprivileged user (setpriv, util-linux): ${r.error.message}`);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { errors: { path: string; message: string }[]; files: { path: string }[] };
    assert.ok(report.errors.some((e) => e.path.endsWith('locked') && /cannot be read \(permission denied\)/.test(e.message)), JSON.stringify(report.errors));
    assert.ok(report.files.some((f) => f.path.endsWith('open.yaml')), 'the readable template is still scanned');
  });
});
