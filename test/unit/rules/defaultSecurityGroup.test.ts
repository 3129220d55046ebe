import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

/*
 * ec2-default-security-group-closed: AWS gives every VPC a default security
 * group with permissive rules. It is closed only when a Terraform
 * aws_default_security_group adopts it without rules and no separate rule
 * resource adds one; CloudFormation cannot remove the default rules.
 */

const cfnVpc = (extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
${extra}`;

const INGRESS_ON_DEFAULT = `  OpenDefault:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Vpc.DefaultSecurityGroup
      IpProtocol: tcp
      FromPort: 443
      ToPort: 443
      CidrIp: 10.0.0.0/8
`;

const tf = (body: string) => `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
${body}`;

const ADOPTED = '\nresource "aws_default_security_group" "default" {\n  vpc_id = aws_vpc.main.id\n}\n';

describeRule('ec2-default-security-group-closed', {
  terraform: { resource: 'aws_vpc.main', fail: tf(''), pass: tf(ADOPTED) },
});

const JSON_EGRESS = (groupId: unknown) =>
  JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } }, Out: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: groupId, IpProtocol: '-1', CidrIp: '0.0.0.0/0' } } } }, null, 2);

describe('ec2-default-security-group-closed: CloudFormation rule resources on DefaultSecurityGroup', () => {
  test('yaml: SecurityGroupIngress on !GetAtt Vpc.DefaultSecurityGroup is named on the VPC, with no fix', () => {
    const v = verdicts({ 'template.yaml': cfnVpc(INGRESS_ON_DEFAULT) }, 'ec2-default-security-group-closed', 'Vpc');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /OpenDefault adds a rule to the default security group/);
    assert.deepEqual(v[0].status === 'gap' ? v[0].fixes ?? [] : ['?'], []);
  });

  test('json: SecurityGroupEgress on Fn::GetAtt DefaultSecurityGroup is named; one on another group is not', () => {
    const open = verdicts({ 'template.json': JSON_EGRESS({ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }) }, 'ec2-default-security-group-closed', 'Vpc');
    assert.match(open[0].status === 'gap' ? open[0].message : '', /^Out adds a rule/);
    const other = verdicts({ 'template.json': JSON_EGRESS('sg-0123456789abcdef0') }, 'ec2-default-security-group-closed', 'Vpc');
    assert.doesNotMatch(other[0].status === 'gap' ? other[0].message : '', /^Out/);
  });
});

describe('ec2-default-security-group-closed: separate rule resources and VPC rows', () => {
  before(() => initTerraformParser());

  for (const type of ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
    test(`terraform: ${type} on the adopted group opens it, on the group and on its VPC`, () => {
      const files = { 'main.tf': tf(`${ADOPTED}\nresource "${type}" "r" {\n  security_group_id = aws_default_security_group.default.id\n  cidr_ipv4         = "10.0.0.0/8"\n  ip_protocol       = "tcp"\n  from_port         = 443\n  to_port           = 443\n}\n`) };
      const group = verdicts(files, 'ec2-default-security-group-closed', 'aws_default_security_group.default');
      assert.equal(group[0].status, 'gap');
      assert.match(group[0].status === 'gap' ? group[0].message : '', new RegExp(`${type}\\.r`));
      const vpc = verdicts(files, 'ec2-default-security-group-closed', 'aws_vpc.main');
      assert.equal(vpc[0].status, 'gap');
      assert.ok(vpc[0].status === 'gap' && vpc[0].related?.some((r) => r.message === 'the default security group of this VPC'));
    });
  }

  test('terraform: the VPC is met when its adopted default group keeps no rules', () => {
    assert.deepEqual(verdicts({ 'main.tf': tf(ADOPTED) }, 'ec2-default-security-group-closed', 'aws_vpc.main').map((v) => v.status), ['met']);
  });

  test('cloudformation: a VPC nothing opens still keeps AWS\'s default rules, which CloudFormation cannot remove', () => {
    const v = verdicts({ 'template.yaml': cfnVpc() }, 'ec2-default-security-group-closed', 'Vpc');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /CloudFormation cannot remove/);
  });
});
