import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser } from '../../server/src/parse';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { boundedHost } from '../../server/src/workspace/boundedHost';
import { diskHost } from '../../server/src/workspace/workspaceHost';

const file = (path: string): string => URI.file(path).toString();

describe('the workspace is the boundary', () => {
  before(() => initTerraformParser());

  test('files outside the workspace folders are not read, directly or through a link', () => {
    const outside = mkdtempSync(join(tmpdir(), 'srm-lens-outside-'));
    writeFileSync(join(outside, 'secret.tfvars'), 'block = false\n');
    writeFileSync(join(outside, 'other.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
    const workspace = mkdtempSync(join(tmpdir(), 'srm-lens-workspace-'));
    mkdirSync(join(workspace, 'mod'));
    writeFileSync(join(workspace, 'mod', 'main.tf'), 'resource "aws_s3_bucket" "b" {}\n');
    symlinkSync(join(outside, 'secret.tfvars'), join(workspace, 'mod', 'linked.auto.tfvars'));
    const host = boundedHost(diskHost, () => [file(workspace)]);
    assert.match(host.readFile(file(join(workspace, 'mod', 'main.tf'))) ?? '', /aws_s3_bucket/);
    assert.equal(host.readFile(file(join(outside, 'secret.tfvars'))), undefined);
    assert.equal(host.readFile(file(join(workspace, 'mod', 'linked.auto.tfvars'))), undefined, 'a link out of the workspace is not followed');
    assert.equal(host.readFile(file('/etc/passwd')), undefined);
    assert.equal(host.readFile(file(join(workspace, '..', '..', 'etc', 'passwd'))), undefined);
    assert.deepEqual(host.listDirectory(file(outside)), []);
    assert.equal(host.readFile('untitled:x.yaml'), undefined);
  });

  test('a request for a document outside the workspace that nobody opened has no answer', () => {
    const outside = mkdtempSync(join(tmpdir(), 'srm-lens-outside-'));
    const template = join(outside, 'template.yaml');
    writeFileSync(template, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
    const workspace = mkdtempSync(join(tmpdir(), 'srm-lens-workspace-'));
    const service = new LanguageService(boundedHost(diskHost, () => [file(workspace)]));
    service.setSettings({ ...DEFAULT_SETTINGS, terraformVarFiles: [join(outside, 'x.tfvars')] });
    assert.equal(service.hover(file(template), { line: 2, character: 3 }), null);
    assert.deepEqual(service.matrix({ scope: 'document', uri: file(template) }).rows, []);
    assert.equal(new LanguageService(diskHost).hover(file(template), { line: 2, character: 3 }) !== null, true, 'the same request is answered without the boundary');
  });
});
