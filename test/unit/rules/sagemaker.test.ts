import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::111122223333:role/notebook
${props}`;

const IN_VPC = '      SubnetId: subnet-0abc\n      SecurityGroupIds:\n        - sg-0abc\n';

const json = (props: object) =>
  JSON.stringify(
    { AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Notebook: { Type: 'AWS::SageMaker::NotebookInstance', Properties: { InstanceType: 'ml.t3.medium', RoleArn: 'arn:aws:iam::111122223333:role/notebook', ...props } } } },
    null,
    2,
  );

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
${body}}
`;

const TF_VPC = '  subnet_id       = "subnet-0abc"\n  security_groups = ["sg-0abc"]\n';

describeRule('sagemaker-notebook-no-direct-internet', {
  yaml: { resource: 'Notebook', fail: cfn(IN_VPC), pass: cfn(`${IN_VPC}      DirectInternetAccess: Disabled\n`), unknown: cfn(`${IN_VPC}      DirectInternetAccess: !Ref Mode\n`) },
  json: { resource: 'Notebook', fail: json({ SubnetId: 'subnet-0abc', SecurityGroupIds: ['sg-0abc'], DirectInternetAccess: 'Enabled' }), pass: json({ SubnetId: 'subnet-0abc', SecurityGroupIds: ['sg-0abc'], DirectInternetAccess: 'Disabled' }) },
  terraform: { resource: 'aws_sagemaker_notebook_instance.lab', fail: tf(TF_VPC), pass: tf(`${TF_VPC}  direct_internet_access = "Disabled"\n`), unknown: tf(`${TF_VPC}  direct_internet_access = var.mode\n`) },
});

describeRule('sagemaker-notebook-in-vpc', {
  yaml: { resource: 'Notebook', fail: cfn(''), pass: cfn(IN_VPC), unknown: cfn('      SubnetId: !Ref Mode\n'), noFix: true },
  json: { resource: 'Notebook', fail: json({}), pass: json({ SubnetId: 'subnet-0abc' }), noFix: true },
  terraform: { resource: 'aws_sagemaker_notebook_instance.lab', fail: tf(''), pass: tf(TF_VPC), unknown: tf('  subnet_id = var.mode\n'), noFix: true },
});

describeRule('sagemaker-notebook-no-root-access', {
  yaml: { resource: 'Notebook', fail: cfn(''), pass: cfn('      RootAccess: Disabled\n'), unknown: cfn('      RootAccess: !Ref Mode\n') },
  json: { resource: 'Notebook', fail: json({ RootAccess: 'Enabled' }), pass: json({ RootAccess: 'Disabled' }) },
  terraform: { resource: 'aws_sagemaker_notebook_instance.lab', fail: tf(''), pass: tf('  root_access = "Disabled"\n'), unknown: tf('  root_access = var.mode\n') },
});

before(() => initTerraformParser());

test('direct internet access without a subnet is a gap with no fix (disabling it needs a VPC)', () => {
  const cases: Record<string, string>[] = [{ 'template.yaml': cfn('') }, { 'main.tf': tf('') }];
  for (const files of cases) {
    const found = analyse(files).findings.filter((f) => f.ruleId === 'sagemaker-notebook-no-direct-internet');
    assert.equal(found.length, 1);
    assert.equal(found[0].fixes.length, 0);
    assert.match(found[0].message, /SubnetId|subnet_id/);
  }
});
