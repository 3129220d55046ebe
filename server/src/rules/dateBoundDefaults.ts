import { awsDefaultsFor } from '../knowledge/awsDefaults';
import type { Resource } from '../model/document';
import type { Rule, RuleContext, Verdict } from './rule';
import { defineRule, fixSet, setting } from './ruleKit';

/**
 * Defaults that hold only for resources created since a date (Aurora and
 * Redshift encryption): a template that leaves the setting out describes an
 * encrypted cluster only if the cluster is created after that date. Stating
 * the setting makes the template say the same thing whenever it is applied.
 * The date is read from the AWS default in the knowledge base, never repeated here.
 */
function sinceOf(cloudformationType: string, defaultId: string): string {
  const d = awsDefaultsFor(cloudformationType).find((x) => x.id === defaultId);
  if (!d?.since) throw new Error(`AWS default ${defaultId} has no date`);
  return d.since;
}

interface Spec {
  cloudformationType: string;
  defaultId: string;
  key: string;
  /** Settings that make the resource a copy, whose encryption comes from its source. */
  copyKeys: string[];
  /** Only these resources are covered by the dated default (Aurora engines, not Multi-AZ DB clusters). */
  covered?: (resource: Resource, ctx: RuleContext) => boolean;
  what: string;
}

function checkExplicit(resource: Resource, ctx: RuleContext, spec: Spec): Verdict[] {
  if (setting(resource, [spec.key]).entry) return [{ status: 'met', evidence: `${spec.key} is stated explicitly` }];
  if (spec.copyKeys.some((k) => setting(resource, [k]).entry)) return [{ status: 'not-applicable', reason: 'a copy inherits its encryption from its source' }];
  if (spec.covered && !spec.covered(resource, ctx)) return [{ status: 'not-applicable', reason: 'the dated default does not cover this resource' }];
  const since = sinceOf(spec.cloudformationType, spec.defaultId);
  return [{
    status: 'gap',
    message: `Set ${spec.key} explicitly: ${spec.what} created before ${since} are not encrypted by default, so without it this template's result depends on when the cluster was created.`,
    range: resource.idRange,
    fixes: fixSet(ctx, resource, [spec.key], true, `State encryption explicitly (${spec.key}${resource.format.startsWith('terraform') ? ' = true' : ': true'})`),
  }];
}

function isAurora(engineKey: string) {
  return (resource: Resource, ctx: RuleContext): boolean => {
    const r = ctx.model.resolve(setting(resource, [engineKey]).value);
    return r.status === 'known' && r.value.kind === 'string' && r.value.value.startsWith('aurora');
  };
}

export const rdsClusterEncryptionExplicit = defineRule({
  id: 'rds-cluster-encryption-explicit',
  title: 'Aurora cluster states StorageEncrypted explicitly',
  aspect: 'configuration-management',
  severity: 'info',
  references: {},
  docs: {
    why: 'Aurora encrypts clusters created on or after 18 February 2026 without being asked; a cluster created earlier from the same template is not encrypted. Stating the setting keeps the template\'s meaning independent of the creation date.',
    owner: 'Shared: AWS encrypts new Aurora clusters by default; making the template say so is the customer\'s configuration management.',
    fix: 'Sets StorageEncrypted to true (storage_encrypted = true in Terraform).',
    mayBreak: 'On an existing unencrypted cluster the change requires a replacement: restore from an encrypted snapshot copy.',
  },
  cloudformation: {
    types: ['AWS::RDS::DBCluster'],
    check: (r, ctx) => checkExplicit(r, ctx, { cloudformationType: 'AWS::RDS::DBCluster', defaultId: 'aurora-default-encryption', key: 'StorageEncrypted', copyKeys: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'ReplicationSourceIdentifier', 'GlobalClusterIdentifier'], covered: isAurora('Engine'), what: 'Aurora clusters' }),
  },
  terraform: {
    types: ['aws_rds_cluster'],
    check: (r, ctx) => checkExplicit(r, ctx, { cloudformationType: 'AWS::RDS::DBCluster', defaultId: 'aurora-default-encryption', key: 'storage_encrypted', copyKeys: ['snapshot_identifier', 'replication_source_identifier', 'restore_to_point_in_time', 'global_cluster_identifier'], covered: isAurora('engine'), what: 'Aurora clusters' }),
  },
});

export const redshiftClusterEncryptionExplicit = defineRule({
  id: 'redshift-cluster-encryption-explicit',
  title: 'Redshift cluster states Encrypted explicitly',
  aspect: 'configuration-management',
  severity: 'info',
  references: {},
  docs: {
    why: 'Redshift encrypts provisioned clusters created on or after 10 January 2025 by default; a cluster created earlier from the same template without Encrypted is not. Stating the setting keeps the template\'s meaning independent of the creation date.',
    owner: 'Shared: AWS encrypts new clusters by default; making the template say so is the customer\'s configuration management.',
    fix: 'Sets Encrypted to true (encrypted = true in Terraform).',
    mayBreak: 'On an existing unencrypted cluster the change starts a migration: the cluster is read-only while it runs.',
  },
  cloudformation: {
    types: ['AWS::Redshift::Cluster'],
    check: (r, ctx) => checkExplicit(r, ctx, { cloudformationType: 'AWS::Redshift::Cluster', defaultId: 'redshift-encrypted-by-default', key: 'Encrypted', copyKeys: ['SnapshotIdentifier'], what: 'provisioned clusters' }),
  },
  terraform: {
    types: ['aws_redshift_cluster'],
    check: (r, ctx) => checkExplicit(r, ctx, { cloudformationType: 'AWS::Redshift::Cluster', defaultId: 'redshift-encrypted-by-default', key: 'encrypted', copyKeys: ['snapshot_identifier'], what: 'provisioned clusters' }),
  },
});

export const DATE_BOUND_RULES: readonly Rule[] = [rdsClusterEncryptionExplicit, redshiftClusterEncryptionExplicit];
