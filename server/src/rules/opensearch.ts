import type { Resource } from '../model/document';
import type { Value } from '../model/value';
import type { Rule, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is, setting } from './ruleKit';

/*
 * Amazon OpenSearch Service domains, and the legacy Elasticsearch domains
 * that share their settings under older type names.
 */

const DOMAIN_CFN = ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'];
const DOMAIN_TF = ['aws_opensearch_domain', 'aws_elasticsearch_domain'];

/** The oldest TLS 1.2 policy; newer ones (PFS, FIPS) share the prefix. */
const TLS12_POLICY = 'Policy-Min-TLS-1-2-2019-07';
const isTls12Policy = (v: Value) => (v.kind === 'string' ? v.value.startsWith('Policy-Min-TLS-1-2') : undefined);

export const opensearchEncryptedAtRest = defineRule({
  id: 'opensearch-domain-encrypted-at-rest',
  title: 'OpenSearch domain encrypts data at rest',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['Opensearch.1', 'ES.1'], checkov: ['CKV_AWS_5'] },
  docs: {
    why: 'Without encryption at rest, indices, automated snapshots, logs and swap files are stored in the clear.',
    owner: 'Customer: OpenSearch Service encrypts with KMS when asked; the API creates domains unencrypted unless the template turns it on.',
    fix: 'Sets EncryptionAtRestOptions.Enabled (encrypt_at_rest { enabled = true }) to true, with the AWS managed key unless a KmsKeyId is added.',
    mayBreak: 'Domains on OpenSearch or Elasticsearch 6.7 and later can enable it in place with a blue/green deployment; older Elasticsearch versions need a new domain. It cannot be turned off again.',
  },
  cloudformation: {
    types: DOMAIN_CFN,
    check: (d, ctx) =>
      checkSetting(d, ctx, {
        path: ['EncryptionAtRestOptions', 'Enabled'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'The domain does not encrypt data at rest (EncryptionAtRestOptions.Enabled is not true).',
        met: 'encrypted at rest',
        fix: { title: 'Encrypt at rest (EncryptionAtRestOptions.Enabled: true)', value: true },
      }),
  },
  terraform: {
    types: DOMAIN_TF,
    check: (d, ctx) =>
      checkSetting(d, ctx, {
        path: ['encrypt_at_rest', 'enabled'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'The domain does not encrypt data at rest (encrypt_at_rest { enabled = true } is missing).',
        met: 'encrypted at rest',
        fix: { title: 'Encrypt at rest (encrypt_at_rest { enabled = true })', value: true },
      }),
  },
});

export const opensearchNodeToNode = defineRule({
  id: 'opensearch-domain-node-to-node-encryption',
  title: 'OpenSearch domain encrypts traffic between nodes',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['Opensearch.3', 'ES.3'], checkov: ['CKV_AWS_6'] },
  docs: {
    why: 'Without node-to-node encryption, documents and queries travel between the nodes of the domain in plaintext inside the VPC.',
    owner: 'Shared: AWS runs the TLS between nodes; switching it on is the customer\'s, and it is off by default.',
    fix: 'Sets NodeToNodeEncryptionOptions.Enabled (node_to_node_encryption { enabled = true }) to true.',
    mayBreak: 'Applied with a blue/green deployment on OpenSearch and Elasticsearch 6.7 or later; older Elasticsearch versions need a new domain. It cannot be turned off again.',
  },
  cloudformation: {
    types: DOMAIN_CFN,
    check: (d, ctx) =>
      checkSetting(d, ctx, {
        path: ['NodeToNodeEncryptionOptions', 'Enabled'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Traffic between the domain\'s nodes is not encrypted (NodeToNodeEncryptionOptions.Enabled is not true).',
        met: 'node-to-node encryption is on',
        fix: { title: 'Encrypt traffic between nodes (NodeToNodeEncryptionOptions.Enabled: true)', value: true },
      }),
  },
  terraform: {
    types: DOMAIN_TF,
    check: (d, ctx) =>
      checkSetting(d, ctx, {
        path: ['node_to_node_encryption', 'enabled'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Traffic between the domain\'s nodes is not encrypted (node_to_node_encryption { enabled = true } is missing).',
        met: 'node-to-node encryption is on',
        fix: { title: 'Encrypt traffic between nodes (node_to_node_encryption { enabled = true })', value: true },
      }),
  },
});

interface EndpointKeys {
  block: string;
  https: string;
  policy: string;
  /** The Terraform provider fills enforce_https = true inside a written domain_endpoint_options block; without the block AWS decides. */
  httpsDefaultsOn: boolean;
}

const CFN_ENDPOINT: EndpointKeys = { block: 'DomainEndpointOptions', https: 'EnforceHTTPS', policy: 'TLSSecurityPolicy', httpsDefaultsOn: false };
const TF_ENDPOINT: EndpointKeys = { block: 'domain_endpoint_options', https: 'enforce_https', policy: 'tls_security_policy', httpsDefaultsOn: true };

function enforceHttps(ctx: RuleContext, d: Resource, keys: EndpointKeys, title: string): Verdict[] {
  const block = setting(d, [keys.block]);
  const https = setting(d, [keys.block, keys.https]);
  if (!https.entry && keys.httpsDefaultsOn && block.entry) return [{ status: 'met', evidence: `${keys.https} defaults to true inside a written ${keys.block} block`, range: block.range }];
  return checkSetting(d, ctx, {
    path: [keys.block, keys.https],
    isSecure: is.true,
    whenAbsent: 'gap',
    gap: `The domain accepts plain HTTP: ${keys.https} is ${https.entry ? 'false' : 'not set'}.`,
    met: 'HTTPS is enforced',
    fix: { title, value: true },
  });
}

function tls12Policy(ctx: RuleContext, d: Resource, keys: EndpointKeys, title: string): Verdict[] {
  const policy = setting(d, [keys.block, keys.policy]);
  return checkSetting(d, ctx, {
    path: [keys.block, keys.policy],
    isSecure: isTls12Policy,
    whenAbsent: 'gap',
    gap: policy.entry
      ? `The domain's TLS security policy still allows TLS 1.0 and 1.1 (${keys.policy}).`
      : `${keys.policy} is not set, so the minimum TLS version is left to the service instead of pinned to 1.2.`,
    met: 'the TLS security policy requires TLS 1.2 or later',
    fix: { title, value: TLS12_POLICY },
  });
}

export const opensearchEnforceHttps = defineRule({
  id: 'opensearch-domain-enforce-https',
  title: 'OpenSearch domain accepts only HTTPS',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_83'] },
  docs: {
    why: 'Without enforced HTTPS, clients can send credentials and documents to the domain endpoint in plaintext.',
    owner: 'Shared: AWS terminates TLS on the endpoint; requiring it for every request is the customer\'s setting.',
    fix: 'Sets DomainEndpointOptions.EnforceHTTPS (domain_endpoint_options { enforce_https }) to true. In Terraform, a written domain_endpoint_options block already enforces HTTPS by default.',
    mayBreak: 'Clients that use plain HTTP can no longer connect.',
  },
  cloudformation: { types: DOMAIN_CFN, check: (d, ctx) => enforceHttps(ctx, d, CFN_ENDPOINT, 'Enforce HTTPS (DomainEndpointOptions.EnforceHTTPS: true)') },
  terraform: { types: DOMAIN_TF, check: (d, ctx) => enforceHttps(ctx, d, TF_ENDPOINT, 'Enforce HTTPS (domain_endpoint_options { enforce_https = true })') },
});

export const opensearchHttpsTls12 = defineRule({
  id: 'opensearch-domain-https-tls12',
  title: 'OpenSearch domain refuses TLS 1.0 and 1.1 (TLS security policy)',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['Opensearch.8', 'ES.8'], checkov: ['CKV_AWS_228'] },
  docs: {
    why: 'TLS 1.0 and 1.1 have known weaknesses; a domain whose security policy still offers them lets a downgraded connection carry credentials and documents.',
    owner: 'Shared: AWS runs the TLS endpoint; choosing the minimum TLS version is the customer\'s.',
    fix: `Sets DomainEndpointOptions.TLSSecurityPolicy (domain_endpoint_options { tls_security_policy }) to ${TLS12_POLICY}; newer TLS 1.2 policies (PFS, FIPS) are kept. Whether plain HTTP is refused is the separate rule opensearch-domain-enforce-https.`,
    mayBreak: 'Clients that only support TLS 1.0 or 1.1 can no longer connect.',
  },
  cloudformation: { types: DOMAIN_CFN, check: (d, ctx) => tls12Policy(ctx, d, CFN_ENDPOINT, `Require TLS 1.2 (TLSSecurityPolicy: ${TLS12_POLICY})`) },
  terraform: { types: DOMAIN_TF, check: (d, ctx) => tls12Policy(ctx, d, TF_ENDPOINT, `Require TLS 1.2 (tls_security_policy = "${TLS12_POLICY}")`) },
});

export const OPENSEARCH_RULES: readonly Rule[] = [opensearchEncryptedAtRest, opensearchNodeToNode, opensearchEnforceHttps, opensearchHttpsTls12];
