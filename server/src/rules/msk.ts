import { checkSetting, defineRule, is } from './ruleKit';

const CLUSTER_CFN = ['AWS::MSK::Cluster'];
const CLUSTER_TF = ['aws_msk_cluster'];

export const mskClientTls = defineRule({
  id: 'msk-cluster-client-tls',
  title: 'MSK cluster accepts only TLS from clients',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_81'] },
  docs: {
    why: 'With PLAINTEXT or TLS_PLAINTEXT the brokers open a plaintext listener, and producers or consumers that use it send messages and credentials across the network unencrypted.',
    owner: 'Shared: MSK terminates TLS on the brokers and uses it by default; a template can open plaintext listeners, which is the customer\'s choice.',
    fix: 'Sets client-broker encryption to TLS (EncryptionInfo.EncryptionInTransit.ClientBroker / encryption_in_transit { client_broker = "TLS" }).',
    mayBreak: 'Clients still connecting to the plaintext bootstrap brokers (port 9092) must move to the TLS ones (port 9094) with a TLS-enabled client configuration.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (cluster, ctx) =>
      checkSetting(cluster, ctx, {
        path: ['EncryptionInfo', 'EncryptionInTransit', 'ClientBroker'],
        isSecure: is.oneOf('TLS'),
        whenAbsent: 'aws-default',
        gap: 'Clients may connect to the brokers without TLS (ClientBroker allows PLAINTEXT).',
        met: 'clients must use TLS',
        fix: { title: 'Require TLS from clients (ClientBroker: TLS)', value: 'TLS' },
      }),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (cluster, ctx) =>
      checkSetting(cluster, ctx, {
        path: ['encryption_info', 'encryption_in_transit', 'client_broker'],
        isSecure: is.oneOf('TLS'),
        whenAbsent: 'aws-default',
        gap: 'Clients may connect to the brokers without TLS (client_broker allows PLAINTEXT).',
        met: 'clients must use TLS',
        fix: { title: 'Require TLS from clients (client_broker = "TLS")', value: 'TLS' },
      }),
  },
});

export const mskInClusterTls = defineRule({
  id: 'msk-cluster-in-cluster-tls',
  title: 'MSK cluster encrypts traffic between brokers',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['MSK.1'], checkov: ['CKV_AWS_81'] },
  docs: {
    why: 'Brokers replicate every partition to each other; with in-cluster encryption off that replication traffic crosses the VPC in plaintext.',
    owner: 'Shared: MSK encrypts broker-to-broker traffic by default; turning it off is a customer choice.',
    fix: 'Sets InCluster / in_cluster to true.',
    mayBreak: 'In-cluster encryption cannot be changed on an existing cluster: CloudFormation and Terraform replace the cluster, so plan the data migration first.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (cluster, ctx) =>
      checkSetting(cluster, ctx, {
        path: ['EncryptionInfo', 'EncryptionInTransit', 'InCluster'],
        isSecure: is.true,
        whenAbsent: 'aws-default',
        gap: 'Traffic between brokers is not encrypted (InCluster is false).',
        met: 'traffic between brokers is encrypted',
        fix: { title: 'Encrypt traffic between brokers (InCluster: true)', value: true },
      }),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (cluster, ctx) =>
      checkSetting(cluster, ctx, {
        path: ['encryption_info', 'encryption_in_transit', 'in_cluster'],
        isSecure: is.true,
        whenAbsent: 'aws-default',
        gap: 'Traffic between brokers is not encrypted (in_cluster is false).',
        met: 'traffic between brokers is encrypted',
        fix: { title: 'Encrypt traffic between brokers (in_cluster = true)', value: true },
      }),
  },
});

export const MSK_RULES = [mskClientTls, mskInClusterTls];
