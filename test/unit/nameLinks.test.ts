import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../server/src/parse';
import { analyse } from '../ruleHarness';

/** `from -> to` for every link a resource has, `(by name X)` when the link is by name. */
function links(files: Record<string, string>, from: string): string[] {
  const { model } = analyse(files);
  const resource = model.resource(from);
  assert.ok(resource, `no resource ${from}`);
  return model.referencesFrom(resource).map((r) => `${r.property}->${r.to.id}${r.byName !== undefined ? ` (by name ${r.byName})` : ''}`);
}

function findings(files: Record<string, string>, ruleId: string): string[] {
  return analyse(files).findings.filter((f) => f.ruleId === ruleId).map((f) => f.key);
}

const VARIABLES = `variable "bucket_name" {
  default = "acme-logs"
}
variable "prefix" {
  type = string
}
locals {
  logs  = "acme-logs"
  sg_id = aws_security_group.web.id
}
`;

describe('companions linked by name: Terraform', () => {
  before(() => initTerraformParser());

  test('a literal, a variable default or a local that spells the bucket\'s name links the companion', () => {
    const main = `resource "aws_s3_bucket" "logs" {
  bucket = var.bucket_name
}
resource "aws_s3_bucket_versioning" "literal" {
  bucket = "acme-logs"
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_public_access_block" "local" {
  bucket                  = local.logs
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_logging" "other" {
  bucket        = "someone-elses-bucket"
  target_bucket = "acme-logs"
}
`;
    const files = { 'main.tf': main, 'variables.tf': VARIABLES };
    assert.deepEqual(links(files, 'aws_s3_bucket_versioning.literal'), ['bucket->aws_s3_bucket.logs (by name acme-logs)']);
    assert.deepEqual(links(files, 'aws_s3_bucket_public_access_block.local'), ['bucket->aws_s3_bucket.logs (by name acme-logs)']);
    assert.deepEqual(links(files, 'aws_s3_bucket_logging.other'), [], 'a different name is a different bucket, and target_bucket is not the subject');
    // The linked companions count for the bucket: versioning is on, public access is not fully blocked.
    assert.deepEqual(findings(files, 's3-bucket-versioning'), []);
    assert.deepEqual(findings(files, 's3-bucket-public-access-block'), ['s3-bucket-public-access-block@aws_s3_bucket.logs']);
  });

  test('the same unresolved text links too: both spell "${var.prefix}-logs"', () => {
    const main = `resource "aws_s3_bucket" "logs" {
  bucket = "\${var.prefix}-logs"
}
resource "aws_s3_bucket_policy" "logs" {
  bucket = "\${var.prefix}-logs"
  policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
}
resource "aws_s3_bucket_versioning" "other" {
  bucket = "\${var.prefix}-data"
  versioning_configuration {
    status = "Enabled"
  }
}
`;
    const files = { 'main.tf': main, 'variables.tf': VARIABLES };
    assert.deepEqual(links(files, 'aws_s3_bucket_policy.logs'), ['bucket->aws_s3_bucket.logs (by name ${var.prefix}-logs)']);
    assert.deepEqual(links(files, 'aws_s3_bucket_versioning.other'), []);
    assert.deepEqual(findings(files, 's3-bucket-secure-transport'), []);
  });

  test('a local that resolves to a security group links its rules; a reference is never doubled by a name', () => {
    const main = `resource "aws_security_group" "web" {
  name = "web"
}
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = local.sg_id
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "private"
}
`;
    const files = { 'main.tf': main, 'variables.tf': VARIABLES };
    assert.deepEqual(links(files, 'aws_vpc_security_group_ingress_rule.ssh'), ['security_group_id->aws_security_group.web']);
    assert.deepEqual(links(files, 'aws_s3_bucket_acl.logs'), ['bucket->aws_s3_bucket.logs']);
  });

  test('a logging resource belongs to the bucket its bucket names, not to the bucket its target_bucket refers to', () => {
    const main = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
resource "aws_s3_bucket_logging" "data" {
  bucket        = "acme-data"
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}
`;
    const files = { 'main.tf': main };
    assert.deepEqual(links(files, 'aws_s3_bucket_logging.data'), ['target_bucket->aws_s3_bucket.logs', 'bucket->aws_s3_bucket.data (by name acme-data)']);
    assert.deepEqual(findings(files, 's3-bucket-access-logging'), ['s3-bucket-access-logging@aws_s3_bucket.logs']);
  });

  test('an inline user policy that names its user is reported once, on the user', () => {
    const main = `resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_user_policy" "ci" {
  user   = "ci"
  policy = "{}"
}
resource "aws_iam_user_policy" "elsewhere" {
  user   = "someone-else"
  policy = "{}"
}
`;
    assert.deepEqual(findings({ 'main.tf': main }, 'iam-user-no-inline-policies').sort(), ['iam-user-no-inline-policies@aws_iam_user.ci', 'iam-user-no-inline-policies@aws_iam_user_policy.elsewhere']);
  });

  test('a public access block whose bucket is not in the module is its own subject', () => {
    const block = (value: string) => `resource "aws_s3_bucket_public_access_block" "legacy" {
  bucket                  = "legacy-uploads"
  block_public_acls       = ${value}
  block_public_policy     = ${value}
  ignore_public_acls      = ${value}
  restrict_public_buckets = ${value}
}
`;
    const open = analyse({ 'main.tf': block('false') }).findings.filter((f) => f.ruleId === 's3-bucket-public-access-block');
    assert.equal(open.length, 1);
    assert.equal(open[0].key, 's3-bucket-public-access-block@aws_s3_bucket_public_access_block.legacy');
    assert.match(open[0].message, /for bucket "legacy-uploads", which is not declared in this module\.$/);
    assert.equal(open[0].fixes.length, 1, 'the fix turns the settings on in the block itself');
    assert.deepEqual(findings({ 'main.tf': block('true') }, 's3-bucket-public-access-block'), []);
    // With its bucket in the module, the block is judged with the bucket, not twice.
    const withBucket = { 'main.tf': `resource "aws_s3_bucket" "legacy" {\n  bucket = "legacy-uploads"\n}\n${block('false')}` };
    assert.deepEqual(findings(withBucket, 's3-bucket-public-access-block'), ['s3-bucket-public-access-block@aws_s3_bucket.legacy']);
  });
});

describe('bucket settings resources whose bucket is elsewhere', () => {
  before(() => initTerraformParser());

  test('a public ACL, suspended versioning and ACL-enabling ownership controls on an outside bucket are findings on those resources', () => {
    const main = `resource "aws_s3_bucket_acl" "legacy" {
  bucket = "legacy-uploads"
  acl    = "public-read"
}
resource "aws_s3_bucket_versioning" "legacy" {
  bucket = "legacy-uploads"
  versioning_configuration {
    status = "Suspended"
  }
}
resource "aws_s3_bucket_ownership_controls" "legacy" {
  bucket = var.legacy
  rule {
    object_ownership = "ObjectWriter"
  }
}
variable "legacy" {
  type = string
}
`;
    const { findings: all } = analyse({ 'main.tf': main });
    const on = (rule: string) => all.filter((f) => f.ruleId === rule).map((f) => `${f.key} | ${f.message}`);
    assert.deepEqual(on('s3-bucket-no-public-acl'), ['s3-bucket-no-public-acl@aws_s3_bucket_acl.legacy | The ACL grants public access for bucket "legacy-uploads", which is not declared in this module.']);
    assert.deepEqual(on('s3-bucket-versioning'), ['s3-bucket-versioning@aws_s3_bucket_versioning.legacy | Versioning is not enabled for bucket "legacy-uploads", which is not declared in this module.']);
    assert.deepEqual(on('s3-bucket-acls-disabled'), ['s3-bucket-acls-disabled@aws_s3_bucket_ownership_controls.legacy | ACLs are enabled: aws_s3_bucket_ownership_controls.legacy does not set BucketOwnerEnforced for its bucket, which is not declared in this module.']);
  });

  test('the same resources with their bucket in the module are judged once, on the bucket', () => {
    const main = `resource "aws_s3_bucket" "b" {
  bucket = "legacy-uploads"
}
resource "aws_s3_bucket_acl" "b" {
  bucket = "legacy-uploads"
  acl    = "public-read"
}
resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Suspended"
  }
}
`;
    const keys = analyse({ 'main.tf': main }).findings.filter((f) => ['s3-bucket-no-public-acl', 's3-bucket-versioning'].includes(f.ruleId)).map((f) => f.key).sort();
    assert.deepEqual(keys, ['s3-bucket-no-public-acl@aws_s3_bucket.b', 's3-bucket-versioning@aws_s3_bucket.b']);
  });
});

describe('companions linked by name: CloudFormation', () => {
  const DENY_HTTP = `        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource:
              - !Sub arn:\${AWS::Partition}:s3:::\${AppName}-logs-\${AWS::AccountId}/*
            Condition:
              Bool:
                aws:SecureTransport: false
`;

  test('a bucket policy whose Bucket is the same Sub text as the BucketName belongs to that bucket', () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AppName:
    Type: String
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub \${AppName}-logs-\${AWS::AccountId}
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Sub \${AppName}-logs-\${AWS::AccountId}
      PolicyDocument:
${DENY_HTTP}  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub \${AppName}-data-\${AWS::AccountId}
`;
    const files = { 'template.yaml': template };
    assert.deepEqual(links(files, 'LogsPolicy'), ['Bucket->Logs (by name ${AppName}-logs-${AWS::AccountId})']);
    assert.deepEqual(findings(files, 's3-bucket-secure-transport'), ['s3-bucket-secure-transport@Data']);
  });

  test('a literal matches a parameter default; a policy without a matching Bucket is linked by its statement ARNs', () => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Name: { Type: 'String', Default: 'acme-web' }, AppName: { Type: 'String' } },
      Resources: {
        Web: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { Ref: 'Name' } } },
        WebPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'acme-web', PolicyDocument: { Statement: [] } } },
        Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': '${AppName}-logs-${AWS::AccountId}' } } },
        LogsPolicy: {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { 'Fn::ImportValue': 'logs-bucket' },
            PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${AppName}-logs-${AWS::AccountId}/*' }], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
          },
        },
        Unrelated: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'other', PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }] } } },
      },
    };
    const files = { 'template.json': JSON.stringify(template, null, 2) };
    assert.deepEqual(links(files, 'WebPolicy'), ['Bucket->Web (by name acme-web)']);
    assert.deepEqual(links(files, 'LogsPolicy'), ['PolicyDocument->Logs (by name ${AppName}-logs-${AWS::AccountId})']);
    assert.deepEqual(links(files, 'Unrelated'), []);
    assert.deepEqual(findings(files, 's3-bucket-secure-transport'), ['s3-bucket-secure-transport@Web'], 'WebPolicy is Web\'s policy but has no TLS statement; LogsPolicy denies plain HTTP for Logs');
  });

  test('an ingress rule that names its group by GroupName is linked to the group', () => {
    const template = `Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: web
      GroupDescription: web servers
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupName: web
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 10.0.0.0/8
`;
    assert.deepEqual(links({ 'template.yaml': template }, 'Ssh'), ['GroupName->Web (by name web)']);
  });
});
