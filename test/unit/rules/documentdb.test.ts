import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: docadmin
${props}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Docs: { Type: 'AWS::DocDB::DBCluster', Properties: { MasterUsername: 'docadmin', ...props } } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_docdb_cluster" "d" {
  cluster_identifier = "docs"
${body}}
`;

describeRule('documentdb-cluster-storage-encrypted', {
  yaml: { resource: 'Docs', fail: cfn('      EngineVersion: "5.0.0"\n'), pass: cfn('      StorageEncrypted: true\n'), unknown: cfn('      StorageEncrypted: !Ref Mode\n') },
  json: { resource: 'Docs', fail: json({ StorageEncrypted: false }), pass: json({ StorageEncrypted: true }), unknown: json({ SnapshotIdentifier: 'docs-snap' }) },
  terraform: { resource: 'aws_docdb_cluster.d', fail: tf(''), pass: tf('  storage_encrypted = true\n'), unknown: tf('  storage_encrypted = var.mode\n') },
});

describeRule('documentdb-cluster-backup-retention', {
  yaml: { resource: 'Docs', fail: cfn('      BackupRetentionPeriod: 1\n'), pass: cfn('      BackupRetentionPeriod: 7\n'), unknown: cfn('      BackupRetentionPeriod: !Ref Mode\n') },
  json: { resource: 'Docs', fail: json({}), pass: json({ BackupRetentionPeriod: 35 }) },
  terraform: { resource: 'aws_docdb_cluster.d', fail: tf(''), pass: tf('  backup_retention_period = 14\n'), unknown: tf('  backup_retention_period = var.mode\n') },
});

describe('documentdb-cluster-storage-encrypted follows a restored cluster to its source', () => {
  before(() => initTerraformParser());
  test('a cluster restored from a point in time of an encrypted cluster in the template is met', () => {
    const template = cfn('      SourceDBClusterIdentifier: !Ref Source\n      UseLatestRestorableTime: true\n') + '  Source:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      StorageEncrypted: true\n';
    assert.deepEqual(verdicts({ 'template.yaml': template }, 'documentdb-cluster-storage-encrypted', 'Docs').map((v) => v.status), ['met']);
  });
});
