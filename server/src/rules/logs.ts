import type { Value } from '../model/value';
import { checkSetting, defineRule, is } from './ruleKit';
import { checkNamed } from './ruleKit';

const GROUP_CFN = ['AWS::Logs::LogGroup'];
const GROUP_TF = ['aws_cloudwatch_log_group'];

/** The retention a fix writes: one year, the shortest period CloudWatch.16 accepts and a valid RetentionInDays value. */
const ONE_YEAR = 365;

function days(v: Value): number | undefined {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && /^\d+$/.test(v.value.trim())) return Number(v.value);
  return undefined;
}

export const logsRetentionSet = defineRule({
  id: 'logs-group-retention-set',
  title: 'CloudWatch log group does not keep logs forever',
  aspect: 'customer-data',
  severity: 'info',
  references: { checkov: ['CKV_AWS_66'] },
  docs: {
    why: 'Without a retention period a log group keeps every event forever; logs often carry personal data, tokens or request bodies, and keeping them without limit widens what a leak exposes and what data-protection rules allow.',
    owner: 'Customer: CloudWatch Logs stores what it is sent; how long the data is kept is the customer\'s decision.',
    fix: 'Sets the retention to 365 days (RetentionInDays / retention_in_days), the minimum most audit baselines ask for; choose a longer value where regulations require it.',
    mayBreak: 'Events older than the retention period are deleted; export them to S3 first if they must be kept longer.',
  },
  cloudformation: {
    types: GROUP_CFN,
    check: (group, ctx) =>
      checkSetting(group, ctx, {
        path: ['RetentionInDays'],
        isSecure: (v) => (days(v) === undefined ? undefined : days(v)! > 0),
        whenAbsent: 'gap',
        gap: 'The log group keeps events forever: no RetentionInDays.',
        met: 'the log group has a retention period',
        fix: { title: `Keep logs for one year (RetentionInDays: ${ONE_YEAR})`, value: ONE_YEAR },
      }),
  },
  terraform: {
    types: GROUP_TF,
    check: (group, ctx) =>
      checkSetting(group, ctx, {
        path: ['retention_in_days'],
        // 0 is Terraform's spelling of "never expire".
        isSecure: (v) => (days(v) === undefined ? undefined : days(v)! > 0),
        whenAbsent: 'gap',
        gap: 'The log group keeps events forever: no retention_in_days.',
        met: 'the log group has a retention period',
        fix: { title: `Keep logs for one year (retention_in_days = ${ONE_YEAR})`, value: ONE_YEAR },
      }),
  },
});

export const logsRetentionOneYear = defineRule({
  id: 'logs-group-retention-one-year',
  title: 'CloudWatch log group keeps logs for at least a year',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { securityHub: ['CloudWatch.16'], checkov: ['CKV_AWS_338'] },
  docs: {
    why: 'Intrusions are often found months after they start; logs deleted after days or weeks leave the investigation without evidence.',
    owner: 'Customer: the retention period is the customer\'s setting.',
    fix: 'Raises the retention to 365 days (RetentionInDays / retention_in_days).',
    mayBreak: 'Storage costs grow with the longer retention.',
  },
  cloudformation: {
    types: GROUP_CFN,
    check: (group, ctx) =>
      checkSetting(group, ctx, {
        path: ['RetentionInDays'],
        isSecure: is.atLeast(ONE_YEAR),
        // Never expiring keeps the evidence; logs-group-retention-set speaks about that choice.
        whenAbsent: 'met',
        gap: 'The log group deletes events after less than a year (RetentionInDays below 365).',
        met: 'logs are kept for at least a year',
        fix: { title: `Keep logs for one year (RetentionInDays: ${ONE_YEAR})`, value: ONE_YEAR },
      }),
  },
  terraform: {
    types: GROUP_TF,
    check: (group, ctx) =>
      checkSetting(group, ctx, {
        path: ['retention_in_days'],
        isSecure: (v) => (days(v) === undefined ? undefined : days(v) === 0 || days(v)! >= ONE_YEAR),
        whenAbsent: 'met',
        gap: 'The log group deletes events after less than a year (retention_in_days below 365).',
        met: 'logs are kept for at least a year',
        fix: { title: `Keep logs for one year (retention_in_days = ${ONE_YEAR})`, value: ONE_YEAR },
      }),
  },
});

export const logsKmsEncryption = defineRule({
  id: 'logs-group-kms-encryption',
  title: 'CloudWatch log group encrypts with a KMS key',
  aspect: 'encryption-at-rest',
  severity: 'info',
  defaultEnabled: false,
  references: { checkov: ['CKV_AWS_158'] },
  docs: {
    why: 'CloudWatch Logs always encrypts log data at rest with a service key; a KMS key adds a key policy, CloudTrail records of every use and the option to make the logs unreadable by disabling the key. Off by default: turn it on where the team wants that control.',
    owner: 'Shared: AWS encrypts every log group; choosing who controls the key is the customer\'s.',
    fix: 'No automatic fix: CloudWatch Logs accepts only a customer managed key whose key policy lets logs.<region>.amazonaws.com use it, and that key is the team\'s to create. Set KmsKeyId / kms_key_id to its ARN.',
    mayBreak: 'Disabling or losing access to the key makes the log group unreadable and stops new events from being accepted.',
  },
  cloudformation: {
    types: GROUP_CFN,
    fixable: false,
    check: (group, ctx) =>
      checkNamed(group, ctx, {
        path: ['KmsKeyId'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'Log data is encrypted with the CloudWatch Logs service key (the AWS default), not a KMS key the team controls.',
        met: 'log data is encrypted with a KMS key',
      }),
  },
  terraform: {
    types: GROUP_TF,
    fixable: false,
    check: (group, ctx) =>
      checkNamed(group, ctx, {
        path: ['kms_key_id'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'Log data is encrypted with the CloudWatch Logs service key (the AWS default), not a KMS key the team controls.',
        met: 'log data is encrypted with a KMS key',
      }),
  },
});

export const LOGS_RULES = [logsRetentionSet, logsRetentionOneYear, logsKmsEncryption];
