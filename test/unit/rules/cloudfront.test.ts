import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

/** A distribution whose DistributionConfig gets `config` (YAML at its final indentation) after a default cache behavior. */
const cfn = (viewer: string, config = '', extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: app
            DomainName: app.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: app
          ViewerProtocolPolicy: ${viewer}
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
${config}${extra}`;

const ACM = '        ViewerCertificate:\n          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/1\n          SslSupportMethod: sni-only\n';

const json = (config: object, extra: object = {}) =>
  JSON.stringify(
    {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Mode: { Type: 'String' } },
      Resources: {
        Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'https-only' }, ...config } } },
        ...extra,
      },
    },
    null,
    2,
  );

const tf = (body: string, extra = '') => `variable "mode" {
  type = string
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
${body}}
${extra}`;

const TF_DEFAULT = (policy: string) => `\n  default_cache_behavior {\n    target_origin_id       = "app"\n    allowed_methods        = ["GET", "HEAD"]\n    cached_methods         = ["GET", "HEAD"]\n    viewer_protocol_policy = ${policy}\n  }\n`;
const TF_ORIGIN = (policy: string) => `\n  origin {\n    origin_id   = "app"\n    domain_name = "app.example.com"\n\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = ${policy}\n      origin_ssl_protocols   = ["TLSv1.2"]\n    }\n  }\n`;
const TF_CERT = (extra: string) => `\n  viewer_certificate {\n    acm_certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/1"\n    ssl_support_method  = "sni-only"\n${extra}  }\n`;

describeRule('cloudfront-viewer-https', {
  yaml: {
    resource: 'Cdn',
    fail: cfn('allow-all'),
    pass: cfn('redirect-to-https', '        CacheBehaviors:\n          - PathPattern: /api/*\n            TargetOriginId: app\n            ViewerProtocolPolicy: https-only\n'),
    unknown: cfn('!Ref Mode'),
  },
  json: {
    resource: 'Cdn',
    fail: json({ CacheBehaviors: [{ PathPattern: '/img/*', TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' }] }),
    pass: json({ CacheBehaviors: [{ PathPattern: '/img/*', TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' }] }),
    unknown: json({ CacheBehaviors: { Ref: 'Mode' } }),
  },
  terraform: {
    resource: 'aws_cloudfront_distribution.cdn',
    fail: tf(TF_DEFAULT('"allow-all"')),
    pass: tf(TF_DEFAULT('"redirect-to-https"') + '\n  ordered_cache_behavior {\n    path_pattern           = "/api/*"\n    target_origin_id       = "app"\n    viewer_protocol_policy = "https-only"\n  }\n'),
    unknown: tf(TF_DEFAULT('var.mode')),
  },
});

describeRule('cloudfront-viewer-https', {
  terraform: {
    resource: 'aws_cloudfront_distribution.cdn',
    fail: tf(TF_DEFAULT('"https-only"') + '\n  ordered_cache_behavior {\n    path_pattern           = "/api/*"\n    target_origin_id       = "app"\n    viewer_protocol_policy = "allow-all"\n  }\n'),
    pass: tf(TF_DEFAULT('"https-only"')),
  },
});

describeRule('cloudfront-minimum-tls', {
  yaml: {
    resource: 'Cdn',
    fail: cfn('https-only', ACM),
    pass: cfn('https-only', `${ACM}          MinimumProtocolVersion: TLSv1.2_2021\n`),
    unknown: cfn('https-only', `${ACM}          MinimumProtocolVersion: !Ref Mode\n`),
  },
  json: {
    resource: 'Cdn',
    fail: json({ ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/1', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.1_2016' } }),
    pass: json({ ViewerCertificate: { IamCertificateId: 'ASCA1', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2019' } }),
  },
  terraform: {
    resource: 'aws_cloudfront_distribution.cdn',
    fail: tf(TF_CERT('    minimum_protocol_version = "TLSv1"\n')),
    pass: tf(TF_CERT('    minimum_protocol_version = "TLSv1.2_2021"\n')),
    unknown: tf(TF_CERT('    minimum_protocol_version = var.mode\n')),
  },
});

describeRule('cloudfront-origin-https', {
  yaml: {
    resource: 'Cdn',
    fail: cfn('https-only').replace('OriginProtocolPolicy: https-only', 'OriginProtocolPolicy: http-only'),
    pass: cfn('redirect-to-https').replace('OriginProtocolPolicy: https-only', 'OriginProtocolPolicy: match-viewer'),
    unknown: cfn('https-only').replace('OriginProtocolPolicy: https-only', 'OriginProtocolPolicy: !Ref Mode'),
  },
  json: {
    resource: 'Cdn',
    fail: json({ Origins: [{ Id: 'app', DomainName: 'app.example.com', CustomOriginConfig: { OriginProtocolPolicy: 'match-viewer' } }], CacheBehaviors: [{ PathPattern: '/x/*', TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' }] }),
    pass: json({ Origins: [{ Id: 'bucket', DomainName: 'b.s3.eu-west-1.amazonaws.com', S3OriginConfig: {} }] }),
  },
  terraform: {
    resource: 'aws_cloudfront_distribution.cdn',
    fail: tf(TF_ORIGIN('"http-only"') + TF_DEFAULT('"https-only"')),
    pass: tf(TF_ORIGIN('"https-only"') + TF_DEFAULT('"https-only"')),
    unknown: tf(TF_ORIGIN('var.mode') + TF_DEFAULT('"https-only"')),
  },
});

describeRule('cloudfront-access-logging', {
  yaml: {
    resource: 'Cdn',
    fail: cfn('https-only'),
    pass: cfn('https-only', '        Logging:\n          Bucket: logs.s3.amazonaws.com\n          Prefix: cdn/\n'),
    noFix: true,
  },
  json: {
    resource: 'Cdn',
    fail: json({}),
    pass: json({}, { Source: { Type: 'AWS::Logs::DeliverySource', Properties: { Name: 'cdn', LogType: 'ACCESS_LOGS', ResourceArn: { 'Fn::Sub': 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Cdn}' } } } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_cloudfront_distribution.cdn',
    fail: tf(TF_DEFAULT('"https-only"')),
    pass: tf(TF_DEFAULT('"https-only"') + '\n  logging_config {\n    bucket = "logs.s3.amazonaws.com"\n  }\n'),
    noFix: true,
  },
});

describe('cloudfront rules: details', () => {
  before(() => initTerraformParser());

  test('the default certificate is a gap that no fix can close', () => {
    const v = verdicts({ 'template.yaml': cfn('https-only', '        ViewerCertificate:\n          CloudFrontDefaultCertificate: true\n') }, 'cloudfront-minimum-tls', 'Cdn');
    assert.equal(v.length, 1);
    assert.equal(v[0].status, 'gap');
    assert.deepEqual(v[0].status === 'gap' ? v[0].fixes ?? [] : [], []);
  });

  test('each insecure cache behavior is its own finding with its own fix', () => {
    const text = cfn('allow-all', '        CacheBehaviors:\n          - PathPattern: /a/*\n            TargetOriginId: app\n            ViewerProtocolPolicy: allow-all\n          - PathPattern: /b/*\n            TargetOriginId: app\n            ViewerProtocolPolicy: https-only\n');
    const found = analyse({ 'template.yaml': text }).findings.filter((f) => f.ruleId === 'cloudfront-viewer-https');
    assert.equal(found.length, 2);
    assert.match(found[1].message, /\/a\/\*/);
    assert.equal(found[1].fixes[0].edits[0].newText, 'redirect-to-https');
  });

  test('an S3 website origin is flagged without a fix', () => {
    const text = tf(TF_ORIGIN('"http-only"').replace('app.example.com', 'site.s3-website-eu-west-1.amazonaws.com') + TF_DEFAULT('"https-only"'));
    const found = analyse({ 'main.tf': text }).findings.filter((f) => f.ruleId === 'cloudfront-origin-https');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].fixes, []);
  });
});

describe('cloudfront-minimum-tls: the default certificate turned off without another', () => {
  before(() => initTerraformParser());
  const dist = (certificate: string) => `resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n\n  origin {\n    domain_name = "example.com"\n    origin_id   = "o"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = "o"\n    viewer_protocol_policy = "https-only"\n    allowed_methods        = ["GET", "HEAD"]\n    cached_methods         = ["GET", "HEAD"]\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = "none"\n    }\n  }\n\n  viewer_certificate {\n${certificate}  }\n}\n`;
  test('it is not described as the default certificate, and a TLS 1.2 floor is met', () => {
    const v = verdicts({ 'main.tf': dist('    cloudfront_default_certificate = false\n    minimum_protocol_version       = "TLSv1.2_2021"\n') }, 'cloudfront-minimum-tls', 'aws_cloudfront_distribution.d');
    assert.equal(v[0].status, 'met');
    assert.match(v[0].status === 'met' ? v[0].evidence ?? '' : '', /no certificate is named/);
  });
  test('without minimum_protocol_version it is a TLS gap that says no certificate is named', () => {
    const v = verdicts({ 'main.tf': dist('    cloudfront_default_certificate = false\n') }, 'cloudfront-minimum-tls', 'aws_cloudfront_distribution.d');
    assert.equal(v[0].status, 'gap');
    const message = v[0].status === 'gap' ? v[0].message : '';
    assert.doesNotMatch(message, /uses the default/);
    assert.match(message, /no certificate is named/);
  });
});

describe('cloudfront-origin-https: origins given as a value', () => {
  before(() => initTerraformParser());
  test('origin = var.origins is not called a dynamic block', () => {
    const text = 'variable "origins" {\n  type = list(any)\n}\n\nresource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  origin  = var.origins\n\n  default_cache_behavior {\n    target_origin_id       = "o"\n    viewer_protocol_policy = "https-only"\n    allowed_methods        = ["GET", "HEAD"]\n    cached_methods         = ["GET", "HEAD"]\n  }\n}\n';
    const v = verdicts({ 'main.tf': text }, 'cloudfront-origin-https', 'aws_cloudfront_distribution.d');
    const unknown = v.find((x) => x.status === 'cannot-tell');
    assert.ok(unknown && unknown.status === 'cannot-tell');
    assert.match(unknown.reason, /origin is set as a value, not written as blocks/);
    assert.doesNotMatch(unknown.reason, /dynamic block/);
  });
});
