import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (queueProps: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
${queueProps}${extra}`;

const json = (queueProps: object, extra: object = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs', ...queueProps } }, ...extra } }, null, 2);

const tf = (queueBody: string, extra = '') => `variable "mode" {
  type = string
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
${queueBody}}
${extra}`;

describeRule('sqs-queue-encrypted', {
  yaml: { resource: 'Queue', fail: cfn('      SqsManagedSseEnabled: false\n'), pass: cfn(''), unknown: cfn('      SqsManagedSseEnabled: !Ref Mode\n') },
  json: { resource: 'Queue', fail: json({ SqsManagedSseEnabled: 'false' }), pass: json({ SqsManagedSseEnabled: false, KmsMasterKeyId: 'alias/aws/sqs' }), unknown: json({ SqsManagedSseEnabled: false, KmsMasterKeyId: { Ref: 'Mode' } }) },
  terraform: { resource: 'aws_sqs_queue.jobs', fail: tf('  sqs_managed_sse_enabled = false\n'), pass: tf('  sqs_managed_sse_enabled = true\n'), unknown: tf('  sqs_managed_sse_enabled = var.mode\n') },
});

const cfnPolicy = (statement: string) => `  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Queue
      PolicyDocument:
        Statement:
${statement}`;

const tfPolicy = (policy: string) => `
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy    = ${policy}
}
`;

describeRule('sqs-queue-policy-not-public', {
  yaml: {
    resource: 'QueuePolicy',
    fail: cfn('', cfnPolicy('          - Effect: Allow\n            Principal: "*"\n            Action: sqs:*\n            Resource: !GetAtt Queue.Arn\n')),
    pass: cfn('', cfnPolicy('          - Effect: Allow\n            Principal: { Service: sns.amazonaws.com }\n            Action: sqs:SendMessage\n            Resource: !GetAtt Queue.Arn\n')),
    unknown: cfn('', cfnPolicy('          - Effect: !Ref Mode\n            Principal: "*"\n            Action: sqs:SendMessage\n            Resource: !GetAtt Queue.Arn\n')),
    noFix: true,
  },
  json: {
    resource: 'QueuePolicy',
    fail: json({}, { QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] }) } } }),
    pass: json({}, { QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Topic' } } } }] } } }, Topic: { Type: 'AWS::SNS::Topic' } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_sqs_queue_policy.jobs',
    fail: tf('', tfPolicy(`<<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "sqs:SendMessage",
    "Resource": "\${aws_sqs_queue.jobs.arn}"
  }]
}
EOF`)),
    pass: tf('', tfPolicy(`<<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": "sqs:SendMessage",
    "Resource": "\${aws_sqs_queue.jobs.arn}",
    "Condition": { "ArnEquals": { "aws:SourceArn": "\${var.mode}" } }
  }]
}
EOF`)),
    unknown: tf('', tfPolicy('var.mode')),
    noFix: true,
  },
});

// The queue's inline policy attribute.
describeRule('sqs-queue-policy-not-public', {
  terraform: {
    resource: 'aws_sqs_queue.jobs',
    fail: tf('  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sqs:ReceiveMessage", Resource = "*" }] })\n'),
    pass: tf('  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sqs:ReceiveMessage", Resource = "*" }] })\n'),
    noFix: true,
  },
});

before(() => initTerraformParser());

test('a queue without a policy is not judged by the policy rule', () => {
  assert.deepEqual(verdicts({ 'main.tf': tf('') }, 'sqs-queue-policy-not-public', 'aws_sqs_queue.jobs').map((v) => v.status), ['not-applicable']);
});

test('SSE-SQS left at its default is an AWS default, a KMS key is met', () => {
  assert.deepEqual(verdicts({ 'main.tf': tf('') }, 'sqs-queue-encrypted', 'aws_sqs_queue.jobs').map((v) => v.status), ['aws-default']);
  assert.deepEqual(verdicts({ 'main.tf': tf('  kms_master_key_id       = "alias/aws/sqs"\n  sqs_managed_sse_enabled = false\n') }, 'sqs-queue-encrypted', 'aws_sqs_queue.jobs').map((v) => v.status), ['met']);
});

test('a KMS key that only a condition sets still leaves the queue encrypted by SSE-SQS', () => {
  const text = cfn('      KmsMasterKeyId: !If [HasKey, alias/app, !Ref AWS::NoValue]\n').replace('Resources:', 'Conditions:\n  HasKey: !Equals [!Ref Mode, "yes"]\nResources:');
  assert.deepEqual(verdicts({ 'template.yaml': text }, 'sqs-queue-encrypted', 'Queue').map((v) => v.status), ['aws-default']);
});

describe('sqs-queue-policy-not-public: a principal ARN with "*" for the account', () => {
  before(() => initTerraformParser());
  test('terraform: arn:aws:iam::*:role/x lets any account in', () => {
    const text = 'resource "aws_sqs_queue" "q" {\n  name   = "q"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::*:role/sqs" }\n      Action    = "sqs:SendMessage"\n      Resource  = "*"\n    }]\n  })\n}\n';
    assert.equal(verdicts({ 'main.tf': text }, 'sqs-queue-policy-not-public', 'aws_sqs_queue.q')[0].status, 'gap');
  });
  test('yaml: a principal ARN of one account is not public', () => {
    const text = 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues: [!Ref Queue]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: "arn:aws:iam::111122223333:role/sqs" }\n            Action: sqs:SendMessage\n            Resource: "*"\n';
    assert.notEqual(verdicts({ 'template.yaml': text }, 'sqs-queue-policy-not-public', 'Policy')[0].status, 'gap');
  });
});
