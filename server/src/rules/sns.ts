import { checkNamed, defineRule, is } from './ruleKit';
import { publicPolicyVerdicts } from './resourcePolicy';

const TOPIC_CFN = ['AWS::SNS::Topic'];
const TOPIC_TF = ['aws_sns_topic'];

export const snsTopicEncrypted = defineRule({
  id: 'sns-topic-encrypted',
  title: 'SNS topic encrypts messages with KMS',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['SNS.1'], checkov: ['CKV_AWS_26'] },
  docs: {
    why: 'SNS keeps messages on disk until they are delivered; unlike SQS, a topic has no server-side encryption unless a KMS key is named.',
    owner: 'Customer: AWS encrypts only when the topic names a key (KmsMasterKeyId), and choosing it is the customer\'s.',
    fix: 'Sets KmsMasterKeyId to the AWS managed key alias/aws/sns; replace it with a customer managed key where other services or accounts publish to the topic.',
    mayBreak: 'AWS services that publish to the topic (CloudWatch alarms, EventBridge, S3 notifications) cannot use the AWS managed key: they need a customer managed key whose policy lets them call kms:GenerateDataKey and kms:Decrypt.',
  },
  cloudformation: {
    types: TOPIC_CFN,
    check: (topic, ctx) =>
      checkNamed(topic, ctx, {
        path: ['KmsMasterKeyId'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'The topic is not encrypted at rest: no KmsMasterKeyId.',
        met: 'messages are encrypted with a KMS key',
        fix: { title: 'Encrypt the topic with KMS (KmsMasterKeyId: alias/aws/sns)', value: 'alias/aws/sns' },
      }),
  },
  terraform: {
    types: TOPIC_TF,
    check: (topic, ctx) =>
      checkNamed(topic, ctx, {
        path: ['kms_master_key_id'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'The topic is not encrypted at rest: no kms_master_key_id.',
        met: 'messages are encrypted with a KMS key',
        fix: { title: 'Encrypt the topic with KMS (kms_master_key_id = "alias/aws/sns")', value: 'alias/aws/sns' },
      }),
  },
});

export const snsTopicPolicyNotPublic = defineRule({
  id: 'sns-topic-policy-not-public',
  title: 'SNS topic policy does not let everyone publish or subscribe',
  aspect: 'identity-access',
  severity: 'error',
  references: { checkov: ['CKV_AWS_169'] },
  docs: {
    why: 'A topic policy statement that allows Principal "*" without a condition lets any AWS account (or anyone, for some actions) publish to, subscribe to or reconfigure the topic.',
    owner: 'Customer: the topic policy is written by the customer; AWS only enforces it.',
    fix: 'No automatic fix: who should have access (an account, an organization, a source ARN such as the S3 bucket or alarm that publishes) is the team\'s decision. Name the principal, or add a condition on aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.',
    mayBreak: 'Publishers or subscribers that are not named afterwards lose access.',
  },
  cloudformation: {
    types: ['AWS::SNS::TopicPolicy'],
    fixable: false,
    check: (policy, ctx) => publicPolicyVerdicts(ctx, policy, 'PolicyDocument', 'topic'),
  },
  terraform: {
    types: ['aws_sns_topic_policy', ...TOPIC_TF],
    fixable: false,
    check: (holder, ctx) => publicPolicyVerdicts(ctx, holder, 'policy', 'topic'),
  },
});

export const SNS_RULES = [snsTopicEncrypted, snsTopicPolicyNotPublic];
