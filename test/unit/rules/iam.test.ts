import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { actionPatternMatches, readPolicy } from '../../../server/src/rules/iam';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

const cfn = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Conditions:
  Strict: !Equals [!Ref Mode, strict]
Resources:
${resources}`;

/** One AWS::IAM::ManagedPolicy named Policy with the given statement lines (indented for Statement items). */
const managed = (statement: string) =>
  cfn(`  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statement}`);

const json = (resources: object) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: resources }, null, 2);
const jsonRole = (policies: object[], extra: object = {}) =>
  json({
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: policies.map((statement, i) => ({ PolicyName: `p${i}`, PolicyDocument: { Version: '2012-10-17', Statement: [statement] } })),
        ...extra,
      },
    },
  });

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = "data"
}
${body}`;

const tfPolicy = (statement: string) => tf(`resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${statement}]
  })
}
`);

describeRule('iam-policy-no-full-admin', {
  yaml: {
    resource: 'Policy',
    fail: managed('          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n'),
    pass: managed('          - Effect: Allow\n            Action: s3:GetObject\n            Resource: "*"\n'),
    unknown: managed('          - Effect: Allow\n            Action: !Ref Mode\n            Resource: "*"\n'),
    noFix: true,
  },
  json: {
    resource: 'Role',
    fail: jsonRole([{ Effect: 'Allow', Action: ['*'], Resource: '*' }]),
    pass: jsonRole([{ Effect: 'Allow', Action: ['*'], Resource: { 'Fn::GetAtt': ['Role', 'Arn'] } }]),
    unknown: jsonRole([{ 'Fn::If': ['Strict', { Effect: 'Deny', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }] }]),
    noFix: true,
  },
  terraform: {
    resource: 'aws_iam_policy.p',
    fail: tfPolicy('{ Effect = "Allow", Action = "*", Resource = "*" }'),
    pass: tfPolicy('{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "${aws_s3_bucket.b.arn}/*" }'),
    unknown: tfPolicy('{ Effect = "Allow", Action = "*", Resource = var.mode }'),
    noFix: true,
  },
});

describeRule('iam-policy-no-passrole-wildcard', {
  yaml: {
    resource: 'Policy',
    fail: managed('          - Effect: Allow\n            Action: iam:PassRole\n            Resource: "*"\n'),
    pass: managed('          - Effect: Allow\n            Action: iam:PassRole\n            Resource: !Sub "arn:aws:iam::${AWS::AccountId}:role/app-*"\n'),
    unknown: managed('          - Effect: Allow\n            Action: iam:PassRole\n            Resource: !Ref Mode\n'),
    noFix: true,
  },
  json: {
    resource: 'Role',
    fail: jsonRole([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]),
    pass: jsonRole([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }]),
    noFix: true,
  },
  terraform: {
    resource: 'aws_iam_policy.p',
    fail: tf(`data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
`),
    pass: tf(`data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
`),
    unknown: tf(`data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [var.mode]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
`),
    noFix: true,
  },
});

const heredocPolicy = (statement: string) =>
  tf(`resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [${statement}]
    }
  EOT
}
`);

describeRule('iam-policy-no-kms-decrypt-all-keys', {
  yaml: {
    resource: 'Policy',
    fail: managed('          - Effect: Allow\n            Action: [kms:Decrypt, kms:GenerateDataKey]\n            Resource: "*"\n'),
    pass: managed('          - Effect: Allow\n            Action: kms:Decrypt\n            Resource: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n'),
    unknown: managed('          - Effect: Allow\n            Action: kms:Decrypt\n            Resource: !Ref Mode\n'),
    noFix: true,
  },
  json: {
    resource: 'Role',
    fail: jsonRole([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }]),
    pass: jsonRole([{ Effect: 'Allow', NotAction: 'kms:*', Resource: '*' }]),
    noFix: true,
  },
  terraform: {
    resource: 'aws_iam_role_policy.p',
    fail: heredocPolicy('{ "Effect": "Allow", "Action": "kms:ReEncrypt*", "Resource": "*" }'),
    pass: heredocPolicy('{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${aws_s3_bucket.b.arn}" }'),
    unknown: heredocPolicy('{ "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "${var.mode}" }'),
    noFix: true,
  },
});

const tfRole = (inline: string, trust = '{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }') =>
  tf(`resource "aws_iam_role" "r" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [${trust}]
  })
${inline}}
`);

