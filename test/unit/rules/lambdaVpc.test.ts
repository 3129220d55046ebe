import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeSettingRule, raw } from '../../fixtureKit';
import { verdicts } from '../../ruleHarness';

const FUNCTION = { Handler: 'app.handler', Runtime: 'python3.13', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' } };
const TF_FUNCTION = { function_name: 'f', handler: 'app.handler', runtime: 'python3.13', role: 'arn:aws:iam::111122223333:role/fn' };

describeSettingRule('lambda-function-in-vpc', {
  cloudformation: { type: 'AWS::Lambda::Function', base: FUNCTION, fail: {}, pass: { VpcConfig: { SubnetIds: ['subnet-0a1', 'subnet-0b2'], SecurityGroupIds: ['sg-1'] } }, unknown: { VpcConfig: { SubnetIds: { Ref: 'Mode' }, SecurityGroupIds: ['sg-1'] } }, noFix: true },
  terraform: { type: 'aws_lambda_function', base: TF_FUNCTION, fail: { vpc_config: { subnet_ids: [], security_group_ids: [] } }, pass: { vpc_config: { subnet_ids: ['subnet-0a1'], security_group_ids: ['sg-1'] } }, unknown: { vpc_config: { subnet_ids: raw('var.mode'), security_group_ids: ['sg-1'] } }, noFix: true },
});

describe('lambda-function-in-vpc: where the VPC settings come from', () => {
  before(() => initTerraformParser());
  const sam = (globals: string, own: string) =>
    `Transform: AWS::Serverless-2016-10-31\n${globals}Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n      Runtime: python3.13\n      CodeUri: src/\n${own}`;

  test('SAM Globals.Function.VpcConfig puts every function in the VPC, and says so', () => {
    const globals = 'Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [subnet-0a1]\n      SecurityGroupIds: [sg-1]\n';
    const v = verdicts({ 'template.yaml': sam(globals, '') }, 'lambda-function-in-vpc', 'Fn');
    assert.deepEqual(v.map((x) => x.status), ['met']);
    assert.match(JSON.stringify(v[0]), /from Globals/);
  });

  test('a SAM function with no VpcConfig anywhere is outside the VPC', () => {
    const v = verdicts({ 'template.yaml': sam('', '') }, 'lambda-function-in-vpc', 'Fn');
    assert.deepEqual(v.map((x) => x.status), ['gap']);
    assert.match(JSON.stringify(v[0]), /outside any VPC/);
  });

  test('VpcConfig without subnets is outside the VPC', () => {
    const v = verdicts({ 'template.yaml': sam('', '      VpcConfig:\n        SecurityGroupIds: [sg-1]\n') }, 'lambda-function-in-vpc', 'Fn');
    assert.deepEqual(v.map((x) => x.status), ['gap']);
    assert.match(JSON.stringify(v[0]), /names no subnets/);
  });

  test('subnets from a List<AWS::EC2::Subnet::Id> parameter put the function in the VPC; from a plain parameter, cannot tell', () => {
    const template = (type: string) =>
      `Parameters:\n  Subnets:\n    Type: ${type}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::111122223333:role/fn\n      Code: { ZipFile: x }\n      VpcConfig:\n        SubnetIds: !Ref Subnets\n        SecurityGroupIds: [sg-1]\n`;
    const typed = verdicts({ 'template.yaml': template('List<AWS::EC2::Subnet::Id>') }, 'lambda-function-in-vpc', 'Fn');
    assert.deepEqual(typed.map((x) => x.status), ['met']);
    assert.match(JSON.stringify(typed[0]), /parameter Subnets/);
    assert.deepEqual(verdicts({ 'template.yaml': template('CommaDelimitedList') }, 'lambda-function-in-vpc', 'Fn').map((x) => x.status), ['cannot-tell']);
  });

  test('a dynamic vpc_config block is a cannot-tell with the reason, never a met', () => {
    const tf = `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::111122223333:role/fn"\n  dynamic "vpc_config" {\n    for_each = var.subnets == null ? [] : [1]\n    content {\n      subnet_ids         = var.subnets\n      security_group_ids = var.groups\n    }\n  }\n}\n`;
    const v = verdicts({ 'main.tf': tf }, 'lambda-function-in-vpc', 'aws_lambda_function.f');
    assert.deepEqual(v.map((x) => x.status), ['cannot-tell']);
    assert.match(JSON.stringify(v[0]), /dynamic/);
  });

  test('a Lambda@Edge function is not asked to run in a VPC', () => {
    const tf = `resource "aws_lambda_function" "edge" {\n  function_name = "edge"\n  role          = "arn:aws:iam::111122223333:role/fn"\n  publish       = true\n}\nresource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  default_cache_behavior {\n    lambda_function_association {\n      event_type = "viewer-request"\n      lambda_arn = aws_lambda_function.edge.qualified_arn\n    }\n  }\n}\n`;
    const v = verdicts({ 'main.tf': tf }, 'lambda-function-in-vpc', 'aws_lambda_function.edge');
    assert.deepEqual(v.map((x) => x.status), ['not-applicable']);
  });
});
