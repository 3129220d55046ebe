import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

const cfn = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
${resources}`;

const json = (resources: object) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: resources }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

${body}`;

const ALB = (props = '') => `  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
${props}`;

const LISTENER = (name: string, props: string) => `  ${name}:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
${props}`;

const FORWARD = '      DefaultActions:\n        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1\n';
const HTTPS = (policy: string) => `      Port: 443\n      Protocol: HTTPS\n      Certificates:\n        - CertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/1\n${policy}${FORWARD}`;

const listenerJson = (props: object) =>
  json({ Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: {} }, Web: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Alb' }, ...props } } });

const tfAlb = (body = '') => `resource "aws_lb" "web" {\n  name = "web"\n${body}}\n`;
const tfListener = (body: string) => tf(`${tfAlb()}\nresource "aws_lb_listener" "web" {\n  load_balancer_arn = aws_lb.web.arn\n${body}}\n`);
const TF_FORWARD = '\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/1"\n  }\n';

describeRule('elb-listener-tls-policy', {
  yaml: {
    resource: 'Secure',
    fail: cfn(ALB() + LISTENER('Secure', HTTPS(''))),
    pass: cfn(ALB() + LISTENER('Secure', HTTPS('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n'))),
    unknown: cfn(ALB() + LISTENER('Secure', HTTPS('      SslPolicy: !Ref Mode\n'))),
  },
  json: {
    resource: 'Web',
    fail: listenerJson({ Port: 443, Protocol: 'TLS', SslPolicy: 'ELBSecurityPolicy-TLS-1-1-2017-01' }),
    pass: listenerJson({ Port: 80, Protocol: 'HTTP' }),
    unknown: listenerJson({ Port: 443, Protocol: { Ref: 'Mode' } }),
  },
  terraform: {
    resource: 'aws_lb_listener.web',
    fail: tfListener(`  port            = 443\n  protocol        = "HTTPS"\n  ssl_policy      = "ELBSecurityPolicy-2016-08"\n  certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/1"\n${TF_FORWARD}`),
    pass: tfListener(`  port       = 443\n  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-FS-1-2-Res-2020-10"\n${TF_FORWARD}`),
    unknown: tfListener(`  port       = 443\n  protocol   = "HTTPS"\n  ssl_policy = var.mode\n${TF_FORWARD}`),
  },
});

describeRule('elb-http-redirects-to-https', {
  yaml: {
    resource: 'Plain',
    fail: cfn(ALB() + LISTENER('Plain', `      Port: 80\n      Protocol: HTTP\n${FORWARD}`) + LISTENER('Secure', HTTPS('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n').replace('Port: 443', 'Port: 8443'))),
    pass: cfn(ALB() + LISTENER('Plain', '      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: redirect\n          RedirectConfig:\n            Protocol: HTTPS\n            Port: "443"\n            StatusCode: HTTP_301\n')),
    unknown: cfn(ALB() + LISTENER('Plain', '      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n        - Type: redirect\n          RedirectConfig:\n            Protocol: !Ref Mode\n            StatusCode: HTTP_301\n')),
  },
  json: {
    resource: 'Web',
    fail: listenerJson({ Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] }),
    pass: listenerJson({ Port: 443, Protocol: 'HTTPS', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] }),
  },
  terraform: {
    resource: 'aws_lb_listener.web',
    fail: tfListener(`  port = 80\n${TF_FORWARD}`),
    pass: tfListener('  port     = 80\n  protocol = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n'),
    unknown: tf('resource "aws_lb_listener" "web" {\n  load_balancer_arn = var.mode\n  port              = 80\n\n  default_action {\n    type = "forward"\n  }\n}\n'),
  },
});

describeRule('elb-alb-drop-invalid-headers', {
  yaml: {
    resource: 'Alb',
    fail: cfn(ALB('      LoadBalancerAttributes:\n        - Key: idle_timeout.timeout_seconds\n          Value: "60"\n')),
    pass: cfn(ALB('      LoadBalancerAttributes:\n        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: "true"\n')),
    unknown: cfn(ALB('      LoadBalancerAttributes:\n        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: !Ref Mode\n')),
  },
  json: {
    resource: 'Alb',
    fail: json({ Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Subnets: ['subnet-1'] } } }),
    pass: json({ Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } } }),
    unknown: json({ Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: { Ref: 'Mode' } } } }),
  },
  terraform: {
    resource: 'aws_lb.web',
    fail: tf(tfAlb('  internal = false\n')),
    pass: tf(tfAlb('  drop_invalid_header_fields = true\n')),
    unknown: tf(tfAlb('  drop_invalid_header_fields = var.mode\n')),
  },
});

// A false value is changed in place; an existing list without the key gets one item more.
describeRule('elb-alb-drop-invalid-headers', {
  yaml: {
    resource: 'Alb',
    fail: cfn(ALB('      LoadBalancerAttributes:\n        - Key: routing.http.drop_invalid_header_fields.enabled\n          Value: "false"\n')),
    pass: cfn(ALB('      Type: gateway\n')),
  },
  json: {
    resource: 'Alb',
    fail: json({ Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] } } }),
    pass: json({ Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { LoadBalancerAttributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: true }] } } }),
  },
});

