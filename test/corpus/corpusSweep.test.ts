import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { resourceType } from '../../server/src/knowledge/resourceTypes';
import { ASPECTS } from '../../server/src/knowledge/aspects';
import { collectFiles } from '../../server/src/workspace/collectFiles';
import { scanPaths, type ScanResult } from '../../server/src/workspace/scan';
import { corpusPresent, corpusRoot } from '../helpers';

// The corpus holds real templates and modules written by others (../shared/corpus).
// A user's clone has no ../shared: there, and only there, the sweep is skipped, saying why.
const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;

/** Resources per template, counted by a different reader: the yaml library's own toJS / JSON.parse. */
function independentCount(path: string, text: string): number {
  const data = path.endsWith('.json') ? JSON.parse(text) : parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: -1 });
  const resources = (data?.Resources ?? {}) as Record<string, unknown>;
  let count = 0;
  for (const [key, value] of Object.entries(resources)) {
    if (key.startsWith('Fn::ForEach::') && Array.isArray(value)) count += Object.keys(value[2] ?? {}).length;
    else {
      // A resource type always has a `::`; a Rain module's `!Rain::Module file.yaml` reads as a file name here.
      const type = (value as { Type?: unknown })?.Type;
      if (typeof type === 'string' && type.includes('::')) count++;
    }
  }
  return count;
}

describe('corpus sweep', { skip }, () => {
  let scan: ScanResult;

  test('the whole corpus scans without an exception', async () => {
    scan = await scanPaths([corpusRoot]);
    assert.ok(scan.documents.length > 1500, `only ${scan.documents.length} documents`);
  });

  test('no file is reported as an error but the plan corrupted on purpose, which says why', () => {
    assert.deepEqual(scan.errors.map((e) => e.path), [join(corpusRoot, 'terraform-plan', 'plan', 'corrupted-tfplan.json')]);
    assert.match(scan.errors[0].message, /neither planned_values nor resource_changes/);
  });

  test('every CloudFormation template yields exactly the resources an independent reader counts', () => {
    const templates = scan.documents.filter((d) => d.format.startsWith('cloudformation'));
    assert.ok(templates.length >= 290, `only ${templates.length} templates`);
    const mismatches: string[] = [];
    let total = 0;
    for (const doc of templates) {
      const expected = independentCount(doc.uri, readFileSync(doc.uri, 'utf8'));
      total += doc.resources.length;
      if (doc.resources.length !== expected) mismatches.push(`${doc.uri}: ${doc.resources.length} vs ${expected}`);
    }
    assert.deepEqual(mismatches, []);
    assert.ok(total > 2000, `only ${total} CloudFormation resources`);
  });

  test('files passed over are really not templates', () => {
    const candidates = collectFiles([join(corpusRoot, 'cloudformation')]).files;
    const read = new Set(scan.documents.map((d) => d.uri));
    const passed = candidates.filter((f) => !read.has(f));
    for (const path of passed) {
      const text = readFileSync(path, 'utf8');
      assert.doesNotMatch(text, /^AWSTemplateFormatVersion/m, `${path} has AWSTemplateFormatVersion but was passed over`);
      if (/^Resources:/m.test(text) || /^\s{0,4}"Resources"\s*:/m.test(text)) {
        assert.equal(independentCount(path, text), 0, `${path} has resources but was passed over`);
      }
    }
  });

  test('every Terraform resource block is found, with count and for_each marked', () => {
    const tf = scan.documents.filter((d) => d.format === 'terraform');
    assert.equal(tf.length, 1348);
    const mismatches: string[] = [];
    let total = 0;
    let repeated = 0;
    for (const doc of tf) {
      const expected = (readFileSync(doc.uri, 'utf8').match(/^resource\s+"/gm) ?? []).length;
      total += doc.resources.length;
      repeated += doc.resources.filter((r) => r.repetition).length;
      if (doc.resources.length !== expected) mismatches.push(`${doc.uri}: ${doc.resources.length} vs ${expected}`);
      assert.deepEqual(doc.errors.filter((e) => e.severity === 'error'), [], `${doc.uri} has syntax errors`);
    }
    assert.deepEqual(mismatches, []);
    assert.ok(total > 500 && repeated > 100, `${total} resources, ${repeated} repeated`);
  });

  test('every AWS resource gets a service and a full owner row', () => {
    const noModel = new Set<string>();
    for (const doc of scan.documents) {
      for (const r of doc.resources) {
        // Macros (Transform) may define their own types, e.g. AWS::S3::Object in the S3Objects example.
        if ((r.type.startsWith('AWS::') && doc.transforms.length === 0) || r.type.startsWith('aws_')) {
          const info = resourceType(r.type);
          if (!info || Object.keys(info.owners).length !== ASPECTS.length) noModel.add(r.type);
        }
      }
    }
    assert.deepEqual([...noModel], []);
  });
});
