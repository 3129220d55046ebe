import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LinkedModel } from '../../server/src/link/linkedModel';
import { getValue } from '../../server/src/model/value';
import { parseTemplate } from '../helpers';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: prod }
  Name: { Type: String }
  Retention: { Type: Number, Default: 30 }
Mappings:
  Sizes:
    prod: { Days: 365 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "logs-\${Env}-\${AWS::AccountId}"
      Plain: !Sub "logs-\${Env}"
      Named: !Ref Name
      Days: !Ref Retention
      Mapped: !FindInMap [Sizes, !Ref Env, Days]
      Joined: !Join ["-", [a, !Ref Env]]
      Picked: !Select [1, [x, y]]
      Cond: !If [IsProd, Enabled, Suspended]
      Gone: !Ref AWS::NoValue
      Region: !Ref AWS::Region
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Resource: !Sub "\${Bucket.Arn}/*"
  Alarm:
    Type: AWS::SNS::Topic
    Properties:
      Target: !GetAtt [Bucket, Arn]
`;

describe('CloudFormation linking', () => {
  const model = new LinkedModel([parseTemplate('t.yaml', TEMPLATE)]);
  const body = model.resource('Bucket')!.body;
  const resolve = (key: string) => model.resolve(getValue(body, key));

  test('parameters with defaults are evaluated, with evidence', () => {
    const r = resolve('Days');
    assert.equal(r.status, 'known');
    assert.deepEqual(r.status === 'known' && [r.value.kind, r.value.kind === 'number' && r.value.value, r.via], ['number', 30, 'parameter Retention default']);
  });

  test('a parameter without default is unknown, with the reason', () => {
    const r = resolve('Named');
    assert.equal(r.status, 'unknown');
    assert.match(r.status === 'unknown' ? r.reason : '', /parameter Name, which has no default/);
  });

  test('Sub, Join, FindInMap and Select over known parts are evaluated', () => {
    const text = (key: string) => {
      const r = resolve(key);
      return r.status === 'known' && r.value.kind === 'string' ? r.value.value : r.status === 'known' && r.value.kind === 'number' ? r.value.value : r.status;
    };
    assert.equal(text('Plain'), 'logs-prod');
    assert.equal(text('Joined'), 'a-prod');
    assert.equal(text('Mapped'), 365);
    assert.equal(text('Picked'), 'y');
    assert.equal(text('BucketName'), 'unknown');
  });

  test('conditions give both branches; NoValue is absent; pseudo parameters are unknown', () => {
    const cond = resolve('Cond');
    assert.equal(cond.status, 'unknown');
    assert.deepEqual(cond.status === 'unknown' && cond.branches?.map((b) => b.label), ['when IsProd is true', 'when IsProd is false']);
    assert.equal(resolve('Gone').status, 'absent');
    assert.match((resolve('Region') as { reason: string }).reason, /deploy time/);
  });

  test('Ref, GetAtt and Sub link resources both ways', () => {
    const bucket = model.resource('Bucket')!;
    const incoming = model.referencesTo(bucket).map((r) => `${r.from.id}.${r.property}${r.attribute ? ':' + r.attribute : ''}`);
    assert.deepEqual(incoming.sort(), ['Alarm.Target:Arn', 'Policy.Bucket', 'Policy.PolicyDocument:Arn']);
    assert.deepEqual(model.companions(bucket, 'AWS::S3::BucketPolicy').map((r) => r.id), ['Policy']);
    const policyRef = model.resolve(getValue(model.resource('Policy')!.body, 'Bucket'));
    assert.equal(policyRef.status === 'resource' && policyRef.resource.id, 'Bucket');
  });
});
