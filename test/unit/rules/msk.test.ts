import { describeRule } from '../../ruleHarness';

const cfn = (transit: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Kafka:
    Type: AWS::MSK::Cluster
    Properties:
      ClusterName: events
      KafkaVersion: 3.6.0
      NumberOfBrokerNodes: 3
      BrokerNodeGroupInfo:
        InstanceType: kafka.m5.large
        ClientSubnets: [subnet-a, subnet-b, subnet-c]
${transit ? `      EncryptionInfo:\n        EncryptionInTransit:\n${transit}` : ''}`;

const json = (transit: object | undefined) =>
  JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Mode: { Type: 'String' } },
      Resources: { Kafka: { Type: 'AWS::MSK::Cluster', Properties: { ClusterName: 'events', KafkaVersion: '3.6.0', NumberOfBrokerNodes: 3, ...(transit ? { EncryptionInfo: { EncryptionInTransit: transit } } : {}) } } },
    },
    null,
    2,
  );

const tf = (transit: string) => `variable "mode" {
  type = string
}

resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
${transit ? `
  encryption_info {
    encryption_in_transit {
${transit}    }
  }
` : ''}}
`;

describeRule('msk-cluster-client-tls', {
  yaml: { resource: 'Kafka', fail: cfn('          ClientBroker: TLS_PLAINTEXT\n'), pass: cfn(''), unknown: cfn('          ClientBroker: !Ref Mode\n') },
  json: { resource: 'Kafka', fail: json({ ClientBroker: 'PLAINTEXT' }), pass: json({ ClientBroker: 'TLS', InCluster: true }) },
  terraform: { resource: 'aws_msk_cluster.events', fail: tf('      client_broker = "PLAINTEXT"\n'), pass: tf(''), unknown: tf('      client_broker = var.mode\n') },
});

describeRule('msk-cluster-in-cluster-tls', {
  yaml: { resource: 'Kafka', fail: cfn('          InCluster: false\n'), pass: cfn('          InCluster: true\n'), unknown: cfn('          InCluster: !Ref Mode\n') },
  json: { resource: 'Kafka', fail: json({ ClientBroker: 'TLS', InCluster: false }), pass: json(undefined) },
  terraform: { resource: 'aws_msk_cluster.events', fail: tf('      in_cluster = false\n'), pass: tf('      client_broker = "TLS"\n      in_cluster    = true\n'), unknown: tf('      in_cluster = var.mode\n') },
});
