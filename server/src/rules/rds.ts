import type { PlainValue } from '../edit/plainValue';
import type { Resource } from '../model/document';
import { asList, type Value } from '../model/value';
import type { Fix, Rule, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, fixSet, is, judge, related, setting, type SettingSpec } from './ruleKit';

/*
 * Amazon RDS and Aurora. Aurora splits one database over two resource types:
 * the cluster owns storage, encryption, backups, IAM authentication,
 * deletion protection and log exports, while each instance only carries its
 * class, network exposure and patching. An AWS::RDS::DBInstance with a
 * DBClusterIdentifier is such a cluster member, and the cluster-level rules
 * say "not applicable" for it rather than ask for settings RDS ignores there.
 */

const INSTANCE_CFN = ['AWS::RDS::DBInstance'];
const INSTANCE_TF = ['aws_db_instance'];
const CLUSTER_CFN = ['AWS::RDS::DBCluster'];
const CLUSTER_TF = ['aws_rds_cluster'];

// ------------------------------------------------------------- shared helpers

export type Presence = { kind: 'present'; value: Value } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/**
 * Whether a top-level setting is in effect: absent also when it resolves to
 * AWS::NoValue or null, undecidable when a condition switches it on and off.
 */
export function presence(ctx: RuleContext, resource: Resource, key: string): Presence {
  const value = setting(resource, [key]).value;
  if (!value) return { kind: 'absent' };
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return { kind: 'absent' };
  if (r.status === 'unknown' && r.branches?.some((b) => ctx.model.resolve(b.value).status === 'absent')) {
    return { kind: 'unknown', reason: `${key} ${r.reason.replace(/^depends on/, 'is set or not depending on')}` };
  }
  return { kind: 'present', value };
}

export type Literal = { kind: 'known'; value: string } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/** A setting as a lower-case string (engine names are case-insensitive), when it can be known. */
export function literal(ctx: RuleContext, resource: Resource, key: string): Literal {
  const value = setting(resource, [key]).value;
  if (!value) return { kind: 'absent' };
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return { kind: 'absent' };
  if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number')) return { kind: 'known', value: String(r.value.value).trim().toLowerCase() };
  return { kind: 'unknown', reason: r.status === 'unknown' ? r.reason : `${key} is not a plain value` };
}

/** The first of `keys` that is set, for resources created from a snapshot, a replica source or a point in time. */
export function restoredBy(ctx: RuleContext, resource: Resource, keys: readonly string[]): { key: string; value: Value } | undefined {
  for (const key of keys) {
    const p = presence(ctx, resource, key);
    if (p.kind === 'present') return { key, value: p.value };
  }
  return undefined;
}

/** A verdict moved onto another resource: the gap stays where the setting lives, the finding shows where it matters. */
function inherited(verdicts: Verdict[], source: Resource, target: Resource, what: string): Verdict[] {
  return verdicts.map((v) => {
    switch (v.status) {
      case 'met':
        return { status: 'met', evidence: `${what} from ${source.id}: ${v.evidence ?? 'secure'}` };
      case 'aws-default':
        return { status: 'aws-default', evidence: `${what} from ${source.id}: ${v.evidence ?? ''}` };
      case 'cannot-tell':
        return { status: 'cannot-tell', reason: `${what} from ${source.id}, and ${v.reason}` };
      case 'gap':
        return { ...v, message: `${what} from ${source.id}: ${v.message}`, range: target.idRange, related: [...(v.related ?? []), related(source, 'the source it inherits from')] };
      default:
        return v;
    }
  });
}

/** A cluster member's verdict for settings that live on its cluster; undefined for stand-alone instances. */
function clusterMember(ctx: RuleContext, instance: Resource, what: string): Verdict[] | undefined {
  const member = presence(ctx, instance, 'DBClusterIdentifier');
  if (member.kind === 'absent') return undefined;
  if (member.kind === 'unknown') return [{ status: 'cannot-tell', reason: `${member.reason}; for a cluster member ${what} is the cluster's setting`, range: setting(instance, ['DBClusterIdentifier']).range }];
  return [{ status: 'not-applicable', reason: `${instance.id} is a member of a DB cluster: ${what} is set on the cluster` }];
}

const AURORA = /^aurora/;

/** Aurora, a Multi-AZ DB cluster (mysql/postgres engines), or not knowable. */
function clusterKind(ctx: RuleContext, cluster: Resource, engineKey: string): { kind: 'aurora' | 'multi-az'; engine: string } | { kind: 'unknown'; reason: string } {
  const engine = literal(ctx, cluster, engineKey);
  if (engine.kind === 'known') return { kind: AURORA.test(engine.value) ? 'aurora' : 'multi-az', engine: engine.value };
  if (engine.kind === 'absent') return { kind: 'unknown', reason: `${engineKey} is not set` };
  return { kind: 'unknown', reason: `${engineKey}: ${engine.reason}` };
}

/** Runs an instance-level check only for stand-alone instances; cluster members answer from clusterMember. */
function standalone(ctx: RuleContext, instance: Resource, what: string, check: () => Verdict[]): Verdict[] {
  return clusterMember(ctx, instance, what) ?? check();
}

