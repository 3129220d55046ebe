import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Key:
    Type: AWS::KMS::Key
${props ? `    Properties:\n${props}` : ''}`;

const json = (props: object) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Key: { Type: 'AWS::KMS::Key', Properties: props } } }, null, 2);

const tf = (body: string, extra = '') => `variable "mode" {
  type = string
}

resource "aws_kms_key" "k" {
  description = "data"
${body}}
${extra}`;

describeRule('kms-key-rotation-enabled', {
  yaml: {
    resource: 'Key',
    fail: cfn('      Description: data\n'),
    pass: cfn('      EnableKeyRotation: true\n'),
    unknown: cfn('      EnableKeyRotation: !Ref Mode\n'),
  },
  json: {
    resource: 'Key',
    fail: json({ EnableKeyRotation: false }),
    pass: json({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
    unknown: json({ KeySpec: { Ref: 'Mode' } }),
  },
  terraform: {
    resource: 'aws_kms_key.k',
    fail: tf(''),
    pass: tf('  enable_key_rotation = true\n'),
    unknown: tf('  enable_key_rotation = var.mode\n'),
  },
});

const keyPolicy = (statement: string) =>
  cfn(`      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Admin
            Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root"
            Action: "kms:*"
            Resource: "*"
${statement}`);

describeRule('kms-key-policy-no-public-principal', {
  yaml: {
    resource: 'Key',
    fail: keyPolicy('          - Effect: Allow\n            Principal:\n              AWS: "*"\n            Action: kms:Decrypt\n            Resource: "*"\n'),
    pass: keyPolicy('          - Effect: Allow\n            Principal:\n              AWS: "*"\n            Action: kms:Decrypt\n            Resource: "*"\n            Condition:\n              StringEquals:\n                kms:CallerAccount: "111122223333"\n'),
    unknown: keyPolicy('          - Effect: Allow\n            Principal:\n              AWS: !Ref Mode\n            Action: kms:Decrypt\n            Resource: "*"\n'),
    noFix: true,
  },
  json: {
    resource: 'Key',
    fail: json({ KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] } }),
    pass: json({ EnableKeyRotation: true }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_kms_key.k',
    fail: tf('  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:*", Resource = "*" }]\n  })\n'),
    pass: tf('  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }]\n  })\n'),
    unknown: tf('  policy = var.mode\n'),
    noFix: true,
  },
});

describe('KMS edge cases', () => {
  before(() => initTerraformParser());

  test('asymmetric and custom-key-store keys are not asked to rotate', () => {
    assert.deepEqual(verdicts({ 'main.tf': tf('  customer_master_key_spec = "ECC_NIST_P256"\n') }, 'kms-key-rotation-enabled', 'aws_kms_key.k').map((v) => v.status), ['not-applicable']);
    assert.deepEqual(verdicts({ 'main.tf': tf('  custom_key_store_id = "cks-1234"\n') }, 'kms-key-rotation-enabled', 'aws_kms_key.k').map((v) => v.status), ['not-applicable']);
    assert.deepEqual(verdicts({ 'template.yaml': cfn('      Origin: EXTERNAL\n') }, 'kms-key-rotation-enabled', 'Key').map((v) => v.status), ['not-applicable']);
  });

  test('a separate aws_kms_key_policy is checked as its own resource', () => {
    const text = tf('', `
resource "aws_kms_key_policy" "p" {
  key_id = aws_kms_key.k.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*" }]
  })
}
`);
    assert.deepEqual(verdicts({ 'main.tf': text }, 'kms-key-policy-no-public-principal', 'aws_kms_key_policy.p').map((v) => v.status), ['gap']);
  });

  test('a Deny for everyone is not an exposure', () => {
    const text = json({ KeyPolicy: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }] } });
    assert.deepEqual(verdicts({ 'template.json': text }, 'kms-key-policy-no-public-principal', 'Key').map((v) => v.status), ['met']);
  });
});

describe('kms-key-policy-no-public-principal: invalid policies say why AWS rejects them', () => {
  before(() => initTerraformParser());
  const key = (policy: string) => `resource "aws_kms_key" "k" {\n  description = "k"\n  policy      = <<POLICY\n${policy}\nPOLICY\n}\n`;
  test('a trailing comma is named, not blamed on values SRM Lens cannot evaluate', () => {
    const text = key('{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "kms:*", "Resource": "*" },\n  ]\n}');
    const v = verdicts({ 'main.tf': text }, 'kms-key-policy-no-public-principal', 'aws_kms_key.k');
    assert.equal(v[0].status, 'cannot-tell');
    assert.match(v[0].status === 'cannot-tell' ? v[0].reason : '', /not valid JSON \(a trailing comma\)/);
  });
  test('a trailing comma next to an interpolation is still the JSON\'s fault', () => {
    const text = `variable "account" {\n  type = string\n}\n\n${key('{\n  "Statement": [\n    { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::${var.account}:root" }, "Action": "kms:*", "Resource": "*" },\n  ]\n}')}`;
    const v = verdicts({ 'main.tf': text }, 'kms-key-policy-no-public-principal', 'aws_kms_key.k');
    assert.doesNotMatch(v[0].status === 'cannot-tell' ? v[0].reason : '', /cannot evaluate/);
    assert.match(v[0].status === 'cannot-tell' ? v[0].reason : '', /trailing comma/);
  });
  test('a Principal written as a list is named as invalid grammar', () => {
    const text = key('{\n  "Statement": [\n    { "Effect": "Allow", "Principal": ["foo", "*"], "Action": "kms:*", "Resource": "*" }\n  ]\n}');
    const v = verdicts({ 'main.tf': text }, 'kms-key-policy-no-public-principal', 'aws_kms_key.k');
    assert.match(v[0].status === 'cannot-tell' ? v[0].reason : '', /writes Principal as a list/);
  });
});
