import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (props: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
${props ? `    Properties:\n${props}` : ''}${extra}`;

const json = (props: object, extra: object = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: props }, ...extra } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = "data"
}
${body}`;

describeRule('s3-bucket-versioning', {
  yaml: {
    resource: 'Bucket',
    fail: cfn('      BucketName: data\n'),
    pass: cfn('      VersioningConfiguration:\n        Status: Enabled\n'),
    unknown: cfn('      VersioningConfiguration:\n        Status: !Ref Mode\n'),
  },
  json: {
    resource: 'Bucket',
    fail: json({ VersioningConfiguration: { Status: 'Suspended' } }),
    pass: json({ VersioningConfiguration: { Status: 'Enabled' } }),
    unknown: json({ VersioningConfiguration: { Status: { Ref: 'Mode' } } }),
  },
  terraform: {
    resource: 'aws_s3_bucket.b',
    fail: tf(''),
    pass: tf('resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n'),
    unknown: tf('resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = var.mode\n  }\n}\n'),
  },
});

describeRule('s3-bucket-public-access-block', {
  yaml: {
    resource: 'Bucket',
    fail: cfn('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: false\n        RestrictPublicBuckets: true\n'),
    pass: cfn('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n'),
    unknown: cfn('      PublicAccessBlockConfiguration:\n        BlockPublicAcls: !Ref Mode\n'),
  },
  json: {
    resource: 'Bucket',
    fail: json({ PublicAccessBlockConfiguration: { BlockPublicPolicy: false } }),
    pass: json({}),
  },
  terraform: {
    resource: 'aws_s3_bucket.b',
    fail: tf('resource "aws_s3_bucket_public_access_block" "b" {\n  bucket              = aws_s3_bucket.b.id\n  block_public_acls   = false\n  block_public_policy = true\n}\n'),
    pass: tf('resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = aws_s3_bucket.b.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n'),
    unknown: tf('resource "aws_s3_bucket_public_access_block" "b" {\n  bucket            = aws_s3_bucket.b.id\n  block_public_acls = var.mode\n}\n'),
  },
});

describeRule('s3-bucket-secure-transport', {
  yaml: {
    resource: 'Bucket',
    fail: cfn('      BucketName: data\n'),
    pass: cfn('      BucketName: data\n', `  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: !Sub "\${Bucket.Arn}/*"
            Condition:
              Bool:
                aws:SecureTransport: false
`),
  },
  json: { resource: 'Bucket', fail: json({}), pass: json({}, { P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } } } }) },
  terraform: {
    resource: 'aws_s3_bucket.b',
    fail: tf(''),
    pass: tf('resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }]\n  })\n}\n'),
    unknown: tf('data "aws_iam_policy_document" "p" {}\nresource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.p.json\n}\n'),
  },
});

describeRule('s3-bucket-no-public-acl', {
  yaml: { resource: 'Bucket', fail: cfn('      AccessControl: PublicRead\n'), pass: cfn('      AccessControl: Private\n'), unknown: cfn('      AccessControl: !Ref Mode\n') },
  json: { resource: 'Bucket', fail: json({ AccessControl: 'PublicReadWrite' }), pass: json({}) },
  terraform: {
    resource: 'aws_s3_bucket.b',
    fail: tf('resource "aws_s3_bucket_acl" "b" {\n  bucket = aws_s3_bucket.b.id\n  acl    = "public-read"\n}\n'),
    pass: tf('resource "aws_s3_bucket_acl" "b" {\n  bucket = aws_s3_bucket.b.id\n  acl    = "private"\n}\n'),
    unknown: tf('resource "aws_s3_bucket_acl" "b" {\n  bucket = aws_s3_bucket.b.id\n  acl    = var.mode\n}\n'),
  },
});

describeRule('s3-bucket-acls-disabled', {
  yaml: {
    resource: 'Bucket',
    fail: cfn('      OwnershipControls:\n        Rules:\n          - ObjectOwnership: ObjectWriter\n'),
    pass: cfn('      OwnershipControls:\n        Rules:\n          - ObjectOwnership: BucketOwnerEnforced\n'),
    unknown: cfn('      OwnershipControls:\n        Rules:\n          - ObjectOwnership: !Ref Mode\n'),
  },
  json: { resource: 'Bucket', fail: json({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }), pass: json({}) },
  terraform: {
    resource: 'aws_s3_bucket.b',
    fail: tf('resource "aws_s3_bucket_ownership_controls" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    object_ownership = "ObjectWriter"\n  }\n}\n'),
    pass: tf(''),
    unknown: tf('resource "aws_s3_bucket_ownership_controls" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    object_ownership = var.mode\n  }\n}\n'),
  },
});

