import { describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: audit-logs
${props}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'audit-logs', ...props } } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs"
${body}}
`;

describeRule('cloudtrail-multi-region', {
  yaml: { resource: 'Trail', fail: cfn(''), pass: cfn('      IsMultiRegionTrail: true\n'), unknown: cfn('      IsMultiRegionTrail: !Ref Mode\n') },
  json: { resource: 'Trail', fail: json({ IsMultiRegionTrail: false }), pass: json({ IsMultiRegionTrail: 'true' }), unknown: json({ IsMultiRegionTrail: { Ref: 'Mode' } }) },
  terraform: { resource: 'aws_cloudtrail.main', fail: tf(''), pass: tf('  is_multi_region_trail = true\n'), unknown: tf('  is_multi_region_trail = var.mode\n') },
});

describeRule('cloudtrail-log-file-validation', {
  yaml: { resource: 'Trail', fail: cfn('      EnableLogFileValidation: false\n'), pass: cfn('      EnableLogFileValidation: true\n'), unknown: cfn('      EnableLogFileValidation: !Ref Mode\n') },
  json: { resource: 'Trail', fail: json({}), pass: json({ EnableLogFileValidation: true }) },
  terraform: { resource: 'aws_cloudtrail.main', fail: tf('  enable_log_file_validation = false\n'), pass: tf('  enable_log_file_validation = true\n'), unknown: tf('  enable_log_file_validation = var.mode\n') },
});

describeRule('cloudtrail-kms-encryption', {
  yaml: { resource: 'Trail', fail: cfn(''), pass: cfn('      KMSKeyId: alias/cloudtrail\n'), unknown: cfn('      KMSKeyId: !Ref Mode\n'), noFix: true },
  json: { resource: 'Trail', fail: json({}), pass: json({ KMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' }), noFix: true },
  terraform: { resource: 'aws_cloudtrail.main', fail: tf(''), pass: tf('  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"\n'), unknown: tf('  kms_key_id = var.mode\n'), noFix: true },
});
