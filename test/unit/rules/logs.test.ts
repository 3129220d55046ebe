import { describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Days: { Type: Number }
Resources:
  Group:
    Type: AWS::Logs::LogGroup
${props ? `    Properties:\n${props}` : ''}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Days: { Type: 'Number' } }, Resources: { Group: { Type: 'AWS::Logs::LogGroup', Properties: props } } }, null, 2);

const tf = (body: string) => `variable "days" {
  type = number
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app/web"
${body}}
`;

describeRule('logs-group-retention-set', {
  yaml: { resource: 'Group', fail: cfn(''), pass: cfn('      RetentionInDays: 30\n'), unknown: cfn('      RetentionInDays: !Ref Days\n') },
  json: { resource: 'Group', fail: json({ LogGroupName: '/app/web' }), pass: json({ RetentionInDays: 400 }), unknown: json({ RetentionInDays: { Ref: 'Days' } }) },
  terraform: { resource: 'aws_cloudwatch_log_group.app', fail: tf('  retention_in_days = 0\n'), pass: tf('  retention_in_days = 90\n'), unknown: tf('  retention_in_days = var.days\n') },
});

describeRule('logs-group-retention-one-year', {
  yaml: { resource: 'Group', fail: cfn('      RetentionInDays: 30\n'), pass: cfn(''), unknown: cfn('      RetentionInDays: !Ref Days\n') },
  json: { resource: 'Group', fail: json({ RetentionInDays: 7 }), pass: json({ RetentionInDays: 731 }) },
  terraform: { resource: 'aws_cloudwatch_log_group.app', fail: tf('  retention_in_days = 14\n'), pass: tf('  retention_in_days = 0\n'), unknown: tf('  retention_in_days = var.days\n') },
});

describeRule('logs-group-kms-encryption', {
  yaml: { resource: 'Group', fail: cfn('      RetentionInDays: 30\n'), pass: cfn('      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/abc\n'), noFix: true },
  json: { resource: 'Group', fail: json({}), pass: json({ KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' }), noFix: true },
  terraform: { resource: 'aws_cloudwatch_log_group.app', fail: tf(''), pass: tf('  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"\n'), unknown: tf('  kms_key_id = var.days\n'), noFix: true },
});
