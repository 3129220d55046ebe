import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

const cfn = (props: string, type = 'AWS::OpenSearchService::Domain') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Search:
    Type: ${type}
    Properties:
      EngineVersion: OpenSearch_2.13
${props}`;

const json = (props: object, type = 'AWS::Elasticsearch::Domain') =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Search: { Type: type, Properties: { ElasticsearchVersion: '7.10', ...props } } } }, null, 2);

const tf = (body: string, type = 'aws_opensearch_domain') => `variable "mode" {
  type = string
}

resource "${type}" "s" {
  domain_name = "search"
${body}}
`;

describeRule('opensearch-domain-encrypted-at-rest', {
  yaml: { resource: 'Search', fail: cfn(''), pass: cfn('      EncryptionAtRestOptions:\n        Enabled: true\n'), unknown: cfn('      EncryptionAtRestOptions:\n        Enabled: !Ref Mode\n') },
  json: { resource: 'Search', fail: json({ EncryptionAtRestOptions: { Enabled: false } }), pass: json({ EncryptionAtRestOptions: { Enabled: true, KmsKeyId: 'alias/search' } }) },
  terraform: {
    resource: 'aws_elasticsearch_domain.s',
    fail: tf('', 'aws_elasticsearch_domain'),
    pass: tf('\n  encrypt_at_rest {\n    enabled = true\n  }\n', 'aws_elasticsearch_domain'),
    unknown: tf('\n  encrypt_at_rest {\n    enabled = var.mode\n  }\n', 'aws_elasticsearch_domain'),
  },
});

describeRule('opensearch-domain-node-to-node-encryption', {
  yaml: { resource: 'Search', fail: cfn('      NodeToNodeEncryptionOptions:\n        Enabled: false\n'), pass: cfn('      NodeToNodeEncryptionOptions:\n        Enabled: true\n'), unknown: cfn('      NodeToNodeEncryptionOptions: { Enabled: !Ref Mode }\n') },
  json: { resource: 'Search', fail: json({}), pass: json({ NodeToNodeEncryptionOptions: { Enabled: 'true' } }) },
  terraform: {
    resource: 'aws_opensearch_domain.s',
    fail: tf(''),
    pass: tf('\n  node_to_node_encryption {\n    enabled = true\n  }\n'),
    unknown: tf('\n  node_to_node_encryption {\n    enabled = var.mode\n  }\n'),
  },
});

describeRule('opensearch-domain-enforce-https', {
  yaml: {
    resource: 'Search',
    fail: cfn('      DomainEndpointOptions:\n        EnforceHTTPS: false\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07\n'),
    pass: cfn('      DomainEndpointOptions:\n        EnforceHTTPS: true\n'),
    unknown: cfn('      DomainEndpointOptions:\n        EnforceHTTPS: !Ref Mode\n'),
  },
  json: {
    resource: 'Search',
    fail: json({}, 'AWS::OpenSearchService::Domain'),
    pass: json({ DomainEndpointOptions: { EnforceHTTPS: true } }),
  },
  terraform: {
    resource: 'aws_opensearch_domain.s',
    fail: tf('\n  domain_endpoint_options {\n    enforce_https       = false\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n'),
    pass: tf('\n  domain_endpoint_options {\n    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"\n  }\n'),
    unknown: tf('\n  domain_endpoint_options {\n    enforce_https = var.mode\n  }\n'),
  },
});

describeRule('opensearch-domain-https-tls12', {
  yaml: {
    resource: 'Search',
    fail: cfn('      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07\n'),
    pass: cfn('      DomainEndpointOptions:\n        EnforceHTTPS: false\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10\n'),
    unknown: cfn('      DomainEndpointOptions:\n        EnforceHTTPS: true\n        TLSSecurityPolicy: !Ref Mode\n'),
  },
  json: {
    resource: 'Search',
    fail: json({}, 'AWS::OpenSearchService::Domain'),
    pass: json({ DomainEndpointOptions: { TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07' } }),
  },
  terraform: {
    resource: 'aws_opensearch_domain.s',
    fail: tf('\n  domain_endpoint_options {\n    enforce_https = true\n  }\n'),
    pass: tf('\n  domain_endpoint_options {\n    enforce_https       = false\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n'),
    unknown: tf('\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = var.mode\n  }\n'),
  },
});

describe('opensearch endpoint rules: details', () => {
  before(() => initTerraformParser());
  test('terraform: enforce_https defaults to true inside a written domain_endpoint_options block, not without it', () => {
    const written = tf('\n  domain_endpoint_options {\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n');
    assert.deepEqual(verdicts({ 'main.tf': written }, 'opensearch-domain-enforce-https', 'aws_opensearch_domain.s').map((v) => v.status), ['met']);
    assert.deepEqual(verdicts({ 'main.tf': tf('') }, 'opensearch-domain-enforce-https', 'aws_opensearch_domain.s').map((v) => v.status), ['gap']);
  });

  test('each rule reports only its own setting', () => {
    const { findings } = analyse({ 'template.yaml': cfn('      DomainEndpointOptions:\n        EnforceHTTPS: false\n        TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10\n') });
    const https = findings.find((x) => x.ruleId === 'opensearch-domain-enforce-https');
    assert.ok(https);
    assert.match(https.message, /plain HTTP/);
    assert.equal(findings.find((x) => x.ruleId === 'opensearch-domain-https-tls12'), undefined);
  });
});