// ---------------------------------------------------------- storage encryption

const INSTANCE_RESTORE_CFN = ['DBSnapshotIdentifier', 'DBClusterSnapshotIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBInstanceAutomatedBackupsArn', 'SourceDbiResourceId', 'SourceDBClusterIdentifier'];
const INSTANCE_RESTORE_TF = ['snapshot_identifier', 'replicate_source_db', 'restore_to_point_in_time'];
const CLUSTER_RESTORE_CFN = ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'SourceDbClusterResourceId', 'ReplicationSourceIdentifier', 'GlobalClusterIdentifier'];
const CLUSTER_RESTORE_TF = ['snapshot_identifier', 'replication_source_identifier', 'restore_to_point_in_time', 'global_cluster_identifier'];

/**
 * Encryption of a database that may be a copy: an explicit setting decides;
 * otherwise a copy inherits from its source (followed when the source is in
 * the same template), and a new database gets `whenNew`.
 */
function encryption(
  ctx: RuleContext,
  db: Resource,
  spec: { key: string; restoreKeys: readonly string[]; fixTitle: string; whenNew: (db: Resource) => Verdict[]; depth?: number },
): Verdict[] {
  const explicit: SettingSpec = {
    path: [spec.key],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: 'Storage is not encrypted at rest.',
    met: 'storage is encrypted',
    fix: { title: spec.fixTitle, value: true },
  };
  if (presence(ctx, db, spec.key).kind !== 'absent') return checkSetting(db, ctx, explicit);
  const copy = restoredBy(ctx, db, spec.restoreKeys);
  if (!copy) return spec.whenNew(db);
  const source = ctx.model.resolve(copy.value);
  if (source.status === 'resource' && source.resource.type === db.type && (spec.depth ?? 0) < 3) {
    return inherited(encryption(ctx, source.resource, { ...spec, depth: (spec.depth ?? 0) + 1 }), source.resource, db, 'encryption is inherited');
  }
  return [{ status: 'cannot-tell', reason: `created from ${copy.key}: encryption is inherited from the snapshot or source database, which this template does not show`, range: setting(db, [copy.key]).range }];
}

const ENCRYPTION_MAY_BREAK =
  'Encryption at rest cannot be switched on in place: changing it replaces the database (CloudFormation and Terraform create a new, empty one). Migrate existing data by restoring an encrypted copy of a snapshot.';

export const rdsInstanceStorageEncrypted = defineRule({
  id: 'rds-instance-storage-encrypted',
  title: 'RDS DB instance encrypts its storage',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['RDS.3'], checkov: ['CKV_AWS_16'], cis: ['2.3.1'] },
  docs: {
    why: 'An unencrypted instance keeps its data files, automated backups, read replicas and snapshots readable to anyone who obtains the underlying storage or a shared snapshot.',
    owner: 'Customer: RDS encrypts with KMS at no extra effort, but only when the instance is created with encryption on; the API default is off.',
    fix: 'Sets StorageEncrypted to true (storage_encrypted in Terraform), which uses the AWS managed key aws/rds unless a KmsKeyId is given. Instances restored from a snapshot or created as replicas inherit encryption and are followed to their source when it is in the template.',
    mayBreak: ENCRYPTION_MAY_BREAK,
  },
  cloudformation: {
    types: INSTANCE_CFN,
    check: (db, ctx) =>
      standalone(ctx, db, 'storage encryption', () =>
        encryption(ctx, db, {
          key: 'StorageEncrypted',
          restoreKeys: INSTANCE_RESTORE_CFN,
          fixTitle: 'Encrypt storage (StorageEncrypted: true)',
          whenNew: (target) => [{ status: 'gap', message: 'Storage is not encrypted at rest: StorageEncrypted is not set and RDS creates instances unencrypted by default.', range: target.idRange, fixes: fixSet(ctx, target, ['StorageEncrypted'], true, 'Encrypt storage (StorageEncrypted: true)') }],
        }),
      ),
  },
  terraform: {
    types: INSTANCE_TF,
    check: (db, ctx) =>
      encryption(ctx, db, {
        key: 'storage_encrypted',
        restoreKeys: INSTANCE_RESTORE_TF,
        fixTitle: 'Encrypt storage (storage_encrypted = true)',
        whenNew: (target) => [{ status: 'gap', message: 'Storage is not encrypted at rest: storage_encrypted is not set and defaults to false.', range: target.idRange, fixes: fixSet(ctx, target, ['storage_encrypted'], true, 'Encrypt storage (storage_encrypted = true)') }],
      }),
  },
});

