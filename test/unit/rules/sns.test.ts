import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (topicProps: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
${topicProps}${extra}`;

const json = (topicProps: object, extra: object = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts', ...topicProps } }, ...extra } }, null, 2);

const tf = (topicBody: string, extra = '') => `variable "mode" {
  type = string
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
${topicBody}}
${extra}`;

describeRule('sns-topic-encrypted', {
  yaml: { resource: 'Topic', fail: cfn(''), pass: cfn('      KmsMasterKeyId: alias/aws/sns\n'), unknown: cfn('      KmsMasterKeyId: !Ref Mode\n') },
  json: { resource: 'Topic', fail: json({}), pass: json({ KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }, { Key: { Type: 'AWS::KMS::Key', Properties: {} } }) },
  terraform: { resource: 'aws_sns_topic.alerts', fail: tf(''), pass: tf('  kms_master_key_id = "alias/aws/sns"\n'), unknown: tf('  kms_master_key_id = var.mode\n') },
});

const cfnPolicy = (statement: string) => `  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - !Ref Topic
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statement}`;

const OPEN_YAML = `          - Sid: Anyone
            Effect: Allow
            Principal: "*"
            Action: sns:Publish
            Resource: !Ref Topic
`;
const PINNED_YAML = `          - Sid: BucketEvents
            Effect: Allow
            Principal: { AWS: "*" }
            Action: sns:Publish
            Resource: !Ref Topic
            Condition:
              ArnLike:
                aws:SourceArn: arn:aws:s3:::uploads
`;

const jsonPolicy = (statement: object) => ({
  TopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'Topic' }], PolicyDocument: { Version: '2012-10-17', Statement: [statement] } } },
});

const tfPolicy = (policy: string) => `
resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = ${policy}
}
`;

describeRule('sns-topic-policy-not-public', {
  yaml: {
    resource: 'TopicPolicy',
    fail: cfn('', cfnPolicy(OPEN_YAML)),
    pass: cfn('', cfnPolicy(PINNED_YAML)),
    unknown: cfn('', cfnPolicy(`          - Effect: Allow\n            Principal: !Ref Mode\n            Action: sns:Publish\n            Resource: "*"\n`)),
    noFix: true,
  },
  json: {
    resource: 'TopicPolicy',
    fail: json({}, jsonPolicy({ Effect: 'Allow', Principal: { AWS: ['111122223333', '*'] }, Action: 'sns:Subscribe', Resource: '*' })),
    pass: json({}, jsonPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sns:Publish', Resource: '*' })),
    noFix: true,
  },
  terraform: {
    resource: 'aws_sns_topic_policy.alerts',
    fail: tf('', tfPolicy(`jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.alerts.arn
    }]
  })`)),
    pass: tf('', tfPolicy(`jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.alerts.arn
      Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
    }]
  })`)),
    unknown: tf('', tfPolicy('file("policy.json")')),
    noFix: true,
  },
});

// The inline policy attribute of the topic itself, as a heredoc with an interpolation.
describeRule('sns-topic-policy-not-public', {
  terraform: {
    resource: 'aws_sns_topic.alerts',
    fail: tf(`  policy = <<-EOT
    {
      "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "SNS:Subscribe", "Resource": "\${var.mode}" }]
    }
  EOT
