import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ConfigError, findProjectConfig, parseProjectConfig } from '../../server/src/config/projectConfig';
import { projectConfigForFolders } from '../../server/src/config/serverConfig';
import { FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser } from '../../server/src/parse';
import { DEFAULT_SETTINGS, withProjectConfig } from '../../server/src/settings';
import { memoryHost } from '../memoryHost';

function problems(text: string): string[] {
  try {
    parseProjectConfig('/repo/.srm-lens.yaml', text);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.line}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('.srm-lens.yaml', () => {
  test('reads every option; paths resolve against the file’s folder', () => {
    const c = parseProjectConfig('/repo/.srm-lens.yaml', 'exclude:\n  - "**/cdk.out/**"\nrules:\n  s3-bucket-versioning:\n    enabled: false\n  s3-bucket-kms-encryption:\n    enabled: true\n    severity: error\nterraformVarFiles:\n  - env/prod.tfvars\n  - /abs/x.tfvars\nfixAll: off\n');
    assert.deepEqual(c.exclude, ['**/cdk.out/**']);
    assert.deepEqual(c.rules, { 's3-bucket-versioning': { enabled: false }, 's3-bucket-kms-encryption': { enabled: true, severity: 'error' } });
    assert.deepEqual(c.terraformVarFiles, ['/repo/env/prod.tfvars', '/abs/x.tfvars']);
    assert.equal(c.fixAll, 'off');
  });

  test('JSON is read by the same parser, with the same lines', () => {
    const c = parseProjectConfig('/repo/.srm-lens.json', '{\n  "exclude": ["a/**"],\n  "fixAll": "all"\n}\n');
    assert.deepEqual(c.exclude, ['a/**']);
    assert.equal(c.fixAll, 'all');
    assert.throws(() => parseProjectConfig('/repo/.srm-lens.json', '{\n  "exclude": ["a/**"],\n  "rulez": {}\n}\n'), /\.srm-lens\.json:3: unknown option "rulez"/);
  });

  test('an empty file is an empty configuration', () => {
    assert.deepEqual(parseProjectConfig('/repo/.srm-lens.yaml', '# nothing yet\n').rules, {});
  });

  test('every problem is reported with its line', () => {
    assert.deepEqual(problems('exclude: "*.yaml"\nrules:\n  nope-rule: {}\n  s3-bucket-versioning:\n    enabled: "yes"\n    colour: red\nfixAll: sometimes\n'), [
      '1: exclude must be a list of strings',
      '3: unknown rule "nope-rule" (see `srm-lens rules`)',
      '5: rules.s3-bucket-versioning.enabled must be true or false',
      '6: unknown option "colour" for rules.s3-bucket-versioning (known: enabled, severity)',
      '7: fixAll must be one of all, off',
    ]);
    assert.deepEqual(problems('- just\n- a list\n'), ['1: the file must be a mapping of options (exclude, rules, terraformVarFiles, fixAll)']);
    assert.match(problems('exclude: [a\nrules: {}\n')[0], /^\d+: /);
    assert.deepEqual(problems('exclude: []\nexclude: []\n'), ['2: exclude is given twice (first on line 1)']);
  });

  test('found by walking up from a file or folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'srm-lens-find-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 't.yaml'), '');
    assert.equal(findProjectConfig(join(root, 'a', 'b', 't.yaml')), undefined);
    writeFileSync(join(root, '.srm-lens.yaml'), 'exclude: []\n');
    assert.equal(findProjectConfig(join(root, 'a', 'b', 't.yaml')), join(root, '.srm-lens.yaml'));
    writeFileSync(join(root, 'a', '.srm-lens.json'), '{}');
    assert.equal(findProjectConfig(join(root, 'a', 'b')), join(root, 'a', '.srm-lens.json'));
  });
});

describe('the language server reads the same file', () => {
  before(() => initTerraformParser());

  const uri = 'file:///w/template.yaml';
  const template = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Bucket:\n    Type: AWS::S3::Bucket\n';

  test('editor settings override the file, rule by rule', () => {
    const config = parseProjectConfig('/w/.srm-lens.yaml', 'rules:\n  s3-bucket-versioning:\n    enabled: false\n  sns-topic-encrypted:\n    severity: error\nexclude:\n  - "generated/**"\n');
    const merged = withProjectConfig({ ...DEFAULT_SETTINGS, rules: { 'sns-topic-encrypted': { severity: 'info' } }, exclude: ['**/cdk.out/**'] }, config);
    assert.deepEqual(merged.rules, { 's3-bucket-versioning': { enabled: false }, 'sns-topic-encrypted': { severity: 'info' } });
    assert.deepEqual(merged.exclude, ['generated/**', '**/cdk.out/**']);

    const s = new LanguageService(memoryHost({}));
    s.openDocument(uri, 1, template);
    assert.ok(s.diagnostics(uri).some((d) => d.code === 's3-bucket-versioning'));
    s.setProjectConfig(config);
    const diags = s.diagnostics(uri);
    assert.ok(!diags.some((d) => d.code === 's3-bucket-versioning'));
    assert.equal(diags.find((d) => d.code === 'sns-topic-encrypted')?.severity, 1);
    // The editor's own setting wins.
    s.setSettings({ ...DEFAULT_SETTINGS, rules: { 's3-bucket-versioning': { enabled: true }, 'sns-topic-encrypted': { severity: 'info' } } });
    assert.ok(s.diagnostics(uri).some((d) => d.code === 's3-bucket-versioning'));
    assert.equal(s.diagnostics(uri).find((d) => d.code === 'sns-topic-encrypted')?.severity, 3);
  });

  test('fixAll: off withdraws the fix-all source action', () => {
    const s = new LanguageService(memoryHost({}));
    // An unencrypted queue has a safe fix, which fix-all applies.
    s.openDocument(uri, 1, 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n');
    const context = { diagnostics: [], only: [FIX_ALL_KIND] };
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(s.codeActions(uri, range, context).length, 1);
    s.setProjectConfig(parseProjectConfig('/w/.srm-lens.yaml', 'fixAll: off\n'));
    assert.equal(s.codeActions(uri, range, context).length, 0);
  });

  test('the server finds the file from the workspace folder; a broken one is reported, not applied', () => {
    const root = mkdtempSync(join(tmpdir(), 'srm-lens-server-config-'));
    const folder = pathToFileURL(join(root, 'project')).toString();
    mkdirSync(join(root, 'project'));
    assert.deepEqual(projectConfigForFolders([folder]), {});
    writeFileSync(join(root, '.srm-lens.yaml'), 'rules:\n  s3-bucket-versioning:\n    enabled: false\n');
    assert.deepEqual(projectConfigForFolders([folder]).config?.rules, { 's3-bucket-versioning': { enabled: false } });
    writeFileSync(join(root, '.srm-lens.yaml'), 'rules:\n  s3-bucket-versioning:\n    enabled: maybe\n');
    const broken = projectConfigForFolders([folder]);
    assert.equal(broken.config, undefined);
    assert.match(broken.problem!, /\.srm-lens\.yaml:3: rules\.s3-bucket-versioning\.enabled must be true or false/);
  });
});
