import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

/** A CloudFormation template with one resource `Db`; props and extra resources are YAML text at their final indentation. */
const cfn = (type: string, props: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Db:
    Type: ${type}
${props ? `    Properties:\n${props}` : ''}${extra}`;

const json = (type: string, props: object, extra: object = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Db: { Type: type, Properties: props }, ...extra } }, null, 2);

const tf = (type: string, body: string, extra = '') => `variable "mode" {
  type = string
}

resource "${type}" "db" {
  identifier = "db"
${body}}
${extra}`;

const INSTANCE = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';

describeRule('rds-instance-storage-encrypted', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      Engine: postgres\n'), pass: cfn(INSTANCE, '      StorageEncrypted: true\n'), unknown: cfn(INSTANCE, '      StorageEncrypted: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, { Engine: 'mysql', StorageEncrypted: false }), pass: json(INSTANCE, { StorageEncrypted: 'true' }), unknown: json(INSTANCE, { DBSnapshotIdentifier: 'nightly' }) },
  terraform: { resource: 'aws_db_instance.db', fail: tf('aws_db_instance', '  engine = "postgres"\n'), pass: tf('aws_db_instance', '  storage_encrypted = true\n'), unknown: tf('aws_db_instance', '  storage_encrypted = var.mode\n') },
});

describeRule('rds-cluster-storage-encrypted', {
  yaml: {
    resource: 'Db',
    fail: cfn(CLUSTER, '      Engine: postgres\n      DBClusterInstanceClass: db.m6gd.large\n'),
    pass: cfn(CLUSTER, '      Engine: aurora-mysql\n'),
    unknown: cfn(CLUSTER, '      Engine: !Ref Mode\n'),
  },
  json: { resource: 'Db', fail: json(CLUSTER, { Engine: 'aurora-postgresql', StorageEncrypted: false }), pass: json(CLUSTER, { StorageEncrypted: true }), unknown: json(CLUSTER, { SnapshotIdentifier: 'snap' }) },
  terraform: {
    resource: 'aws_rds_cluster.db',
    fail: tf('aws_rds_cluster', '  engine = "mysql"\n'),
    pass: tf('aws_rds_cluster', '  engine = "aurora-postgresql"\n'),
    unknown: tf('aws_rds_cluster', '  engine            = "mysql"\n  storage_encrypted = var.mode\n'),
  },
});

const VPC = (withGateway: boolean) => `  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: db
      SubnetIds:
        - !Ref SubnetA
${withGateway ? `  Gateway:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: !Ref Vpc
      InternetGatewayId: !Ref Gateway
` : ''}`;

describeRule('rds-instance-not-public', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      PubliclyAccessible: true\n'), pass: cfn(INSTANCE, '      DBSubnetGroupName: !Ref Group\n', VPC(false)), unknown: cfn(INSTANCE, '      PubliclyAccessible: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, { Engine: 'mysql' }), pass: json(INSTANCE, { PubliclyAccessible: false }), unknown: json(INSTANCE, { DBSubnetGroupName: 'shared-db-subnets' }) },
  terraform: { resource: 'aws_db_instance.db', fail: tf('aws_db_instance', '  publicly_accessible = true\n'), pass: tf('aws_db_instance', '  engine = "mysql"\n'), unknown: tf('aws_db_instance', '  publicly_accessible = var.mode\n') },
});

describeRule('rds-instance-backup-retention', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      Engine: mysql\n'), pass: cfn(INSTANCE, '      BackupRetentionPeriod: 7\n'), unknown: cfn(INSTANCE, '      BackupRetentionPeriod: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, { BackupRetentionPeriod: '1' }), pass: json(INSTANCE, { BackupRetentionPeriod: '14' }) },
  terraform: { resource: 'aws_db_instance.db', fail: tf('aws_db_instance', '  backup_retention_period = 0\n'), pass: tf('aws_db_instance', '  backup_retention_period = 35\n'), unknown: tf('aws_db_instance', '  backup_retention_period = var.mode\n') },
});

describeRule('rds-cluster-backup-retention', {
  yaml: { resource: 'Db', fail: cfn(CLUSTER, '      Engine: aurora-mysql\n'), pass: cfn(CLUSTER, '      BackupRetentionPeriod: 10\n'), unknown: cfn(CLUSTER, '      BackupRetentionPeriod: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(CLUSTER, { BackupRetentionPeriod: 3 }), pass: json(CLUSTER, { BackupRetentionPeriod: 7 }) },
  terraform: { resource: 'aws_rds_cluster.db', fail: tf('aws_rds_cluster', '  engine = "aurora-mysql"\n'), pass: tf('aws_rds_cluster', '  backup_retention_period = 7\n'), unknown: tf('aws_rds_cluster', '  backup_retention_period = var.mode\n') },
});

describeRule('rds-instance-deletion-protection', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      DeletionProtection: false\n'), pass: cfn(INSTANCE, '      DeletionProtection: true\n'), unknown: cfn(INSTANCE, '      DeletionProtection: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, {}), pass: json(INSTANCE, { DeletionProtection: true }) },
  terraform: { resource: 'aws_db_instance.db', fail: tf('aws_db_instance', ''), pass: tf('aws_db_instance', '  deletion_protection = true\n'), unknown: tf('aws_db_instance', '  deletion_protection = var.mode\n') },
});

describeRule('rds-cluster-deletion-protection', {
  yaml: { resource: 'Db', fail: cfn(CLUSTER, '      Engine: aurora-postgresql\n'), pass: cfn(CLUSTER, '      DeletionProtection: true\n'), unknown: cfn(CLUSTER, '      DeletionProtection: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(CLUSTER, { DeletionProtection: 'false' }), pass: json(CLUSTER, { DeletionProtection: 'true' }) },
  terraform: { resource: 'aws_rds_cluster.db', fail: tf('aws_rds_cluster', '  deletion_protection = false\n'), pass: tf('aws_rds_cluster', '  deletion_protection = true\n'), unknown: tf('aws_rds_cluster', '  deletion_protection = var.mode\n') },
});

describeRule('rds-instance-multi-az', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      Engine: postgres\n'), pass: cfn(INSTANCE, '      MultiAZ: true\n'), unknown: cfn(INSTANCE, '      MultiAZ: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, { MultiAZ: false }), pass: json(INSTANCE, { Engine: 'aurora-mysql', DBClusterIdentifier: 'cluster-a' }) },
  terraform: { resource: 'aws_db_instance.db', fail: tf('aws_db_instance', '  multi_az = false\n'), pass: tf('aws_db_instance', '  multi_az = true\n'), unknown: tf('aws_db_instance', '  multi_az = var.mode\n') },
});

describeRule('rds-instance-auto-minor-version-upgrade', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      AutoMinorVersionUpgrade: false\n'), pass: cfn(INSTANCE, '      Engine: mysql\n'), unknown: cfn(INSTANCE, '      AutoMinorVersionUpgrade: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, { AutoMinorVersionUpgrade: 'false' }), pass: json(INSTANCE, { AutoMinorVersionUpgrade: true }) },
  terraform: {
    resource: 'aws_rds_cluster_instance.db',
    fail: tf('aws_rds_cluster_instance', '  auto_minor_version_upgrade = false\n'),
    pass: tf('aws_rds_cluster_instance', '  instance_class = "db.r6g.large"\n'),
    unknown: tf('aws_rds_cluster_instance', '  auto_minor_version_upgrade = var.mode\n'),
  },
});

describeRule('rds-cluster-auto-minor-version-upgrade', {
  yaml: { resource: 'Db', fail: cfn(CLUSTER, '      AutoMinorVersionUpgrade: false\n'), pass: cfn(CLUSTER, '      Engine: aurora-mysql\n'), unknown: cfn(CLUSTER, '      AutoMinorVersionUpgrade: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(CLUSTER, { AutoMinorVersionUpgrade: false }), pass: json(CLUSTER, { AutoMinorVersionUpgrade: true }) },
  terraform: { resource: 'aws_rds_cluster.db', fail: tf('aws_rds_cluster', '  auto_minor_version_upgrade = false\n'), pass: tf('aws_rds_cluster', ''), unknown: tf('aws_rds_cluster', '  auto_minor_version_upgrade = var.mode\n') },
});

describeRule('rds-instance-iam-auth', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      Engine: mysql\n'), pass: cfn(INSTANCE, '      Engine: oracle-ee\n'), unknown: cfn(INSTANCE, '      Engine: !Ref Mode\n') },
  json: {
    resource: 'Db',
    fail: json(INSTANCE, { Engine: 'postgres', EnableIAMDatabaseAuthentication: false }),
    pass: json(INSTANCE, { Engine: 'postgres', EnableIAMDatabaseAuthentication: true }),
    unknown: json(INSTANCE, { Engine: 'mariadb', EnableIAMDatabaseAuthentication: { Ref: 'Mode' } }),
  },
  terraform: { resource: 'aws_db_instance.db', fail: tf('aws_db_instance', '  engine = "mariadb"\n'), pass: tf('aws_db_instance', '  engine = "sqlserver-ex"\n'), unknown: tf('aws_db_instance', '  engine = var.mode\n') },
});

describeRule('rds-cluster-iam-auth', {
  yaml: { resource: 'Db', fail: cfn(CLUSTER, '      Engine: aurora-postgresql\n'), pass: cfn(CLUSTER, '      Engine: postgres\n'), unknown: cfn(CLUSTER, '      Engine: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(CLUSTER, { Engine: 'aurora-mysql', EnableIAMDatabaseAuthentication: 'false' }), pass: json(CLUSTER, { Engine: 'aurora-mysql', EnableIAMDatabaseAuthentication: true }) },
  terraform: {
    resource: 'aws_rds_cluster.db',
    fail: tf('aws_rds_cluster', '  engine = "aurora-mysql"\n'),
    pass: tf('aws_rds_cluster', '  engine                              = "aurora-mysql"\n  iam_database_authentication_enabled = true\n'),
    unknown: tf('aws_rds_cluster', '  engine = var.mode\n'),
  },
});

describeRule('rds-instance-log-exports', {
  yaml: { resource: 'Db', fail: cfn(INSTANCE, '      Engine: postgres\n'), pass: cfn(INSTANCE, '      EnableCloudwatchLogsExports:\n        - error\n'), unknown: cfn(INSTANCE, '      EnableCloudwatchLogsExports: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(INSTANCE, { Engine: 'sqlserver-ex', EnableCloudwatchLogsExports: [] }), pass: json(INSTANCE, { EnableCloudwatchLogsExports: ['alert'] }) },
  terraform: {
    resource: 'aws_db_instance.db',
    fail: tf('aws_db_instance', '  engine = "mysql"\n'),
    pass: tf('aws_db_instance', '  enabled_cloudwatch_logs_exports = ["error", "slowquery"]\n'),
    unknown: tf('aws_db_instance', '  enabled_cloudwatch_logs_exports = var.mode\n'),
  },
});

describeRule('rds-cluster-log-exports', {
  yaml: { resource: 'Db', fail: cfn(CLUSTER, '      Engine: aurora-mysql\n'), pass: cfn(CLUSTER, '      EnableCloudwatchLogsExports: [postgresql]\n'), unknown: cfn(CLUSTER, '      EnableCloudwatchLogsExports: !Ref Mode\n') },
  json: { resource: 'Db', fail: json(CLUSTER, { Engine: 'aurora-postgresql' }), pass: json(CLUSTER, { EnableCloudwatchLogsExports: ['audit'] }) },
  terraform: { resource: 'aws_rds_cluster.db', fail: tf('aws_rds_cluster', '  engine = "aurora-postgresql"\n'), pass: tf('aws_rds_cluster', '  enabled_cloudwatch_logs_exports = ["postgresql"]\n'), unknown: tf('aws_rds_cluster', '  enabled_cloudwatch_logs_exports = var.mode\n') },
});

describe('RDS rules beyond the standard cases', () => {
  before(() => initTerraformParser());

  const statuses = (files: Record<string, string>, rule: string, resource: string) => verdicts(files, rule, resource).map((v) => v.status);

  const auroraMember = cfn(INSTANCE, '      Engine: aurora-mysql\n      DBClusterIdentifier: !Ref Cluster\n      DBInstanceClass: db.r6g.large\n', '  Cluster:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n');

  for (const rule of ['rds-instance-storage-encrypted', 'rds-instance-backup-retention', 'rds-instance-deletion-protection', 'rds-instance-iam-auth', 'rds-instance-log-exports', 'rds-instance-multi-az']) {
    test(`${rule}: an Aurora cluster member is not applicable (the cluster owns the setting)`, () => {
      assert.deepEqual(statuses({ 'template.yaml': auroraMember }, rule, 'Db'), ['not-applicable']);
    });
  }

  test('instance-level rules still judge an Aurora cluster member', () => {
    const member = cfn(INSTANCE, '      DBClusterIdentifier: !Ref Cluster\n      AutoMinorVersionUpgrade: false\n      PubliclyAccessible: true\n', '  Cluster:\n    Type: AWS::RDS::DBCluster\n');
    assert.deepEqual(statuses({ 'template.yaml': member }, 'rds-instance-auto-minor-version-upgrade', 'Db'), ['gap']);
    assert.deepEqual(statuses({ 'template.yaml': member }, 'rds-instance-not-public', 'Db'), ['gap']);
  });

  test('a conditional cluster membership is cannot-tell, not a finding', () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  InCluster: !Equals [a, b]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBClusterIdentifier: !If [InCluster, cluster-a, !Ref AWS::NoValue]
`;
    assert.deepEqual(statuses({ 'template.yaml': template }, 'rds-instance-deletion-protection', 'Db'), ['cannot-tell']);
  });

  test('a read replica inherits encryption from its source in the same template, and the fix goes to the source', () => {
    const template = cfn(INSTANCE, '      SourceDBInstanceIdentifier: !Ref Primary\n', '  Primary:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n');
    const { findings } = analyse({ 'template.yaml': template });
    const replica = findings.find((f) => f.ruleId === 'rds-instance-storage-encrypted' && f.key.includes('@Db'));
    assert.ok(replica, 'the replica has a finding');
    assert.match(replica.message, /inherited from Primary/);
    const primaryLine = template.split('\n').indexOf('  Primary:');
    assert.ok(replica.fixes[0].edits.every((e) => e.newText.includes('StorageEncrypted') && e.range.start.line > primaryLine), 'the fix edits the source');
    const encrypted = cfn(INSTANCE, '      SourceDBInstanceIdentifier: !Ref Primary\n', '  Primary:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      StorageEncrypted: true\n');
    assert.deepEqual(statuses({ 'template.yaml': encrypted }, 'rds-instance-storage-encrypted', 'Db'), ['met']);
  });

  test('a read replica is not asked for its own backups', () => {
    assert.deepEqual(statuses({ 'main.tf': tf('aws_db_instance', '  replicate_source_db = "arn:aws:rds:eu-west-1:123456789012:db:primary"\n') }, 'rds-instance-backup-retention', 'aws_db_instance.db'), ['not-applicable']);
  });

  test('PubliclyAccessible unset in a VPC with an internet gateway is a gap with a fix', () => {
    const { findings } = analyse({ 'template.yaml': cfn(INSTANCE, '      DBSubnetGroupName: !Ref Group\n', VPC(true)) });
    const found = findings.filter((f) => f.ruleId === 'rds-instance-not-public' && f.key.includes('@Db'));
    assert.equal(found.length, 1);
    assert.match(found[0].message, /internet gateway \(Attach\)/);
    assert.ok(found[0].fixes.length > 0);
  });

  test('Aurora Serverless v1 and restored clusters are judged without a finding', () => {
    assert.deepEqual(statuses({ 'template.yaml': cfn(CLUSTER, '      Engine: aurora-postgresql\n      EngineMode: serverless\n') }, 'rds-cluster-storage-encrypted', 'Db'), ['aws-default']);
    assert.deepEqual(statuses({ 'main.tf': tf('aws_rds_cluster', '  engine              = "aurora-mysql"\n  snapshot_identifier = "snap"\n') }, 'rds-cluster-storage-encrypted', 'aws_rds_cluster.db'), ['cannot-tell']);
  });

  test('log exports without a known engine are a gap with no fix, since the log types depend on the engine', () => {
    const { findings } = analyse({ 'template.yaml': cfn(INSTANCE, '      DBSnapshotIdentifier: snap\n') });
    const found = findings.filter((f) => f.ruleId === 'rds-instance-log-exports');
    assert.equal(found.length, 1);
    assert.equal(found[0].fixes.length, 0);
  });

  test('the log export fix writes the engine\'s log types', () => {
    const { findings } = analyse({ 'main.tf': tf('aws_db_instance', '  engine = "postgres"\n') });
    const fix = findings.find((f) => f.ruleId === 'rds-instance-log-exports')?.fixes[0];
    assert.ok(fix);
    assert.match(fix.edits[0].newText, /enabled_cloudwatch_logs_exports\s*=\s*\["postgresql", "upgrade"\]/);
  });

  test('the backup message says what the retention is', () => {
    const zero = verdicts({ 'template.yaml': cfn(INSTANCE, '      BackupRetentionPeriod: 0\n') }, 'rds-instance-backup-retention', 'Db');
    assert.equal(zero[0].status, 'gap');
    assert.match(zero[0].status === 'gap' ? zero[0].message : '', /turned off/);
  });
});
