import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LanguageService } from '../../server/src/languageService';
import type { TemplateDocument } from '../../server/src/model/document';
import { parseFile } from '../../server/src/parse';
import { reparseYamlResource } from '../../server/src/parse/yamlResourceReparse';
import { repoRoot, replayReparse, seededRandom } from '../helpers';
import { memoryHost } from '../memoryHost';

/** What a person types: characters, values, new lines at several indents, deletions. */
const INSERTS = ['a', 'Z', ' ', '\n', ':', '-', '"', "'", '#', '!Ref X', 'Enabled', 'true', '\n      Tag: v', '\n    Metadata: {}', '\n  ', '\n    ', '\t', '&a', '*a', '{', '}', '[', ']'];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.55) return text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
  if (roll < 0.9) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 6));
  // Replace the rest of a line: a value changed by paste.
  const end = text.indexOf('\n', at);
  return text.slice(0, at) + 'changed' + (end < 0 ? '' : text.slice(end));
}

function generated(resources: number): string {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env: { Type: String, Default: dev }', 'Resources:'];
  for (let i = 0; i < resources; i++) {
    parts.push(
      `  Bucket${i}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      `      BucketName: !Sub "data-${i}-\${Env}"`,
      '      VersioningConfiguration:',
      `        Status: ${i % 2 ? 'Enabled' : 'Suspended'}`,
      '      # srm-lens:ignore s3-bucket-access-logging -- logs go elsewhere',
      `  Queue${i}:`,
      '    Type: AWS::SQS::Queue',
      '    Properties: { SqsManagedSseEnabled: false }',
    );
  }
  parts.push('Outputs:', '  Name:', '    Value: !Ref Bucket0');
  return parts.join('\n') + '\n';
}

/** CloudFormation YAML templates of the corpus, when it is present (a few, to keep the run short). */
function corpusTemplates(): string[] {
  const dir = join(repoRoot, '..', 'shared', 'corpus', 'cloudformation');
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return walk(dir)
    .filter((p) => /\.ya?ml$/.test(p))
    .sort()
    .filter((_, i) => i % 15 === 0)
    .map((p) => readFileSync(p, 'utf8'));
}

function full(text: string): TemplateDocument | undefined {
  const o = parseFile('file:///t/template.yaml', text);
  return o.kind === 'template' ? o.document : undefined;
}

function replay(start: string, seed: number, steps: number): number {
  return replayReparse({ start, seed, steps, what: 'resource', full, edit, reparse: reparseYamlResource });
}

describe('re-parsing one resource of a YAML template', () => {
  test('seeded random edits: every incremental result equals a full parse', () => {
    let incremental = 0;
    for (let seed = 1; seed <= 8; seed++) incremental += replay(generated(12), seed, 120);
    // Many edits break the template (a tab, a stray key at column 0) and fall back; a good share must not.
    assert.ok(incremental > 200, `only ${incremental} of 960 edits were re-parsed incrementally`);
  });

  test('seeded random edits on corpus templates', (t) => {
    const templates = corpusTemplates();
    if (templates.length === 0) return t.skip('../shared/corpus is absent');
    let incremental = 0;
    templates.forEach((text, i) => (incremental += replay(text, 100 + i, 60)));
    assert.ok(incremental > 0, 'no edit of a corpus template was re-parsed incrementally');
  });

  test('edits that cross resources, rename one or touch the last one parse the whole text', () => {
    const text = generated(3);
    const doc = full(text)!;
    assert.equal(reparseYamlResource(doc, text, text.replace('  Queue0:\n    Type: AWS::SQS::Queue', '  Queue0:\n    Type: AWS::SQS::Queue\n  Extra:\n    Type: AWS::SNS::Topic')), undefined);
    assert.equal(reparseYamlResource(doc, text, text.replace('  Bucket1:', '  Bucket9:')), undefined);
    assert.equal(reparseYamlResource(doc, text, text.replace('data-0-', 'data-x-').replace('data-1-', 'data-y-')), undefined);
    const lastQueue = text.lastIndexOf('SqsManagedSseEnabled: false');
    assert.equal(reparseYamlResource(doc, text, text.slice(0, lastQueue) + 'SqsManagedSseEnabled: true' + text.slice(lastQueue + 27)), undefined);
    assert.ok(reparseYamlResource(doc, text, text.replace('Status: Suspended', 'Status: Enabled')), 'an edit inside Bucket0 is re-parsed alone');
  });

  test('the language service gives the same findings and cells after edits as a fresh analysis', () => {
    const uri = 'file:///w/template.yaml';
    const next = seededRandom(7);
    const edited = new LanguageService(memoryHost({}));
    let text = generated(8);
    edited.openDocument(uri, 1, text);
    edited.diagnostics(uri);
    for (let v = 2; v < 80; v++) {
      text = edit(text, next);
      edited.updateDocument(uri, v, text);
      const fresh = new LanguageService(memoryHost({}));
      fresh.openDocument(uri, v, text);
      assert.deepStrictEqual(edited.diagnostics(uri), fresh.diagnostics(uri), `edit ${v}: diagnostics differ`);
      const cells = (s: LanguageService) => s.analysis(uri)?.resources.map((r) => [r.resource.id, r.cells, r.findings.map((f) => f.key)]);
      assert.deepStrictEqual(cells(edited), cells(fresh), `edit ${v}: cells differ`);
    }
  });
});
