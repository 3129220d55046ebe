import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getPath, getValue, type IntrinsicValue, type Value } from '../../server/src/model/value';
import { parseFile } from '../../server/src/parse';
import { SHORT_TAGS } from '../../server/src/parse/intrinsics';
import { parseTemplate, textAt } from '../helpers';

const YAML_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "logs-\${Env}"
      Tags:
        - Key: team
          Value: !Ref Env
  Policy:
    Type: AWS::S3::BucketPolicy
    Condition: IsProd
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: { Statement: [] }
  NoProps:
    Type: AWS::SNS::Topic
Outputs:
  Arn:
    Value: !GetAtt Bucket.Arn
`;

describe('CloudFormation YAML', () => {
  const doc = parseTemplate('t.yaml', YAML_TEMPLATE);

  test('reads resources with exact id, type and body ranges', () => {
    assert.equal(doc.format, 'cloudformation-yaml');
    assert.deepEqual(doc.resources.map((r) => [r.id, r.type]), [
      ['Bucket', 'AWS::S3::Bucket'],
      ['Policy', 'AWS::S3::BucketPolicy'],
      ['NoProps', 'AWS::SNS::Topic'],
    ]);
    const bucket = doc.resources[0];
    assert.equal(textAt(YAML_TEMPLATE, bucket.idRange), 'Bucket');
    assert.deepEqual(bucket.idRange, { start: { line: 6, character: 2 }, end: { line: 6, character: 8 } });
    assert.equal(textAt(YAML_TEMPLATE, bucket.typeRange), 'AWS::S3::Bucket');
    assert.ok(textAt(YAML_TEMPLATE, bucket.body.range).startsWith('BucketName: !Sub'));
    assert.equal(bucket.hasProperties, true);
    assert.equal(doc.resources[2].hasProperties, false);
    assert.equal(doc.resources[1].condition, 'IsProd');
  });

  test('keeps key and value ranges of properties', () => {
    const entry = doc.resources[0].body.entries[0];
    assert.equal(entry.key, 'BucketName');
    assert.equal(textAt(YAML_TEMPLATE, entry.keyRange), 'BucketName');
    assert.equal(textAt(YAML_TEMPLATE, entry.value.range), '!Sub "logs-${Env}"');
  });

  test('turns short tags into intrinsics with their argument', () => {
    const sub = getValue(doc.resources[0].body, 'BucketName') as IntrinsicValue;
    assert.equal(sub.kind, 'intrinsic');
    assert.equal(sub.name, 'Fn::Sub');
    assert.equal(sub.shortForm, true);
    assert.deepEqual(sub.argument.kind === 'string' && sub.argument.value, 'logs-${Env}');
  });

  test('reads parameters with defaults, outputs and flow maps', () => {
    assert.equal(doc.inputs[0].name, 'Env');
    assert.equal(doc.inputs[0].type, 'String');
    assert.deepEqual(doc.inputs[0].default && doc.inputs[0].default.kind === 'string' && doc.inputs[0].default.value, 'dev');
    assert.deepEqual(doc.blocks.map((b) => `${b.kind}:${b.name}`), ['output:Arn']);
    const policyDoc = getValue(doc.resources[1].body, 'PolicyDocument');
    assert.equal(policyDoc?.kind, 'map');
    assert.equal(policyDoc?.kind === 'map' && policyDoc.flow, true);
  });
});

describe('CloudFormation YAML 1.1 booleans', () => {
  const props = (text: string) => {
    const doc = parseTemplate('t.yaml', `Resources:\n  B:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n${text}`);
    return doc.resources[0].body;
  };
  const yaml11 = (v: Value | undefined) => (v?.kind === 'string' ? v.yaml11Boolean : v?.kind);
  test('unquoted yes/no/on/off carry the boolean CloudFormation reads, and keep their text', () => {
    const body = props('      A: Yes\n      B: off\n      C: NO\n      D: true\n');
    assert.deepEqual(['A', 'B', 'C', 'D'].map((k) => yaml11(getValue(body, k))), [true, false, false, 'bool']);
    const b = getValue(body, 'B');
    assert.equal(b?.kind === 'string' && b.value, 'off');
  });
  test('quoted ones and look-alikes are plain strings', () => {
    const body = props('      A: "Yes"\n      B: \'off\'\n      C: yess\n      D: y\n');
    assert.deepEqual(['A', 'B', 'C', 'D'].map((k) => yaml11(getValue(body, k))), [undefined, undefined, undefined, undefined]);
  });
});

describe('every intrinsic tag', () => {
  for (const tag of SHORT_TAGS) {
    test(`${tag} in scalar, sequence and mapping form`, () => {
      const text = `Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: ${tag} x\n      B: ${tag} [a, b]\n      C: ${tag}\n        k: v\n`;
      const r = parseTemplate('t.yaml', text).resources[0];
      for (const key of ['A', 'B', 'C']) {
        const v = getValue(r.body, key) as IntrinsicValue;
        assert.equal(v.kind, 'intrinsic', `${tag} ${key}`);
        assert.equal(textAt(text, v.range).startsWith(tag), true, `range of ${tag} ${key} starts at the tag`);
      }
      assert.equal((getValue(r.body, 'A') as IntrinsicValue).argument.kind, 'string');
      assert.equal((getValue(r.body, 'B') as IntrinsicValue).argument.kind, 'list');
      assert.equal((getValue(r.body, 'C') as IntrinsicValue).argument.kind, 'map');
    });
  }

  test('GetAtt in dotted and list form, and long forms in YAML', () => {
    const text = `Resources:
  R:
    Type: AWS::SNS::Topic
    Properties:
      Dotted: !GetAtt Bucket.Arn
      Listed: !GetAtt [Bucket, Arn]
      Long:
        Fn::GetAtt: [Bucket, Arn]
      LongRef: { Ref: Bucket }
      Nested: !If [Cond, !Ref A, !Ref "AWS::NoValue"]