/** Aurora encrypts every new cluster since 18 February 2026; Multi-AZ DB clusters (mysql/postgres) still need the setting. */
function newClusterEncryption(ctx: RuleContext, cluster: Resource, keys: { engine: string; engineMode: string; encrypted: string }, fixTitle: string): Verdict[] {
  const mode = literal(ctx, cluster, keys.engineMode);
  if (mode.kind === 'known' && mode.value === 'serverless') return [{ status: 'aws-default', evidence: 'Aurora Serverless v1 clusters are always encrypted at rest' }];
  const kind = clusterKind(ctx, cluster, keys.engine);
  if (kind.kind === 'aurora') {
    return [{ status: 'aws-default', evidence: `${keys.encrypted} is not set: Aurora encrypts every cluster created since 2026-02-18 with an AWS owned key (clusters created earlier without it stay unencrypted)` }];
  }
  if (kind.kind === 'unknown') {
    return [{ status: 'cannot-tell', reason: `${keys.encrypted} is not set and the engine is not known (${kind.reason}): Aurora encrypts new clusters by default, Multi-AZ DB clusters do not`, range: cluster.idRange }];
  }
  const fixes = fixSet(ctx, cluster, [keys.encrypted], true, fixTitle);
  return [{ status: 'gap', message: `Storage is not encrypted at rest: ${keys.encrypted} is not set and Multi-AZ DB clusters (engine ${kind.engine}) are created unencrypted by default.`, range: cluster.idRange, fixes }];
}

export const rdsClusterStorageEncrypted = defineRule({
  id: 'rds-cluster-storage-encrypted',
  title: 'RDS/Aurora DB cluster encrypts its storage',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['RDS.27'], checkov: ['CKV_AWS_96'] },
  docs: {
    why: 'The cluster volume holds every instance\'s data, logs, backups and snapshots; unencrypted, all of them are readable from the storage layer or a shared snapshot.',
    owner: 'Shared: Aurora encrypts clusters created since 18 February 2026 with an AWS owned key by default; older clusters and Multi-AZ DB clusters are encrypted only when StorageEncrypted is true, and choosing a key you control stays the customer\'s.',
    fix: 'Sets StorageEncrypted to true (storage_encrypted in Terraform). Clusters restored from a snapshot or another cluster inherit encryption and are followed to their source when it is in the template.',
    mayBreak: ENCRYPTION_MAY_BREAK,
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (cluster, ctx) =>
      encryption(ctx, cluster, {
        key: 'StorageEncrypted',
        restoreKeys: CLUSTER_RESTORE_CFN,
        fixTitle: 'Encrypt storage (StorageEncrypted: true)',
        whenNew: (target) => newClusterEncryption(ctx, target, { engine: 'Engine', engineMode: 'EngineMode', encrypted: 'StorageEncrypted' }, 'Encrypt storage (StorageEncrypted: true)'),
      }),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (cluster, ctx) =>
      encryption(ctx, cluster, {
        key: 'storage_encrypted',
        restoreKeys: CLUSTER_RESTORE_TF,
        fixTitle: 'Encrypt storage (storage_encrypted = true)',
        whenNew: (target) => newClusterEncryption(ctx, target, { engine: 'engine', engineMode: 'engine_mode', encrypted: 'storage_encrypted' }, 'Encrypt storage (storage_encrypted = true)'),
      }),
  },
});

// ------------------------------------------------------------ network exposure

/** The VPC a CloudFormation DB subnet group's subnets are in, when all of it is in the template. */
function subnetGroupVpc(ctx: RuleContext, subnetGroup: Value): Resource | undefined {
  const group = ctx.model.resolve(subnetGroup);
  if (group.status !== 'resource' || group.resource.type !== 'AWS::RDS::DBSubnetGroup') return undefined;
  const ids = ctx.model.resolve(setting(group.resource, ['SubnetIds']).value);
  if (ids.status !== 'known') return undefined;
  for (const item of asList(ids.value)?.items ?? []) {
    const subnet = ctx.model.resolve(item);
    if (subnet.status !== 'resource' || subnet.resource.type !== 'AWS::EC2::Subnet') continue;
    const vpc = ctx.model.resolve(setting(subnet.resource, ['VpcId']).value);
    if (vpc.status === 'resource' && vpc.resource.type === 'AWS::EC2::VPC') return vpc.resource;
  }
  return undefined;
}

function internetGatewayOf(ctx: RuleContext, vpc: Resource): Resource | undefined {
  return ctx.model.companions(vpc, 'AWS::EC2::VPCGatewayAttachment').find((a) => setting(a, ['InternetGatewayId']).entry);
}

/**
 * Without PubliclyAccessible, RDS decides from the VPC: public when it has
 * an internet gateway. The default VPC always has one; a template's own VPC
 * can be inspected; anything else cannot be told from here.
 */
