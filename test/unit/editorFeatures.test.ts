import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { isRuleId, ruleCommandUri, ruleSection } from '../../client/src/ruleSection';
import { parseSuppressArguments, reasonProblem, withReason } from '../../client/src/suppressReason';
import { applyEdits } from '../../server/src/edit/applyEdits';
import { REASON_PLACEHOLDER } from '../../server/src/edit/suppressionEdit';
import { ASPECTS } from '../../server/src/knowledge/aspects';
import { FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { code, shorten, text } from '../../server/src/features/markdownText';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser } from '../../server/src/parse';
import { HOVER_COMMANDS, SUPPRESS_COMMAND, SUPPRESSION_REASON_CODE, type SuppressArguments } from '../../server/src/protocol/matrix';
import { RULES } from '../../server/src/rules';
import { effectWords, fixEffect, isSafeFix, listedRules } from '../../server/src/rules/fixEffects';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { repoRoot } from '../helpers';
import { memoryHost } from '../memoryHost';

/** markdown-it with HTML and bare-URL links turned on: stricter than the hover renderer, so escaping that holds here holds there. */
interface MarkdownIt {
  render(src: string): string;
}
const markdownIt = createRequire(__filename)('markdown-it') as (options: { html: boolean; linkify: boolean }) => MarkdownIt;
const renderer = markdownIt({ html: true, linkify: true });

function service(files: Record<string, string> = {}): LanguageService {
  return new LanguageService(memoryHost(files));
}

