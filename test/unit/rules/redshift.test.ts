import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
${props}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Warehouse: { Type: 'AWS::Redshift::Cluster', Properties: { NodeType: 'ra3.xlplus', ...props } } } }, null, 2);

const provider = (version: string) => `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${version}"
    }
  }
}

`;

const tf = (body: string, head = '') => `${head}variable "mode" {
  type = bool
}

resource "aws_redshift_cluster" "w" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
${body}}
`;

describeRule('redshift-cluster-encrypted', {
  yaml: { resource: 'Warehouse', fail: cfn('      Encrypted: false\n'), pass: cfn('      DBName: sales\n'), unknown: cfn('      Encrypted: !Ref Mode\n') },
  json: { resource: 'Warehouse', fail: json({ Encrypted: 'false' }), pass: json({ Encrypted: true }) },
  terraform: { resource: 'aws_redshift_cluster.w', fail: tf('  encrypted = false\n'), pass: tf(''), unknown: tf('  encrypted = var.mode\n') },
});

describeRule('redshift-cluster-not-public', {
  yaml: { resource: 'Warehouse', fail: cfn('      PubliclyAccessible: true\n'), pass: cfn('      DBName: sales\n'), unknown: cfn('      PubliclyAccessible: !Ref Mode\n') },
  json: { resource: 'Warehouse', fail: json({ PubliclyAccessible: true }), pass: json({ PubliclyAccessible: false }) },
  terraform: { resource: 'aws_redshift_cluster.w', fail: tf('', provider('~> 5.0')), pass: tf('', provider('>= 6.0')), unknown: tf('') },
});

describe('redshift-cluster-not-public reads the AWS provider version', () => {
  before(() => initTerraformParser());
  const status = (version: string) => verdicts({ 'main.tf': tf('', provider(version)) }, 'redshift-cluster-not-public', 'aws_redshift_cluster.w').map((v) => v.status);
  for (const [version, expected] of [
    ['~> 5.80', 'gap'],
    ['>= 4.0, < 6.0', 'gap'],
    ['5.99.1', 'gap'],
    ['~> 6.2', 'aws-default'],
    ['>= 5.0', 'cannot-tell'],
    ['~> 5', 'cannot-tell'],
  ] as const) {
    test(`${version} → ${expected}`, () => assert.deepEqual(status(version), [expected]));
  }
  test('an explicit publicly_accessible = true is a gap whatever the provider', () => {
    assert.deepEqual(verdicts({ 'main.tf': tf('  publicly_accessible = true\n', provider('~> 6.0')) }, 'redshift-cluster-not-public', 'aws_redshift_cluster.w').map((v) => v.status), ['gap']);
  });
});