function cfnPublicWhenUnset(ctx: RuleContext, db: Resource): Verdict[] {
  const fixes = (): Fix[] => fixSet(ctx, db, ['PubliclyAccessible'], false, 'Keep the instance private (PubliclyAccessible: false)');
  const group = presence(ctx, db, 'DBSubnetGroupName');
  if (group.kind === 'absent') {
    return [{ status: 'gap', message: 'PubliclyAccessible is not set and there is no DBSubnetGroupName: the instance goes into the default VPC, which has an internet gateway, so RDS makes it publicly accessible.', range: db.idRange, fixes: fixes() }];
  }
  if (group.kind === 'unknown') return [{ status: 'cannot-tell', reason: `PubliclyAccessible is not set and ${group.reason}`, range: db.idRange }];
  const vpc = subnetGroupVpc(ctx, group.value);
  if (vpc) {
    const igw = internetGatewayOf(ctx, vpc);
    if (igw) {
      return [{ status: 'gap', message: `PubliclyAccessible is not set and the subnet group's VPC ${vpc.id} has an internet gateway (${igw.id}), so RDS makes the instance publicly accessible.`, range: db.idRange, fixes: fixes(), related: [related(igw, 'the internet gateway attachment')] }];
    }
    return [{ status: 'met', evidence: `PubliclyAccessible is not set, and VPC ${vpc.id} has no internet gateway in this template, so RDS keeps the instance private`, range: db.idRange }];
  }
  return [{ status: 'cannot-tell', reason: 'PubliclyAccessible is not set: RDS makes the instance public when the subnet group\'s VPC has an internet gateway, which this template does not show (set it to false to be sure)', range: setting(db, ['DBSubnetGroupName']).range }];
}

export const rdsInstanceNotPublic = defineRule({
  id: 'rds-instance-not-public',
  title: 'RDS DB instance is not publicly accessible',
  aspect: 'network-exposure',
  severity: 'error',
  references: { securityHub: ['RDS.2'], checkov: ['CKV_AWS_17'], cis: ['2.3.3'] },
  docs: {
    why: 'A publicly accessible instance gets a DNS name that resolves to a public IP; one permissive security group rule then exposes the database port to the internet.',
    owner: 'Customer: network placement and exposure of the database are the customer\'s configuration.',
    fix: 'Sets PubliclyAccessible to false (publicly_accessible in Terraform). When CloudFormation leaves it unset, RDS makes the instance public if its VPC has an internet gateway, as the default VPC does; SRM Lens follows the DB subnet group to the VPC when both are in the template.',
    mayBreak: 'Clients that connect from outside the VPC (developer laptops, SaaS tools) lose access; give them a VPN, bastion or RDS Proxy path instead.',
  },
  cloudformation: {
    types: INSTANCE_CFN,
    check: (db, ctx) => {
      if (presence(ctx, db, 'PubliclyAccessible').kind === 'absent') return cfnPublicWhenUnset(ctx, db);
      return checkSetting(db, ctx, {
        path: ['PubliclyAccessible'],
        isSecure: is.false,
        whenAbsent: 'gap',
        gap: 'The instance is publicly accessible (PubliclyAccessible: true).',
        met: 'PubliclyAccessible is false',
        fix: { title: 'Make the instance private (PubliclyAccessible: false)', value: false },
      });
    },
  },
  terraform: {
    types: [...INSTANCE_TF, 'aws_rds_cluster_instance'],
    check: (db, ctx) =>
      checkSetting(db, ctx, {
        path: ['publicly_accessible'],
        isSecure: is.false,
        whenAbsent: 'met',
        gap: 'The instance is publicly accessible (publicly_accessible = true).',
        met: 'not publicly accessible (publicly_accessible defaults to false in Terraform)',
        fix: { title: 'Make the instance private (publicly_accessible = false)', value: false },
      }),
  },
});

// ------------------------------------------------------------------ resilience

const MIN_RETENTION_DAYS = 7;

function retention(resource: Resource, ctx: RuleContext, key: string, defaultDays: number, fixTitle: string): Verdict[] {
  const current = literal(ctx, resource, key);
  const gap =
    current.kind !== 'known'
      ? `Automated backups are kept only ${defaultDays} day${defaultDays === 1 ? '' : 's'}: ${key} is not set; keep them at least ${MIN_RETENTION_DAYS} days.`
      : current.value === '0'
        ? `Automated backups are turned off (${key} is 0).`
        : `Automated backups are kept only ${current.value} day(s) (${key}); keep them at least ${MIN_RETENTION_DAYS} days.`;
  return checkSetting(resource, ctx, {
    path: [key],
    isSecure: is.atLeast(MIN_RETENTION_DAYS),
    whenAbsent: 'gap',
    gap,
    met: `automated backups are kept at least ${MIN_RETENTION_DAYS} days`,
    fix: { title: fixTitle, value: MIN_RETENTION_DAYS },
  });
}

const REPLICA_CFN = 'SourceDBInstanceIdentifier';
const REPLICA_TF = 'replicate_source_db';

function notForReplica(ctx: RuleContext, db: Resource, key: string, check: () => Verdict[]): Verdict[] {
  const replica = presence(ctx, db, key);
  if (replica.kind === 'present') return [{ status: 'not-applicable', reason: `${db.id} is a read replica (${key}): its source database keeps the backups` }];
  return check();
}