`),
    pass: tf(''),
    noFix: true,
  },
});

before(() => initTerraformParser());

test('a public statement is reported with its own range, one verdict per statement', () => {
  const text = cfn('', cfnPolicy(`${PINNED_YAML}${OPEN_YAML}${OPEN_YAML.replace('Anyone', 'Again')}`));
  const v = verdicts({ 'template.yaml': text }, 'sns-topic-policy-not-public', 'TopicPolicy');
  const gaps = v.filter((x) => x.status === 'gap');
  assert.equal(gaps.length, 2);
  assert.ok(gaps.every((g) => g.status === 'gap' && g.message.includes('Statement "A')));
  const lines = gaps.map((g) => (g.status === 'gap' ? g.range.start.line : -1));
  assert.notEqual(lines[0], lines[1], 'each statement points at itself');
});

test('Deny statements, negated conditions and NotPrincipal are judged as written', () => {
  const deny = cfn('', cfnPolicy(`          - Effect: Deny\n            Principal: "*"\n            Action: sns:*\n            Resource: "*"\n`));
  assert.ok(verdicts({ 'template.yaml': deny }, 'sns-topic-policy-not-public', 'TopicPolicy').some((x) => x.status === 'met'));
  const negated = cfn('', cfnPolicy(`          - Effect: Allow\n            Principal: "*"\n            Action: sns:Publish\n            Resource: "*"\n            Condition:\n              StringNotEquals:\n                aws:SourceAccount: "111122223333"\n`));
  assert.ok(verdicts({ 'template.yaml': negated }, 'sns-topic-policy-not-public', 'TopicPolicy').some((x) => x.status === 'gap'));
  const wildcardCondition = cfn('', cfnPolicy(`          - Effect: Allow\n            Principal: "*"\n            Action: sns:Publish\n            Resource: "*"\n            Condition:\n              ArnLike:\n                aws:SourceArn: "arn:aws:s3:::*"\n`));
  assert.ok(verdicts({ 'template.yaml': wildcardCondition }, 'sns-topic-policy-not-public', 'TopicPolicy').some((x) => x.status === 'gap'));
  const notPrincipal = cfn('', cfnPolicy(`          - Effect: Allow\n            NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }\n            Action: sns:Publish\n            Resource: "*"\n`));
  assert.ok(verdicts({ 'template.yaml': notPrincipal }, 'sns-topic-policy-not-public', 'TopicPolicy').some((x) => x.status === 'gap'));
});

test('an aws_iam_policy_document data source is read block by block', () => {
  const doc = (principals: string, condition = '') => tf('', `
data "aws_iam_policy_document" "topic" {
  statement {
    actions   = ["sns:Publish"]
    resources = ["*"]
    principals {
${principals}
    }
${condition}  }
}
${tfPolicy('data.aws_iam_policy_document.topic.json')}`);
  const open = verdicts({ 'main.tf': doc('      type        = "AWS"\n      identifiers = ["*"]') }, 'sns-topic-policy-not-public', 'aws_sns_topic_policy.alerts');
  assert.ok(open.some((x) => x.status === 'gap' && x.related?.length === 1));
  const pinned = verdicts(
    { 'main.tf': doc('      type        = "*"\n      identifiers = ["*"]', '    condition {\n      test     = "StringEquals"\n      variable = "aws:SourceAccount"\n      values   = ["111122223333"]\n    }\n') },
    'sns-topic-policy-not-public',
    'aws_sns_topic_policy.alerts',
  );
  assert.deepEqual(pinned.map((x) => x.status), ['met']);
  const service = verdicts({ 'main.tf': doc('      type        = "Service"\n      identifiers = ["events.amazonaws.com"]') }, 'sns-topic-policy-not-public', 'aws_sns_topic_policy.alerts');
  assert.deepEqual(service.map((x) => x.status), ['met']);
});

test('principals built at deploy time are specific unless they could be anything', () => {
  const statement = (principal: string) => cfn('', cfnPolicy(`          - Effect: Allow\n            Principal:\n              AWS: ${principal}\n            Action: sns:Publish\n            Resource: "*"\n`));
  const status = (principal: string) => verdicts({ 'template.yaml': statement(principal) }, 'sns-topic-policy-not-public', 'TopicPolicy').map((v) => v.status);
  assert.deepEqual(status('!Sub "arn:aws:iam::${AWS::AccountId}:root"'), ['met']);
  assert.deepEqual(status('!Ref AWS::AccountId'), ['met']);
  assert.deepEqual(status('!Ref Mode'), ['cannot-tell']);
  assert.deepEqual(status('!Sub "${Mode}"'), ['cannot-tell']);
});
