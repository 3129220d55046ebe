import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assess } from '../../server/src/assess/assess';
import { applyEdits } from '../../server/src/edit/applyEdits';
import { LinkedModel } from '../../server/src/link/linkedModel';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser, parseFile } from '../../server/src/parse';
import { LIMITS } from '../../server/src/parse/limits';
import { applyFixesInPasses } from '../../server/src/edit/fixPasses';
import type { TemplateDocument } from '../../server/src/model/document';
import { compileGlob } from '../../server/src/workspace/glob';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { memoryHost } from '../memoryHost';

const HANG_GUARD = { timeout: 60_000 };

function template(uri: string, text: string): TemplateDocument {
  const outcome = parseFile(uri, text);
  if (outcome.kind !== 'template') throw new Error(`${uri} did not parse as a template: ${outcome.reason}`);
  return outcome.document;
}

describe('hostile input', () => {
  before(() => initTerraformParser());

  test('globs match as documented', () => {
    const cases: [string, string, boolean][] = [
      ['*.tf', 'a/b/main.tf', true],
      ['*.tf', 'a/b/main.tf.json', false],
      ['cdk.out/**', 'app/cdk.out/x.json', true],
      ['**/cdk.out/**', 'cdk.out/a/b.json', true],
      ['**/cdk.out/**', 'app/xcdk.out/b.json', false],
      ['a?c.yaml', 'dir/abc.yaml', true],
      ['a?c.yaml', 'dir/a/c.yaml', false],
      ['templates/*.yaml', 'repo/templates/x.yaml', true],
      ['templates/*.yaml', 'repo/templates/sub/x.yaml', false],
      ['**/*.yaml', 'x.yaml', true],
      ['main.tf', 'amain.tf', false],
    ];
    for (const [glob, path, expected] of cases) assert.equal(compileGlob(glob)(path), expected, `${glob} on ${path}`);
  });

  test('a glob built to backtrack ends on a long path', HANG_GUARD, () => {
    const matcher = compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*b');
    assert.equal(matcher(`${'a/'.repeat(50)}${'a'.repeat(5000)}`), false);
    assert.equal(matcher(`x/${'a'.repeat(12)}b`), true);
  });

  test('deep YAML nesting is described in words, never as a stack error', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(10000)}${']'.repeat(10000)}\n`;
    const doc = template('file:///deep.yaml', text);
    assert.ok(doc.resources.some((r) => r.id === 'B'), 'the rest of the template is still read');
    for (const e of doc.errors) assert.doesNotMatch(e.message, /call stack|Maximum/i);
    assert.ok(doc.errors.some((e) => /nesting/i.test(e.message)));
  });

  test('a minified template with many buckets is fixed in a size proportional to it, and stays valid JSON', HANG_GUARD, () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 300; i++) resources[`B${i}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `b${i}` } };
    const body = { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
    const fixedLength = (text: string): { text: string; count: number } => {
      const doc = template('file:///t.json', text);
      const { documents, applied } = applyFixesInPasses([doc], (docs) => docs.map((d) => new LinkedModel([d])), {}, () => true);
      return { text: documents[0].text, count: [...applied.values()].reduce((a, b) => a + b, 0) };
    };
    const minified = fixedLength(JSON.stringify(body));
    const pretty = fixedLength(JSON.stringify(body, null, 2));
    assert.equal(minified.count, pretty.count);
    assert.ok(minified.count >= 600, `expected at least 600 fixes, got ${minified.count}`);
    JSON.parse(minified.text);
    // Indenting to each resource's column would make this grow with the square of the template.
    assert.ok(minified.text.length <= pretty.text.length, `minified fix output is ${minified.text.length} characters, pretty ${pretty.text.length}`);
  });

  test('applyEdits applies many edits in offset order and refuses overlaps', () => {
    const text = 'x'.repeat(1000);
    const edits = Array.from({ length: 500 }, (_, i) => ({ uri: 'u', range: { start: { line: 0, character: i * 2 }, end: { line: 0, character: i * 2 + 1 } }, newText: 'y' }));
    assert.equal(applyEdits(text, edits), 'yx'.repeat(500));
    assert.throws(() => applyEdits('abc', [edits[0], { ...edits[0], newText: 'z' }]), /overlapping/);
  });

  test('a one-line Terraform file with thousands of resources is read whole', HANG_GUARD, () => {
    const text = Array.from({ length: 3000 }, (_, i) => `resource "aws_s3_bucket" "b${i}" { bucket = "b${i}" }`).join(' ');
    const doc = template('file:///one-line.tf', text);
    assert.equal(doc.resources.length, 3000);
  });

  test('in the editor, a template over the size limit or with NUL bytes says why it is not analysed', () => {
    const service = new LanguageService(memoryHost({}));
    const nul = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n\u0000\u0000';
    service.openDocument('file:///w/binary.yaml', 1, nul);
    const binary = service.diagnostics('file:///w/binary.yaml');
    assert.equal(binary.length, 1);
    assert.match(binary[0].message, /did not analyse this file: .*NUL/);
    const huge = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n#${'x'.repeat(LIMITS.maxFileBytes)}\n`;
    service.openDocument('file:///w/huge.yaml', 1, huge);
    const large = service.diagnostics('file:///w/huge.yaml');
    assert.equal(large.length, 1);
    assert.match(large[0].message, /did not analyse this file: .*larger than 8 MB \(the srmLens\.maxFileSizeMB limit\)/);
    service.setSettings({ ...DEFAULT_SETTINGS, maxFileSizeMB: 0.5 });
    const medium = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n#${'x'.repeat(600 * 1024)}\n`;
    service.openDocument('file:///w/medium.yaml', 1, medium);
    assert.match(service.diagnostics('file:///w/medium.yaml')[0]?.message ?? '', /larger than 0\.5 MB/);
    service.setSettings(DEFAULT_SETTINGS);
    assert.equal(service.diagnostics('file:///w/medium.yaml').filter((d) => /did not analyse/.test(d.message)).length, 0, 'back under the default limit, the file is analysed');
  });
});

describe('fixes inside Fn::ForEach', () => {
  before(() => initTerraformParser());

  test('no bucket policy is added outside the loop for a templated bucket', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::LanguageExtensions',
      'Resources:',
      '  Fn::ForEach::Buckets:',
      '    - Name',
      '    - [a, b]',
      '    - Bucket${Name}:',
      '        Type: AWS::S3::Bucket',
      '',
    ].join('\n');
    const doc = template('file:///foreach.yaml', text);
    const [ra] = assessDocument(doc);
    const secure = ra.findings.find((f) => f.ruleId === 's3-bucket-secure-transport');
    assert.ok(secure, 'the finding stays');
    assert.deepEqual(secure.fixes, [], 'but it has no fix that would refer to a templated logical ID from outside the loop');
  });
});

function assessDocument(doc: TemplateDocument) {
  return assess(new LinkedModel([doc])).resources;
}