describeRule('s3-bucket-access-logging', {
  yaml: { resource: 'Bucket', fail: cfn('      BucketName: data\n'), pass: cfn('      LoggingConfiguration:\n        DestinationBucketName: logs\n'), noFix: true },
  json: { resource: 'Bucket', fail: json({}), pass: json({ LoggingConfiguration: { DestinationBucketName: 'logs' } }), noFix: true },
  terraform: {
    resource: 'aws_s3_bucket.b',
    fail: tf(''),
    pass: tf('resource "aws_s3_bucket_logging" "b" {\n  bucket        = aws_s3_bucket.b.id\n  target_bucket = "logs"\n  target_prefix = "b/"\n}\n'),
    noFix: true,
  },
});

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

const GRANT_FAIL = `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  grant {\n    type        = "Group"\n    uri         = "${ALL_USERS}"\n    permissions = ["READ"]\n  }\n}\n`;
const GRANT_PASS = `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  grant {\n    id          = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"\n    type        = "CanonicalUser"\n    permissions = ["FULL_CONTROL"]\n  }\n}\n`;
const GRANT_UNKNOWN = `variable "grantee" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  grant {\n    type        = "Group"\n    uri         = var.grantee\n    permissions = ["READ"]\n  }\n}\n`;

describe('s3-bucket-no-public-acl: explicit grants', () => {
  before(() => initTerraformParser());
  test('terraform: an inline grant to AllUsers is a gap without a fix; a canonical user grant is not; a grantee from a variable cannot tell', () => {
    const fail = verdicts({ 'main.tf': GRANT_FAIL }, 's3-bucket-no-public-acl', 'aws_s3_bucket.b');
    assert.equal(fail[0].status, 'gap');
    assert.deepEqual(fail[0].status === 'gap' ? fail[0].fixes ?? [] : ['?'], []);
    assert.deepEqual(verdicts({ 'main.tf': GRANT_PASS }, 's3-bucket-no-public-acl', 'aws_s3_bucket.b').map((v) => v.status), ['met']);
    assert.deepEqual(verdicts({ 'main.tf': GRANT_UNKNOWN }, 's3-bucket-no-public-acl', 'aws_s3_bucket.b').map((v) => v.status), ['cannot-tell']);
  });
  test('terraform: an aws_s3_bucket_acl grant to AuthenticatedUsers is public, and the finding names the bucket', () => {
    const text = `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nresource "aws_s3_bucket_acl" "acl" {\n  bucket = aws_s3_bucket.b.id\n\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"\n      }\n      permission = "READ"\n    }\n\n    owner {\n      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"\n    }\n  }\n}\n`;
    const v = verdicts({ 'main.tf': text }, 's3-bucket-no-public-acl', 'aws_s3_bucket.b');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /AuthenticatedUsers group READ access/);
  });
});

describe('s3-bucket-kms-encryption: the inline server_side_encryption_configuration block', () => {
  before(() => initTerraformParser());
  const bucket = (algorithm: string) => `variable "alg" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = ${algorithm}\n      }\n    }\n  }\n}\n`;
  test('aws:kms in the inline block is met', () => {
    assert.deepEqual(verdicts({ 'main.tf': bucket('"aws:kms"') }, 's3-bucket-kms-encryption', 'aws_s3_bucket.b').map((v) => v.status), ['met']);
  });
  test('AES256 in the inline block is a gap with a fix in place', () => {
    const v = verdicts({ 'main.tf': bucket('"AES256"') }, 's3-bucket-kms-encryption', 'aws_s3_bucket.b');
    assert.equal(v[0].status, 'gap');
    assert.equal(v[0].status === 'gap' ? v[0].fixes?.[0]?.edits[0].newText : '', '"aws:kms"');
  });
  test('an algorithm from a variable without default cannot tell, not SSE-S3', () => {
    assert.deepEqual(verdicts({ 'main.tf': bucket('var.alg') }, 's3-bucket-kms-encryption', 'aws_s3_bucket.b').map((v) => v.status), ['cannot-tell']);
  });
});

describe('s3-bucket-no-public-acl: an aws_s3_bucket_acl whose bucket is outside the module', () => {
  before(() => initTerraformParser());
  test('a grant to AllUsers is judged on the ACL itself', () => {
    const text = `resource "aws_s3_bucket_acl" "acl" {\n  bucket = "shared-bucket"\n\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "${ALL_USERS}"\n      }\n      permission = "READ"\n    }\n\n    owner {\n      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"\n    }\n  }\n}\n`;
    const v = verdicts({ 'main.tf': text }, 's3-bucket-no-public-acl', 'aws_s3_bucket_acl.acl');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /AllUsers group READ access.*bucket "shared-bucket"/);
  });
});
