import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is } from './ruleKit';

/**
 * Automatic minor (patch) upgrades of managed engines beyond RDS (rds.ts):
 * each defaults to on, so only an explicit false is a gap; the patches
 * themselves are AWS's, applying them is the customer's choice.
 */

function upgradeSetting(resource: Resource, ctx: RuleContext, key: string, fixText: string): Verdict[] {
  return checkSetting(resource, ctx, {
    path: [key],
    isSecure: is.true,
    whenAbsent: 'aws-default',
    gap: `Automatic engine upgrades are turned off (${key} is false), so engine security patches wait for a manual upgrade.`,
    met: 'engine upgrades are applied automatically (the default)',
    fix: { title: `Upgrade the engine automatically (${fixText})`, value: true },
  });
}

const OWNER = 'Shared: AWS builds and rolls out engine patches in the maintenance window; the customer decides whether they are applied automatically.';
const MAY_BREAK = 'Upgrades restart nodes in the maintenance window; pin the window to a quiet time.';

export const elastiCacheAutoMinor = defineRule({
  id: 'elasticache-auto-minor-version-upgrade',
  title: 'ElastiCache cluster takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['ElastiCache.2'], checkov: ['CKV_AWS_322'] },
  docs: { why: 'Minor cache engine versions carry security fixes; with automatic upgrades off, each one waits for someone to apply it.', owner: OWNER, fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) back to true, the default.', mayBreak: MAY_BREAK },
  cloudformation: { types: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup'], check: (r, ctx) => upgradeSetting(r, ctx, 'AutoMinorVersionUpgrade', 'AutoMinorVersionUpgrade: true') },
  terraform: { types: ['aws_elasticache_cluster', 'aws_elasticache_replication_group'], check: (r, ctx) => upgradeSetting(r, ctx, 'auto_minor_version_upgrade', 'auto_minor_version_upgrade = true') },
});

export const documentDbAutoMinor = defineRule({
  id: 'documentdb-instance-auto-minor-version-upgrade',
  title: 'DocumentDB instance takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: {},
  docs: { why: 'Engine patches carry security fixes; with automatic upgrades off, each one waits for someone to apply it.', owner: OWNER, fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) back to true, the default.', mayBreak: MAY_BREAK },
  cloudformation: { types: ['AWS::DocDB::DBInstance'], check: (r, ctx) => upgradeSetting(r, ctx, 'AutoMinorVersionUpgrade', 'AutoMinorVersionUpgrade: true') },
  terraform: { types: ['aws_docdb_cluster_instance'], check: (r, ctx) => upgradeSetting(r, ctx, 'auto_minor_version_upgrade', 'auto_minor_version_upgrade = true') },
});

export const neptuneAutoMinor = defineRule({
  id: 'neptune-instance-auto-minor-version-upgrade',
  title: 'Neptune instance takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: {},
  docs: { why: 'Engine patches carry security fixes; with automatic upgrades off, each one waits for someone to apply it.', owner: OWNER, fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) back to true, the default.', mayBreak: MAY_BREAK },
  cloudformation: { types: ['AWS::Neptune::DBInstance'], check: (r, ctx) => upgradeSetting(r, ctx, 'AutoMinorVersionUpgrade', 'AutoMinorVersionUpgrade: true') },
  terraform: { types: ['aws_neptune_cluster_instance'], check: (r, ctx) => upgradeSetting(r, ctx, 'auto_minor_version_upgrade', 'auto_minor_version_upgrade = true') },
});

export const redshiftVersionUpgrade = defineRule({
  id: 'redshift-cluster-allow-version-upgrade',
  title: 'Redshift cluster takes engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['Redshift.6'] },
  docs: { why: 'Redshift engine versions carry security fixes; a cluster that does not allow version upgrades keeps running the old engine.', owner: OWNER, fix: 'Sets AllowVersionUpgrade (allow_version_upgrade) back to true, the default.', mayBreak: 'Upgrades restart the cluster in its maintenance window.' },
  cloudformation: { types: ['AWS::Redshift::Cluster'], check: (r, ctx) => upgradeSetting(r, ctx, 'AllowVersionUpgrade', 'AllowVersionUpgrade: true') },
  terraform: { types: ['aws_redshift_cluster'], check: (r, ctx) => upgradeSetting(r, ctx, 'allow_version_upgrade', 'allow_version_upgrade = true') },
});

export const AUTO_MINOR_RULES = [elastiCacheAutoMinor, documentDbAutoMinor, neptuneAutoMinor, redshiftVersionUpgrade];
