import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { applyEdits } from '../../server/src/edit/applyEdits';
import { FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { LanguageService } from '../../server/src/languageService';
import { SUPPRESSION_REASON_CODE } from '../../server/src/protocol/matrix';
import { initTerraformParser } from '../../server/src/parse';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { withCarets } from '../helpers';
import { memoryHost } from '../memoryHost';

const TEMPLATE = withCarets(`AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Log|sBucket:
    Type: AWS::S3::Bu|cket
    Properties:
      Versioning|Configuration:
        Status: Suspended
      BucketName: logs
  Topic:
    Type: AWS::SNS::Topic
`);
const URI_CFN = 'file:///w/template.yaml';

function service(files: Record<string, string> = {}): LanguageService {
  return new LanguageService(memoryHost(files));
}

function contents(h: ReturnType<LanguageService['hover']>): string {
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

describe('language service', () => {
  before(() => initTerraformParser());

  test('hover on a logical ID and on a Type gives the service, model, category counts and gaps first', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    for (const caret of TEMPLATE.carets.slice(0, 2)) {
      const text = contents(s.hover(URI_CFN, caret));
      assert.match(text.split('\n')[0], /^\*\*LogsBucket\*\* · `AWS::S3::Bucket` · Amazon S3 · abstract model — Yours \d+ · Shared \d+ · AWS \d+ — \*\*\d+ gaps\*\*$/);
      const lines = text.split('\n');
      const firstGap = lines.findIndex((l) => l.startsWith('- '));
      const firstCategory = lines.findIndex((l) => l.startsWith('**Inherited from AWS'));
      assert.ok(firstGap > 0 && firstGap < firstCategory, text);
      assert.match(text, /\[`s3-bucket-versioning`\]\(command:srmLens\.showRule\?/);
    }
  });

  test('hover on a property says which aspect it serves, its owner and documentation', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    const text = contents(s.hover(URI_CFN, TEMPLATE.carets[2]));
    assert.match(text, /\*\*VersioningConfiguration\*\*/);
    assert.match(text, /versioning/i);
    assert.match(text, /Serves \*\*Resilience: backup, multi-AZ, replication\*\* — owner: Shared/);
  });

  test('hoverDetail full adds the whole table under the summary; summary links to it instead', () => {
    const s = service();
    s.setSettings({ ...DEFAULT_SETTINGS, hoverDetail: 'full' });
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    const full = contents(s.hover(URI_CFN, TEMPLATE.carets[0]));
    assert.match(full, /\| Physical and environmental security \| inherited \| not applicable \|/);
    assert.doesNotMatch(full, /Full table/);
    s.setSettings({ ...DEFAULT_SETTINGS, hoverDetail: 'summary' });
    const short = contents(s.hover(URI_CFN, TEMPLATE.carets[0]));
    assert.doesNotMatch(short, /\| Physical/);
    assert.match(short, /\[Full table\]\(command:srmLens\.showResourceDetail\?/);
  });

  test('diagnostics carry the rule id, the fix key and the document version; code actions look the fix up', () => {
    const s = service();
    s.openDocument(URI_CFN, 7, TEMPLATE.text);
    const diags = s.diagnostics(URI_CFN);
    const versioning = diags.find((d) => d.code === 's3-bucket-versioning') as Diagnostic;
    assert.ok(versioning, JSON.stringify(diags.map((d) => d.code)));
    assert.deepEqual(versioning.data, { key: 's3-bucket-versioning@LogsBucket', version: 7 });
    assert.match(versioning.codeDescription?.href ?? '', /rules\.md#s3-bucket-versioning$/);
    const actions = s.codeActions(URI_CFN, versioning.range, { diagnostics: [versioning] });
    const fix = actions.find((a) => a.edit && !a.title.startsWith('Suppress'))!;
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    // Versioning bills every stored version: the title says so, and it is not the preferred (auto-applied) fix.
    assert.match(fix.title, / \(costs: every overwritten version is stored\)$/);
    assert.equal(fix.isPreferred, false);
    const fixed = applyEdits(TEMPLATE.text, fix.edit!.changes![URI_CFN].map((e) => ({ uri: URI_CFN, ...e })));
    assert.match(fixed, /Status: Enabled/);
    assert.ok(actions.some((a) => a.title === 'Suppress s3-bucket-versioning with a reason…'));
  });

  test('a diagnostic from an older version gets no edit', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    const stale = s.diagnostics(URI_CFN).find((d) => d.code === 's3-bucket-versioning')!;
    s.updateDocument(URI_CFN, 2, TEMPLATE.text.replace('BucketName: logs', 'BucketName: logs2'));
    s.diagnostics(URI_CFN);
    assert.deepEqual(s.codeActions(URI_CFN, stale.range, { diagnostics: [stale] }), []);
  });

  test('a suppression with the placeholder reason stays a gap and asks for a reason; a real reason accepts the risk', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    const d = s.diagnostics(URI_CFN).find((x) => x.code === 's3-bucket-versioning')!;
    const suppress = s.codeActions(URI_CFN, d.range, { diagnostics: [d] }).find((a) => a.title.startsWith('Suppress'))!;
    const text = applyEdits(TEMPLATE.text, suppress.edit!.changes![URI_CFN].map((e) => ({ uri: URI_CFN, ...e })));
    assert.match(text, /# srm-lens:ignore s3-bucket-versioning why this risk is accepted/);
    s.updateDocument(URI_CFN, 2, text);
    const after = s.diagnostics(URI_CFN);
    assert.equal(after.filter((x) => x.code === 's3-bucket-versioning').length, 1, 'the placeholder is not a reason');
    const ask = after.find((x) => x.code === SUPPRESSION_REASON_CODE)!;
    assert.equal(ask.severity, 3);
    assert.match(ask.message, /^Give a reason to accept the risk of s3-bucket-versioning/);
    assert.equal(ask.range.start.line, 2);
    const m = s.matrix({ scope: 'document', uri: URI_CFN });
    const row = m.rows.findIndex((r) => r.resourceId === 'LogsBucket');
    const col = m.aspects.findIndex((a) => a.id === 'resilience');
    assert.equal(m.cells[row][col].status, 'gap');

    s.updateDocument(URI_CFN, 3, text.replace('why this risk is accepted', 'logs expire after 7 days'));
    const accepted = s.diagnostics(URI_CFN);
    assert.equal(accepted.filter((x) => x.code === 's3-bucket-versioning' || x.code === SUPPRESSION_REASON_CODE).length, 0);
    const m2 = s.matrix({ scope: 'document', uri: URI_CFN });
    assert.equal(m2.cells[row][col].status, 'accepted-risk');
    assert.equal(m2.cells[row][col].note, 'accepted: logs expire after 7 days');
  });

  test('fix-all applies no fix that costs money or changes behaviour', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    const all = s.codeActions(URI_CFN, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: [FIX_ALL_KIND] });
    assert.deepEqual(all, [], 'versioning costs storage and the SNS key changes who can publish: neither is safe');
  });

  test('code lenses count categories and gaps where there is a gap; symbols list resources', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    const lenses = s.codeLenses(URI_CFN);
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].command!.title, /^Yours \d+ · Shared \d+ · AWS \d+ — \d+ gaps?$/);
    assert.deepEqual(lenses[0].command!.arguments, [URI_CFN, 'LogsBucket']);
    assert.deepEqual(s.symbols(URI_CFN).map((x) => x.name), ['LogsBucket', 'Topic']);
  });

  test('a Terraform module is assessed across files, reading the closed ones from the workspace', () => {
    const main = 'file:///w/mod/main.tf';
    const other = 'file:///w/mod/versioning.tf';
    const s = service({
      [other]: 'resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
    });
    s.openDocument(main, 1, 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n');
    assert.ok(!s.diagnostics(main).some((d) => d.code === 's3-bucket-versioning'));
    // The other file changes on disk: versioning suspended.
    (s as unknown as { host: { files: Record<string, string> } }).host.files[other] = 'resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n';
    s.fileChanged(other);
    assert.ok(s.diagnostics(main).some((d) => d.code === 's3-bucket-versioning'));
  });

  test('settings: a disabled rule disappears, a severity override applies, excluded files are quiet', () => {
    const s = service();
    s.openDocument(URI_CFN, 1, TEMPLATE.text);
    s.setSettings({ ...DEFAULT_SETTINGS, rules: { 's3-bucket-versioning': { enabled: false }, 's3-bucket-secure-transport': { severity: 'error' } } });
    const diags = s.diagnostics(URI_CFN);
    assert.ok(!diags.some((d) => d.code === 's3-bucket-versioning'));
    assert.equal(diags.find((d) => d.code === 's3-bucket-secure-transport')?.severity, 1);
    s.setSettings({ ...DEFAULT_SETTINGS, exclude: ['**/template.yaml'] });
    assert.deepEqual(s.diagnostics(URI_CFN), []);
  });

  test('YAML that is not a template gets nothing', () => {
    const s = service();
    s.openDocument('file:///w/k8s.yaml', 1, 'apiVersion: v1\nkind: Pod\n');
    assert.deepEqual(s.diagnostics('file:///w/k8s.yaml'), []);
    assert.equal(s.hover('file:///w/k8s.yaml', { line: 0, character: 1 }), null);
    assert.deepEqual(s.codeLenses('file:///w/k8s.yaml'), []);
  });
});
