import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';

const cfn = (props: string, type = GROUP) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Cache:
    Type: ${type}
    Properties:
      ReplicationGroupDescription: sessions
${props}`;

const json = (props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Cache: { Type: GROUP, Properties: { ReplicationGroupDescription: 'sessions', ...props } } } }, null, 2);

const tf = (body: string, type = 'aws_elasticache_replication_group') => `variable "mode" {
  type = bool
}

resource "${type}" "c" {
  description = "sessions"
${body}}
`;

describeRule('elasticache-replication-group-encrypted-at-rest', {
  yaml: { resource: 'Cache', fail: cfn('      Engine: redis\n'), pass: cfn('      Engine: valkey\n'), unknown: cfn('      AtRestEncryptionEnabled: !Ref Mode\n') },
  json: { resource: 'Cache', fail: json({ AtRestEncryptionEnabled: false }), pass: json({ AtRestEncryptionEnabled: true }) },
  terraform: {
    resource: 'aws_elasticache_replication_group.c',
    fail: tf('  engine = "redis"\n'),
    pass: tf('  at_rest_encryption_enabled = true\n'),
    unknown: tf('  at_rest_encryption_enabled = var.mode\n'),
  },
});

describeRule('elasticache-replication-group-encrypted-in-transit', {
  yaml: {
    resource: 'Cache',
    fail: cfn('      TransitEncryptionEnabled: true\n      TransitEncryptionMode: preferred\n'),
    pass: cfn('      TransitEncryptionEnabled: true\n'),
    unknown: cfn('      TransitEncryptionEnabled: !Ref Mode\n'),
  },
  json: { resource: 'Cache', fail: json({ Engine: 'valkey' }), pass: json({ TransitEncryptionEnabled: 'true', TransitEncryptionMode: 'required' }) },
  terraform: {
    resource: 'aws_elasticache_replication_group.c',
    fail: tf('  transit_encryption_enabled = false\n'),
    pass: tf('  transit_encryption_enabled = true\n  transit_encryption_mode    = "required"\n'),
    unknown: tf('  transit_encryption_enabled = var.mode\n'),
  },
});

describe('ElastiCache serverless caches', () => {
  before(() => initTerraformParser());
  for (const rule of ['elasticache-replication-group-encrypted-at-rest', 'elasticache-replication-group-encrypted-in-transit']) {
    test(`${rule}: serverless caches are encrypted by AWS`, () => {
      assert.deepEqual(verdicts({ 'template.yaml': cfn('      Engine: valkey\n', 'AWS::ElastiCache::ServerlessCache') }, rule, 'Cache').map((v) => v.status), ['aws-default']);
      assert.deepEqual(verdicts({ 'main.tf': tf('  engine = "valkey"\n', 'aws_elasticache_serverless_cache') }, rule, 'aws_elasticache_serverless_cache.c').map((v) => v.status), ['aws-default']);
    });
  }
});
