import { hclInsertIntoBlock } from '../edit/hclEdits';
import { layoutOf } from '../edit/sourceLayout';
import type { Resource } from '../model/document';
import type { Fix, RuleContext, Verdict } from './rule';
import { defineRule, documentOf, fixSet, is, judge, setting } from './ruleKit';

const AWS_MANAGED_KEY = 'alias/aws/kinesis';

/** A stream is encrypted when its encryption type is KMS (the only type besides NONE). */
function streamEncryption(ctx: RuleContext, stream: Resource, path: string[], fix: () => Fix[]): Verdict[] {
  const type = setting(stream, path);
  const j = type.entry ? judge(ctx, type.value, is.oneOf('KMS')) : ({ outcome: 'absent' } as const);
  switch (j.outcome) {
    case 'secure':
      return [{ status: 'met', evidence: 'records are encrypted with KMS', range: type.range }];
    case 'unknown':
      return [{ status: 'cannot-tell', reason: `${path.join('.')}: ${j.reason}`, range: type.range }];
    case 'insecure':
    case 'absent':
      return [{ status: 'gap', message: 'The stream does not encrypt records at rest (encryption type is not KMS).', range: type.range, fixes: fix() }];
  }
}

/** Both attributes in one insertion when neither is written, so they line up like hand-written HCL. */
function terraformFix(ctx: RuleContext, stream: Resource): Fix[] {
  const title = `Encrypt records with KMS (encryption_type = "KMS", ${AWS_MANAGED_KEY})`;
  const body = { encryption_type: 'KMS', kms_key_id: AWS_MANAGED_KEY };
  const doc = documentOf(ctx, stream);
  if (doc?.format === 'terraform' && !setting(stream, ['encryption_type']).entry && !setting(stream, ['kms_key_id']).entry) {
    return [{ title, edits: [hclInsertIntoBlock(doc.uri, layoutOf(doc), stream.body, body)], preferred: true }];
  }
  return fixSet(ctx, stream, [], body, title);
}

export const kinesisStreamEncrypted = defineRule({
  id: 'kinesis-stream-encrypted',
  title: 'Kinesis data stream encrypts records at rest',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['Kinesis.1'], checkov: ['CKV_AWS_43'] },
  docs: {
    why: 'Records stay in the stream for its whole retention period; a stream without server-side encryption keeps them unencrypted at rest.',
    owner: 'Customer: Kinesis encrypts only when the stream asks for KMS encryption.',
    fix: 'Turns on server-side encryption with the AWS managed key alias/aws/kinesis (StreamEncryption EncryptionType: KMS / encryption_type = "KMS"); use a customer managed key where consumers in other accounts read the stream.',
    mayBreak: 'Producers and consumers using a customer managed key need kms:GenerateDataKey or kms:Decrypt; with the AWS managed key nothing changes for callers in the account.',
  },
  cloudformation: {
    types: ['AWS::Kinesis::Stream'],
    check: (stream, ctx) =>
      streamEncryption(ctx, stream, ['StreamEncryption', 'EncryptionType'], () =>
        fixSet(ctx, stream, ['StreamEncryption'], { EncryptionType: 'KMS', KeyId: AWS_MANAGED_KEY }, `Encrypt records with KMS (StreamEncryption, ${AWS_MANAGED_KEY})`),
      ),
  },
  terraform: {
    types: ['aws_kinesis_stream'],
    check: (stream, ctx) =>
      streamEncryption(ctx, stream, ['encryption_type'], () => terraformFix(ctx, stream)),
  },
});

export const KINESIS_RULES = [kinesisStreamEncrypted];
