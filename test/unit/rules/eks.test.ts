import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (vpcExtra: string, props = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      Name: prod
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-a, subnet-b]
${vpcExtra}${props}`;

const json = (vpc: object, props: object = {}) =>
  JSON.stringify(
    { AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'prod', RoleArn: 'arn:aws:iam::111122223333:role/eks', ResourcesVpcConfig: { SubnetIds: ['subnet-a'], ...vpc }, ...props } } } },
    null,
    2,
  );

const tf = (vpcExtra: string, body = '') => `variable "mode" {
  type = string
}

resource "aws_eks_cluster" "prod" {
  name     = "prod"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids = ["subnet-a", "subnet-b"]
${vpcExtra}  }
${body}}
`;

describeRule('eks-cluster-endpoint-not-public', {
  yaml: {
    resource: 'Cluster',
    fail: cfn(''),
    pass: cfn('        EndpointPublicAccess: true\n        PublicAccessCidrs:\n          - 203.0.113.0/24\n'),
    unknown: cfn('        EndpointPublicAccess: !Ref Mode\n'),
  },
  json: {
    resource: 'Cluster',
    fail: json({ EndpointPublicAccess: true, PublicAccessCidrs: ['10.0.0.0/8', '0.0.0.0/0'] }),
    pass: json({ EndpointPublicAccess: false, EndpointPrivateAccess: true }),
    unknown: json({ PublicAccessCidrs: { Ref: 'Mode' } }),
  },
  terraform: {
    resource: 'aws_eks_cluster.prod',
    fail: tf('    endpoint_public_access = true\n'),
    pass: tf('    endpoint_public_access  = false\n    endpoint_private_access = true\n'),
    unknown: tf('    endpoint_public_access = var.mode\n'),
  },
});

describeRule('eks-cluster-secrets-encryption', {
  yaml: {
    resource: 'Cluster',
    fail: cfn('', '      Version: "1.27"\n'),
    pass: cfn('', '      Version: "1.27"\n      EncryptionConfig:\n        - Resources: [secrets]\n          Provider:\n            KeyArn: arn:aws:kms:eu-west-1:111122223333:key/abc\n'),
    unknown: cfn('', '      Version: !Ref Mode\n'),
    noFix: true,
  },
  json: { resource: 'Cluster', fail: json({}, { Version: '1.24' }), pass: json({}, { Version: '1.31' }), noFix: true },
  terraform: {
    resource: 'aws_eks_cluster.prod',
    fail: tf('', '  version = "1.26"\n'),
    pass: tf('', '\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/abc"\n    }\n  }\n'),
    unknown: tf('', '  version = var.mode\n'),
    noFix: true,
  },
});

describeRule('eks-cluster-control-plane-logging', {
  yaml: {
    resource: 'Cluster',
    fail: cfn('', '      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: api\n'),
    pass: cfn('', '      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: api\n            - Type: audit\n            - Type: authenticator\n'),
    unknown: cfn('', '      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: !Ref Mode\n'),
  },
  json: {
    resource: 'Cluster',
    fail: json({}),
    pass: json({}, { Logging: { ClusterLogging: { EnabledTypes: ['api', 'audit', 'authenticator', 'scheduler'].map((Type) => ({ Type })) } } }),
  },
  terraform: {
    resource: 'aws_eks_cluster.prod',
    fail: tf('', '  enabled_cluster_log_types = ["scheduler"]\n'),
    pass: tf('', '  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n'),
    unknown: tf('', '  enabled_cluster_log_types = ["api", var.mode]\n'),
  },
});

before(() => initTerraformParser());

test('a cluster without EncryptionConfig on a current Kubernetes version is covered by the AWS default', () => {
  assert.deepEqual(verdicts({ 'template.yaml': cfn('') }, 'eks-cluster-secrets-encryption', 'Cluster').map((v) => v.status), ['aws-default']);
  assert.deepEqual(verdicts({ 'main.tf': tf('', '  version = "1.30"\n') }, 'eks-cluster-secrets-encryption', 'aws_eks_cluster.prod').map((v) => v.status), ['aws-default']);
});

test('the endpoint is public by default: no vpc setting at all is a gap', () => {
  const v = verdicts({ 'main.tf': tf('') }, 'eks-cluster-endpoint-not-public', 'aws_eks_cluster.prod');
  assert.equal(v[0].status, 'gap');
  assert.match(v[0].status === 'gap' ? v[0].message : '', /public by default/);
});

describe('eks-cluster-endpoint-not-public: an empty public_access_cidrs list', () => {
  before(() => initTerraformParser());
  test('terraform: public_access_cidrs = [] is a gap (AWS applies 0.0.0.0/0)', () => {
    const text = 'resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = "arn:aws:iam::111122223333:role/eks"\n\n  vpc_config {\n    subnet_ids             = ["subnet-1", "subnet-2"]\n    endpoint_public_access = true\n    public_access_cidrs    = []\n  }\n}\n';
    const v = verdicts({ 'main.tf': text }, 'eks-cluster-endpoint-not-public', 'aws_eks_cluster.c');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /is empty, so AWS applies its default range 0\.0\.0\.0\/0/);
  });
  test('yaml: PublicAccessCidrs: [] is a gap too', () => {
    const text = 'Resources:\n  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n      RoleArn: arn:aws:iam::111122223333:role/eks\n      ResourcesVpcConfig:\n        SubnetIds: [subnet-1, subnet-2]\n        EndpointPublicAccess: true\n        PublicAccessCidrs: []\n';
    assert.equal(verdicts({ 'template.yaml': text }, 'eks-cluster-endpoint-not-public', 'Cluster')[0].status, 'gap');
  });
});
