import { describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: web
${props}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'web', ...props } } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_ecr_repository" "web" {
  name = "web"
${body}}
`;

describeRule('ecr-repository-scan-on-push', {
  yaml: { resource: 'Repo', fail: cfn(''), pass: cfn('      ImageScanningConfiguration:\n        ScanOnPush: true\n'), unknown: cfn('      ImageScanningConfiguration:\n        ScanOnPush: !Ref Mode\n') },
  json: { resource: 'Repo', fail: json({ ImageScanningConfiguration: { ScanOnPush: false } }), pass: json({ ImageScanningConfiguration: { ScanOnPush: true } }) },
  terraform: {
    resource: 'aws_ecr_repository.web',
    fail: tf(''),
    pass: tf('  image_scanning_configuration {\n    scan_on_push = true\n  }\n'),
    unknown: tf('  image_scanning_configuration {\n    scan_on_push = var.mode\n  }\n'),
  },
});

describeRule('ecr-repository-immutable-tags', {
  yaml: { resource: 'Repo', fail: cfn('      ImageTagMutability: MUTABLE\n'), pass: cfn('      ImageTagMutability: IMMUTABLE\n'), unknown: cfn('      ImageTagMutability: !Ref Mode\n') },
  json: { resource: 'Repo', fail: json({}), pass: json({ ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' }) },
  terraform: { resource: 'aws_ecr_repository.web', fail: tf(''), pass: tf('  image_tag_mutability = "IMMUTABLE"\n'), unknown: tf('  image_tag_mutability = var.mode\n') },
});