export const rdsInstanceBackupRetention = defineRule({
  id: 'rds-instance-backup-retention',
  title: 'RDS DB instance keeps automated backups for at least 7 days',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['RDS.11'], checkov: ['CKV_AWS_133'] },
  docs: {
    why: 'Automated backups and point-in-time recovery reach back only as far as the retention period; one day is rarely enough to notice corruption, ransomware or a bad migration.',
    owner: 'Shared: RDS takes the backups; how long they are kept is the customer\'s choice (the default is one day, zero disables them).',
    fix: 'Sets BackupRetentionPeriod (backup_retention_period) to 7 days. Read replicas are not checked: their source keeps the backups.',
    mayBreak: 'Backup storage beyond the instance\'s allocated size is billed.',
  },
  cloudformation: {
    types: INSTANCE_CFN,
    check: (db, ctx) => standalone(ctx, db, 'backup retention', () => notForReplica(ctx, db, REPLICA_CFN, () => retention(db, ctx, 'BackupRetentionPeriod', 1, 'Keep backups 7 days (BackupRetentionPeriod: 7)'))),
  },
  terraform: {
    types: INSTANCE_TF,
    check: (db, ctx) => notForReplica(ctx, db, REPLICA_TF, () => retention(db, ctx, 'backup_retention_period', 1, 'Keep backups 7 days (backup_retention_period = 7)')),
  },
});

export const rdsClusterBackupRetention = defineRule({
  id: 'rds-cluster-backup-retention',
  title: 'RDS/Aurora DB cluster keeps automated backups for at least 7 days',
  aspect: 'resilience',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_133'] },
  docs: {
    why: 'Point-in-time recovery of the cluster reaches back only as far as the retention period, which defaults to a single day.',
    owner: 'Shared: Aurora backs up the cluster volume continuously; how long backups are kept is the customer\'s choice.',
    fix: 'Sets BackupRetentionPeriod (backup_retention_period) to 7 days.',
    mayBreak: 'Backup storage beyond the free allowance is billed.',
  },
  cloudformation: { types: CLUSTER_CFN, check: (c, ctx) => retention(c, ctx, 'BackupRetentionPeriod', 1, 'Keep backups 7 days (BackupRetentionPeriod: 7)') },
  terraform: { types: CLUSTER_TF, check: (c, ctx) => retention(c, ctx, 'backup_retention_period', 1, 'Keep backups 7 days (backup_retention_period = 7)') },
});

function deletionProtection(resource: Resource, ctx: RuleContext, key: string, fixTitle: string): Verdict[] {
  return checkSetting(resource, ctx, {
    path: [key],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: `Deletion protection is off (${key} ${setting(resource, [key]).entry ? 'is false' : 'is not set and defaults to false'}).`,
    met: 'deletion protection is on',
    fix: { title: fixTitle, value: true },
  });
}

const DELETION_MAY_BREAK = 'Deleting the stack, `terraform destroy` or a replacement fails until deletion protection is turned off first, which is the point; plan for it in teardown of test environments.';

export const rdsInstanceDeletionProtection = defineRule({
  id: 'rds-instance-deletion-protection',
  title: 'RDS DB instance has deletion protection',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['RDS.8'], checkov: ['CKV_AWS_293'] },
  docs: {
    why: 'Without deletion protection one API call, stack deletion or resource replacement removes the database.',
    owner: 'Customer: protecting the data against deletion is the customer\'s choice; the default is off.',
    fix: 'Sets DeletionProtection (deletion_protection) to true. Aurora cluster members are protected on the cluster instead.',
    mayBreak: DELETION_MAY_BREAK,
  },
  cloudformation: { types: INSTANCE_CFN, check: (db, ctx) => standalone(ctx, db, 'deletion protection', () => deletionProtection(db, ctx, 'DeletionProtection', 'Protect from deletion (DeletionProtection: true)')) },
  terraform: { types: INSTANCE_TF, check: (db, ctx) => deletionProtection(db, ctx, 'deletion_protection', 'Protect from deletion (deletion_protection = true)') },
});

export const rdsClusterDeletionProtection = defineRule({
  id: 'rds-cluster-deletion-protection',
  title: 'RDS/Aurora DB cluster has deletion protection',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['RDS.7'], checkov: ['CKV_AWS_139'] },
  docs: {
    why: 'Without deletion protection one API call, stack deletion or resource replacement removes the cluster and its volume.',
    owner: 'Customer: protecting the data against deletion is the customer\'s choice; the default is off.',
    fix: 'Sets DeletionProtection (deletion_protection) to true.',
    mayBreak: DELETION_MAY_BREAK,
  },
  cloudformation: { types: CLUSTER_CFN, check: (c, ctx) => deletionProtection(c, ctx, 'DeletionProtection', 'Protect from deletion (DeletionProtection: true)') },
  terraform: { types: CLUSTER_TF, check: (c, ctx) => deletionProtection(c, ctx, 'deletion_protection', 'Protect from deletion (deletion_protection = true)') },
});

