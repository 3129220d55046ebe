import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assess } from '../../server/src/assess/assess';
import { collectFiles } from '../../server/src/workspace/collectFiles';
import { scanPaths, type ScanResult } from '../../server/src/workspace/scan';
import { corpusPresent, corpusRoot } from '../helpers';

const planRoot = join(corpusRoot, 'terraform-plan');
const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;

interface PlanModule {
  resources?: { address: string; mode: string }[];
  child_modules?: PlanModule[];
}

/**
 * The managed instances a plan leaves in place, read by a different reader
 * (JSON.parse): planned_values through every child module, and
 * resource_changes, less what the plan deletes or forgets.
 */
function independentAddresses(text: string): Set<string> {
  const plan = JSON.parse(text.replace(/^\ufeff/, '')) as { planned_values?: { root_module?: PlanModule }; resource_changes?: { address: string; mode: string; change: { actions: string[] } }[] };
  const out = new Set<string>();
  const walk = (m: PlanModule | undefined): void => {
    for (const r of m?.resources ?? []) if (r.mode === 'managed') out.add(r.address);
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(plan.planned_values?.root_module);
  for (const c of plan.resource_changes ?? []) if (c.mode === 'managed') out.add(c.address);
  for (const c of plan.resource_changes ?? []) if (c.change.actions.length === 1 && ['delete', 'forget'].includes(c.change.actions[0])) out.delete(c.address);
  return out;
}

describe('Terraform plan sweep', { skip }, () => {
  let scan: ScanResult;

  test('every plan file scans without an exception', async () => {
    scan = await scanPaths([planRoot]);
    assert.equal(collectFiles([planRoot]).files.length, 19);
    assert.equal(scan.documents.length, 18);
    assert.ok(scan.documents.every((d) => d.format === 'terraform-plan'));
    assert.equal(scan.ignored, 0);
  });

  test('the corrupted plan gives a clear error, naming what is missing and what to run', () => {
    assert.deepEqual(scan.errors.map((e) => e.path), [join(planRoot, 'plan', 'corrupted-tfplan.json')]);
    assert.match(scan.errors[0].message, /neither planned_values nor resource_changes, so it is not a plan.*terraform show -json tfplan/);
  });

  test('every plan resource is reported, with its full address and on its address line', () => {
    const mismatches: string[] = [];
    let total = 0;
    for (const doc of scan.documents) {
      const text = readFileSync(doc.uri, 'utf8');
      const expected = [...independentAddresses(text)].sort();
      const found = doc.resources.map((r) => r.id).sort();
      total += found.length;
      if (JSON.stringify(expected) !== JSON.stringify(found)) mismatches.push(`${doc.uri}: ${found.length} vs ${expected.length}`);
      const lines = text.split(/\r?\n/);
      for (const r of doc.resources) {
        const line = lines[r.idRange.start.line];
        if (!line.includes(`"address"`) || !line.includes(JSON.stringify(r.id).slice(1, -1))) mismatches.push(`${doc.uri}: ${r.id} is not placed on its address (line ${r.idRange.start.line + 1})`);
      }
      assert.deepEqual(doc.errors.filter((e) => e.severity === 'error'), [], `${doc.uri} has errors`);
    }
    assert.deepEqual(mismatches, []);
    assert.equal(total, 147);
    const nested = scan.documents.flatMap((d) => d.resources).filter((r) => r.id.startsWith('module.') && r.id.split('module.').length > 2);
    assert.ok(nested.length >= 5, `only ${nested.length} resources of nested modules`);
  });

  test('every plan is assessed: rules run on plan values without failing, and no finding carries a fix', () => {
    let findings = 0;
    for (const model of scan.models) {
      for (const ra of assess(model).resources) {
        for (const cell of ra.cells) assert.doesNotMatch(cell.note ?? '', /rule .* failed/, `${ra.resource.id} ${cell.aspect}`);
        for (const f of ra.findings) assert.deepEqual(f.fixes, [], f.key);
        findings += ra.findings.length;
      }
    }
    assert.ok(findings > 100, `only ${findings} findings`);
  });

  test('companions in plans link to their subjects, through configuration references and by name', () => {
    const linked = scan.models.flatMap((m) => m.resources.filter((r) => r.type === 'aws_s3_bucket_public_access_block').map((r) => m.referencesFrom(r).map((ref) => ref.to.id)));
    assert.deepEqual(linked, [
      ['module.test.module.s3-bucket-1.aws_s3_bucket.this[0]'],
      ['module.test.module.s3-bucket-2.aws_s3_bucket.this[0]'],
      ['aws_s3_bucket.example'],
    ]);
  });
});
