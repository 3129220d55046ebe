import { describeRule } from '../../ruleHarness';

const cfn = (props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
${props ? `    Properties:\n${props}` : ''}`;

const json = (props: object) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Graph: { Type: 'AWS::Neptune::DBCluster', Properties: props } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = bool
}

resource "aws_neptune_cluster" "g" {
  cluster_identifier = "graph"
${body}}
`;

describeRule('neptune-cluster-storage-encrypted', {
  yaml: { resource: 'Graph', fail: cfn(''), pass: cfn('      StorageEncrypted: true\n'), unknown: cfn('      StorageEncrypted: !Ref Mode\n') },
  json: { resource: 'Graph', fail: json({ StorageEncrypted: false }), pass: json({ StorageEncrypted: true }), unknown: json({ SnapshotIdentifier: 'graph-snap' }) },
  terraform: { resource: 'aws_neptune_cluster.g', fail: tf('  engine = "neptune"\n'), pass: tf('  storage_encrypted = true\n'), unknown: tf('  storage_encrypted = var.mode\n') },
});

describeRule('neptune-cluster-iam-auth', {
  yaml: { resource: 'Graph', fail: cfn('      IamAuthEnabled: false\n'), pass: cfn('      IamAuthEnabled: true\n'), unknown: cfn('      IamAuthEnabled: !Ref Mode\n') },
  json: { resource: 'Graph', fail: json({}), pass: json({ IamAuthEnabled: 'true' }) },
  terraform: { resource: 'aws_neptune_cluster.g', fail: tf(''), pass: tf('  iam_database_authentication_enabled = true\n'), unknown: tf('  iam_database_authentication_enabled = var.mode\n') },
});
