import { describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Files:
    Type: AWS::EFS::FileSystem
${props ? `    Properties:\n${props}` : ''}`;

const json = (props: object) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Files: { Type: 'AWS::EFS::FileSystem', Properties: props } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = bool
}

resource "aws_efs_file_system" "f" {
  creation_token = "files"
${body}}
`;

describeRule('efs-file-system-encrypted', {
  yaml: { resource: 'Files', fail: cfn(''), pass: cfn('      Encrypted: true\n'), unknown: cfn('      Encrypted: !Ref Mode\n') },
  json: { resource: 'Files', fail: json({ PerformanceMode: 'generalPurpose' }), pass: json({ Encrypted: true, KmsKeyId: 'alias/files' }), unknown: json({ Encrypted: { Ref: 'Mode' } }) },
  terraform: { resource: 'aws_efs_file_system.f', fail: tf('  encrypted = false\n'), pass: tf('  encrypted = true\n'), unknown: tf('  encrypted = var.mode\n') },
});
