import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { JSDOM } from 'jsdom';
import { ASPECTS } from '../../server/src/knowledge/aspects';
import type { JsonReport } from '../../server/src/report/jsonReport';
import type { ControlMatrix, ResourceMatrix } from '../../server/src/report/matrixReport';
import { fixtures, repoRoot, textAt } from '../helpers';

const cli = join(repoRoot, 'dist', 'cli.js');

function run(args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the CLI tests`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `srm-lens-${prefix}-`));
}

/** Names a person opening a pull request could choose: markup, a formula, terminal escapes, CSV delimiters. */
const HOSTILE_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  "<img src=x onerror=alert(1)>":
    Type: AWS::S3::Bucket
  "=HYPERLINK(\\"http://evil.example\\",\\"x\\")":
    Type: AWS::SQS::Queue
  "Bad\\e[31mRed\\e]0;title\\x07":
    Type: AWS::SNS::Topic
  "comma, \\"quote\\"\\nline":
    Type: AWS::SNS::Topic
  "-2+3":
    Type: AWS::SNS::Topic
  "@SUM(A1)":
    Type: AWS::SNS::Topic
`;

function hostileDir(): string {
  const dir = tempDir('hostile');
  writeFileSync(join(dir, 'stack <b>&.yaml'), HOSTILE_TEMPLATE);
  return dir;
}

function validateSarif(): (data: unknown) => boolean {
  const schemaPath = join(fixtures, 'sarif', 'sarif-schema-2.1.0.json');
  if (!existsSync(schemaPath)) throw new Error(`${schemaPath} is missing (see test/fixtures/sarif/SOURCE.md)`);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  baselineState?: string;
  properties: { aspect: string; owner: string; category: string; resource: string };
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { rules: { id: string; helpUri?: string; help: { text: string }; properties: Record<string, unknown> }[] } }; results: SarifResult[] }[];
}

