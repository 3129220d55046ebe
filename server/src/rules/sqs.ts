import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { defineRule, fixSet, is, judge, setting } from './ruleKit';
import { publicPolicyVerdicts } from './resourcePolicy';

const QUEUE_CFN = ['AWS::SQS::Queue'];
const QUEUE_TF = ['aws_sqs_queue'];

interface QueueKeys {
  kmsKey: string;
  managedSse: string;
}

/**
 * A queue is encrypted with a KMS key when it names one, with SQS-owned
 * keys when SqsManagedSseEnabled is true or simply left out (the default for
 * new queues), and not at all only when the template turns SSE-SQS off
 * without naming a key. So an undecidable key matters only when SSE-SQS is
 * explicitly off.
 */
function queueEncryption(ctx: RuleContext, queue: Resource, keys: QueueKeys, fixTitle: string): Verdict[] {
  const kms = setting(queue, [keys.kmsKey]);
  const kmsTarget = kms.entry ? ctx.model.resolve(kms.value) : undefined;
  if (kmsTarget?.status === 'resource') return [{ status: 'met', evidence: `messages are encrypted with the KMS key ${kmsTarget.resource.id} (SSE-KMS)`, range: kms.range }];
  const kmsJudged = kms.entry ? judge(ctx, kms.value, is.nonEmpty) : ({ outcome: 'absent' } as const);
  if (kmsJudged.outcome === 'secure') return [{ status: 'met', evidence: 'messages are encrypted with a KMS key (SSE-KMS)', range: kms.range }];
  const managed = setting(queue, [keys.managedSse]);
  const managedJudged = managed.entry ? judge(ctx, managed.value, is.true) : ({ outcome: 'absent' } as const);
  switch (managedJudged.outcome) {
    case 'secure':
      return [{ status: 'met', evidence: 'messages are encrypted with SQS-owned keys (SSE-SQS)', range: managed.range }];
    case 'absent':
      return [{ status: 'aws-default', evidence: kmsJudged.outcome === 'unknown' ? 'encrypted either way: with the KMS key when one is given, otherwise with SSE-SQS, the default for new queues' : 'new queues get SSE-SQS (SQS-owned keys) unless the template opts out' }];
    case 'unknown':
      return [{ status: 'cannot-tell', reason: `${keys.managedSse}: ${managedJudged.reason}`, range: managed.range }];
    case 'insecure':
      if (kmsJudged.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${keys.managedSse} is false, so encryption depends on ${keys.kmsKey}: ${kmsJudged.reason}`, range: kms.range }];
      return [{
        status: 'gap',
        message: `The queue is not encrypted at rest: ${keys.managedSse} is false and no ${keys.kmsKey} is set.`,
        range: managed.range,
        fixes: fixSet(ctx, queue, [keys.managedSse], true, fixTitle),
      }];
  }
}

export const sqsQueueEncrypted = defineRule({
  id: 'sqs-queue-encrypted',
  title: 'SQS queue encrypts messages at rest',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['SQS.1'], checkov: ['CKV_AWS_27'] },
  docs: {
    why: 'Messages wait in the queue until consumed; without server-side encryption they sit on disk in the clear.',
    owner: 'Shared: SQS encrypts new queues with SQS-owned keys by default; a template that turns this off without naming a KMS key leaves messages unencrypted.',
    fix: 'Turns SSE-SQS back on (SqsManagedSseEnabled: true / sqs_managed_sse_enabled = true). Name a KMS key instead when key policies or CloudTrail records of key use are needed.',
    mayBreak: 'Nothing for SQS-owned keys: encryption and decryption are transparent to producers and consumers.',
  },
  cloudformation: {
    types: QUEUE_CFN,
    check: (queue, ctx) => queueEncryption(ctx, queue, { kmsKey: 'KmsMasterKeyId', managedSse: 'SqsManagedSseEnabled' }, 'Encrypt the queue with SQS-owned keys (SqsManagedSseEnabled: true)'),
  },
  terraform: {
    types: QUEUE_TF,
    check: (queue, ctx) => queueEncryption(ctx, queue, { kmsKey: 'kms_master_key_id', managedSse: 'sqs_managed_sse_enabled' }, 'Encrypt the queue with SQS-owned keys (sqs_managed_sse_enabled = true)'),
  },
});

export const sqsQueuePolicyNotPublic = defineRule({
  id: 'sqs-queue-policy-not-public',
  title: 'SQS queue policy does not let everyone send or receive',
  aspect: 'identity-access',
  severity: 'error',
  references: { checkov: ['CKV_AWS_168'] },
  docs: {
    why: 'A queue policy statement that allows Principal "*" without a condition lets any AWS account send, read or delete messages, or purge the queue.',
    owner: 'Customer: the queue policy is written by the customer; AWS only enforces it.',
    fix: 'No automatic fix: which account, organization or source (for example the SNS topic that fans out to the queue, via aws:SourceArn) may use the queue is the team\'s decision.',
    mayBreak: 'Producers or consumers that are not named afterwards lose access.',
  },
  cloudformation: {
    types: ['AWS::SQS::QueuePolicy'],
    fixable: false,
    check: (policy, ctx) => publicPolicyVerdicts(ctx, policy, 'PolicyDocument', 'queue'),
  },
  terraform: {
    types: ['aws_sqs_queue_policy', ...QUEUE_TF],
    fixable: false,
    check: (holder, ctx) => publicPolicyVerdicts(ctx, holder, 'policy', 'queue'),
  },
});

export const SQS_RULES = [sqsQueueEncrypted, sqsQueuePolicyNotPublic];
