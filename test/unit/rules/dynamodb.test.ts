import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../../server/src/edit/applyEdits';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

const cfn = (type: string, props: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Table:
    Type: ${type}
    Properties:
      KeySchema:
        - AttributeName: id
          KeyType: HASH
${props}`;

const json = (type: string, props: object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Table: { Type: type, Properties: { BillingMode: 'PAY_PER_REQUEST', ...props } } } }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = bool
}

resource "aws_dynamodb_table" "t" {
  name     = "orders"
  hash_key = "id"
${body}}
`;

describeRule('dynamodb-table-pitr', {
  yaml: {
    resource: 'Table',
    fail: cfn('AWS::DynamoDB::Table', '      BillingMode: PAY_PER_REQUEST\n'),
    pass: cfn('AWS::DynamoDB::Table', '      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n'),
    unknown: cfn('AWS::DynamoDB::Table', '      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: !Ref Mode\n'),
  },
  json: {
    resource: 'Table',
    fail: json('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }),
    pass: json('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
  },
  terraform: {
    resource: 'aws_dynamodb_table.t',
    fail: tf(''),
    pass: tf('\n  point_in_time_recovery {\n    enabled = true\n  }\n'),
    unknown: tf('\n  point_in_time_recovery {\n    enabled = var.mode\n  }\n'),
  },
});

describe('dynamodb-table-pitr on global tables, one verdict per replica', () => {
  before(() => initTerraformParser());

  const replicas = `      Replicas:
        - RegionName: eu-west-1
          PointInTimeRecoverySpecification:
            PointInTimeRecoveryEnabled: true
        - RegionName: us-east-1
          Tags: []
        - RegionName: ap-south-1
          PointInTimeRecoverySpecification:
            PointInTimeRecoveryEnabled: !Ref Mode
`;

  test('yaml: each replica is judged on its own, and the gap points at its item', () => {
    const v = verdicts({ 'template.yaml': cfn('AWS::DynamoDB::GlobalTable', replicas) }, 'dynamodb-table-pitr', 'Table');
    assert.deepEqual(v.map((x) => x.status), ['met', 'gap', 'cannot-tell']);
    const gap = v.find((x) => x.status === 'gap');
    assert.ok(gap && gap.status === 'gap');
    assert.match(gap.message, /us-east-1/);
  });

  for (const [name, text] of [
    ['yaml', cfn('AWS::DynamoDB::GlobalTable', replicas)],
    ['json', json('AWS::DynamoDB::GlobalTable', { Replicas: [{ RegionName: 'eu-west-1' }, { RegionName: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }] })],
  ] as const) {
    test(`${name}: the replica fixes edit only their replicas and resolve them`, () => {
      const file = name === 'yaml' ? 'template.yaml' : 'template.json';
      const { findings } = analyse({ [file]: text });
      const gaps = findings.filter((f) => f.ruleId === 'dynamodb-table-pitr');
      assert.equal(gaps.length, name === 'yaml' ? 1 : 2);
      // Each replica's fix touches only its own item, so all of them apply together.
      const fixed = applyEdits(text, gaps.flatMap((f) => f.fixes[0].edits));
      const after = analyse({ [file]: fixed });
      assert.deepEqual(after.docs[0].errors.filter((e) => e.severity === 'error'), []);
      assert.deepEqual(after.findings.filter((f) => f.ruleId === 'dynamodb-table-pitr').map((f) => f.message), [], fixed);
    });
  }

  test('terraform: replica blocks need their own point_in_time_recovery', () => {
    const text = tf('\n  point_in_time_recovery {\n    enabled = true\n  }\n\n  replica {\n    region_name = "us-east-2"\n  }\n\n  replica {\n    region_name            = "eu-west-1"\n    point_in_time_recovery = true\n  }\n');
    const { findings } = analyse({ 'main.tf': text });
    const gaps = findings.filter((f) => f.ruleId === 'dynamodb-table-pitr');
    assert.equal(gaps.length, 1);
    assert.match(gaps[0].message, /us-east-2/);
    const fixed = applyEdits(text, gaps[0].fixes[0].edits);
    assert.deepEqual(analyse({ 'main.tf': fixed }).findings.filter((f) => f.ruleId === 'dynamodb-table-pitr').map((f) => f.message), [], fixed);
  });
});
