import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser } from '../../server/src/parse';
import { fixtures, textAt } from '../helpers';
import { memoryHost } from '../memoryHost';

const store = readFileSync(join(fixtures, 'terraform', 'modules', 'store', 'main.tf'), 'utf8');
const ROOT = 'file:///w/root/main.tf';
const STORE = 'file:///w/store/main.tf';
const ROOT_TEXT = `module "logs" {
  source       = "../store"
  name         = "team-logs"
  block_public = false
}

module "safe" {
  source = "../store"
  name   = "team-safe"
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
`;

function service(): { s: LanguageService; files: Record<string, string> } {
  const files: Record<string, string> = { [STORE]: store, [ROOT]: ROOT_TEXT };
  return { s: new LanguageService(memoryHost(files)), files };
}

function hoverText(h: ReturnType<LanguageService['hover']>): string {
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

describe('module calls in the editor', () => {
  before(() => initTerraformParser());

  test('diagnostics of a module resource sit on the argument, with the resource inside the module as related location', () => {
    const { s } = service();
    s.openDocument(ROOT, 1, ROOT_TEXT);
    const d = s.diagnostics(ROOT).find((x) => x.code === 's3-bucket-public-access-block');
    assert.ok(d, 'diagnostic for the insecure argument');
    assert.equal(textAt(ROOT_TEXT, d.range), 'block_public = false');
    assert.match(d.message, /module\.logs\.aws_s3_bucket\.this/);
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === STORE));
    assert.equal(s.diagnostics(ROOT).filter((x) => x.code === 's3-bucket-public-access-block').length, 1, 'the safe call has none');
  });

  test('a module call that cannot be followed is an information diagnostic on the block', () => {
    const { s } = service();
    s.openDocument(ROOT, 1, ROOT_TEXT);
    const d = s.diagnostics(ROOT).find((x) => x.message.includes('module.vpc'));
    assert.ok(d);
    assert.equal(d.message, 'Cannot tell: module.vpc: module source not available locally — run `terraform init`');
    assert.equal(textAt(ROOT_TEXT, d.range), 'vpc');
  });

  test('the code lens of a module block counts its resources and gaps', () => {
    const { s } = service();
    s.openDocument(ROOT, 1, ROOT_TEXT);
    const titles = s.codeLenses(ROOT).map((l) => l.command?.title);
    const logs = titles.find((t) => t?.startsWith('module.logs:'));
    assert.match(logs ?? '', /^module\.logs: 3 resources — \d+ gaps?$/);
    assert.ok(titles.includes('module.vpc: cannot tell — module source not available locally — run `terraform init`'), titles.join('\n'));
  });

  test('hover on a module block lists its resources with owners and gaps', () => {
    const { s } = service();
    s.openDocument(ROOT, 1, ROOT_TEXT);
    const text = hoverText(s.hover(ROOT, { line: 0, character: 9 }));
    assert.match(text, /\*\*module\\\.logs\*\*/);
    assert.match(text, /`module\.logs\.aws_s3_bucket\.this` — Yours \d+ · Shared \d+ · AWS \d+/);
    assert.ok(text.split('\n').length <= 14, `the module hover stays short:\n${text}`);
    const vpc = hoverText(s.hover(ROOT, { line: 11, character: 9 }));
    assert.match(vpc, /Cannot tell: module source not available locally/);
  });

  test('the matrix lists module resources under the caller with their addresses', () => {
    const { s } = service();
    s.openDocument(ROOT, 1, ROOT_TEXT);
    const m = s.matrix({ scope: 'document', uri: ROOT });
    const ids = m.rows.map((r) => r.resourceId);
    assert.ok(ids.includes('module.logs.aws_s3_bucket.this'), ids.join(', '));
    assert.ok(m.rows.every((r) => r.uri === ROOT));
  });

  test('a change in the called module reaches the caller', () => {
    const { s, files } = service();
    s.openDocument(ROOT, 1, ROOT_TEXT);
    assert.ok(s.diagnostics(ROOT).some((x) => x.code === 's3-bucket-public-access-block'));
    files[STORE] = store.replace(/= var\.block_public/g, '= true');
    s.fileChanged(STORE);
    assert.equal(s.diagnostics(ROOT).filter((x) => x.code === 's3-bucket-public-access-block').length, 0);
  });

  test('the module opened on its own keeps its defaults, and says so once a caller is known', () => {
    const { s } = service();
    s.openDocument(STORE, 1, store);
    assert.ok(s.diagnostics(STORE).every((d) => !d.message.includes("module's defaults")));
    s.openDocument(ROOT, 1, ROOT_TEXT);
    s.diagnostics(ROOT);
    const own = s.diagnostics(STORE).filter((d) => d.code);
    assert.ok(own.length > 0);
    assert.ok(own.every((d) => d.message.endsWith("(with the module's defaults)")), own.map((d) => d.message).join('\n'));
  });
});
