import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseArgs } from '../../server/src/commands/args';
import { scanFiles } from '../../server/src/commands/scanJob';
import { scanFileList, scanSetup } from '../../server/src/commands/scanSession';
import { runCli } from '../../server/src/cli';
import { applyBaseline, writeBaseline } from '../../server/src/report/baseline';
import { renderCsv } from '../../server/src/report/csvReport';
import { displayPath, type JsonReport } from '../../server/src/report/jsonReport';
import { renderMarkdown } from '../../server/src/report/markdownReport';
import { controlMatrix, resourceMatrix } from '../../server/src/report/matrixReport';
import { buildSarif } from '../../server/src/report/sarifReport';
import { renderText } from '../../server/src/report/textReport';
import { packagedRulesDoc } from '../../server/src/report/packageDocs';
import { resolve } from 'node:path';
import { repoRoot } from '../helpers';

/**
 * The CLI scans one unit at a time and writes its reports file by file; the
 * reference here is the report held whole (every document, model and
 * assessment at once, as `scanFiles` builds it) rendered by each format.
 * Both must give the same bytes.
 */
const corpus = join(repoRoot, '..', 'shared', 'corpus');
const scratch = mkdtempSync(join(tmpdir(), 'srm-lens-streamed-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The scan as it was before it streamed: the whole report, the paths passed over, a baseline applied or written. */
async function wholeReport(args: string[], baseline?: Set<string>, writeBaselineTo?: string): Promise<JsonReport> {
  const setup = scanSetup(parseArgs(['scan', ...args]), 'scan');
  const { kept, missing, refused } = scanFileList(setup);
  const report = await scanFiles({ ...setup.job, files: kept });
  const shown = (path: string) => displayPath(resolve(path), setup.job.relativeTo);
  const passedOver = [...missing.map((path) => ({ path: shown(path), message: 'no such file or directory' })), ...refused.map((r) => ({ path: shown(r.path), message: r.message }))];
  if (passedOver.length) {
    report.errors = [...passedOver, ...report.errors].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    report.summary.errors = report.errors.length;
  }
  if (baseline) applyBaseline(report, baseline);
  if (writeBaselineTo) {
    writeBaseline(writeBaselineTo, report);
    const all = new Set<string>();
    for (const f of report.files) for (const r of f.resources) for (const x of r.findings) all.add(x.fingerprint);
    applyBaseline(report, all);
  }
  return report;
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const parts: string[] = [];
  const code = await runCli(args, (t) => parts.push(t), () => undefined);
  return { code, out: parts.join('') };
}

function sameText(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  assert.fail(`${what}: the streamed output differs from the whole report's at character ${i} of ${expected.length}:\n  streamed: ${JSON.stringify(actual.slice(Math.max(0, i - 80), i + 80))}\n  whole:    ${JSON.stringify(expected.slice(Math.max(0, i - 80), i + 80))}`);
}

async function compareAllFormats(paths: string[], jobs: string, label: string): Promise<JsonReport> {
  const common = ['--fail-on', 'none', '--jobs', jobs, '--no-config'];
  const report = await wholeReport([...paths, '--no-config']);
  const expected: Record<string, string> = {
    json: JSON.stringify(report, null, 2) + '\n',
    sarif: JSON.stringify(buildSarif(report, { rulesUrl: packagedRulesDoc(), baselineApplied: false, severities: new Map() }), null, 2) + '\n',
    markdown: renderMarkdown(report),
    csv: renderCsv(report),
    text: renderText(report, { colour: false }),
  };
  for (const [format, text] of Object.entries(expected)) sameText((await cli(['scan', ...paths, '--format', format, ...common])).out, text, `${label}, --format ${format}`);
  for (const by of ['resource', 'control']) {
    const matrix = by === 'resource' ? resourceMatrix(report) : controlMatrix(report);
    sameText((await cli(['matrix', ...paths, '--format', 'json', '--by', by, '--jobs', jobs, '--no-config'])).out, JSON.stringify(matrix, null, 2) + '\n', `${label}, matrix --by ${by}`);
  }
  return report;
}

const fixtureSets: [string, string[]][] = [
  ['examples', [join(repoRoot, 'examples')]],
  ['Terraform module fixtures (called modules, cycles, downloaded modules)', [join(repoRoot, 'test', 'fixtures', 'terraform')]],
  ['plans and a missing path', [join(repoRoot, 'test', 'fixtures', 'terraform-plan'), join(repoRoot, 'test', 'fixtures', 'no-such-folder')]],
  ['single named .tf files (their directories as context)', [join(repoRoot, 'test', 'fixtures', 'terraform', 'modules', 'root', 'main.tf'), join(repoRoot, 'examples', 'terraform')]],
];

describe('the streamed scan writes what the whole report would', () => {
  for (const [label, paths] of fixtureSets) {
    test(label, async () => {
      for (const p of paths) if (!p.includes('no-such-folder')) assert.ok(existsSync(p), `${p} is missing`);
      await compareAllFormats(paths, '1', label);
    });
  }

  test('with worker threads (--jobs 2), the same bytes', async () => {
    await compareAllFormats([join(repoRoot, 'examples'), join(repoRoot, 'test', 'fixtures', 'terraform')], '2', 'fixtures in two workers');
  });

  test('a baseline read, and a baseline written, mark the same findings and write the same file', async () => {
    const paths = [join(repoRoot, 'examples'), join(repoRoot, 'test', 'fixtures', 'terraform'), '--no-config'];
    const whole = await wholeReport(paths);
    const some = new Set(whole.files.flatMap((f) => f.resources.flatMap((r) => r.findings.map((x) => x.fingerprint))).filter((_, i) => i % 2 === 0));
    assert.ok(some.size > 0, 'the fixtures have findings to put in a baseline');
    const baselineFile = join(scratch, 'some.json');
    writeFileSync(baselineFile, JSON.stringify({ findings: [...some].map((fingerprint) => ({ fingerprint })) }));
    const marked = await wholeReport(paths, some);
    sameText((await cli(['scan', ...paths, '--format', 'json', '--baseline', baselineFile, '--fail-on', 'none'])).out, JSON.stringify(marked, null, 2) + '\n', '--baseline');
    const sarif = JSON.stringify(buildSarif(marked, { rulesUrl: packagedRulesDoc(), baselineApplied: true, severities: new Map() }), null, 2) + '\n';
    sameText((await cli(['scan', ...paths, '--format', 'sarif', '--baseline', baselineFile, '--fail-on', 'none'])).out, sarif, '--baseline, SARIF');

    const expectedFile = join(scratch, 'expected-baseline.json');
    const written = await wholeReport(paths, undefined, expectedFile);
    const streamedFile = join(scratch, 'streamed-baseline.json');
    const run = await cli(['scan', ...paths, '--format', 'markdown', '--write-baseline', streamedFile]);
    sameText(run.out, renderMarkdown(written), '--write-baseline, Markdown');
    sameText(readFileSync(streamedFile, 'utf8'), readFileSync(expectedFile, 'utf8'), 'the baseline file');
    assert.equal(run.code, 0, 'what was just recorded does not fail the run');
  });

  test('the exit code follows --fail-on as before', async () => {
    const paths = [join(repoRoot, 'examples'), '--no-config'];
    const whole = await wholeReport(paths);
    const open = whole.files.flatMap((f) => f.resources.flatMap((r) => r.findings)).filter((f) => !f.suppressed);
    for (const [failOn, levels] of [
      ['error', ['error']],
      ['warning', ['error', 'warning']],
      ['info', ['error', 'warning', 'info']],
    ] as const) {
      const expected = open.some((f) => (levels as readonly string[]).includes(f.severity)) ? 1 : 0;
      assert.equal((await cli(['scan', ...paths, '--format', 'csv', '--fail-on', failOn])).code, expected, `--fail-on ${failOn}`);
      // A JSON report from workers is written as they rendered it; the exit code still follows its findings.
      assert.equal((await cli(['scan', ...paths, '--format', 'json', '--jobs', '2', '--fail-on', failOn])).code, expected, `--fail-on ${failOn}, JSON, --jobs 2`);
    }
  });

  test('a sample of ../shared/corpus: CloudFormation folders, plans and Terraform repositories whose examples call their modules', async (t) => {
    if (!existsSync(corpus)) {
      t.skip(`../shared/corpus is absent (${corpus}): the corpus comparison needs it`);
      return;
    }
    const sample = ['cloudformation/S3', 'cloudformation/Solutions', 'cloudformation/RainModules', 'terraform-plan', 'terraform/terraform-aws-lambda', 'terraform/terraform-aws-s3-bucket', 'terraform/terraform-aws-rds-aurora'].map((p) => join(corpus, p));
    for (const p of sample) assert.ok(existsSync(p), `${p} is missing from the corpus`);
    const report = await compareAllFormats(sample, '1', 'corpus sample');
    assert.ok(report.summary.moduleCalls.followed > 0, 'the sample follows module calls');
    assert.ok(
      report.files.some((f) => f.resources.some((r) => r.findings.some((x) => x.message.endsWith("(with the module's defaults)")))),
      'the sample has modules that other scanned modules call, whose findings the scan only marks at the end',
    );
    await compareAllFormats(sample, '2', 'corpus sample in two workers');
  });
});
