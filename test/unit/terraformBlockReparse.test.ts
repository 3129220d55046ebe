import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { TemplateDocument } from '../../server/src/model/document';
import { initTerraformParser, parseFile } from '../../server/src/parse';
import { reparseTerraformBlock } from '../../server/src/parse/terraformBlockReparse';
import { repoRoot, replayReparse } from '../helpers';

/** What a person types in HCL: characters, values, new lines, blocks, comments, heredocs, deletions. */
const INSERTS = ['a', 'Z', ' ', '\n', '=', '"', '#', '{', '}', '[', ']', '(', 'true', '\n  tags = {}', '\n  versioning {\n    enabled = true\n  }', '\nresource "aws_sqs_queue" "q" {}\n', '\n# srm-lens:ignore s3-bucket-versioning -- archive', '<<EOT\nresource "x" "y" {}\nEOT\n', '\r\n', '${var.env}', 'locals {', '\n\n'];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.55) return text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
  if (roll < 0.9) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 6));
  const end = text.indexOf('\n', at);
  return text.slice(0, at) + '"changed"' + (end < 0 ? '' : text.slice(end));
}

function generated(pairs: number): string {
  const parts = ['# a module', 'variable "env" {', '  default = "dev"', '}', '', 'locals {', '  prefix = "data"', '}', ''];
  for (let i = 0; i < pairs; i++) {
    parts.push(
      `resource "aws_s3_bucket" "b${i}" {`,
      `  bucket = "\${local.prefix}-${i}-\${var.env}"`,
      '  tags = {',
      `    Name = "b${i}"`,
      '  }',
      '}',
      '',
      '# srm-lens:ignore s3-bucket-logging -- logs go elsewhere',
      `resource "aws_s3_bucket_versioning" "b${i}" {`,
      `  bucket = aws_s3_bucket.b${i}.id`,
      '  versioning_configuration {',
      `    status = "${i % 2 ? 'Enabled' : 'Suspended'}"`,
      '  }',
      '}',
      '',
      `output "b${i}" {`,
      `  value = aws_s3_bucket.b${i}.arn`,
      '}',
    );
  }
  return parts.join('\n') + '\n';
}

function corpusFiles(): string[] {
  const dir = join(repoRoot, '..', 'shared', 'corpus', 'terraform');
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return walk(dir)
    .filter((p) => p.endsWith('.tf'))
    .sort()
    .filter((_, i) => i % 40 === 0)
    .map((p) => readFileSync(p, 'utf8'));
}

function full(text: string): TemplateDocument | undefined {
  const o = parseFile('file:///m/main.tf', text);
  return o.kind === 'template' ? o.document : undefined;
}

function replay(start: string, seed: number, steps: number): number {
  return replayReparse({ start, seed, steps, what: 'block', full, edit, reparse: reparseTerraformBlock });
}

describe('re-parsing one top-level block of a Terraform file', () => {
  before(() => initTerraformParser());

  test('seeded random edits: every incremental result equals a full parse', () => {
    let incremental = 0;
    for (let seed = 1; seed <= 8; seed++) incremental += replay(generated(6), seed, 100);
    assert.ok(incremental > 200, `only ${incremental} of 800 edits were re-parsed incrementally`);
  });

  test('seeded random edits on corpus Terraform files', (t) => {
    const files = corpusFiles();
    if (files.length === 0) return t.skip('../shared/corpus is absent');
    let incremental = 0;
    files.forEach((text, i) => (incremental += replay(text, 100 + i, 40)));
    assert.ok(incremental > 0, 'no edit of a corpus file was re-parsed incrementally');
  });

  test('edits that cross blocks, or make or unmake a column-0 keyword, parse the whole text', () => {
    const text = generated(2);
    const doc = full(text)!;
    assert.equal(reparseTerraformBlock(doc, text, text.replace('Name = "b0"', 'Name = "x"').replace('Suspended', 'Enabled')), undefined);
    assert.equal(reparseTerraformBlock(doc, text, text.replace('  value = aws_s3_bucket.b0.arn', 'resource "aws_sqs_queue" "q" {}')), undefined);
    assert.equal(reparseTerraformBlock(doc, text, text.replace('}\n\noutput "b0"', '}\n\n output "b0"')), undefined);
    const changed = reparseTerraformBlock(doc, text, text.replace('status = "Suspended"', 'status = "Enabled"'));
    assert.ok(changed, 'an edit inside one block is re-parsed alone');
    assert.deepStrictEqual(changed, full(text.replace('status = "Suspended"', 'status = "Enabled"')));
  });
});
