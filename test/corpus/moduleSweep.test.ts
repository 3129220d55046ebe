import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assessScan, buildJsonReport, type JsonReport } from '../../server/src/report/jsonReport';
import { scanPaths } from '../../server/src/workspace/scan';
import { corpusPresent, corpusRoot } from '../helpers';

// The examples of real Terraform modules call their parent module (`source = "../../"`) with
// the values a team would write; they are where module calls meet real inputs.
const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;

function examplesDirectories(): string[] {
  const root = join(corpusRoot, 'terraform');
  return readdirSync(root)
    .map((name) => join(root, name, 'examples'))
    .filter((dir) => {
      try {
        return readdirSync(dir).length > 0;
      } catch {
        return false;
      }
    });
}

describe('module calls over the corpus examples', { skip }, () => {
  let report: JsonReport;

  test('every examples folder scans without an exception or a file error', async () => {
    const scan = await scanPaths(examplesDirectories());
    report = buildJsonReport(scan, assessScan(scan));
    assert.deepEqual(report.errors, []);
    assert.ok(report.files.length > 100, `only ${report.files.length} files`);
  });

  test('every module block is accounted for: followed, or cannot tell with its reason', () => {
    let written = 0;
    let local = 0;
    for (const file of report.files) {
      const text = readFileSync(file.path, 'utf8');
      const blocks = text.match(/^module\s+"[^"]+"\s*\{/gm) ?? [];
      written += blocks.length;
      const top = (file.moduleCalls ?? []).filter((c) => !c.address.slice('module.'.length).includes('.module.'));
      assert.equal(top.length, blocks.length, `${file.path}: ${top.length} calls reported, ${blocks.length} written`);
      for (const call of file.moduleCalls ?? []) {
        if (call.status !== 'followed') assert.ok(call.reason && call.reason.length > 10, `${file.path} ${call.address} has no reason`);
        if (call.source?.startsWith('.') && !call.address.includes('.module.')) {
          local++;
          assert.equal(call.status, 'followed', `${file.path} ${call.address} (${call.source}) is local and must be followed: ${call.reason}`);
        }
      }
    }
    assert.ok(written > 200, `only ${written} module blocks`);
    assert.ok(local >= 128, `only ${local} local module calls`);
    assert.ok(report.summary.moduleCalls.followed >= local);
  });

  function findingsAt(path: string, rule: string): { message: string; line: number }[] {
    const file = report.files.find((f) => f.path.endsWith(path));
    assert.ok(file, `${path} was not scanned`);
    return file.resources.flatMap((r) => r.findings.filter((f) => f.rule === rule).map((f) => ({ message: f.message, line: f.range.start.line + 1 })));
  }

  test('a publicly accessible Aurora instance passed into the module is a finding at the argument', () => {
    const found = findingsAt('terraform-aws-rds-aurora/examples/mysql/main.tf', 'rds-instance-not-public');
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, /^module\.aurora\.aws_rds_cluster_instance\.this: /);
    assert.match(found[0].message, /instances = \{ … \} passed to module\.aurora/);
  });

  test('a public EKS endpoint requested by the example is a finding in the example, with the address', () => {
    const found = findingsAt('terraform-aws-eks/examples/eks-auto-mode/main.tf', 'eks-cluster-endpoint-not-public');
    assert.ok(found.some((f) => f.message.startsWith('module.eks.aws_eks_cluster.this: ')), JSON.stringify(found));
  });

  test('module resources appear under the file with the module block, with full addresses', () => {
    const withModules = report.files.filter((f) => f.resources.some((r) => r.module));
    assert.ok(withModules.length >= 90, `only ${withModules.length} files`);
    for (const f of withModules) {
      for (const r of f.resources.filter((x) => x.module)) {
        assert.ok(r.id.startsWith(`${r.module!.call}.`), `${r.id} under ${r.module!.call}`);
        assert.match(r.id, /^module\.[\w-]+(\.module\.[\w-]+)*\.[a-z0-9_]+\.[\w-]+$/);
      }
    }
  });
});