describeRule('iam-policy-no-service-wildcard-actions', {
  yaml: {
    resource: 'Policy',
    fail: managed('          - Effect: Allow\n            Action: ["s3:*", "logs:CreateLogGroup"]\n            Resource: "*"\n'),
    pass: managed('          - Effect: Allow\n            Action: ["s3:Get*", "logs:CreateLogGroup"]\n            Resource: "*"\n'),
    unknown: managed('          - Effect: Allow\n            Action: !Ref Mode\n            Resource: "*"\n'),
    noFix: true,
  },
  json: {
    resource: 'Role',
    fail: jsonRole([{ Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/orders' }]),
    pass: jsonRole([{ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }]),
    noFix: true,
  },
  terraform: {
    resource: 'aws_iam_role.r',
    fail: tfRole(`  inline_policy {
    name   = "data"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = aws_s3_bucket.b.arn }] })
  }
`),
    pass: tfRole(`  inline_policy {
    name   = "data"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = aws_s3_bucket.b.arn }] })
  }
`),
    unknown: tfRole(`  inline_policy {
    name   = "data"
    policy = var.mode
  }
`),
    noFix: true,
  },
});

const cfnRole = (trust: string) =>
  cfn(`  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
${trust}`);

describeRule('iam-role-trust-no-public-principal', {
  yaml: {
    resource: 'Role',
    fail: cfnRole('          - Effect: Allow\n            Principal: "*"\n            Action: sts:AssumeRole\n'),
    pass: cfnRole('          - Effect: Allow\n            Principal:\n              Service: lambda.amazonaws.com\n            Action: sts:AssumeRole\n'),
    unknown: cfnRole('          - Effect: Allow\n            Principal:\n              AWS: !Ref Mode\n            Action: sts:AssumeRole\n'),
    noFix: true,
  },
  json: {
    resource: 'Role',
    fail: json({ Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' } } } } }),
    pass: json({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] },
        },
      },
    }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_iam_role.r',
    fail: tfRole('', '{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }'),
    pass: tfRole(''),
    unknown: tfRole('', '{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.mode } }'),
    noFix: true,
  },
});

describeRule('iam-user-no-inline-policies', {
  yaml: {
    resource: 'User',
    fail: cfn(`  User:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: "*"
`),
    pass: cfn(`  User:
    Type: AWS::IAM::User
    Properties:
      Groups: [developers]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
`),
    unknown: cfn(`  User:
    Type: AWS::IAM::User
    Properties:
      Policies: !If [Strict, [], [{ PolicyName: read, PolicyDocument: { Statement: [] } }]]
`),
    noFix: true,
  },
  json: {
    resource: 'User',
    fail: json({
      User: { Type: 'AWS::IAM::User', Properties: {} },
      Inline: { Type: 'AWS::IAM::UserPolicy', Properties: { UserName: { Ref: 'User' }, PolicyName: 'read', PolicyDocument: { Statement: [] } } },
    }),
    pass: json({ User: { Type: 'AWS::IAM::User', Properties: { Groups: ['developers'] } } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_iam_user.u',
    fail: tf(`resource "aws_iam_user" "u" {
  name = "alice"
}

resource "aws_iam_user_policy" "read" {
  user   = aws_iam_user.u.name
  policy = jsonencode({ Statement = [] })
}
`),
    pass: tf(`resource "aws_iam_user" "u" {
  name = "alice"
}

resource "aws_iam_user_group_membership" "m" {
  user   = aws_iam_user.u.name
  groups = ["developers"]
}
`),
    noFix: true,
  },
});

describe('IAM policy reader and edge cases', () => {
  before(() => initTerraformParser());

  test('jsonencode statements keep their own ranges', () => {
    const text = tfPolicy('{ Effect = "Allow", Action = "*", Resource = "*" }');
    const finding = analyse({ 'main.tf': text }).findings.find((f) => f.ruleId === 'iam-policy-no-full-admin');
    assert.ok(finding);
    const line = text.split('\n')[finding.range.start.line];
    assert.equal(line.slice(finding.range.start.character, finding.range.end.character), 'Action');
  });

  test('a heredoc with an interpolated resource ARN is not a wildcard', () => {
    const v = verdicts({ 'main.tf': heredocPolicy('{ "Effect": "Allow", "Action": "*", "Resource": "${aws_s3_bucket.b.arn}/*" }') }, 'iam-policy-no-full-admin', 'aws_iam_role_policy.p');
    assert.deepEqual(v.map((x) => x.status), ['met']);
  });

  test('a policy written as a JSON string in CloudFormation is read', () => {
    const doc = json({ P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } } });
    assert.ok(verdicts({ 'template.json': doc }, 'iam-policy-no-full-admin', 'P').some((v) => v.status === 'gap'));
  });

  test('AdministratorAccess attached by ARN is full admin', () => {
    const yaml = cfn(`  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
`);
    assert.ok(verdicts({ 'template.yaml': yaml }, 'iam-policy-no-full-admin', 'Role').some((v) => v.status === 'gap'));
    const attachment = tf(`resource "aws_iam_role_policy_attachment" "admin" {
  role       = "deployer"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`);
    assert.ok(verdicts({ 'main.tf': attachment }, 'iam-policy-no-full-admin', 'aws_iam_role_policy_attachment.admin').some((v) => v.status === 'gap'));
  });

  test('override documents make a data source undecidable, never a finding', () => {
    const text = tf(`data "aws_iam_policy_document" "p" {
  override_policy_documents = [var.mode]
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.p.json
}
`);
    assert.deepEqual(verdicts({ 'main.tf': text }, 'iam-policy-no-full-admin', 'aws_iam_policy.p').map((v) => v.status), ['cannot-tell']);
  });

  test('data source principals and source documents are read', () => {
    const text = tf(`data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

data "aws_iam_policy_document" "trust" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
}

resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`);
    const { model } = analyse({ 'main.tf': text });
    const role = model.resource('aws_iam_role.r');
    assert.ok(role);
    const reading = readPolicy({ model }, role.body.entries[0].value, role.uri);
    assert.equal(reading.status, 'read');
    assert.deepEqual(reading.status === 'read' && reading.document.statements[0].principal.entries, [{ type: 'AWS', id: '*' }]);
    const v = verdicts({ 'main.tf': text }, 'iam-role-trust-no-public-principal', 'aws_iam_role.r');
    assert.equal(v[0].status, 'gap');
    assert.equal(v[0].status === 'gap' && v[0].related?.[0].message, 'the statement in data.aws_iam_policy_document.base');
  });

  test('a Deny statement or NotAction that excludes iam:PassRole is not PassRole on "*"', () => {
    const deny = managed('          - Effect: Deny\n            Action: iam:PassRole\n            Resource: "*"\n');
    assert.deepEqual(verdicts({ 'template.yaml': deny }, 'iam-policy-no-passrole-wildcard', 'Policy').map((v) => v.status), ['met']);
    const notAction = managed('          - Effect: Allow\n            NotAction: iam:*\n            Resource: "*"\n');
    assert.deepEqual(verdicts({ 'template.yaml': notAction }, 'iam-policy-no-passrole-wildcard', 'Policy').map((v) => v.status), ['met']);
    const notS3 = managed('          - Effect: Allow\n            NotAction: s3:*\n            Resource: "*"\n');
    assert.deepEqual(verdicts({ 'template.yaml': notS3 }, 'iam-policy-no-passrole-wildcard', 'Policy').map((v) => v.status), ['gap']);
  });

  test('full-admin statements are reported once, by the admin rule', () => {
    const found = analyse({ 'template.yaml': managed('          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n') }).findings.map((f) => f.ruleId);
    assert.deepEqual(found, ['iam-policy-no-full-admin']);
  });

  test('one finding per offending statement', () => {
    const text = managed('          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n          - Effect: Allow\n            Action: "*:*"\n            Resource: ["*"]\n');
    assert.equal(analyse({ 'template.yaml': text }).findings.filter((f) => f.ruleId === 'iam-policy-no-full-admin').length, 2);
  });

  test('action patterns match like IAM', () => {
    assert.ok(actionPatternMatches('iam:Pass*', 'iam:PassRole'));
    assert.ok(actionPatternMatches('IAM:passrole', 'iam:PassRole'));
    assert.ok(!actionPatternMatches('iam:Get*', 'iam:PassRole'));
    assert.ok(actionPatternMatches('kms:ReEncrypt*', 'kms:ReEncryptFrom'));
  });

  test('SAM function policies: managed names, documents and templates', () => {
    const sam = (policies: string) =>
      cfn(`  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.13
      CodeUri: src/
      Policies:
${policies}`);
    assert.deepEqual(verdicts({ 'template.yaml': sam('        - AdministratorAccess\n') }, 'iam-policy-no-full-admin', 'Fn').map((v) => v.status), ['gap']);
    assert.deepEqual(verdicts({ 'template.yaml': sam('        - S3ReadPolicy:\n            BucketName: data\n        - AWSLambdaBasicExecutionRole\n') }, 'iam-policy-no-full-admin', 'Fn').map((v) => v.status), ['met']);
    const document = sam('        - Statement:\n            - Effect: Allow\n              Action: dynamodb:*\n              Resource: "*"\n');
    assert.deepEqual(verdicts({ 'template.yaml': document }, 'iam-policy-no-service-wildcard-actions', 'Fn').map((v) => v.status), ['gap']);
  });

  test('statements chosen by a condition are never a certain finding', () => {
    const text = managed('          - !If\n            - Strict\n            - { Effect: Allow, Action: "*", Resource: "*" }\n            - !Ref AWS::NoValue\n');
    const v = verdicts({ 'template.yaml': text }, 'iam-policy-no-full-admin', 'Policy');
    assert.deepEqual(v.map((x) => x.status), ['cannot-tell']);
    assert.match(v[0].status === 'cannot-tell' ? v[0].reason : '', /when Strict is true/);
    const both = managed('          - !If\n            - Strict\n            - { Effect: Allow, Action: "s3:GetObject", Resource: "*" }\n            - { Effect: Deny, Action: "*", Resource: "*" }\n');
    assert.deepEqual(verdicts({ 'template.yaml': both }, 'iam-policy-no-full-admin', 'Policy').map((x) => x.status), ['met']);
  });

  test('a user policy for a user outside the template is reported on the policy', () => {
    const text = tf(`resource "aws_iam_user_policy" "p" {
  user   = "bob"
  policy = jsonencode({ Statement = [] })
}
`);
    assert.deepEqual(verdicts({ 'main.tf': text }, 'iam-user-no-inline-policies', 'aws_iam_user_policy.p').map((v) => v.status), ['gap']);
  });
});