function hoverText(s: LanguageService, uri: string, resourceId: string): string {
  const ra = s.analysis(uri)!.resourcesIn(uri).find((r) => r.resource.id === resourceId)!;
  const h = s.hover(uri, ra.resource.idRange.start);
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

function openExample(s: LanguageService, path: string): string {
  const uri = URI.file(join(repoRoot, path)).toString();
  s.openDocument(uri, 1, readFileSync(join(repoRoot, path), 'utf8'));
  return uri;
}

/** What a reader sees: the rendered blocks (paragraphs and list items), one visual line each before wrapping. */
function renderedLines(markdown: string): string[] {
  const html = renderer.render(markdown);
  return [...html.matchAll(/<(p|li|h\d|tr)>([\s\S]*?)<\/\1>/g)].map((m) => m[2].replace(/<[^>]+>/g, '').trim()).filter(Boolean);
}

/** Every link the rendered hover contains; each must be one the server built. */
function links(markdown: string): string[] {
  return [...renderer.render(markdown).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
}

function assertOnlyOwnLinks(markdown: string): void {
  for (const href of links(markdown)) {
    const own = HOVER_COMMANDS.some((c) => href.startsWith(`command:${c}?`)) || /^https:\/\/docs\.aws\.amazon\.com\//.test(href);
    assert.ok(own, `unexpected link ${href}`);
  }
  const html = renderer.render(markdown);
  assert.doesNotMatch(html, /<(img|script|iframe|svg|style|b|i)\b/i, 'no element from template text');
}

const CFN = 'file:///w/stack.yaml';
const STACK = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration:
        Status: !Ref Env
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement: []
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      MultiAZ: false
      PubliclyAccessible: false
      BackupRetentionPeriod: 7
      DeletionProtection: true
      EnableIAMDatabaseAuthentication: true
      EnableCloudwatchLogsExports: [error]
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
`;

describe('resource hover', () => {
  before(() => initTerraformParser());

  test('structure snapshot: header, gaps first, one line per category in the model\'s words, links last', () => {
    const s = service();
    const uri = openExample(s, 'examples/cloudformation/storage.yaml');
    // Hard line breaks (two trailing spaces) join the owner lines into one paragraph; the shape is read without them.
    const md = hoverText(s, uri, 'LogsBucket').replace(/ {2}$/gm, '');
    const shape = md
      .split('\n')
      .filter(Boolean)
      .map((l) =>
        /^\*\*LogsBucket\*\* · `AWS::S3::Bucket` · Amazon S3 · abstract model — Yours \d+ · Shared \d+ · AWS \d+ — \*\*\d+ gaps?\*\*$/.test(l)
          ? 'header'
          : /^- \[`[a-z0-9-]+`\]\(command:srmLens\.showRule\?[^)]+\) — (fix: .+|no automatic fix)$/.test(l)
            ? 'gap'
            : l.startsWith('**Inherited from AWS (security of the cloud):** ')
              ? 'inherited'
              : l.startsWith('**Shared:** ')
                ? 'shared'
                : l.startsWith('**Yours (security in the cloud):** ')
                  ? 'yours'
                  : /^Not borne by this type: .+\.$/.test(l)
                    ? 'not borne'
                  : /^\[Full table\]\(command:srmLens\.showResourceDetail\?[^)]+\) with `LogsBucketPolicy` · \[Amazon S3 security\]\(https:/.test(l)
                    ? 'links'
                    : `? ${l}`,
      );
    assert.deepEqual(shape, ['header', 'gap', 'inherited', 'shared', 'yours', 'not borne', 'links']);
    assert.match(md, /^\*\*Inherited from AWS \(security of the cloud\):\*\* physical, hardware, host\.$/m);
    assert.match(md, /; \d+ not checked\.(  )?$/m, 'not-checked aspects are a count, not a list');
    // Aspects the type does not bear have no owner: they are named once, apart, and not counted.
    const analysis = s.analysis(uri)!;
    const bucket = analysis.resourcesIn(uri).find((r) => r.resource.id === 'LogsBucket')!;
    const absent = bucket.cells.filter((c) => !c.applies).length;
    const counted = [...md.split('\n')[0].matchAll(/(?:Yours|Shared|AWS) (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    assert.equal(counted, ASPECTS.length - absent);
    if (absent) assert.match(md, /^Not borne by this type: .+\.$/m);
  });

  test('fits in about 12 lines on the examples and on a template with many findings', () => {
    const s = service();
    const samples: [string, string][] = [
      ['examples/cloudformation/storage.yaml', 'LogsBucket'],
      ['examples/cloudformation/database.json', 'Database'],
      ['examples/sam/template.yaml', 'Function'],
      ['examples/terraform/main.tf', 'aws_s3_bucket.artifacts'],
    ];
    const measured: string[] = [];
    for (const [path, id] of samples) {
      const uri = openExample(s, path);
      const ra = s.analysis(uri)!.resourcesIn(uri).find((r) => r.resource.id === id) ?? s.analysis(uri)!.resourcesIn(uri).find((r) => r.info)!;
      const md = hoverText(s, uri, ra.resource.id);
      const lines = renderedLines(md);
      measured.push(`${path}#${ra.resource.id}: ${lines.length}`);
      assert.ok(lines.length <= 12, `${path} ${ra.resource.id}: ${lines.length} lines\n${lines.join('\n')}`);
      assertOnlyOwnLinks(md);
    }
    // A bucket with every S3 gap: the list stops at three and says how many more.
    const many = service();
    many.openDocument('file:///w/open.yaml', 1, 'Resources:\n  Open:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: false\n      OwnershipControls:\n        Rules:\n          - ObjectOwnership: ObjectWriter\n');
    const md = hoverText(many, 'file:///w/open.yaml', 'Open');
    assert.match(md, /^- and \d+ more \(Problems panel\)$/m);
    assert.equal(md.split('\n').filter((l) => l.startsWith('- [')).length, 3);
    assert.ok(renderedLines(md).length <= 12, renderedLines(md).join('\n'));
  });

  test('notes are shortened at a word boundary, never inside a word; the full table has them whole', () => {
    const s = service();
    s.setSettings({ ...DEFAULT_SETTINGS, hoverDetail: 'full' });
    const uri = openExample(s, 'examples/cloudformation/storage.yaml');
    const md = hoverText(s, uri, 'LogsBucket');
    const analysis = s.analysis(uri)!;
    const notes = analysis.resourcesIn(uri).flatMap((ra) => ra.cells.map((c) => c.note).filter((n): n is string => !!n));
    const unescape = (t: string) => t.replace(/\\([!-/:-@[-`{-~])/g, '$1');
    const shortened = [...unescape(md).matchAll(/: ([^(),;]+?)…\)/g)].map((m) => m[1]);
    assert.ok(shortened.length > 0, 'the example has notes long enough to shorten');
    for (const cut of shortened) {
      const note = notes.find((n) => n.replace(/\s+/g, ' ').startsWith(cut));
      assert.ok(note, `"${cut}" is the start of a note`);
      assert.match(note!.replace(/\s+/g, ' ').slice(cut.length), /^[\s,;:.(-]/, `"${cut}…" ends at a word boundary`);
      assert.ok(unescape(md).includes(note!.replace(/\s+/g, ' ')), 'the full note is in the table');
    }
    assert.equal(shorten('unless BlockedEncryptionTypes says otherwise', 20), 'unless…');
    assert.equal(shorten('Supercalifragilistic expialidocious', 5), 'Supercalifragilistic…');
    assert.equal(shorten('short', 20), 'short');
  });

  test('hostile Terraform names and values render as text: no link, image, HTML or emphasis from a template', () => {
    const s = service();
    const hostile = 'x](command:workbench.action.terminal.new)<img src=x onerror=alert(1)>*a*_b_`c`[d]: https://evil.example www.evil.example';
    const uri = 'file:///w/main.tf';
    s.openDocument(uri, 1, `resource "aws_s3_bucket" "${hostile}" {\n  bucket = "<script>alert(1)</script>"\n}\n`);
    const md = hoverText(s, uri, `aws_s3_bucket.${hostile}`);
    assertOnlyOwnLinks(md);
    const html = renderer.render(md);
    assert.ok(!html.includes('evil.example"'), 'no autolink to the hostile host');
    const header = renderedLines(md)[0];
    assert.ok(header.includes('aws_s3_bucket.x](command:workbench.action.terminal.new)&lt;img src=x onerror=alert(1)&gt;*a*_b_`c`[d]: https://evil.example www.evil.example'), header);
    // Code spans hold any text literally, backticks included.
    assert.equal(renderer.render(`a ${code('x ` y')} b`).trim(), '<p>a <code>x ` y</code> b</p>');
    assert.equal(renderer.render(text('[a](javascript:alert(1)) <b>x</b> *y*')).trim(), '<p>[a](javascript:alert(1)) &lt;b&gt;x&lt;/b&gt; *y*</p>');
  });

  test('a rule id in the hover opens its documentation (a command on the allow-list); the full table is a command too', () => {
    const s = service();
    const uri = openExample(s, 'examples/cloudformation/storage.yaml');
    const hrefs = links(hoverText(s, uri, 'LogsBucket'));
    const rule = hrefs.find((h) => h.startsWith('command:srmLens.showRule?'))!;
    assert.deepEqual(JSON.parse(decodeURIComponent(rule.slice('command:srmLens.showRule?'.length))), ['s3-bucket-access-logging']);
    const full = hrefs.find((h) => h.startsWith('command:srmLens.showResourceDetail?'))!;
    assert.deepEqual(JSON.parse(decodeURIComponent(full.slice('command:srmLens.showResourceDetail?'.length))), [uri, 'LogsBucket']);
    const detail = s.resourceDetail({ uri, resourceId: 'LogsBucket' })!;
    assert.match(detail, /^# LogsBucket$/m);
    assert.match(detail, /^\| Aspect \| Category \| Status \| Note \|$/m);
    assert.equal(detail.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Aspect') && !l.startsWith('| ---')).length, ASPECTS.length * 2, 'the bucket and its policy, every aspect');
    assert.equal(s.resourceDetail({ uri, resourceId: 'Gone' }), undefined);
  });
});

describe('one gap, counted the same everywhere', () => {
  before(() => initTerraformParser());

  test('the lens, the hover, the diagnostics (what the status bar counts) and the matrix agree, companions folded', () => {
    for (const path of ['examples/terraform/main.tf', 'examples/cloudformation/storage.yaml', 'examples/cloudformation/database.json', 'examples/sam/template.yaml']) {
      const s = service();
      const uri = openExample(s, path);
      const diagnostics = s.diagnostics(uri).filter((d) => typeof d.code === 'string' && d.code !== SUPPRESSION_REASON_CODE);
      const lensGaps = s.codeLenses(uri).reduce((n, l) => n + Number(/— (\d+) gaps?/.exec(l.command!.title)?.[1] ?? 0), 0);
      const matrix = s.matrix({ scope: 'document', uri });
      const matrixGaps = matrix.rows.reduce((n, r) => n + r.gaps.error + r.gaps.warning + r.gaps.info, 0);
      const analysis = s.analysis(uri)!;
      const hoverGaps = analysis
        .resourcesIn(uri)
        .filter((ra) => ra.info && !matrix.rows.find((r) => r.resourceId === ra.resource.id)?.parent)
        .reduce((n, ra) => n + Number(/ — \*\*(\d+) gaps?\*\*$/m.exec(hoverText(s, uri, ra.resource.id).split('\n')[0])?.[1] ?? 0), 0);
      assert.equal(lensGaps, diagnostics.length, `${path}: lens vs status bar`);
      assert.equal(matrixGaps, diagnostics.length, `${path}: matrix vs status bar`);
      assert.equal(hoverGaps, diagnostics.length, `${path}: hover vs status bar`);
    }
  });

  test('a lens only where it says something; companions fold into their parent\'s lens and nest under it in the matrix', () => {
    const s = service();
    const uri = 'file:///w/main.tf';
    s.openDocument(
      uri,
      1,
      `resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Suspended"
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = "{}"
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
`,
    );
    const lenses = s.codeLenses(uri);
    assert.equal(lenses.length, 1, lenses.map((l) => l.command!.title).join('\n'));
    assert.match(lenses[0].command!.title, /^Yours \d+ · Shared \d+ · AWS \d+ — \d+ gaps? \(\+ versioning, policy\)$/);
    assert.deepEqual(lenses[0].command!.arguments, [uri, 'aws_s3_bucket.b']);
    const matrix = s.matrix({ scope: 'document', uri });
    assert.deepEqual(
      matrix.rows.map((r) => [r.resourceId, r.parent ?? '']),
      [
        ['aws_s3_bucket.b', ''],
        ['aws_s3_bucket_versioning.b', 'aws_s3_bucket.b'],
        ['aws_s3_bucket_policy.b', 'aws_s3_bucket.b'],
        ['aws_kms_key.k', ''],
      ],
    );
    assert.match(hoverText(s, uri, 'aws_s3_bucket.b'), /^\[Full table\]\([^)]+\) with `aws_s3_bucket_versioning.b`, `aws_s3_bucket_policy.b` · /m);
  });

  test('a setting the customer must decide (a value SRM Lens cannot tell) earns a lens without a gap', () => {
    const s = service();
    s.openDocument(CFN, 1, STACK);
    const titles = s.codeLenses(CFN).map((l) => `${l.command!.arguments![1]}: ${l.command!.title}`);
    assert.ok(titles.some((t) => /^Data: .* — .*\d+ to decide \(\+ bucket policy\)$/.test(t)), titles.join('\n'));
    assert.ok(!titles.some((t) => t.startsWith('DataPolicy:')), 'the policy folds into the bucket');
    assert.ok(!titles.some((t) => t.startsWith('Key:')), 'nothing to say about a rotated key: no lens');
  });
});

describe('suppression asks for a reason', () => {
  before(() => initTerraformParser());

  test('with askReason the quick fix runs the client command; the reason goes where the placeholder was', () => {
    const s = service();
    s.askReason = true;
    s.openDocument(CFN, 4, STACK);
    const d = s.diagnostics(CFN).find((x) => x.code === 'sqs-queue-encrypted') as Diagnostic;
    const action = s.codeActions(CFN, d.range, { diagnostics: [d] }).find((a) => a.title === 'Suppress sqs-queue-encrypted with a reason…')!;
    assert.equal(action.edit, undefined);
    assert.equal(action.command!.command, SUPPRESS_COMMAND);
    const args = parseSuppressArguments(action.command!.arguments![0])!;
    assert.ok(args);
    assert.equal(args.version, 4);
    assert.equal(args.syntax, 'comment');
    assert.equal(reasonProblem('', args.placeholder), 'Say why this risk is accepted, so a reviewer can judge it.');
    assert.equal(reasonProblem(' ... ', args.placeholder), 'Say why this risk is accepted, so a reviewer can judge it.');
    assert.equal(reasonProblem(` ${REASON_PLACEHOLDER.toUpperCase()} `, args.placeholder), 'Replace the placeholder with the actual reason.');
    assert.equal(reasonProblem('dev queue, no data', args.placeholder), undefined);
    const written = withReason(args, 'dev queue,\nno customer data');
    assert.equal(written, '  # srm-lens:ignore sqs-queue-encrypted dev queue, no customer data\n');
    s.updateDocument(CFN, 5, applyEdits(STACK, [{ ...args.edit, newText: written }]));
    assert.ok(!s.diagnostics(CFN).some((x) => x.code === 'sqs-queue-encrypted' || x.code === SUPPRESSION_REASON_CODE));
  });

  test('in JSON the reason is written as a valid string; an empty Metadata reason asks for one and stays a gap', () => {
    const uri = 'file:///w/stack.json';
    const json = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false } } } }, null, 2);
    const s = service();
    s.askReason = true;
    s.openDocument(uri, 1, json);
    const d = s.diagnostics(uri).find((x) => x.code === 'sqs-queue-encrypted')!;
    const args = s.codeActions(uri, d.range, { diagnostics: [d] }).find((a) => a.command)!.command!.arguments![0] as SuppressArguments;
    assert.equal(args.syntax, 'json');
    const text = applyEdits(json, [{ ...args.edit, newText: withReason(args, 'a "quoted" \\ reason') }]);
    const parsed = JSON.parse(text) as { Resources: { Queue: { Metadata: { 'srm-lens': { ignore: { id: string; reason: string }[] } } } } };
    assert.deepEqual(parsed.Resources.Queue.Metadata['srm-lens'].ignore, [{ id: 'sqs-queue-encrypted', reason: 'a "quoted" \\ reason' }]);
    s.updateDocument(uri, 2, text);
    assert.ok(!s.diagnostics(uri).some((x) => x.code === 'sqs-queue-encrypted'));
    // A bare id, or an empty reason, accepts nothing.
    const bare = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Metadata: { 'srm-lens': { ignore: ['sqs-queue-encrypted'] } }, Properties: { SqsManagedSseEnabled: false } } } }, null, 2);
    s.updateDocument(uri, 3, bare);
    const after = s.diagnostics(uri);
    assert.ok(after.some((x) => x.code === 'sqs-queue-encrypted'));
    const ask = after.find((x) => x.code === SUPPRESSION_REASON_CODE)!;
    assert.equal(bare.split('\n')[ask.range.start.line].trim(), '"sqs-queue-encrypted"');
  });

  test('the arguments are checked before anything is written', () => {
    const good = { uri: 'file:///a', version: 1, ruleId: 'r', edit: { uri: 'file:///a', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# x PH\n' }, placeholder: 'PH', syntax: 'comment' };
    assert.ok(parseSuppressArguments(good));
    for (const bad of [undefined, 'x', { ...good, syntax: 'shell' }, { ...good, placeholder: '' }, { ...good, edit: { ...good.edit, newText: '# no placeholder' } }, { ...good, edit: undefined }]) {
      assert.equal(parseSuppressArguments(bad), undefined, JSON.stringify(bad));
    }
    // A `$&` in a reason is text, not a replacement pattern.
    assert.equal(withReason(good as SuppressArguments, 'costs $& nothing'), '# x costs $& nothing\n');
  });
});