export const rdsInstanceMultiAz = defineRule({
  id: 'rds-instance-multi-az',
  title: 'RDS DB instance runs Multi-AZ',
  aspect: 'resilience',
  severity: 'info',
  references: { securityHub: ['RDS.5'], checkov: ['CKV_AWS_157'] },
  docs: {
    why: 'A Single-AZ instance is down for the length of an Availability Zone outage and during some maintenance; Multi-AZ keeps a synchronous standby and fails over automatically.',
    owner: 'Shared: AWS runs the standby and the failover; choosing to pay for it is the customer\'s decision.',
    fix: 'Sets MultiAZ (multi_az) to true. Aurora cluster members are not checked: Aurora replicates storage across zones and its availability comes from replicas in the cluster.',
    mayBreak: 'Roughly doubles the instance cost; the change is applied without downtime but can slow writes briefly while the standby is created.',
  },
  cloudformation: {
    types: INSTANCE_CFN,
    check: (db, ctx) =>
      clusterMember(ctx, db, 'availability')?.map((v) => (v.status === 'not-applicable' ? { ...v, reason: `${db.id} is an Aurora cluster member: its storage already spans three Availability Zones and failover comes from other instances in the cluster` } : v)) ??
      checkSetting(db, ctx, { path: ['MultiAZ'], isSecure: is.true, whenAbsent: 'gap', gap: 'The instance runs in a single Availability Zone (MultiAZ is not true).', met: 'Multi-AZ deployment', fix: { title: 'Run Multi-AZ (MultiAZ: true)', value: true } }),
  },
  terraform: {
    types: INSTANCE_TF,
    check: (db, ctx) => checkSetting(db, ctx, { path: ['multi_az'], isSecure: is.true, whenAbsent: 'gap', gap: 'The instance runs in a single Availability Zone (multi_az is not true).', met: 'Multi-AZ deployment', fix: { title: 'Run Multi-AZ (multi_az = true)', value: true } }),
  },
});

// ----------------------------------------------------------- platform patching

function autoMinor(resource: Resource, ctx: RuleContext, key: string, fixTitle: string): Verdict[] {
  return checkSetting(resource, ctx, {
    path: [key],
    isSecure: is.true,
    whenAbsent: 'aws-default',
    gap: `Automatic minor version upgrades are turned off (${key} is false), so engine security patches wait for a manual upgrade.`,
    met: 'minor engine versions are upgraded automatically (the default)',
    fix: { title: fixTitle, value: true },
  });
}

const AUTO_MINOR_MAY_BREAK = 'Minor upgrades happen in the maintenance window and restart the database briefly; pin the window to a quiet time.';

export const rdsInstanceAutoMinorVersionUpgrade = defineRule({
  id: 'rds-instance-auto-minor-version-upgrade',
  title: 'RDS DB instance takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['RDS.13'], checkov: ['CKV_AWS_226'], cis: ['2.3.2'] },
  docs: {
    why: 'Minor engine versions carry security fixes; with automatic upgrades off, each one waits for someone to apply it.',
    owner: 'Shared: AWS builds and rolls out engine patches; the customer decides whether they are applied automatically and when.',
    fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) back to true, the default. For Aurora, both the cluster and each instance need it.',
    mayBreak: AUTO_MINOR_MAY_BREAK,
  },
  cloudformation: { types: INSTANCE_CFN, check: (db, ctx) => autoMinor(db, ctx, 'AutoMinorVersionUpgrade', 'Upgrade minor versions automatically (AutoMinorVersionUpgrade: true)') },
  terraform: { types: [...INSTANCE_TF, 'aws_rds_cluster_instance'], check: (db, ctx) => autoMinor(db, ctx, 'auto_minor_version_upgrade', 'Upgrade minor versions automatically (auto_minor_version_upgrade = true)') },
});

export const rdsClusterAutoMinorVersionUpgrade = defineRule({
  id: 'rds-cluster-auto-minor-version-upgrade',
  title: 'RDS/Aurora DB cluster takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['RDS.35'] },
  docs: {
    why: 'Minor engine versions carry security fixes; an Aurora cluster upgrades automatically only when the cluster and all its instances allow it.',
    owner: 'Shared: AWS builds and rolls out engine patches; the customer decides whether they are applied automatically and when.',
    fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) back to true, the default.',
    mayBreak: AUTO_MINOR_MAY_BREAK,
  },
  cloudformation: { types: CLUSTER_CFN, check: (c, ctx) => autoMinor(c, ctx, 'AutoMinorVersionUpgrade', 'Upgrade minor versions automatically (AutoMinorVersionUpgrade: true)') },
  terraform: { types: CLUSTER_TF, check: (c, ctx) => autoMinor(c, ctx, 'auto_minor_version_upgrade', 'Upgrade minor versions automatically (auto_minor_version_upgrade = true)') },
});

// ------------------------------------------------------------ identity, access

const IAM_AUTH_INSTANCE_ENGINES = ['mysql', 'mariadb', 'postgres'];

