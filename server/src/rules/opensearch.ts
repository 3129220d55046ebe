import type { PlainValue } from '../edit/plainValue';
import type { Resource } from '../model/document';
import type { Value } from '../model/value';
import type { Rule, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, fixSet, is, judge, setting } from './ruleKit';

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

/**
 * HTTPS must be enforced and the TLS policy must refuse TLS 1.0 and 1.1;
 * one verdict for both, and a fix that writes only what is missing.
 */
function httpsWithTls12(ctx: RuleContext, d: Resource, keys: { block: string; https: string; policy: string; httpsDefaultsOn: boolean }, title: string): Verdict[] {
  const block = setting(d, [keys.block]);
  const https = setting(d, [keys.block, keys.https]);
  const policy = setting(d, [keys.block, keys.policy]);
  // The Terraform provider fills enforce_https = true inside a written domain_endpoint_options block; without the block AWS decides.
  const httpsByDefault = keys.httpsDefaultsOn && block.entry !== undefined;
  const jHttps = https.entry ? judge(ctx, https.value, is.true) : httpsByDefault ? ({ outcome: 'secure' } as const) : ({ outcome: 'absent' } as const);
  const jPolicy = policy.entry ? judge(ctx, policy.value, isTls12Policy) : ({ outcome: 'absent' } as const);
  const range = block.entry ? block.range : d.idRange;
  const problems: string[] = [];
  const fix: Record<string, PlainValue> = {};
  if (jHttps.outcome === 'insecure' || jHttps.outcome === 'absent') {
    problems.push(`plain HTTP is accepted (${keys.https} ${jHttps.outcome === 'absent' ? 'is not set' : 'is false'})`);
    fix[keys.https] = true;
  }
  if (jPolicy.outcome === 'insecure' || jPolicy.outcome === 'absent') {
    problems.push(jPolicy.outcome === 'absent' ? `${keys.policy} is not set, so the minimum TLS version is left to the service instead of pinned to 1.2` : `${keys.policy} still allows TLS 1.0 and 1.1`);
    fix[keys.policy] = TLS12_POLICY;
  }
  if (problems.length) {
    return [{ status: 'gap', message: `Connections to the domain are not limited to HTTPS with TLS 1.2: ${problems.join('; ')}.`, range, fixes: fixSet(ctx, d, [keys.block], fix, title) }];
  }
  const unknown = [jHttps, jPolicy].filter((j) => j.outcome === 'unknown').map((j) => (j.outcome === 'unknown' ? j.reason : ''));
  if (unknown.length) return [{ status: 'cannot-tell', reason: `${keys.block}: ${unknown.join('; ')}`, range }];
  return [{ status: 'met', evidence: 'HTTPS is enforced with a TLS 1.2 policy', range }];
}

export const opensearchHttpsTls12 = defineRule({
  id: 'opensearch-domain-https-tls12',
  title: 'OpenSearch domain enforces HTTPS with TLS 1.2',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['Opensearch.8', 'ES.8'], checkov: ['CKV_AWS_83', 'CKV_AWS_228'] },
  docs: {
    why: 'Without enforced HTTPS, clients can send credentials and documents to the domain endpoint in plaintext; TLS 1.0 and 1.1 have known weaknesses.',
    owner: 'Shared: AWS terminates TLS on the endpoint; requiring HTTPS and choosing the minimum TLS version is the customer\'s.',
    fix: `Sets DomainEndpointOptions.EnforceHTTPS to true and TLSSecurityPolicy to ${TLS12_POLICY} (domain_endpoint_options { enforce_https, tls_security_policy } in Terraform), writing only the settings that are missing or weaker. In Terraform, a written domain_endpoint_options block already enforces HTTPS by default.`,
    mayBreak: 'Clients that use plain HTTP or only support TLS 1.0/1.1 can no longer connect.',
  },
  cloudformation: {
    types: DOMAIN_CFN,
    check: (d, ctx) => httpsWithTls12(ctx, d, { block: 'DomainEndpointOptions', https: 'EnforceHTTPS', policy: 'TLSSecurityPolicy', httpsDefaultsOn: false }, 'Enforce HTTPS with TLS 1.2 (DomainEndpointOptions)'),
  },
  terraform: {
    types: DOMAIN_TF,
    check: (d, ctx) => httpsWithTls12(ctx, d, { block: 'domain_endpoint_options', https: 'enforce_https', policy: 'tls_security_policy', httpsDefaultsOn: true }, 'Enforce HTTPS with TLS 1.2 (domain_endpoint_options)'),
  },
});

export const OPENSEARCH_RULES: readonly Rule[] = [opensearchEncryptedAtRest, opensearchNodeToNode, opensearchHttpsTls12];
