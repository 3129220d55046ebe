import { checkSetting, defineRule, is } from './ruleKit';
import { checkNamed } from './ruleKit';

const TRAIL_CFN = ['AWS::CloudTrail::Trail'];
const TRAIL_TF = ['aws_cloudtrail'];

export const cloudtrailMultiRegion = defineRule({
  id: 'cloudtrail-multi-region',
  title: 'CloudTrail trail records every Region',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { securityHub: ['CloudTrail.1'], checkov: ['CKV_AWS_67'] },
  docs: {
    why: 'A single-Region trail misses API activity in the other Regions, which is exactly where an intruder would create resources unnoticed.',
    owner: 'Customer: CloudTrail records events; which Regions a trail covers is the customer\'s configuration.',
    fix: 'Makes the trail multi-Region (IsMultiRegionTrail: true / is_multi_region_trail = true).',
    mayBreak: 'More events are delivered, so S3 storage and any downstream processing grow; an existing multi-Region trail would now record management events twice (the first copy is free, the second is charged).',
  },
  cloudformation: {
    types: TRAIL_CFN,
    check: (trail, ctx) =>
      checkSetting(trail, ctx, {
        path: ['IsMultiRegionTrail'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'The trail records only its own Region (IsMultiRegionTrail is not true).',
        met: 'the trail records every Region',
        fix: { title: 'Record every Region (IsMultiRegionTrail: true)', value: true },
      }),
  },
  terraform: {
    types: TRAIL_TF,
    check: (trail, ctx) =>
      checkSetting(trail, ctx, {
        path: ['is_multi_region_trail'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'The trail records only its own Region (is_multi_region_trail is not true).',
        met: 'the trail records every Region',
        fix: { title: 'Record every Region (is_multi_region_trail = true)', value: true },
      }),
  },
});

export const cloudtrailLogFileValidation = defineRule({
  id: 'cloudtrail-log-file-validation',
  title: 'CloudTrail trail signs its log files (log file validation)',
  aspect: 'data-integrity',
  severity: 'warning',
  references: { securityHub: ['CloudTrail.4'], checkov: ['CKV_AWS_36'] },
  docs: {
    why: 'Without digest files nobody can prove that a delivered log file was not altered or deleted afterwards, which is what an attacker covering tracks would do.',
    owner: 'Customer: CloudTrail can sign digests of every log file, but only when the trail asks for it.',
    fix: 'Turns log file integrity validation on (EnableLogFileValidation: true / enable_log_file_validation = true).',
    mayBreak: 'Nothing in practice: digest files are small extra objects in the same bucket.',
  },
  cloudformation: {
    types: TRAIL_CFN,
    check: (trail, ctx) =>
      checkSetting(trail, ctx, {
        path: ['EnableLogFileValidation'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Log file integrity validation is off: tampering with delivered logs would go unnoticed.',
        met: 'log files are signed with digest files',
        fix: { title: 'Sign log files (EnableLogFileValidation: true)', value: true },
      }),
  },
  terraform: {
    types: TRAIL_TF,
    check: (trail, ctx) =>
      checkSetting(trail, ctx, {
        path: ['enable_log_file_validation'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Log file integrity validation is off: tampering with delivered logs would go unnoticed.',
        met: 'log files are signed with digest files',
        fix: { title: 'Sign log files (enable_log_file_validation = true)', value: true },
      }),
  },
});

export const cloudtrailKmsEncryption = defineRule({
  id: 'cloudtrail-kms-encryption',
  title: 'CloudTrail trail encrypts its logs with a KMS key',
  aspect: 'encryption-at-rest',
  severity: 'info',
  references: { securityHub: ['CloudTrail.2'], checkov: ['CKV_AWS_35'] },
  docs: {
    why: 'Log files are encrypted with SSE-S3 by default, so anyone who can read the bucket can read the audit trail; with SSE-KMS reading also needs kms:Decrypt on a key whose policy the security team controls.',
    owner: 'Shared: AWS encrypts the log files with SSE-S3; putting them under a key the team controls is the customer\'s choice.',
    fix: 'No automatic fix: CloudTrail needs a customer managed KMS key whose key policy lets cloudtrail.amazonaws.com encrypt for this trail, and that key is the team\'s to create. Set KMSKeyId / kms_key_id to it.',
    mayBreak: 'Readers of the logs (SIEM, Athena queries, auditors) need kms:Decrypt on the key.',
  },
  cloudformation: {
    types: TRAIL_CFN,
    fixable: false,
    check: (trail, ctx) =>
      checkNamed(trail, ctx, {
        path: ['KMSKeyId'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'Log files are encrypted with SSE-S3 (the AWS default), not a KMS key the team controls (no KMSKeyId).',
        met: 'log files are encrypted with a KMS key',
      }),
  },
  terraform: {
    types: TRAIL_TF,
    fixable: false,
    check: (trail, ctx) =>
      checkNamed(trail, ctx, {
        path: ['kms_key_id'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'Log files are encrypted with SSE-S3 (the AWS default), not a KMS key the team controls (no kms_key_id).',
        met: 'log files are encrypted with a KMS key',
      }),
  },
});

export const CLOUDTRAIL_RULES = [cloudtrailMultiRegion, cloudtrailLogFileValidation, cloudtrailKmsEncryption];