/** IAM database authentication only where the engine has it; an unknown engine turns a gap into cannot-tell. */
function iamAuth(ctx: RuleContext, db: Resource, keys: { engine: string; setting: string }, supported: (engine: string) => boolean, fixTitle: string): Verdict[] {
  const engine = literal(ctx, db, keys.engine);
  if (engine.kind === 'known' && !supported(engine.value)) return [{ status: 'not-applicable', reason: `engine ${engine.value} has no IAM database authentication` }];
  const verdicts = checkSetting(db, ctx, {
    path: [keys.setting],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: `IAM database authentication is off (${keys.setting} ${setting(db, [keys.setting]).entry ? 'is false' : 'is not set'}): clients can only log in with database passwords.`,
    met: 'IAM database authentication is enabled',
    fix: { title: fixTitle, value: true },
  });
  if (engine.kind === 'known') return verdicts;
  const why = engine.kind === 'absent' ? `${keys.engine} is not set` : `${keys.engine}: ${engine.reason}`;
  return verdicts.map((v) => (v.status === 'gap' ? { status: 'cannot-tell', reason: `IAM database authentication is off, but whether the engine supports it is unknown (${why})`, range: v.range } : v));
}

export const rdsInstanceIamAuth = defineRule({
  id: 'rds-instance-iam-auth',
  title: 'RDS DB instance accepts IAM database authentication',
  aspect: 'identity-access',
  severity: 'info',
  references: { securityHub: ['RDS.10'], checkov: ['CKV_AWS_161'] },
  docs: {
    why: 'With IAM authentication, applications connect with short-lived tokens tied to IAM roles instead of passwords stored in configuration, and access is granted and revoked in IAM.',
    owner: 'Customer: who may log in to the database, and how, is always the customer\'s.',
    fix: 'Sets EnableIAMDatabaseAuthentication (iam_database_authentication_enabled) to true. Only MySQL, MariaDB and PostgreSQL support it; other engines are not applicable, and Aurora members are handled on the cluster.',
    mayBreak: 'Nothing by itself: password logins keep working; database users must still be mapped to IAM (GRANT rds_iam / AWSAuthenticationPlugin) before tokens work.',
  },
  cloudformation: {
    types: INSTANCE_CFN,
    check: (db, ctx) => standalone(ctx, db, 'IAM database authentication', () => iamAuth(ctx, db, { engine: 'Engine', setting: 'EnableIAMDatabaseAuthentication' }, (e) => IAM_AUTH_INSTANCE_ENGINES.includes(e), 'Enable IAM database authentication (EnableIAMDatabaseAuthentication: true)')),
  },
  terraform: {
    types: INSTANCE_TF,
    check: (db, ctx) => iamAuth(ctx, db, { engine: 'engine', setting: 'iam_database_authentication_enabled' }, (e) => IAM_AUTH_INSTANCE_ENGINES.includes(e), 'Enable IAM database authentication (iam_database_authentication_enabled = true)'),
  },
});

export const rdsClusterIamAuth = defineRule({
  id: 'rds-cluster-iam-auth',
  title: 'Aurora DB cluster accepts IAM database authentication',
  aspect: 'identity-access',
  severity: 'info',
  references: { securityHub: ['RDS.12'], checkov: ['CKV_AWS_162'] },
  docs: {
    why: 'With IAM authentication, applications connect with short-lived tokens tied to IAM roles instead of passwords stored in configuration.',
    owner: 'Customer: who may log in to the database, and how, is always the customer\'s.',
    fix: 'Sets EnableIAMDatabaseAuthentication (iam_database_authentication_enabled) to true on Aurora clusters; CloudFormation documents the setting for Aurora only, so Multi-AZ DB clusters are not applicable.',
    mayBreak: 'Nothing by itself: password logins keep working; database users must still be mapped to IAM before tokens work.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (c, ctx) => iamAuth(ctx, c, { engine: 'Engine', setting: 'EnableIAMDatabaseAuthentication' }, (e) => AURORA.test(e), 'Enable IAM database authentication (EnableIAMDatabaseAuthentication: true)'),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (c, ctx) => iamAuth(ctx, c, { engine: 'engine', setting: 'iam_database_authentication_enabled' }, (e) => AURORA.test(e), 'Enable IAM database authentication (iam_database_authentication_enabled = true)'),
  },
});

// ---------------------------------------------------------- logging, monitoring

/** Log types worth exporting per engine; undefined where SRM Lens will not guess (unknown or custom engines). */
function instanceLogTypes(engine: string): string[] | undefined {
  // The audit log of MySQL and MariaDB needs the MARIADB_AUDIT_PLUGIN option group, so it is left out.
  if (engine === 'mysql' || engine === 'mariadb') return ['error', 'general', 'slowquery'];
  if (engine === 'postgres') return ['postgresql', 'upgrade'];
  if (engine.startsWith('oracle-')) return ['alert', 'audit', 'listener', 'trace'];
  if (engine.startsWith('sqlserver-')) return ['agent', 'error'];
  return undefined;
}

function clusterLogTypes(engine: string): string[] | undefined {
  // Aurora MySQL writes its audit log once server_audit_logging is on in the cluster parameter group; exporting it costs nothing until then.
  if (engine === 'aurora-mysql' || engine === 'aurora') return ['audit', 'error', 'general', 'slowquery'];
  if (engine === 'aurora-postgresql' || engine === 'postgres') return ['postgresql'];
  if (engine === 'mysql') return ['error', 'general', 'slowquery'];
  return undefined;
}

