import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonReport } from '../../server/src/report/jsonReport';
import { corpusPresent, corpusRoot, fixtures, repoRoot } from '../helpers';

// A user's clone has no ../shared: there, and only there, the sweep is skipped, saying why.
const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;
const cli = join(repoRoot, 'dist', 'cli.js');

function scan(args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the corpus CLI tests`);
  const r = spawnSync(process.execPath, [cli, 'scan', corpusRoot, '--fail-on', 'none', ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('srm-lens scan on the whole corpus', { skip }, () => {
  test('worker threads give the same report as one thread', () => {
    const one = scan(['--format', 'json', '--jobs', '1']);
    const two = scan(['--format', 'json', '--jobs', '2']);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    const report = JSON.parse(one.stdout) as JsonReport;
    assert.ok(report.summary.files > 1000, `only ${report.summary.files} files`);
    assert.ok(report.files.every((f) => f.path.startsWith('../shared/corpus/')), 'paths are relative to the current directory');
    assert.equal(two.stdout, one.stdout);
  });

  test('the SARIF of the whole corpus validates against the SARIF 2.1.0 schema', () => {
    const r = scan(['--format', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(fixtures, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')));
    const log = JSON.parse(r.stdout) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const fingerprints = log.runs[0].results.map((x) => x.partialFingerprints['srmLensFinding/v1']);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'every finding has its own fingerprint');
  });
});