describe('fix all is safe by default', () => {
  before(() => initTerraformParser());

  test('every rule with fixes declares their effect; every entry is a rule; safe means neither cost nor change', () => {
    const fixable = RULES.filter((r) => r.fixable.cloudformation || r.fixable.terraform).map((r) => r.id);
    const missing = fixable.filter((id) => !fixEffect(id));
    assert.deepEqual(missing, [], `add these rules to server/src/rules/fixEffects.json (safe, or what they cost or change): ${missing.join(', ')}`);
    const ids = new Set(RULES.map((r) => r.id));
    assert.deepEqual(listedRules().filter((id) => !ids.has(id)), [], 'entries for rules that do not exist');
    const schema = JSON.parse(readFileSync(join(repoRoot, 'server/src/rules/fixEffects.schema.json'), 'utf8')) as { properties: { rules: { additionalProperties: { properties: Record<string, { maxLength?: number }> } } } };
    const allowed = Object.keys(schema.properties.rules.additionalProperties.properties);
    for (const id of listedRules()) {
      const e = fixEffect(id)!;
      assert.deepEqual(Object.keys(e).filter((k) => !allowed.includes(k)), [], id);
      assert.ok(e.safe === true ? !e.cost && !e.behaviour : !!(e.cost || e.behaviour), id);
      for (const words of [e.cost, e.behaviour]) if (words) assert.ok(words.length <= 60 && !/[.]$/.test(words), `${id}: "${words}"`);
    }
    assert.equal(effectWords('rds-instance-multi-az'), 'costs: a standby instance, about double');
    assert.equal(effectWords('sqs-queue-encrypted'), undefined);
    assert.equal(isSafeFix('not-a-rule'), false, 'an unlisted rule never rides along');
  });

  test('fix-all applies the safe fixes only; the others stay one by one, their cost or change in the title', () => {
    const s = service();
    s.openDocument(CFN, 1, STACK);
    const all = s.codeActions(CFN, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: [FIX_ALL_KIND] });
    assert.equal(all.length, 1);
    assert.equal(all[0].title, 'Fix all safe SRM Lens findings (no cost, no behaviour change)');
    const fixed = applyEdits(STACK, all[0].edit!.changes![CFN].map((e) => ({ uri: CFN, ...e })));
    assert.match(fixed, /SqsManagedSseEnabled: true/);
    assert.match(fixed, /MultiAZ: false/, 'Multi-AZ doubles the instance price: not in fix-all');
    assert.match(fixed, /EnableCloudwatchLogsExports: \[error\]/, 'log exports are billed: not in fix-all');
    s.updateDocument(CFN, 2, fixed);
    const left = s.diagnostics(CFN).map((d) => d.code);
    assert.ok(!left.includes('sqs-queue-encrypted'));
    assert.ok(left.includes('rds-instance-multi-az'));
    const multiAz = s.diagnostics(CFN).find((d) => d.code === 'rds-instance-multi-az')!;
    const titles = s.codeActions(CFN, multiAz.range, { diagnostics: [multiAz], only: [CodeActionKind.QuickFix] }).map((a) => a.title);
    assert.ok(titles.some((t) => /\(costs: a standby instance, about double\)$/.test(t)), titles.join('\n'));
  });
});

