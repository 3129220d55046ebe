import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../../server/src/edit/applyEdits';
import { setReferenceDate } from '../../../server/src/knowledge/supportCalendar';
import { initTerraformParser } from '../../../server/src/parse';
import { looksLikeSecretName } from '../../../server/src/rules/lambda';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

// Runtime verdicts are judged on this day, never on the wall clock.
setReferenceDate('2026-12-03');

const cfn = (resources: string, globals = '') => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Mode: { Type: String }
Conditions:
  Strict: !Equals [!Ref Mode, strict]
${globals}Resources:
${resources}`;

const fn = (props: string) =>
  cfn(`  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/app
      Code: { ZipFile: "exports.handler = async () => 1" }
${props}`);

const json = (resources: object, extra: object = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Transform: 'AWS::Serverless-2016-10-31', Parameters: { Mode: { Type: 'String' } }, ...extra, Resources: resources }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

resource "aws_lambda_function" "f" {
  function_name = "app"
  role          = "arn:aws:iam::111122223333:role/app"
  handler       = "index.handler"
  filename      = "app.zip"
}
${body}`;

const tfFunction = (settings: string) => `variable "mode" {
  type = string
}

resource "aws_lambda_function" "f" {
  function_name = "app"
  role          = "arn:aws:iam::111122223333:role/app"
  handler       = "index.handler"
  filename      = "app.zip"
${settings}}
`;

describeRule('lambda-function-url-auth', {
  yaml: {
    resource: 'Url',
    fail: cfn('  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:app\n      AuthType: NONE\n'),
    pass: cfn('  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:app\n      AuthType: AWS_IAM\n'),
    unknown: cfn('  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:app\n      AuthType: !Ref Mode\n'),
  },
  json: {
    resource: 'Fn',
    fail: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler', Runtime: 'python3.13', CodeUri: 'src/', FunctionUrlConfig: { AuthType: 'NONE' } } } }),
    pass: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler', Runtime: 'python3.13', CodeUri: 'src/' } } }),
    unknown: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler', Runtime: 'python3.13', CodeUri: 'src/', FunctionUrlConfig: { AuthType: { Ref: 'Mode' } } } } }),
  },
  terraform: {
    resource: 'aws_lambda_function_url.u',
    fail: tf('resource "aws_lambda_function_url" "u" {\n  function_name      = aws_lambda_function.f.function_name\n  authorization_type = "NONE"\n}\n'),
    pass: tf('resource "aws_lambda_function_url" "u" {\n  function_name      = aws_lambda_function.f.function_name\n  authorization_type = "AWS_IAM"\n}\n'),
    unknown: tf('resource "aws_lambda_function_url" "u" {\n  function_name      = aws_lambda_function.f.function_name\n  authorization_type = var.mode\n}\n'),
  },
});

const permission = (props: string) => cfn(`  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: app\n      Action: lambda:InvokeFunction\n${props}`);

describeRule('lambda-permission-no-public-principal', {
  yaml: {
    resource: 'Invoke',
    fail: permission('      Principal: "*"\n'),
    pass: permission('      Principal: "*"\n      SourceAccount: "111122223333"\n'),
    unknown: permission('      Principal: !Ref Mode\n'),
    noFix: true,
  },
  json: {
    resource: 'Invoke',
    fail: json({ Invoke: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: 'app', Action: 'lambda:InvokeFunction', Principal: '*' } } }),
    pass: json({ Invoke: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: 'app', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads', SourceAccount: '111122223333' } } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_lambda_permission.p',
    fail: tf('resource "aws_lambda_permission" "p" {\n  function_name = aws_lambda_function.f.function_name\n  action        = "lambda:InvokeFunction"\n  principal     = "*"\n}\n'),
    pass: tf('resource "aws_lambda_permission" "p" {\n  function_name    = aws_lambda_function.f.function_name\n  action           = "lambda:InvokeFunction"\n  principal        = "*"\n  principal_org_id = "o-abc123"\n}\n'),
    unknown: tf('resource "aws_lambda_permission" "p" {\n  function_name = aws_lambda_function.f.function_name\n  action        = "lambda:InvokeFunction"\n  principal     = var.mode\n}\n'),
    noFix: true,
  },
});