describe('scan --format sarif', () => {
  test('validates against the SARIF 2.1.0 schema, with rules, regions, fingerprints and suppressions', () => {
    const validate = validateSarif();
    const dir = tempDir('sarif');
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  # srm-lens:ignore s3-bucket-versioning the bucket only holds build caches
  Cache:
    Type: AWS::S3::Bucket
  Topic:
    Type: AWS::SNS::Topic
`;
    writeFileSync(join(dir, 'template.yaml'), template);
    for (const target of ['examples', dir, hostileDir()]) {
      const r = run(['scan', target, '--format', 'sarif', '--fail-on', 'none']);
      assert.equal(r.code, 0, r.stderr);
      const log = JSON.parse(r.stdout) as SarifLog;
      assert.ok(validate(log), `${target}: ${JSON.stringify((validate as unknown as { errors: unknown }).errors, null, 2)}`);
    }
    const log = JSON.parse(run(['scan', dir, '--format', 'sarif', '--fail-on', 'none']).stdout) as SarifLog;
    const run0 = log.runs[0];
    const rule = run0.tool.driver.rules.find((x) => x.id === 's3-bucket-versioning')!;
    assert.match(rule.helpUri!, /rules\.md#s3-bucket-versioning$/);
    assert.match(rule.help.text, /Why: .+\nWho owns it: .+\nFix: /);
    assert.equal(rule.properties.aspect, 'resilience');
    assert.ok(['inherited', 'shared', 'customer-specific'].includes(rule.properties.category as string));
    assert.deepEqual((rule.properties.references as { securityHub: string[] }).securityHub, ['S3.14']);
    const suppressed = run0.results.find((x) => x.ruleId === 's3-bucket-versioning')!;
    assert.deepEqual(suppressed.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'the bucket only holds build caches' }]);
    assert.equal(run0.tool.driver.rules[suppressed.ruleIndex].id, 's3-bucket-versioning');
    const topic = run0.results.find((x) => x.ruleId === 'sns-topic-encrypted')!;
    assert.equal(topic.level, 'warning');
    assert.equal(topic.suppressions, undefined);
    assert.equal(topic.properties.resource, 'Topic');
    assert.equal(topic.properties.category, 'customer-specific');
    const region = topic.locations[0].physicalLocation.region;
    // 1-based and precise: the region selects the resource's logical id.
    assert.equal(textAt(template, { start: { line: region.startLine - 1, character: region.startColumn - 1 }, end: { line: region.endLine - 1, character: region.endColumn - 1 } }), 'Topic');
    assert.match(topic.partialFingerprints['srmLensFinding/v1'], /^[0-9a-f]{32}$/);
  });

  test('artifact URIs are relative to the current directory and percent-encoded', () => {
    const dir = hostileDir();
    const log = JSON.parse(run(['scan', '.', '--format', 'sarif', '--fail-on', 'none'], dir).stdout) as SarifLog;
    const uris = new Set(log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['stack%20%3Cb%3E%26.yaml']);
    const rules = new Set(log.runs[0].tool.driver.rules.map((r) => r.id));
    assert.ok(log.runs[0].results.every((r) => rules.has(r.ruleId)));
  });

  test('--rules-url sets where each rule links', () => {
    const log = JSON.parse(run(['scan', 'examples/sam', '--format', 'sarif', '--rules-url', 'https://example.org/srm-lens/rules']).stdout) as SarifLog;
    assert.equal(log.runs[0].tool.driver.rules.find((r) => r.id === 's3-bucket-versioning')!.helpUri, 'https://example.org/srm-lens/rules#s3-bucket-versioning');
  });
});

describe('exit codes', () => {
  const dir = tempDir('exit');
  // A public-access block turned off is an error-level finding; versioning is a warning.
  writeFileSync(
    join(dir, 'open.yaml'),
    `Resources:
  Open:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: false
`,
  );
  const warnOnly = tempDir('exit-warn');
  writeFileSync(join(warnOnly, 'topic.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');

  test('--fail-on: error by default, warning, info, none and its alias never', () => {
    const levels = JSON.parse(run(['scan', dir, '--format', 'json', '--fail-on', 'none']).stdout) as JsonReport;
    assert.ok(levels.files[0].resources[0].findings.some((f) => f.severity === 'error'), 'the fixture needs an error-level finding');
    assert.equal(run(['scan', dir]).code, 1);
    assert.equal(run(['scan', dir, '--fail-on', 'error']).code, 1);
    assert.equal(run(['scan', dir, '--fail-on', 'none']).code, 0);
    assert.equal(run(['scan', dir, '--fail-on', 'never']).code, 0);
    assert.equal(run(['scan', warnOnly]).code, 0);
    assert.equal(run(['scan', warnOnly, '--fail-on', 'warning']).code, 1);
    assert.equal(run(['scan', warnOnly, '--fail-on', 'info']).code, 1);
  });

  test('2 for usage errors and for inputs named on the command line that cannot be read', () => {
    assert.equal(run(['scan', dir, '--fail-on', 'sometimes']).code, 2);
    assert.equal(run(['scan', dir, '--jobs', '0']).code, 2);
    assert.equal(run(['matrix', dir, '--by', 'service']).code, 2);
    const missing = run(['scan', join(dir, 'nope.yaml'), '--fail-on', 'none']);
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /nope\.yaml: error: no such file or directory/);
    const broken = tempDir('exit-broken');
    writeFileSync(join(broken, 'latin1.yaml'), Buffer.from([0x52, 0x65, 0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0x73, 0xe9, 0x0a]));
    // Named on the command line, an unreadable file is exit 2; found inside a folder, it is listed and the scan goes on.
    assert.equal(run(['scan', join(broken, 'latin1.yaml'), '--fail-on', 'none']).code, 2);
    const walked = run(['scan', broken, '--fail-on', 'none', '--format', 'json']);
    assert.equal(walked.code, 0);
    assert.match((JSON.parse(walked.stdout) as JsonReport).errors[0].message, /not valid UTF-8/);
    assert.equal(run(['matrix', join(broken, 'latin1.yaml')]).code, 2);
    assert.equal(run(['scan', dir, '--baseline', join(dir, 'no-baseline.json')]).code, 2);
  });

  test('suppressed findings never fail a run', () => {
    const quiet = tempDir('exit-suppressed');
    writeFileSync(join(quiet, 'topic.yaml'), 'Resources:\n  # srm-lens:ignore sns-topic-encrypted public announcements only\n  Topic:\n    Type: AWS::SNS::Topic\n');
    assert.equal(run(['scan', quiet, '--fail-on', 'info']).code, 0);
  });
});

describe('baselines', () => {
  test('recorded findings survive moved lines; only new ones fail', () => {
    const dir = tempDir('baseline');
    const file = join(dir, 'stack.yaml');
    const before = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Queue:\n    Type: AWS::SQS::Queue\n';
    writeFileSync(file, before);
    const baseline = join(dir, 'srm-lens-baseline.json');
    assert.equal(run(['scan', dir, '--fail-on', 'info', '--write-baseline', baseline]).code, 0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: { rule: string; resource: string }[] };
    assert.ok(recorded.findings.some((f) => f.rule === 'sns-topic-encrypted' && f.resource === 'Topic'));

    // Lines move: a comment block and a new description push everything down.
    writeFileSync(file, `AWSTemplateFormatVersion: "2010-09-09"\nDescription: moved\n# a\n# b\n${before}`);
    const moved = run(['scan', dir, '--fail-on', 'info', '--baseline', baseline, '--format', 'json']);
    assert.equal(moved.code, 0, moved.stdout);
    const report = JSON.parse(moved.stdout) as JsonReport;
    const topic = report.files[0].resources.find((r) => r.id === 'Topic')!;
    assert.equal(topic.range.start.line, 5);
    assert.ok(topic.findings.every((f) => f.baselined === true));
    assert.equal(report.summary.baselined, report.summary.findings);

    // A new gap is not in the baseline: it fails, the old ones still do not.
    writeFileSync(file, `AWSTemplateFormatVersion: "2010-09-09"\nDescription: moved\n# a\n# b\n${before}  Another:\n    Type: AWS::SNS::Topic\n`);
    const added = run(['scan', dir, '--fail-on', 'info', '--baseline', baseline, '--format', 'sarif']);
    assert.equal(added.code, 1);
    const results = (JSON.parse(added.stdout) as SarifLog).runs[0].results;
    const states = results.map((r) => `${r.properties.resource}:${r.baselineState}`).sort();
    assert.ok(states.includes('Another:new') && states.includes('Topic:unchanged'), states.join(', '));
    assert.equal(results.find((r) => r.properties.resource === 'Topic')!.suppressions?.[0].kind, 'external');
    assert.ok(validateSarif()(JSON.parse(added.stdout)));
  });

  test('a file that is not a baseline is refused', () => {
    const dir = tempDir('baseline-bad');
    writeFileSync(join(dir, 'b.json'), '{"nope": 1}');
    const r = run(['scan', 'examples/sam', '--baseline', join(dir, 'b.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not an SRM Lens baseline/);
  });
});

/** RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV', () => {
  test('fields are quoted per RFC 4180 and no cell starts a formula', () => {
    const dir = hostileDir();
    for (const args of [['scan', dir, '--format', 'csv', '--fail-on', 'none'], ['matrix', dir, '--format', 'csv'], ['matrix', dir, '--format', 'csv', '--by', 'control']]) {
      const r = run(args);
      assert.equal(r.code, 0, r.stderr);
      const rows = parseCsv(r.stdout);
      const width = rows[0].length;
      for (const row of rows) {
        assert.equal(row.length, width, `${args.join(' ')}: a row has ${row.length} fields, not ${width}: ${row.join(' | ')}`);
        for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${args.join(' ')}: formula-like cell ${cell}`);
      }
      if (!args.includes('control')) {
        const ids = new Set(rows.map((row) => row[rows[0].indexOf('Resource')]));
        // The queue has no finding, so only the matrix lists it.
        if (args[0] === 'matrix') assert.ok(ids.has(`'=HYPERLINK("http://evil.example","x")`), [...ids].join(' | '));
        for (const id of ["'-2+3", "'@SUM(A1)", 'comma, "quote"\nline', 'Bad?[31mRed?]0;title?']) assert.ok(ids.has(id), `${id} not in ${[...ids].join(' | ')}`);
      } else {
        assert.ok(rows.some((row) => row.some((cell) => cell.includes(`'=HYPERLINK`) || cell.includes('=HYPERLINK("http://evil.example"'))));
      }
    }
  });
});

describe('matrix', () => {
  test('--format html is one self-contained file with every hostile string escaped', () => {
    const dir = hostileDir();
    for (const by of ['resource', 'control']) {
      const r = run(['matrix', dir, '--format', 'html', '--by', by]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /<img|<script|<b>|\u001b/i);
      assert.match(r.stdout, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
      const dom = new JSDOM(r.stdout);
      const doc = dom.window.document;
      assert.equal(doc.querySelectorAll('script, img, link, iframe, object, embed, base, form').length, 0);
      assert.equal(doc.querySelectorAll('[src], [href], [srcset], [action], [style]').length, 0, 'no element loads anything');
      assert.ok([...doc.querySelectorAll('*')].every((e) => ![...e.attributes].some((a) => a.name.startsWith('on'))), 'no event handler attributes');
      assert.ok(doc.body.textContent!.includes('<img src=x onerror=alert(1)>'), 'the hostile name is shown as text');
      assert.ok(doc.body.textContent!.includes('stack <b>&.yaml'), 'the hostile file name is shown as text');
      assert.deepEqual(
        [...doc.querySelectorAll('h2')].map((h) => h.textContent),
        by === 'resource' ? ['Customer-specific controls', 'Shared controls', 'Inherited controls'] : ['Customer-specific controls', 'Shared controls', 'Inherited controls'],
      );
    }
  });

  test('--by control is the customer responsibility matrix: categories, counts, gaps and where, evidence', () => {
    const m = JSON.parse(run(['matrix', 'examples', '--format', 'json', '--by', 'control']).stdout) as ControlMatrix;
    assert.equal(m.resources, 14);
    const categories = m.rows.map((r) => r.category);
    assert.deepEqual([...new Set(categories)], ['customer-specific', 'shared', 'inherited']);
    const physical = m.rows.find((r) => r.aspect === 'physical')!;
    assert.equal(physical.category, 'inherited');
    assert.equal(physical.resources, 14);
    const transit = m.rows.filter((r) => r.aspect === 'encryption-in-transit');
    const gaps = transit.flatMap((r) => r.gaps);
    assert.ok(gaps.some((g) => g.resource === 'aws_s3_bucket.artifacts' && g.path === 'examples/terraform/main.tf' && g.rule === 's3-bucket-secure-transport'));
    const resilience = m.rows.filter((r) => r.aspect === 'resilience').flatMap((r) => r.evidence);
    assert.ok(resilience.some((e) => e.resource === 'aws_s3_bucket.artifacts' && e.text.length > 0), JSON.stringify(resilience));
    for (const r of m.rows) {
      const counted = Object.values(r.statuses).reduce((a, b) => a + b, 0);
      assert.equal(counted, r.resources);
    }
    const md = run(['matrix', 'examples', '--by', 'control']).stdout;
    assert.match(md, /^## Customer-specific controls$/m);
    assert.match(md, /^\| Physical and environmental security \| AWS \| 14 \|/m);
  });

  test('--by resource: one row per AWS resource, a cell per aspect with owner, category and status; paths relative', () => {
    const m = JSON.parse(run(['matrix', 'examples', '--format', 'json']).stdout) as ResourceMatrix;
    assert.equal(m.rows.length, 14);
    assert.equal(m.aspects.length, ASPECTS.length);
    const bucket = m.rows.find((r) => r.resource === 'LogsBucket')!;
    assert.equal(bucket.path, 'examples/cloudformation/storage.yaml');
    assert.equal(bucket.cells.length, ASPECTS.length);
    assert.ok(bucket.cells.every((c) => c.owner && c.category && c.status));
    const fromInside = JSON.parse(run(['matrix', '.', '--format', 'json'], join(repoRoot, 'examples', 'terraform')).stdout) as ResourceMatrix;
    assert.equal(fromInside.rows[0].path, 'main.tf');
    const statuses = new Set(m.rows.flatMap((r) => r.cells.map((c) => c.status)));
    assert.ok(statuses.has('not-checked') && statuses.has('met') && statuses.has('gap'), [...statuses].join(', '));
  });
});

describe('text and markdown', () => {
  test('text: no colour when not a terminal, escape sequences from templates replaced, long addresses keep columns aligned', () => {
    const dir = hostileDir();
    const r = run(['scan', dir, '--fail-on', 'none']);
    assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    assert.match(r.stdout, /Bad\?\[31mRed\?\]0;title\?/);
    const tf = tempDir('long');
    const long = `aws_s3_bucket.${'x'.repeat(70)}`;
    writeFileSync(join(tf, 'main.tf'), `resource "aws_s3_bucket" "${'x'.repeat(70)}" {}\nresource "aws_sqs_queue" "q" {}\nresource "aws_sns_topic" "t" {}\n`);
    const lines = run(['scan', tf, '--fail-on', 'none']).stdout.split('\n');
    const typeColumns = lines.filter((l) => /abstract: \d+ customer-specific/.test(l)).map((l) => l.search(/aws_(s3_bucket|sqs_queue|sns_topic)  /));
    assert.equal(new Set(typeColumns).size, 1, lines.join('\n'));
    assert.ok(lines.some((l) => l.trim() === long));
  });

  test('markdown: a pull-request comment with a summary, a gaps table and folded details, escaped', () => {
    const dir = hostileDir();
    const md = run(['scan', dir, '--format', 'markdown', '--fail-on', 'none']).stdout;
    assert.match(md, /^### SRM Lens: \d+ open gaps in the customer’s share$/m);
    assert.match(md, /^\| Severity \| Rule \| Resource \| File \| Line \| Gap \| Fix \|$/m);
    assert.match(md, /<details><summary>Who owns what, per resource \(the controls each bears\)<\/summary>/);
    assert.doesNotMatch(md, /<img|<b>/);
    assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt;/);
    // Every row of a table has as many cells as its header: no name breaks out of its cell.
    let columns = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('| ')) {
        columns = 0;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length;
      if (columns === 0) columns = cells;
      else assert.equal(cells, columns, line);
    }
  });
});

describe('configuration file', () => {
  test('.srm-lens.yaml above the scanned path: exclusions, rules off and severities', () => {
    const root = tempDir('config');
    mkdirSync(join(root, 'stacks', 'generated'), { recursive: true });
    writeFileSync(join(root, 'stacks', 'topic.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Table:\n    Type: AWS::DynamoDB::Table\n');
    writeFileSync(join(root, 'stacks', 'generated', 'out.yaml'), 'Resources:\n  Gen:\n    Type: AWS::SNS::Topic\n');
    const plain = JSON.parse(run(['scan', join(root, 'stacks'), '--format', 'json', '--fail-on', 'none']).stdout) as JsonReport;
    assert.equal(plain.files.length, 2);
    writeFileSync(join(root, '.srm-lens.yaml'), 'exclude:\n  - "stacks/generated/**"\nrules:\n  sns-topic-encrypted:\n    severity: error\n  dynamodb-table-pitr:\n    enabled: false\n');
    const r = run(['scan', join(root, 'stacks'), '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path.split('/').pop()), ['topic.yaml']);
    const findings = report.files[0].resources.flatMap((x) => x.findings);
    assert.equal(findings.find((f) => f.rule === 'sns-topic-encrypted')?.severity, 'error');
    assert.ok(!findings.some((f) => f.rule === 'dynamodb-table-pitr'));
    assert.ok(plain.files.some((f) => f.resources.some((x) => x.findings.some((y) => y.rule === 'dynamodb-table-pitr'))), 'the rule finds something without the file');
    assert.equal(run(['scan', join(root, 'stacks')]).code, 1);
    assert.equal(run(['scan', join(root, 'stacks'), '--no-config']).code, 0);
    // The command line wins over the file.
    const enabled = JSON.parse(run(['scan', join(root, 'stacks'), '--format', 'json', '--fail-on', 'none', '--enable-rule', 'dynamodb-table-pitr']).stdout) as JsonReport;
    assert.ok(enabled.files[0].resources.some((x) => x.findings.some((f) => f.rule === 'dynamodb-table-pitr')));
  });

  test('problems are usage errors that name the file and line', () => {
    const root = tempDir('config-bad');
    writeFileSync(join(root, 't.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    writeFileSync(join(root, '.srm-lens.yaml'), 'exclude:\n  - a\nrules:\n  s3-bucket-versionin:\n    enabled: false\n  sns-topic-encrypted:\n    severity: loud\nfixall: off\n');
    const r = run(['scan', root]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.srm-lens\.yaml:4: unknown rule "s3-bucket-versionin"/);
    assert.match(r.stderr, /\.srm-lens\.yaml:7: rules\.sns-topic-encrypted\.severity must be one of error, warning, info/);
    assert.match(r.stderr, /\.srm-lens\.yaml:8: unknown option "fixall"/);
    writeFileSync(join(root, '.srm-lens.yaml'), 'exclude: [a\n');
    assert.match(run(['scan', root]).stderr, /\.srm-lens\.yaml:\d+: /);
  });

  test('fixAll: off makes `fix` ask for the rules by name', () => {
    const root = tempDir('config-fix');
    writeFileSync(join(root, 't.yaml'), 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    writeFileSync(join(root, '.srm-lens.json'), '{ "fixAll": "off" }\n');
    const r = run(['fix', root, '--dry-run']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fixAll: off; name the rules to fix with --rule/);
    assert.equal(run(['fix', root, '--dry-run', '--rule', 'sns-topic-encrypted']).code, 0);
  });
});

describe('--jobs', () => {
  test('worker threads give the same report as one thread', () => {
    const one = run(['scan', 'examples', '--format', 'json', '--jobs', '1']);
    const two = run(['scan', 'examples', '--format', 'json', '--jobs', '3']);
    assert.equal(two.code, one.code, two.stderr);
    assert.equal(two.stdout, one.stdout);
  });
});
