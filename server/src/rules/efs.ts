import type { Rule } from './rule';
import { checkSetting, defineRule, is } from './ruleKit';

export const efsEncrypted = defineRule({
  id: 'efs-file-system-encrypted',
  title: 'EFS file system encrypts data at rest',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['EFS.1', 'EFS.8'], checkov: ['CKV_AWS_42'] },
  docs: {
    why: 'An unencrypted file system stores file data and metadata in the clear on the underlying storage.',
    owner: 'Customer: EFS encrypts with KMS when asked; through the API, CloudFormation and Terraform a file system is unencrypted unless Encrypted is true (only the console defaults to encrypting).',
    fix: 'Sets Encrypted (encrypted) to true, with the AWS managed key aws/elasticfilesystem unless a KmsKeyId is added.',
    mayBreak: 'Encryption cannot be changed after creation: the change replaces the file system with a new, empty one. Copy the data over (for example with AWS DataSync) before switching mounts.',
  },
  cloudformation: {
    types: ['AWS::EFS::FileSystem'],
    check: (fs, ctx) =>
      checkSetting(fs, ctx, {
        path: ['Encrypted'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'The file system is not encrypted at rest (Encrypted is not true).',
        met: 'encrypted at rest',
        fix: { title: 'Encrypt the file system (Encrypted: true)', value: true },
      }),
  },
  terraform: {
    types: ['aws_efs_file_system'],
    check: (fs, ctx) =>
      checkSetting(fs, ctx, {
        path: ['encrypted'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'The file system is not encrypted at rest (encrypted is not true).',
        met: 'encrypted at rest',
        fix: { title: 'Encrypt the file system (encrypted = true)', value: true },
      }),
  },
});

export const EFS_RULES: readonly Rule[] = [efsEncrypted];