const samGlobals = (runtime: unknown) => ({ Globals: { Function: { Runtime: runtime, Timeout: 10 } } });

describeRule('lambda-function-supported-runtime', {
  yaml: {
    resource: 'Fn',
    fail: fn('      Runtime: python3.8\n'),
    pass: fn('      Runtime: python3.14\n'),
    unknown: fn('      Runtime: !Ref Mode\n'),
  },
  json: {
    resource: 'Fn',
    fail: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', CodeUri: 'src/' } } }, samGlobals('nodejs16.x')),
    pass: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', CodeUri: 'src/' } } }, samGlobals('nodejs24.x')),
    unknown: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', CodeUri: 'src/' } } }, samGlobals({ Ref: 'Mode' })),
  },
  terraform: {
    resource: 'aws_lambda_function.f',
    fail: tfFunction('  runtime       = "java8"\n'),
    pass: tfFunction('  runtime       = "java21"\n'),
    unknown: tfFunction('  runtime       = var.mode\n'),
  },
});

describeRule('lambda-function-no-plaintext-secrets', {
  yaml: {
    resource: 'Fn',
    fail: fn('      Runtime: python3.13\n      Environment:\n        Variables:\n          TABLE: orders\n          DB_PASSWORD: hunter2\n'),
    pass: fn('      Runtime: python3.13\n      Environment:\n        Variables:\n          TABLE: orders\n          DB_PASSWORD: "{{resolve:secretsmanager:app/db:SecretString:password}}"\n          API_KEY_SECRET_ARN: arn:aws:secretsmanager:eu-west-1:111122223333:secret:api\n          SECRET_NAME: app/api\n'),
    unknown: fn('      Runtime: python3.13\n      Environment:\n        Variables: !If [Strict, { A: b }, { A: c }]\n'),
    noFix: true,
  },
  json: {
    resource: 'Fn',
    fail: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', CodeUri: 'src/', Environment: { Variables: { stripeApiKey: 'sk_live_123' } } } } }),
    pass: json({ Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', CodeUri: 'src/', Environment: { Variables: { stripeApiKey: { Ref: 'Mode' } } } } } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_lambda_function.f',
    fail: tfFunction('  environment {\n    variables = {\n      GITHUB_TOKEN = "ghp_abc"\n      LOG_LEVEL    = "debug"\n    }\n  }\n'),
    pass: tfFunction('  environment {\n    variables = {\n      GITHUB_TOKEN = var.mode\n      LOG_LEVEL    = "debug"\n    }\n  }\n'),
    unknown: tfFunction('  environment {\n    variables = merge(local.common, { A = "b" })\n  }\n'),
    noFix: true,
  },
});

describe('Lambda edge cases', () => {
  before(() => initTerraformParser());

  test('a SAM Globals runtime fix edits Globals, and fixes every function using it', () => {
    const yaml = cfn(
      '  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.handler\n      CodeUri: a/\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: b.handler\n      CodeUri: b/\n',
      'Globals:\n  Function:\n    Runtime: python3.9\n',
    );
    const first = analyse({ 'template.yaml': yaml }).findings.filter((f) => f.ruleId === 'lambda-function-supported-runtime');
    assert.equal(first.length, 2);
    const fixed = applyEdits(yaml, first[0].fixes[0].edits);
    assert.match(fixed, /Globals:\n {2}Function:\n {4}Runtime: python3\.14\n/);
    assert.deepEqual(analyse({ 'template.yaml': fixed }).findings.filter((f) => f.ruleId === 'lambda-function-supported-runtime'), []);
  });

  test('container images and OS-only runtimes', () => {
    assert.deepEqual(verdicts({ 'main.tf': tfFunction('  package_type  = "Image"\n') }, 'lambda-function-supported-runtime', 'aws_lambda_function.f').map((v) => v.status), ['not-applicable']);
    const goFn = verdicts({ 'main.tf': tfFunction('  runtime       = "go1.x"\n') }, 'lambda-function-supported-runtime', 'aws_lambda_function.f');
    assert.equal(goFn[0].status, 'gap');
    assert.deepEqual(goFn[0].status === 'gap' && goFn[0].fixes, [], 'go1.x needs a rebuild, not a one-line fix');
  });

  test('a runtime is judged against the support calendar on the reference date', () => {
    const status = (runtime: string, day: string) => {
      setReferenceDate(day);
      try {
        return verdicts({ 'main.tf': tfFunction(`  runtime       = "${runtime}"\n`) }, 'lambda-function-supported-runtime', 'aws_lambda_function.f').map((v) => v.status);
      } finally {
        setReferenceDate('2026-12-03');
      }
    };
    // provided.al2: deprecation confirmed for 2026-07-31.
    assert.deepEqual(status('provided.al2', '2026-07-30'), ['met']);
    assert.deepEqual(status('provided.al2', '2026-07-31'), ['gap']);
    // python3.10: AWS projected 2026-06-30; a projected date that has passed is not enough for a finding.
    assert.deepEqual(status('python3.10', '2026-06-29'), ['met']);
    assert.deepEqual(status('python3.10', '2026-07-01'), ['cannot-tell']);
  });

  test('runtimes the table does not know are not guessed', () => {
    assert.deepEqual(verdicts({ 'main.tf': tfFunction('  runtime       = "python9.99"\n') }, 'lambda-function-supported-runtime', 'aws_lambda_function.f').map((v) => v.status), ['cannot-tell']);
  });

  test('one finding per secret-looking variable', () => {
    const yaml = fn('      Runtime: python3.13\n      Environment:\n        Variables:\n          DB_PASSWORD: a\n          AUTH_TOKEN: b\n          FEATURE_TOKEN_ENABLED: "true"\n');
    assert.equal(analyse({ 'template.yaml': yaml }).findings.filter((f) => f.ruleId === 'lambda-function-no-plaintext-secrets').length, 2);
  });

  test('secret-looking names', () => {
    for (const name of ['DB_PASSWORD', 'apiKey', 'API_KEY', 'GITHUB_TOKEN', 'privateKey', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'client_secret', 'DATABASE_CONNECTION_STRING']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['BYPASS_CACHE', 'SECRET_ARN', 'SECRET_ID', 'TOKEN_URL', 'PASSWORD_PARAMETER_NAME', 'TABLE_NAME', 'KEYSPACE']) assert.ok(!looksLikeSecretName(name), name);
  });
});

describe('lambda-permission-no-public-principal: S3 sources need SourceAccount (Lambda.1)', () => {
  before(() => initTerraformParser());
  const perm = (props: object) => json({ Invoke: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: 'app', Action: 'lambda:InvokeFunction', ...props } } });
  test('json: s3.amazonaws.com with only a bucket ARN is a gap', () => {
    const v = verdicts({ 'template.json': perm({ Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::uploads' }) }, 'lambda-permission-no-public-principal', 'Invoke');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /without SourceAccount/);
  });
  test('yaml: principal "*" narrowed only by a bucket ARN is a gap; by an EventBridge rule ARN it is not', () => {
    const bucket = 'Resources:\n  Invoke:\n    Type: AWS::Lambda::Permission\n    Properties:\n      FunctionName: app\n      Action: lambda:InvokeFunction\n      Principal: "*"\n      SourceArn: arn:aws:s3:::uploads\n';
    assert.equal(verdicts({ 'template.yaml': bucket }, 'lambda-permission-no-public-principal', 'Invoke')[0].status, 'gap');
    const rule = bucket.replace('arn:aws:s3:::uploads', 'arn:aws:events:eu-west-1:111122223333:rule/nightly');
    assert.equal(verdicts({ 'template.yaml': rule }, 'lambda-permission-no-public-principal', 'Invoke')[0].status, 'met');
  });
  test('terraform: s3.amazonaws.com for a bucket of the module without source_account is a gap; with it, met', () => {
    const text = (extra: string) => `resource "aws_s3_bucket" "b" {\n  bucket = "uploads"\n}\n\nresource "aws_lambda_permission" "p" {\n  function_name = "app"\n  action        = "lambda:InvokeFunction"\n  principal     = "s3.amazonaws.com"\n  source_arn    = aws_s3_bucket.b.arn\n${extra}}\n`;
    assert.equal(verdicts({ 'main.tf': text('') }, 'lambda-permission-no-public-principal', 'aws_lambda_permission.p')[0].status, 'gap');
    assert.equal(verdicts({ 'main.tf': text('  source_account = "111122223333"\n') }, 'lambda-permission-no-public-principal', 'aws_lambda_permission.p')[0].status, 'met');
  });
});

describe('lambda-function-tracing: Lambda@Edge', () => {
  before(() => initTerraformParser());
  const status = (files: Record<string, string>, id: string) => verdicts(files, 'lambda-function-tracing', id).map((v) => v.status);
  const distribution = (arn: string) => `  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          LambdaFunctionAssociations:
            - EventType: viewer-request
              LambdaFunctionARN: ${arn}
`;
  const version = '  FnVersion:\n    Type: AWS::Lambda::Version\n    Properties:\n      FunctionName: !Ref Fn\n';

  test('a function a distribution runs through a version is not asked to trace (YAML)', () => {
    const yaml = fn('      Runtime: nodejs22.x\n') + version + distribution('!Ref FnVersion');
    const v = verdicts({ 'template.yaml': yaml }, 'lambda-function-tracing', 'Fn');
    assert.deepEqual(v.map((x) => x.status), ['not-applicable']);
    assert.match(v[0].status === 'not-applicable' ? (v[0].reason ?? '') : '', /Lambda@Edge does not support X-Ray.*Cdn/);
  });

  test('an ARN built with Sub counts too, and an unrelated function still needs tracing', () => {
    const other = '  Other:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Role: arn:aws:iam::111122223333:role/app\n      Code: { ZipFile: "x" }\n';
    const yaml = fn('      Runtime: nodejs22.x\n') + other + distribution('!Sub "${Fn.Arn}:3"');
    assert.deepEqual(status({ 'template.yaml': yaml }, 'Fn'), ['not-applicable']);
    assert.deepEqual(status({ 'template.yaml': yaml }, 'Other'), ['gap']);
  });

  test('SAM AutoPublishAlias versions (!Ref Fn.Version) count too', () => {
    const sam = cfn('  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n      CodeUri: src/\n      AutoPublishAlias: live\n' + distribution('!Ref Fn.Version'));
    assert.deepEqual(status({ 'template.yaml': sam }, 'Fn'), ['not-applicable']);
  });

  test('a Terraform function associated by qualified_arn is not asked to trace', () => {
    const hcl = tf(`resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    lambda_function_association {
      event_type = "viewer-request"
      lambda_arn = aws_lambda_function.f.qualified_arn
    }
  }
}
`);
    assert.deepEqual(status({ 'main.tf': hcl }, 'aws_lambda_function.f'), ['not-applicable']);
    assert.deepEqual(status({ 'main.tf': tf('') }, 'aws_lambda_function.f'), ['gap']);
  });

  test('a role that trusts edgelambda.amazonaws.com marks an edge function (JSON)', () => {
    const trust = (service: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
    const template = (service: string[]) =>
      json({
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust(service) } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'x' } } },
      });
    assert.deepEqual(status({ 'template.json': template(['lambda.amazonaws.com', 'edgelambda.amazonaws.com']) }, 'Fn'), ['not-applicable']);
    assert.deepEqual(status({ 'template.json': template(['lambda.amazonaws.com']) }, 'Fn'), ['gap']);
  });
});
