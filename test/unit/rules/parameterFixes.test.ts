import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../../server/src/edit/applyEdits';
import { assess } from '../../../server/src/assess/assess';
import { LinkedModel } from '../../../server/src/link/linkedModel';
import { initTerraformParser, parseFile } from '../../../server/src/parse';
import { parseTfvars } from '../../../server/src/parse/tfvars';
import { analyse } from '../../ruleHarness';

/*
 * A setting whose value comes from a CloudFormation parameter or a
 * Terraform variable is the author's choice: its fix changes the input's
 * default (when the allowed values permit), says so in its title, and never
 * replaces the reference with a literal.
 */

const yaml = (parameter: string, encrypted = '!Ref Encrypt') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
${parameter}
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1a
      Size: 10
      Encrypted: ${encrypted}
`;

const json = (parameter: object) =>
  JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Encrypt: parameter },
      Resources: { Volume: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', Size: 10, Encrypted: { Ref: 'Encrypt' } } } },
    },
    null,
    2,
  );

const hcl = (variable: string) => `variable "encrypt" {
${variable}}

resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = var.encrypt
}
`;

function volumeFinding(files: Record<string, string>) {
  const f = analyse(files).findings.find((x) => x.ruleId === 'ec2-ebs-volume-encrypted');
  assert.ok(f, 'expected an ec2-ebs-volume-encrypted finding');
  return f;
}

function applied(files: Record<string, string>, name: string): string {
  const fix = volumeFinding(files).fixes[0];
  assert.ok(fix, 'expected a fix');
  return applyEdits(files[name], fix.edits.filter((e) => e.uri === `/fixture/${name}`));
}

describe('fixes of values that come from parameters and variables', () => {
  before(() => initTerraformParser());

  test('yaml: the fix sets the parameter default, keeps the !Ref, and the title says so', () => {
    const files = { 'template.yaml': yaml("    Type: String\n    Default: 'false'\n    AllowedValues: ['true', 'false']") };
    const f = volumeFinding(files);
    assert.match(f.message, /from the default of parameter Encrypt/);
    assert.match(f.fixes[0].title, /set through the Default of parameter Encrypt$/);
    const text = applied(files, 'template.yaml');
    assert.match(text, /Encrypted: !Ref Encrypt/);
    assert.match(text, /Default: "true"/);
    assert.equal(analyse({ 'template.yaml': text }).findings.filter((x) => x.ruleId === 'ec2-ebs-volume-encrypted').length, 0);
  });

  test('yaml: no fix when AllowedValues leaves out the secure value', () => {
    const f = volumeFinding({ 'template.yaml': yaml("    Type: String\n    Default: 'false'\n    AllowedValues: ['false', 'no']") });
    assert.deepEqual(f.fixes, []);
  });

  test('yaml: no fix for a value chosen by a condition', () => {
    const text = yaml("    Type: String\n    Default: 'false'", "!If [Never, true, false]").replace('Resources:', 'Conditions:\n  Never: !Equals [a, b]\nResources:');
    const found = analyse({ 'template.yaml': text }).findings.filter((x) => x.ruleId === 'ec2-ebs-volume-encrypted');
    for (const f of found) assert.deepEqual(f.fixes, []);
  });

  test('json: the fix sets the parameter default as a string and keeps the Ref', () => {
    const files = { 'template.json': json({ Type: 'String', Default: 'false' }) };
    const text = applied(files, 'template.json');
    assert.deepEqual(JSON.parse(text).Parameters.Encrypt.Default, 'true');
    assert.deepEqual(JSON.parse(text).Resources.Volume.Properties.Encrypted, { Ref: 'Encrypt' });
  });

  test('terraform: the fix sets the variable default and keeps var.encrypt', () => {
    const files = { 'main.tf': hcl('  default = false\n') };
    const f = volumeFinding(files);
    assert.match(f.message, /from the default of var\.encrypt/);
    assert.match(f.fixes[0].title, /set through the default of var\.encrypt$/);
    const text = applied(files, 'main.tf');
    assert.match(text, /encrypted\s+= var\.encrypt/);
    assert.match(text, /default = true/);
  });

  test('terraform: a value from terraform.tfvars gets no fix (the default is not what applies)', () => {
    const doc = parseFile('/m/main.tf', hcl('  default = true\n'));
    assert.ok(doc.kind === 'template');
    const model = new LinkedModel([doc.document], [{ uri: '/m/terraform.tfvars', values: parseTfvars('/m/terraform.tfvars', 'encrypt = false\n') }]);
    const f = assess(model).resources.flatMap((r) => r.findings).find((x) => x.ruleId === 'ec2-ebs-volume-encrypted');
    assert.ok(f);
    assert.match(f.message, /var\.encrypt in \/m\/terraform\.tfvars|terraform\.tfvars/);
    assert.deepEqual(f.fixes, []);
  });
});

describe('a parameter default read by other settings', () => {
  test('the fix title says how many other settings read it', () => {
    const text = `${yaml("    Type: String\n    Default: 'false'")}  Other:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 10\n      Encrypted: !Ref Encrypt\n      Tags:\n        - Key: Name\n          Value: !Sub 'volume-\${Encrypt}'\n`;
    const f = analyse({ 'template.yaml': text }).findings.find((x) => x.key === 'ec2-ebs-volume-encrypted@Volume');
    assert.ok(f);
    assert.match(f.fixes[0].title, /set through the Default of parameter Encrypt \(2 other settings read it too\)$/);
  });
});
