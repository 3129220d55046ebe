import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';
import { looksLikeSecretName } from '../../../server/src/rules/ecs';

/** A task definition whose ContainerDefinitions are the given YAML list items (at their final indentation). */
const cfn = (containers: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      ContainerDefinitions:
${containers}`;

const json = (containers: object[] | object) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'web', ContainerDefinitions: containers } } } }, null, 2);

const tf = (definitions: string) => `variable "mode" {
  type = string
}

resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = ${definitions}
}
`;

const jsonencode = (fields: string) => `jsonencode([
    {
      name  = "app"
      image = "nginx:1.27"
${fields}    }
  ])`;

describeRule('ecs-container-not-privileged', {
  yaml: {
    resource: 'Task',
    fail: cfn('        - Name: app\n          Image: nginx:1.27\n          Privileged: true\n'),
    pass: cfn('        - Name: app\n          Image: nginx:1.27\n'),
    unknown: cfn('        - Name: app\n          Image: nginx:1.27\n          Privileged: !Ref Mode\n'),
  },
  json: {
    resource: 'Task',
    fail: json([{ Name: 'app', Image: 'nginx', Privileged: false }, { Name: 'sidecar', Image: 'agent', Privileged: 'true' }]),
    pass: json([{ Name: 'app', Image: 'nginx', Privileged: false }]),
    unknown: json({ Ref: 'Mode' }),
  },
  terraform: {
    resource: 'aws_ecs_task_definition.web',
    fail: tf(jsonencode('      privileged = true\n')),
    pass: tf(jsonencode('')),
    unknown: tf('file("containers.json")'),
  },
});

describeRule('ecs-container-read-only-root', {
  yaml: {
    resource: 'Task',
    fail: cfn('        - Name: app\n          Image: nginx:1.27\n'),
    pass: cfn('        - Name: app\n          Image: nginx:1.27\n          ReadonlyRootFilesystem: true\n'),
    unknown: cfn('        - Name: app\n          Image: nginx:1.27\n          ReadonlyRootFilesystem: !Ref Mode\n'),
  },
  json: {
    resource: 'Task',
    fail: json([{ Name: 'app', Image: 'nginx', ReadonlyRootFilesystem: false }]),
    pass: json([{ Name: 'app', Image: 'nginx', ReadonlyRootFilesystem: true }]),
  },
  terraform: {
    resource: 'aws_ecs_task_definition.web',
    fail: tf(jsonencode('')),
    pass: tf(jsonencode('      readonlyRootFilesystem = true\n')),
    unknown: tf(jsonencode('      readonlyRootFilesystem = var.mode\n')),
  },
});

describeRule('ecs-container-no-plain-secrets', {
  yaml: {
    resource: 'Task',
    fail: cfn('        - Name: app\n          Image: nginx:1.27\n          Environment:\n            - Name: LOG_LEVEL\n              Value: info\n            - Name: DB_PASSWORD\n              Value: hunter2\n'),
    pass: cfn('        - Name: app\n          Image: nginx:1.27\n          Environment:\n            - Name: LOG_LEVEL\n              Value: info\n            - Name: DB_PASSWORD_SECRET_ARN\n              Value: arn:aws:secretsmanager:eu-west-1:111122223333:secret:db\n          Secrets:\n            - Name: DB_PASSWORD\n              ValueFrom: arn:aws:secretsmanager:eu-west-1:111122223333:secret:db\n'),
    unknown: cfn('        - Name: app\n          Image: nginx:1.27\n          Environment:\n            - Name: API_TOKEN\n              Value: !Ref Mode\n'),
    noFix: true,
  },
  json: {
    resource: 'Task',
    fail: json([{ Name: 'app', Image: 'nginx', Environment: [{ Name: 'AWS_SECRET_ACCESS_KEY', Value: 'wJalrXUtnFEMI/K7MDENG' }] }]),
    pass: json([{ Name: 'app', Image: 'nginx', Environment: [{ Name: 'PORT', Value: '8080' }] }]),
    noFix: true,
  },
  terraform: {
    resource: 'aws_ecs_task_definition.web',
    fail: tf(`<<EOF
[
  {
    "name": "app",
    "image": "nginx:1.27",
    "environment": [{ "name": "STRIPE_API_KEY", "value": "sk_live_123" }]
  }
]
EOF`),
    pass: tf(jsonencode('      environment = [{ name = "PORT", value = "8080" }]\n')),
    unknown: tf(jsonencode('      environment = [{ name = "GITHUB_TOKEN", value = var.mode }]\n')),
    noFix: true,
  },
});

before(() => initTerraformParser());

test('one verdict per container, each pointing at its own container', () => {
  const text = cfn('        - Name: app\n          Image: nginx\n          Privileged: true\n        - Name: proxy\n          Image: envoy\n        - Name: agent\n          Image: datadog\n          Privileged: true\n');
  const v = verdicts({ 'template.yaml': text }, 'ecs-container-not-privileged', 'Task');
  assert.deepEqual(v.map((x) => x.status), ['gap', 'met', 'gap']);
  const findings = analyse({ 'template.yaml': text }).findings.filter((f) => f.ruleId === 'ecs-container-not-privileged');
  assert.deepEqual(findings.map((f) => f.key), ['ecs-container-not-privileged@Task#0', 'ecs-container-not-privileged@Task#2']);
  assert.match(findings[1].message, /"agent"/);
  const privilegedLines = text.split('\n').flatMap((l, i) => (l.includes('Privileged: true') ? [i] : []));
  assert.deepEqual(findings.map((f) => f.range.start.line), privilegedLines);
});

test('container definitions in a JSON string are read, but get no fix (their ranges are the whole string)', () => {
  const text = tf(JSON.stringify(JSON.stringify([{ name: 'app', image: 'nginx', privileged: true }])));
  const found = analyse({ 'main.tf': text }).findings.filter((f) => f.ruleId === 'ecs-container-not-privileged');
  assert.equal(found.length, 1);
  assert.equal(found[0].fixes.length, 0);
});

test('the read-only fix writes the camelCase key inside jsonencode()', () => {
  const text = tf(jsonencode(''));
  const found = analyse({ 'main.tf': text }).findings.find((f) => f.ruleId === 'ecs-container-read-only-root');
  assert.ok(found);
  assert.match(found.fixes[0].edits.map((e) => e.newText).join(''), /readonlyRootFilesystem = true/);
});

test('secret-looking names, and names that only point at a secret', () => {
  for (const name of ['DB_PASSWORD', 'api-key', 'GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'clientSecret', 'PRIVATE_KEY']) assert.ok(looksLikeSecretName(name), name);
  for (const name of ['PORT', 'LOG_LEVEL', 'DB_PASSWORD_SECRET_ARN', 'TOKEN_URL', 'PASSWORD_FILE', 'SECRET_NAME']) assert.ok(!looksLikeSecretName(name), name);
});