`;
    const body = parseTemplate('t.yaml', text).resources[0].body;
    const names = ['Dotted', 'Listed', 'Long', 'LongRef', 'Nested'].map((k) => (getValue(body, k) as IntrinsicValue).name);
    assert.deepEqual(names, ['Fn::GetAtt', 'Fn::GetAtt', 'Fn::GetAtt', 'Ref', 'Fn::If']);
    assert.equal((getValue(body, 'Long') as IntrinsicValue).shortForm, false);
    const nested = getValue(body, 'Nested') as IntrinsicValue;
    const branches = nested.argument.kind === 'list' ? nested.argument.items : [];
    assert.deepEqual(branches.map((b: Value) => b.kind), ['string', 'intrinsic', 'intrinsic']);
  });
});

describe('CloudFormation JSON', () => {
  const text = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Queue": {
      "Type": "AWS::SQS::Queue",
      "Properties": {
        "QueueName": { "Fn::Join": ["-", ["orders", { "Ref": "AWS::Region" }]] },
        "KmsMasterKeyId": "alias/aws/sqs"
      }
    }
  }
}`;
  test('reads resources, long-form intrinsics and exact ranges', () => {
    const doc = parseTemplate('t.json', text);
    assert.equal(doc.format, 'cloudformation-json');
    const q = doc.resources[0];
    assert.equal(textAt(text, q.idRange), '"Queue"');
    assert.equal(textAt(text, q.typeRange), '"AWS::SQS::Queue"');
    const join = getValue(q.body, 'QueueName') as IntrinsicValue;
    assert.equal(join.name, 'Fn::Join');
    assert.equal(join.shortForm, false);
    assert.equal(getPath(q.body, ['KmsMasterKeyId'])?.kind, 'string');
  });

  test('a missing comma still yields the resources and an error', () => {
    const broken = text.replace('"alias/aws/sqs"\n', '"alias/aws/sqs"\n        "DelaySeconds": 5\n');
    const doc = parseTemplate('t.json', broken);
    assert.equal(doc.resources.length, 1);
    assert.ok(doc.errors.length > 0);
    assert.match(doc.errors[0].message, /','|expected/);
  });
});

describe('SAM', () => {
  test('SAM templates parse like any other and record the transform', () => {
    const doc = parseTemplate('sam.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n');
    assert.deepEqual(doc.transforms, ['AWS::Serverless-2016-10-31']);
    assert.equal(doc.resources[0].type, 'AWS::Serverless::Function');
  });
});

describe('hostile and broken input', () => {
  test('a resource without Type is reported and skipped, the others stay', () => {
    const doc = parseTemplate('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Properties: {}\n  B:\n    Type: AWS::SNS::Topic\n');
    assert.deepEqual(doc.resources.map((r) => r.id), ['B']);
    assert.match(doc.errors[0].message, /A has no Type/);
  });

  test('a YAML alias bomb is cut off with a message, not expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${levels.map((l) => '  ' + l).join('\n')}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n`;
    const doc = parseTemplate('bomb.yaml', text);
    assert.equal(doc.resources.length, 1);
    assert.ok(doc.errors.some((e) => /alias bomb/.test(e.message)));
  });

  test('deep nesting becomes an unknown value with a warning', () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    const doc = parseTemplate('deep.json', `{"AWSTemplateFormatVersion":"2010-09-09","Metadata":${deep},"Resources":{"T":{"Type":"AWS::SNS::Topic"}}}`);
    assert.equal(doc.resources.length, 1);
    assert.ok(doc.errors.some((e) => /Nesting deeper/.test(e.message)));
  });

  test('binary content is refused with a reason', () => {
    const outcome = parseFile('x.yaml', 'AWSTemplateFormatVersion: x\n\u0000\u0001\u0002');
    assert.equal(outcome.kind, 'error');
    assert.match(outcome.kind === 'error' ? outcome.reason : '', /binary/);
  });

  test('duplicate keys are an error, the resource is kept', () => {
    const doc = parseTemplate('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Type: AWS::SQS::Queue\n');
    assert.ok(doc.errors.some((e) => /unique|duplicate/i.test(e.message)), JSON.stringify(doc.errors));
  });

  test('a half-typed line keeps the other resources', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: [unclosed\n  B:\n    Type: AWS::SQS::Queue\n';
    const doc = parseTemplate('t.yaml', text);
    assert.ok(doc.errors.length > 0);
    assert.ok(doc.resources.some((r) => r.id === 'A'));
  });

  test('a template broken beyond its structure is still a template, with its syntax errors', () => {
    const doc = parseTemplate('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\n- oops\nResources: [\n');
    assert.ok(doc.errors.length > 0);
    assert.equal(doc.resources.length, 0);
    assert.equal(parseFile('k.yaml', 'Resources: [\n').kind, 'ignored');
  });

  test('suppression comments are collected; a # inside quotes is not one', () => {
    const text = 'Resources:\n  # srm-lens:ignore s3-bucket-versioning logs are write-once\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: "a # srm-lens:ignore fake-rule no"\n';
    const doc = parseTemplate('t.yaml', text);
    assert.deepEqual(doc.suppressions.map((s) => [s.ruleId, s.reason, s.range.start.line]), [['s3-bucket-versioning', 'logs are write-once', 1]]);
  });
});
