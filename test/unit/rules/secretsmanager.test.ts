import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (extra: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: app/db
      GenerateSecretString:
        SecretStringTemplate: '{"username": "app"}'
        GenerateStringKey: password
${extra}`;

const schedule = (secretId: string) => `  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: ${secretId}
      RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate
      RotationRules:
        AutomaticallyAfterDays: 30
`;

const json = (extra: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'app/db' } }, ...extra } }, null, 2);

const tf = (extra: string) => `variable "mode" {
  type = string
}

resource "aws_secretsmanager_secret" "s" {
  name = "app/db"
}
${extra}`;

const tfRotation = (secretId: string) => `
resource "aws_secretsmanager_secret_rotation" "r" {
  secret_id           = ${secretId}
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
`;

describeRule('secretsmanager-secret-rotation', {
  yaml: { resource: 'Secret', fail: cfn(''), pass: cfn(schedule('!Ref Secret')), unknown: cfn(schedule('!Ref Mode')), noFix: true },
  json: {
    resource: 'Secret',
    fail: json({}),
    pass: json({ Rotation: { Type: 'AWS::SecretsManager::RotationSchedule', Properties: { SecretId: { Ref: 'Secret' }, HostedRotationLambda: { RotationType: 'PostgreSQLSingleUser' }, RotationRules: { ScheduleExpression: 'rate(30 days)' } } } }),
    noFix: true,
  },
  terraform: { resource: 'aws_secretsmanager_secret.s', fail: tf(''), pass: tf(tfRotation('aws_secretsmanager_secret.s.id')), unknown: tf(tfRotation('var.mode')), noFix: true },
});

describe('Secrets Manager edge cases', () => {
  before(() => initTerraformParser());

  test('a schedule naming the secret by its ARN counts', () => {
    const text = cfn(schedule('arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/db-AbCdEf'));
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'secretsmanager-secret-rotation', 'Secret').map((v) => v.status), ['met']);
  });

  test('a schedule for another secret does not', () => {
    const text = cfn(schedule('other/secret'));
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'secretsmanager-secret-rotation', 'Secret').map((v) => v.status), ['gap']);
  });
});