describe('rule documentation from Problems and the hover', () => {
  test('the rule\'s own section of the reference, not the file at line 1', () => {
    const reference = readFileSync(join(repoRoot, 'docs/rules.md'), 'utf8');
    const section = ruleSection(reference, 's3-bucket-versioning')!;
    assert.match(section, /^## s3-bucket-versioning\n\n\*\*S3 bucket keeps object versions\*\*/);
    assert.doesNotMatch(section, /\n## /, 'stops before the next rule');
    assert.match(section, /- May break: /);
    assert.equal(ruleSection(reference, 'no-such-rule'), undefined);
    for (const rule of RULES) assert.ok(ruleSection(reference, rule.id), rule.id);
    assert.equal(ruleCommandUri('s3-bucket-versioning'), 'command:srmLens.showRule?%5B%22s3-bucket-versioning%22%5D');
    for (const bad of ['../../etc/passwd', 'a b', '', 'A', 'x'.repeat(101), 7]) assert.equal(isRuleId(bad), false, String(bad));
  });
});

describe('the status bar counts gaps as the lens does', () => {
  before(() => initTerraformParser());

  test('one per rule-coded diagnostic, whether the code is a string or a documentation link; not parse problems, not "give a reason"', async () => {
    const { gapCode } = await import('../../client/src/gapCode');
    assert.equal(gapCode('s3-bucket-versioning'), 's3-bucket-versioning');
    assert.equal(gapCode({ value: 's3-bucket-versioning' }), 's3-bucket-versioning');
    assert.equal(gapCode(undefined), undefined);
    assert.equal(gapCode(SUPPRESSION_REASON_CODE), undefined);
    assert.equal(gapCode({ value: SUPPRESSION_REASON_CODE }), undefined);
    const s = service();
    s.openDocument(CFN, 1, `${STACK}  Broken: [\n`.replace('  Queue:', '  # srm-lens:ignore sqs-queue-encrypted\n  Queue:'));
    const all = s.diagnostics(CFN);
    assert.ok(all.some((d) => d.code === undefined), 'a parse problem');
    assert.ok(all.some((d) => d.code === SUPPRESSION_REASON_CODE), 'a suppression without a reason');
    assert.ok(all.some((d) => d.code === 'sqs-queue-encrypted'), 'which stays a gap');
    const lens = s.codeLenses(CFN).reduce((n, l) => n + Number(/— (\d+) gaps?/.exec(l.command!.title)?.[1] ?? 0), 0);
    assert.equal(all.filter((d) => gapCode(d.code as string | undefined)).length, lens);
  });
});

describe('companions find the resource they configure', () => {
  before(() => initTerraformParser());

  test('by the setting that names the subject: a logging companion folds into its bucket, not its target; by name when no reference ties them', () => {
    const s = service();
    const uri = 'file:///w/logs.tf';
    s.openDocument(
      uri,
      1,
      `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
resource "aws_s3_bucket_logging" "data" {
  target_bucket = aws_s3_bucket.logs.id
  bucket        = aws_s3_bucket.data.id
  target_prefix = "data/"
}
resource "aws_s3_bucket_versioning" "logs" {
  bucket = "acme-logs"
  versioning_configuration {
    status = "Enabled"
  }
}
`,
    );
    const rows = s.matrix({ scope: 'document', uri }).rows.map((r) => [r.resourceId, r.parent ?? '']);
    assert.deepEqual(rows, [
      ['aws_s3_bucket.logs', ''],
      ['aws_s3_bucket_versioning.logs', 'aws_s3_bucket.logs'],
      ['aws_s3_bucket.data', ''],
      ['aws_s3_bucket_logging.data', 'aws_s3_bucket.data'],
    ]);
  });

  test('a CloudFormation ingress rule that refers to its group by GroupId still folds into it', () => {
    const s = service();
    const uri = 'file:///w/sg.yaml';
    s.openDocument(uri, 1, 'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n  Ssh:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref Sg\n      IpProtocol: tcp\n      FromPort: 22\n      ToPort: 22\n      CidrIp: 0.0.0.0/0\n');
    assert.deepEqual(s.matrix({ scope: 'document', uri }).rows.map((r) => [r.resourceId, r.parent ?? '']), [['Sg', ''], ['Ssh', 'Sg']]);
    const lenses = s.codeLenses(uri).map((l) => l.command!.title);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0], /— 1 gap \(\+ security group ingress\)$/);
  });
});
