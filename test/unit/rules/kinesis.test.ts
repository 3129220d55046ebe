import { describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
${props}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Stream: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1, ...props } } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_kinesis_stream" "events" {
  name        = "events"
  shard_count = 1
${body}}
`;

describeRule('kinesis-stream-encrypted', {
  yaml: {
    resource: 'Stream',
    fail: cfn(''),
    pass: cfn('      StreamEncryption:\n        EncryptionType: KMS\n        KeyId: alias/aws/kinesis\n'),
    unknown: cfn('      StreamEncryption:\n        EncryptionType: !Ref Mode\n        KeyId: alias/aws/kinesis\n'),
  },
  json: {
    resource: 'Stream',
    fail: json({ StreamEncryption: { EncryptionType: 'NONE' } }),
    pass: json({ StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } }),
  },
  terraform: {
    resource: 'aws_kinesis_stream.events',
    fail: tf(''),
    pass: tf('  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n'),
    unknown: tf('  encryption_type = var.mode\n'),
  },
});

describeRule('kinesis-stream-encrypted', {
  terraform: { resource: 'aws_kinesis_stream.events', fail: tf('  encryption_type = "NONE"\n'), pass: tf('  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n') },
});
