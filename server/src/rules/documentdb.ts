import type { Resource } from '../model/document';
import { backupRetention, storageEncryption } from './rds';
import type { Rule, RuleContext, Verdict } from './rule';
import { defineRule, fixSet } from './ruleKit';

/* Amazon DocumentDB (with MongoDB compatibility) clusters, which run on the RDS API. */

const CLUSTER_CFN = ['AWS::DocDB::DBCluster'];
const CLUSTER_TF = ['aws_docdb_cluster'];

function unencryptedWhenNew(ctx: RuleContext, cluster: Resource, key: string, title: string): Verdict[] {
  return [{ status: 'gap', message: `Storage is not encrypted at rest: ${key} is not set and DocumentDB clusters created outside the console are unencrypted by default.`, range: cluster.idRange, fixes: fixSet(ctx, cluster, [key], true, title) }];
}

export const documentdbStorageEncrypted = defineRule({
  id: 'documentdb-cluster-storage-encrypted',
  title: 'DocumentDB cluster encrypts its storage',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['DocumentDB.1'], checkov: ['CKV_AWS_74'] },
  docs: {
    why: 'An unencrypted cluster keeps its volume, indexes, logs, backups and snapshots readable to anyone who obtains the storage or a shared snapshot.',
    owner: 'Customer: DocumentDB encrypts with KMS when asked, but clusters created through CloudFormation or the API are unencrypted unless StorageEncrypted is true.',
    fix: 'Sets StorageEncrypted (storage_encrypted) to true. Clusters restored from a snapshot inherit its encryption and are cannot-tell unless the source is in the template.',
    mayBreak: 'Encryption cannot be switched on in place: changing it replaces the cluster with a new, empty one. Restore an encrypted copy of a snapshot to keep the data.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (c, ctx) =>
      storageEncryption(ctx, c, {
        key: 'StorageEncrypted',
        restoreKeys: ['SnapshotIdentifier', 'SourceDBClusterIdentifier'],
        fixTitle: 'Encrypt storage (StorageEncrypted: true)',
        whenNew: (target) => unencryptedWhenNew(ctx, target, 'StorageEncrypted', 'Encrypt storage (StorageEncrypted: true)'),
      }),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (c, ctx) =>
      storageEncryption(ctx, c, {
        key: 'storage_encrypted',
        restoreKeys: ['snapshot_identifier', 'restore_to_point_in_time', 'global_cluster_identifier'],
        fixTitle: 'Encrypt storage (storage_encrypted = true)',
        whenNew: (target) => unencryptedWhenNew(ctx, target, 'storage_encrypted', 'Encrypt storage (storage_encrypted = true)'),
      }),
  },
});

export const documentdbBackupRetention = defineRule({
  id: 'documentdb-cluster-backup-retention',
  title: 'DocumentDB cluster keeps automated backups for at least 7 days',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['DocumentDB.2'], checkov: ['CKV_AWS_360'] },
  docs: {
    why: 'Point-in-time restore reaches back only as far as the backup retention period, which defaults to one day: too short to notice corruption or a destructive change.',
    owner: 'Shared: DocumentDB backs up the cluster volume continuously; how long backups are kept is the customer\'s choice.',
    fix: 'Sets BackupRetentionPeriod (backup_retention_period) to 7 days.',
    mayBreak: 'Backup storage beyond the cluster\'s size is billed.',
  },
  cloudformation: { types: CLUSTER_CFN, check: (c, ctx) => backupRetention(c, ctx, 'BackupRetentionPeriod', 1, 'Keep backups 7 days (BackupRetentionPeriod: 7)') },
  terraform: { types: CLUSTER_TF, check: (c, ctx) => backupRetention(c, ctx, 'backup_retention_period', 1, 'Keep backups 7 days (backup_retention_period = 7)') },
});

export const DOCUMENTDB_RULES: readonly Rule[] = [documentdbStorageEncrypted, documentdbBackupRetention];