function logExports(ctx: RuleContext, db: Resource, keys: { engine: string; exports: string }, typesFor: (engine: string) => string[] | undefined, syntax: 'cfn' | 'tf'): Verdict[] {
  const found = setting(db, [keys.exports]);
  const j = found.entry ? judge(ctx, found.value, (v) => (v.kind === 'list' ? v.items.length > 0 : undefined)) : ({ outcome: 'absent' } as const);
  if (j.outcome === 'secure') return [{ status: 'met', evidence: 'database logs are exported to CloudWatch Logs', range: found.range }];
  if (j.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${keys.exports}: ${j.reason}`, range: found.range }];
  const engine = literal(ctx, db, keys.engine);
  const types = engine.kind === 'known' ? typesFor(engine.value) : undefined;
  const fixes: Fix[] = types ? fixSet(ctx, db, [keys.exports], types as PlainValue, syntax === 'cfn' ? `Export ${types.join(', ')} logs to CloudWatch Logs (EnableCloudwatchLogsExports)` : `Export ${types.join(', ')} logs to CloudWatch Logs (enabled_cloudwatch_logs_exports)`) : [];
  return [{ status: 'gap', message: `No database logs are exported to CloudWatch Logs (${keys.exports} is ${found.entry ? 'empty' : 'not set'}).`, range: found.range, fixes }];
}

export const rdsInstanceLogExports = defineRule({
  id: 'rds-instance-log-exports',
  title: 'RDS DB instance exports its logs to CloudWatch Logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['RDS.9'], checkov: ['CKV_AWS_129'] },
  docs: {
    why: 'Engine logs (errors, connections, slow and general queries, audit records) stay on the instance and rotate away unless exported; investigations and alarms need them in CloudWatch Logs.',
    owner: 'Customer: RDS can publish the logs; choosing which ones and paying for their storage is the customer\'s.',
    fix: 'Sets EnableCloudwatchLogsExports (enabled_cloudwatch_logs_exports) to the engine\'s log types: error, general and slowquery for MySQL and MariaDB (audit needs an option group first), postgresql and upgrade for PostgreSQL, alert, audit, listener and trace for Oracle, agent and error for SQL Server. No fix when the engine is unknown. Aurora members export through their cluster.',
    mayBreak: 'CloudWatch Logs ingestion and storage are billed; general and slow query logs are only written when enabled in the parameter group.',
  },
  cloudformation: {
    types: INSTANCE_CFN,
    check: (db, ctx) => standalone(ctx, db, 'log export', () => logExports(ctx, db, { engine: 'Engine', exports: 'EnableCloudwatchLogsExports' }, instanceLogTypes, 'cfn')),
  },
  terraform: {
    types: INSTANCE_TF,
    check: (db, ctx) => logExports(ctx, db, { engine: 'engine', exports: 'enabled_cloudwatch_logs_exports' }, instanceLogTypes, 'tf'),
  },
});

export const rdsClusterLogExports = defineRule({
  id: 'rds-cluster-log-exports',
  title: 'RDS/Aurora DB cluster exports its logs to CloudWatch Logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['RDS.34', 'RDS.37'], checkov: ['CKV_AWS_324'] },
  docs: {
    why: 'Cluster logs (audit, error, slow and general queries, PostgreSQL logs) stay on the instances and rotate away unless exported.',
    owner: 'Customer: Aurora can publish the logs; choosing which ones and paying for their storage is the customer\'s.',
    fix: 'Sets EnableCloudwatchLogsExports (enabled_cloudwatch_logs_exports) to audit, error, general and slowquery for Aurora MySQL, postgresql for Aurora PostgreSQL, and the matching types for Multi-AZ DB clusters. No fix when the engine is unknown.',
    mayBreak: 'CloudWatch Logs ingestion and storage are billed; the Aurora MySQL audit log is only written once server_audit_logging is on in the cluster parameter group.',
  },
  cloudformation: { types: CLUSTER_CFN, check: (c, ctx) => logExports(ctx, c, { engine: 'Engine', exports: 'EnableCloudwatchLogsExports' }, clusterLogTypes, 'cfn') },
  terraform: { types: CLUSTER_TF, check: (c, ctx) => logExports(ctx, c, { engine: 'engine', exports: 'enabled_cloudwatch_logs_exports' }, clusterLogTypes, 'tf') },
});

export const RDS_RULES: readonly Rule[] = [
  rdsInstanceStorageEncrypted,
  rdsClusterStorageEncrypted,
  rdsInstanceNotPublic,
  rdsInstanceBackupRetention,
  rdsClusterBackupRetention,
  rdsInstanceDeletionProtection,
  rdsClusterDeletionProtection,
  rdsInstanceMultiAz,
  rdsInstanceAutoMinorVersionUpgrade,
  rdsClusterAutoMinorVersionUpgrade,
  rdsInstanceIamAuth,
  rdsClusterIamAuth,
  rdsInstanceLogExports,
  rdsClusterLogExports,
];

// DocumentDB and Neptune clusters run on the RDS API and share these shapes.
export { encryption as storageEncryption, retention as backupRetention, deletionProtection };
