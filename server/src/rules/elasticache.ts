import type { Resource } from '../model/document';
import { literal, presence } from './rds';
import type { Rule, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is } from './ruleKit';

/*
 * ElastiCache (Redis OSS and Valkey) replication groups. Serverless caches
 * always encrypt at rest and in transit, so for them the cell says "AWS
 * default" rather than asking for settings that do not exist.
 */

const GROUP_CFN = 'AWS::ElastiCache::ReplicationGroup';
const SERVERLESS_CFN = 'AWS::ElastiCache::ServerlessCache';
const GROUP_TF = 'aws_elasticache_replication_group';
const SERVERLESS_TF = 'aws_elasticache_serverless_cache';

const SERVERLESS: Verdict[] = [{ status: 'aws-default', evidence: 'serverless caches always encrypt data at rest and require TLS in transit' }];

interface Keys {
  engine: string;
  atRest: string;
  transit: string;
  transitMode: string;
}
const CFN: Keys = { engine: 'Engine', atRest: 'AtRestEncryptionEnabled', transit: 'TransitEncryptionEnabled', transitMode: 'TransitEncryptionMode' };
const TF: Keys = { engine: 'engine', atRest: 'at_rest_encryption_enabled', transit: 'transit_encryption_enabled', transitMode: 'transit_encryption_mode' };

function atRest(ctx: RuleContext, group: Resource, keys: Keys, fixTitle: string): Verdict[] {
  // Valkey replication groups are created encrypted when the flag is left out; Redis OSS ones are not.
  if (presence(ctx, group, keys.atRest).kind === 'absent') {
    const engine = literal(ctx, group, keys.engine);
    if (engine.kind === 'known' && engine.value === 'valkey') return [{ status: 'aws-default', evidence: `${keys.atRest} is not set: ElastiCache creates Valkey replication groups encrypted at rest` }];
  }
  return checkSetting(group, ctx, {
    path: [keys.atRest],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: `Cached data, backups and swap are not encrypted at rest (${keys.atRest} is not true).`,
    met: 'encrypted at rest',
    fix: { title: fixTitle, value: true },
  });
}

function inTransit(ctx: RuleContext, group: Resource, keys: Keys, syntax: 'cfn' | 'tf'): Verdict[] {
  const enabled = checkSetting(group, ctx, {
    path: [keys.transit],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: `Clients and replicas talk to the cache in plaintext (${keys.transit} is not true).`,
    met: 'TLS is enabled',
    fix: { title: syntax === 'cfn' ? 'Require TLS (TransitEncryptionEnabled: true)' : 'Require TLS (transit_encryption_enabled = true)', value: true },
  });
  if (enabled[0]?.status !== 'met') return enabled;
  // With mode "preferred" (a migration step), the cache still accepts plaintext connections.
  return checkSetting(group, ctx, {
    path: [keys.transitMode],
    isSecure: (v) => (v.kind === 'string' ? v.value.toLowerCase() !== 'preferred' : undefined),
    whenAbsent: 'met',
    gap: `TLS is enabled but ${keys.transitMode} is preferred, so plaintext connections are still accepted.`,
    met: 'TLS is required for every connection',
    fix: { title: syntax === 'cfn' ? 'Refuse plaintext connections (TransitEncryptionMode: required)' : 'Refuse plaintext connections (transit_encryption_mode = "required")', value: 'required' },
  });
}

export const elasticacheEncryptedAtRest = defineRule({
  id: 'elasticache-replication-group-encrypted-at-rest',
  title: 'ElastiCache replication group encrypts data at rest',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['ElastiCache.4'], checkov: ['CKV_AWS_29'] },
  docs: {
    why: 'Without at-rest encryption, data swapped to disk, backups and snapshots in S3 are stored in the clear.',
    owner: 'Customer: ElastiCache encrypts with KMS when asked; Redis OSS replication groups are created unencrypted unless the template turns it on (Valkey groups and serverless caches are encrypted by default).',
    fix: 'Sets AtRestEncryptionEnabled (at_rest_encryption_enabled) to true.',
    mayBreak: 'At-rest encryption cannot be changed on an existing replication group: the change replaces it, and the cached data is lost unless restored from a backup.',
  },
  cloudformation: {
    types: [GROUP_CFN, SERVERLESS_CFN],
    check: (group, ctx) => (group.type === SERVERLESS_CFN ? SERVERLESS : atRest(ctx, group, CFN, 'Encrypt at rest (AtRestEncryptionEnabled: true)')),
  },
  terraform: {
    types: [GROUP_TF, SERVERLESS_TF],
    check: (group, ctx) => (group.type === SERVERLESS_TF ? SERVERLESS : atRest(ctx, group, TF, 'Encrypt at rest (at_rest_encryption_enabled = true)')),
  },
});

export const elasticacheEncryptedInTransit = defineRule({
  id: 'elasticache-replication-group-encrypted-in-transit',
  title: 'ElastiCache replication group requires TLS',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['ElastiCache.5'], checkov: ['CKV_AWS_30'] },
  docs: {
    why: 'Without in-transit encryption, cached data and AUTH tokens cross the VPC in plaintext, between clients and nodes and between replicas.',
    owner: 'Shared: AWS provides TLS on the nodes; turning it on and making clients use it is the customer\'s.',
    fix: 'Sets TransitEncryptionEnabled (transit_encryption_enabled) to true, and TransitEncryptionMode (transit_encryption_mode) to required where it was left at preferred.',
    mayBreak: 'Clients without TLS can no longer connect. Redis OSS 7 and later can switch an existing group via mode preferred then required; older versions need a new replication group.',
  },
  cloudformation: {
    types: [GROUP_CFN, SERVERLESS_CFN],
    check: (group, ctx) => (group.type === SERVERLESS_CFN ? SERVERLESS : inTransit(ctx, group, CFN, 'cfn')),
  },
  terraform: {
    types: [GROUP_TF, SERVERLESS_TF],
    check: (group, ctx) => (group.type === SERVERLESS_TF ? SERVERLESS : inTransit(ctx, group, TF, 'tf')),
  },
});

export const ELASTICACHE_RULES: readonly Rule[] = [elasticacheEncryptedAtRest, elasticacheEncryptedInTransit];
