import type { Resource } from '../model/document';
import { storageEncryption } from './rds';
import type { Rule, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, fixSet, is, setting } from './ruleKit';

/* Amazon Neptune clusters, which run on the RDS API. */

const CLUSTER_CFN = ['AWS::Neptune::DBCluster'];
const CLUSTER_TF = ['aws_neptune_cluster'];

function unencryptedWhenNew(ctx: RuleContext, cluster: Resource, key: string, title: string): Verdict[] {
  return [{ status: 'gap', message: `Storage is not encrypted at rest: ${key} is not set, and only the Neptune console turns encryption on by default.`, range: cluster.idRange, fixes: fixSet(ctx, cluster, [key], true, title) }];
}

export const neptuneStorageEncrypted = defineRule({
  id: 'neptune-cluster-storage-encrypted',
  title: 'Neptune cluster encrypts its storage',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['Neptune.1'], checkov: ['CKV_AWS_44'] },
  docs: {
    why: 'An unencrypted cluster keeps the graph data, automated backups and snapshots readable to anyone who obtains the storage or a shared snapshot.',
    owner: 'Customer: Neptune encrypts with KMS when asked; the console selects it by default, CloudFormation and Terraform only when StorageEncrypted is true.',
    fix: 'Sets StorageEncrypted (storage_encrypted) to true. Clusters restored from a snapshot or another cluster inherit its encryption and are cannot-tell unless the source is in the template.',
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
        restoreKeys: ['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier'],
        fixTitle: 'Encrypt storage (storage_encrypted = true)',
        whenNew: (target) => unencryptedWhenNew(ctx, target, 'storage_encrypted', 'Encrypt storage (storage_encrypted = true)'),
      }),
  },
});

function iamAuth(ctx: RuleContext, c: Resource, key: string, title: string): Verdict[] {
  return checkSetting(c, ctx, {
    path: [key],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: `IAM database authentication is off (${key} ${setting(c, [key]).entry ? 'is false' : 'is not set'}): any client that reaches the endpoint can send queries without signing them with IAM credentials.`,
    met: 'IAM database authentication is enabled',
    fix: { title, value: true },
  });
}

export const neptuneIamAuth = defineRule({
  id: 'neptune-cluster-iam-auth',
  title: 'Neptune cluster requires IAM database authentication',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['Neptune.7'], checkov: ['CKV_AWS_359'] },
  docs: {
    why: 'Neptune has no database users of its own: without IAM authentication, network reachability is the only thing between a client and the whole graph.',
    owner: 'Customer: who may query the graph is always the customer\'s decision; IAM authentication is off by default.',
    fix: 'Sets IamAuthEnabled (iam_database_authentication_enabled) to true.',
    mayBreak: 'Every client must then sign its requests with SigV4 and hold neptune-db:* permissions in IAM; unsigned clients are refused.',
  },
  cloudformation: { types: CLUSTER_CFN, check: (c, ctx) => iamAuth(ctx, c, 'IamAuthEnabled', 'Require IAM authentication (IamAuthEnabled: true)') },
  terraform: { types: CLUSTER_TF, check: (c, ctx) => iamAuth(ctx, c, 'iam_database_authentication_enabled', 'Require IAM authentication (iam_database_authentication_enabled = true)') },
});

export const NEPTUNE_RULES: readonly Rule[] = [neptuneStorageEncrypted, neptuneIamAuth];