describeRule('elb-access-logs', {
  yaml: {
    resource: 'Alb',
    fail: cfn(ALB()),
    pass: cfn(ALB('      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: "true"\n        - Key: access_logs.s3.bucket\n          Value: lb-logs\n')),
    unknown: cfn(ALB('      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: !Ref Mode\n')),
    noFix: true,
  },
  json: {
    resource: 'Classic',
    fail: json({ Classic: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: 'HTTP' }] } } }),
    pass: json({ Classic: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { AccessLoggingPolicy: { Enabled: true, S3BucketName: 'lb-logs' } } } }),
    unknown: json({ Classic: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { AccessLoggingPolicy: { Enabled: { Ref: 'Mode' }, S3BucketName: 'lb-logs' } } } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_lb.web',
    fail: tf(tfAlb('\n  access_logs {\n    bucket = "lb-logs"\n  }\n')),
    pass: tf(tfAlb('\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = true\n  }\n')),
    unknown: tf(tfAlb('\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = var.mode\n  }\n')),
    noFix: true,
  },
});

describeRule('elb-access-logs', {
  terraform: {
    resource: 'aws_elb.classic',
    fail: tf('resource "aws_elb" "classic" {\n  name = "classic"\n}\n'),
    pass: tf('resource "aws_elb" "classic" {\n  name = "classic"\n\n  access_logs {\n    bucket = "lb-logs"\n  }\n}\n'),
    noFix: true,
  },
});

describe('elb rules: details', () => {
  before(() => initTerraformParser());

  test('an HTTPS listener without SslPolicy names the policy AWS applies', () => {
    const v = verdicts({ 'template.yaml': cfn(ALB() + LISTENER('Secure', HTTPS(''))) }, 'elb-listener-tls-policy', 'Secure');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /ELBSecurityPolicy-2016-08/);
  });

  test('the redirect goes to the port of the HTTPS listener of the same load balancer', () => {
    const { findings } = analyse({ 'template.yaml': cfn(ALB() + LISTENER('Plain', `      Port: 80\n      Protocol: HTTP\n${FORWARD}`) + LISTENER('Secure', HTTPS('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n').replace('Port: 443', 'Port: 8443'))) });
    const f = findings.find((x) => x.key === 'elb-http-redirects-to-https@Plain');
    assert.ok(f);
    assert.match(f.fixes[0].edits[0].newText, /Port: "8443"/);
  });

  test('a Terraform listener on a Network Load Balancer defaults to TCP and needs no redirect', () => {
    const text = tf(`${tfAlb('  load_balancer_type = "network"\n')}\nresource "aws_lb_listener" "web" {\n  load_balancer_arn = aws_lb.web.arn\n  port              = 80\n${TF_FORWARD}}\n`);
    const v = verdicts({ 'main.tf': text }, 'elb-http-redirects-to-https', 'aws_lb_listener.web');
    assert.deepEqual(v.map((x) => x.status), ['not-applicable']);
  });

  test('the Terraform redirect fix replaces the forward action', () => {
    const { findings } = analyse({ 'main.tf': tfListener(`  port = 80\n${TF_FORWARD}`) });
    const f = findings.find((x) => x.key === 'elb-http-redirects-to-https@aws_lb_listener.web');
    assert.ok(f);
    const text = f.fixes[0].edits[0].newText;
    assert.match(text, /type = "redirect"/);
    assert.doesNotMatch(text, /target_group_arn/);
  });

  test('the load balancer shows the HTTP listener that does not redirect, and the fix stays on the listener', () => {
    const files = { 'template.yaml': cfn(ALB() + LISTENER('Plain', `      Port: 80\n      Protocol: HTTP\n${FORWARD}`)) };
    const v = verdicts(files, 'elb-http-redirects-to-https', 'Alb');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /Plain/);
    assert.equal(v[0].status === 'gap' ? v[0].related?.[0].message : '', 'this listener does not redirect HTTP to HTTPS');
    const lbFinding = analyse(files).findings.find((x) => x.key === 'elb-http-redirects-to-https@Alb');
    assert.ok(lbFinding);
    assert.deepEqual(lbFinding.fixes, []);
  });

  test('a load balancer whose HTTP listeners all redirect is met; a Network Load Balancer is not applicable', () => {
    const redirect = tfListener('  port     = 80\n  protocol = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n');
    assert.deepEqual(verdicts({ 'main.tf': redirect }, 'elb-http-redirects-to-https', 'aws_lb.web').map((x) => x.status), ['met']);
    const nlb = tf(tfAlb('  load_balancer_type = "network"\n'));
    assert.deepEqual(verdicts({ 'main.tf': nlb }, 'elb-http-redirects-to-https', 'aws_lb.web').map((x) => x.status), ['not-applicable']);
  });

  test('a load balancer with no listener in the module cannot tell', () => {
    assert.deepEqual(verdicts({ 'main.tf': tf(tfAlb()) }, 'elb-http-redirects-to-https', 'aws_lb.web').map((x) => x.status), ['cannot-tell']);
  });
});
