import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { cfnJson, cfnYaml, describeSettingRule, raw, type CfnTemplate } from '../../fixtureKit';
import { describeRule, verdicts } from '../../ruleHarness';

const MODE = { Ref: 'Mode' };
const VAR = raw('var.mode');

describeSettingRule('ec2-network-acl-no-public-admin-ports', {
  cloudformation: { type: 'AWS::EC2::NetworkAclEntry', base: { NetworkAclId: 'acl-1', RuleNumber: 100, Protocol: 6, RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } }, fail: {}, pass: { CidrBlock: '10.0.0.0/8' }, unknown: { CidrBlock: MODE }, noFix: true },
  terraform: { type: 'aws_network_acl_rule', base: { network_acl_id: 'acl-1', rule_number: 100, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 3380, to_port: 3390 }, fail: {}, pass: { from_port: 443, to_port: 443 }, unknown: { cidr_block: VAR }, noFix: true },
});

const trust = (statement: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] });
describeSettingRule('iam-role-trust-cross-account-external-id', {
  cloudformation: { type: 'AWS::IAM::Role', base: {}, fail: { AssumeRolePolicyDocument: trust({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }) }, pass: { AssumeRolePolicyDocument: trust({ Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Condition: { StringEquals: { 'sts:ExternalId': 'x-7f3a' } } }) }, noFix: true },
  terraform: { type: 'aws_iam_role', base: {}, fail: { assume_role_policy: JSON.stringify(trust({ Principal: { AWS: '123456789012' } })) }, pass: { assume_role_policy: JSON.stringify(trust({ Principal: { Service: 'lambda.amazonaws.com' } })) }, noFix: true },
});

describeSettingRule('iam-user-no-managed-policies', {
  cloudformation: { type: 'AWS::IAM::User', base: {}, fail: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }, pass: {}, unknown: { ManagedPolicyArns: MODE }, noFix: true },
  terraform: { type: 'aws_iam_policy_attachment', base: { name: 'a', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, fail: { users: ['alice'] }, pass: { roles: ['app'] }, unknown: { users: VAR }, noFix: true },
});

describeSettingRule('sso-permission-set-no-admin', {
  cloudformation: { type: 'AWS::SSO::PermissionSet', base: { InstanceArn: 'arn:aws:sso:::instance/ssoins-1', Name: 'ops' }, fail: { ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }, pass: { ManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }, unknown: { ManagedPolicies: [MODE] }, noFix: true },
  terraform: { type: 'aws_ssoadmin_managed_policy_attachment', base: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1' }, fail: { managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, pass: { managed_policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, unknown: { managed_policy_arn: VAR }, noFix: true },
});

const IF_MODE = { 'Fn::If': ['C', 'x', MODE] };
describeSettingRule('rds-instance-no-plaintext-master-password', {
  cloudformation: { type: 'AWS::RDS::DBInstance', base: { Engine: 'mysql', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin' }, fail: { MasterUserPassword: 'Passw0rd123' }, pass: { ManageMasterUserPassword: true }, unknown: { MasterUserPassword: IF_MODE }, noFix: true },
  terraform: { type: 'aws_db_instance', base: { engine: 'mysql', instance_class: 'db.t3.micro', username: 'admin' }, fail: { password: 'Passw0rd123' }, pass: { password: VAR }, unknown: { password: raw('local.pw') }, noFix: true },
});
describeSettingRule('rds-cluster-no-plaintext-master-password', {
  cloudformation: { type: 'AWS::RDS::DBCluster', base: { Engine: 'aurora-mysql', MasterUsername: 'admin' }, fail: { MasterUserPassword: 'Passw0rd123' }, pass: { MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}' }, unknown: { MasterUserPassword: IF_MODE }, noFix: true },
  terraform: { type: 'aws_rds_cluster', base: { engine: 'aurora-mysql', master_username: 'admin' }, fail: { master_password: 'Passw0rd123' }, pass: { manage_master_user_password: true }, unknown: { master_password: raw('local.pw') }, noFix: true },
});
describeSettingRule('documentdb-cluster-no-plaintext-master-password', {
  cloudformation: { type: 'AWS::DocDB::DBCluster', base: { MasterUsername: 'admin' }, fail: { MasterUserPassword: 'Passw0rd123' }, pass: {}, unknown: { MasterUserPassword: IF_MODE }, noFix: true },
  terraform: { type: 'aws_docdb_cluster', base: { master_username: 'admin' }, fail: { master_password: 'Passw0rd123' }, pass: { master_password: VAR }, unknown: { master_password: raw('local.pw') }, noFix: true },
});
describeSettingRule('redshift-cluster-no-plaintext-master-password', {
  cloudformation: { type: 'AWS::Redshift::Cluster', base: { ClusterType: 'single-node', NodeType: 'ra3.xlplus', DBName: 'dev', MasterUsername: 'admin' }, fail: { MasterUserPassword: 'Passw0rd123' }, pass: { ManageMasterPassword: true }, unknown: { MasterUserPassword: IF_MODE }, noFix: true },
  terraform: { type: 'aws_redshift_cluster', base: { cluster_identifier: 'c', node_type: 'ra3.xlplus', master_username: 'admin' }, fail: { master_password: 'Passw0rd123' }, pass: { manage_master_password: true }, unknown: { master_password: raw('local.pw') }, noFix: true },
});
describeSettingRule('elasticache-replication-group-no-plaintext-auth-token', {
  cloudformation: { type: 'AWS::ElastiCache::ReplicationGroup', base: { ReplicationGroupDescription: 'cache', TransitEncryptionEnabled: true }, fail: { AuthToken: 'a-long-auth-token-1234' }, pass: {}, unknown: { AuthToken: IF_MODE }, noFix: true },
  terraform: { type: 'aws_elasticache_replication_group', base: { replication_group_id: 'cache', description: 'cache', transit_encryption_enabled: true }, fail: { auth_token: 'a-long-auth-token-1234' }, pass: { auth_token: VAR }, unknown: { auth_token: raw('local.pw') }, noFix: true },
});

describe('plaintext secrets: parameters', () => {
  before(() => initTerraformParser());
  const template = (parameter: object) =>
    cfnYaml({ parameters: { DbPassword: { Type: 'String', ...parameter } }, resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MasterUsername: 'admin', MasterUserPassword: { Ref: 'DbPassword' } } } } });
  const statuses = (parameter: object) => verdicts({ 'template.yaml': template(parameter) }, 'rds-instance-no-plaintext-master-password', 'Db').map((v) => v.status);
  test('a NoEcho parameter without default keeps the secret out of the template', () => assert.deepEqual(statuses({ NoEcho: true }), ['met']));
  test('a parameter default writes the secret into the template', () => assert.deepEqual(statuses({ NoEcho: true, Default: 'Passw0rd123' }), ['gap']));
  test('a parameter without NoEcho is shown by DescribeStacks', () => assert.deepEqual(statuses({}), ['gap']));
});

const sam = (event: object, extra: Partial<CfnTemplate> = {}): CfnTemplate => ({
  transform: true,
  ...extra,
  resources: { ...(extra.resources ?? {}), Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'app.handler', Runtime: 'python3.13', CodeUri: 'src/', Events: { Get: event } } } },
});
const api = { Type: 'Api', Properties: { Path: '/items', Method: 'get' } };
const withAuth = { Type: 'Api', Properties: { Path: '/items', Method: 'get', Auth: { Authorizer: 'AWS_IAM' } } };
const unknownAuth = { Type: 'HttpApi', Properties: { Path: '/items', Method: 'get', Auth: { Authorizer: { Ref: 'Mode' } } } };
const params = { parameters: { Mode: { Type: 'String' } } };
describeRule('serverless-api-event-authorizer', {
  yaml: { resource: 'Fn', fail: cfnYaml(sam(api)), pass: cfnYaml(sam(withAuth)), unknown: cfnYaml(sam(unknownAuth, params)), noFix: true },
  json: { resource: 'Fn', fail: cfnJson(sam(api)), pass: cfnJson(sam({ Type: 'HttpApi', Properties: { ApiId: { Ref: 'Http' } } }, { resources: { Http: { Type: 'AWS::Serverless::HttpApi', Properties: { Auth: { DefaultAuthorizer: 'Jwt', Authorizers: { Jwt: { IdentitySource: '$request.header.Authorization' } } } } } } })), noFix: true },
});

describe('serverless-api-event-authorizer: defaults', () => {
  before(() => initTerraformParser());
  test('Globals.Api.Auth.DefaultAuthorizer protects implicit API events', () => {
    const text = cfnYaml(sam(api, { globals: { Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } } } }));
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'serverless-api-event-authorizer', 'Fn').map((v) => v.status), ['met']);
  });
  test('Authorizer NONE on the event switches the default off', () => {
    const text = cfnYaml(sam({ Type: 'Api', Properties: { Path: '/p', Method: 'get', Auth: { Authorizer: 'NONE' } } }, { globals: { Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } } } }));
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'serverless-api-event-authorizer', 'Fn').map((v) => v.status), ['gap']);
  });
});

describeSettingRule('apigateway-stage-cache-encrypted', {
  cloudformation: { type: 'AWS::ApiGateway::Stage', base: { RestApiId: 'abc', DeploymentId: 'd', StageName: 'prod', CacheClusterEnabled: true }, fail: { MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true }] }, pass: { MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheDataEncrypted: true }] }, unknown: { MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', CachingEnabled: true, CacheDataEncrypted: MODE }] } },
  terraform: { type: 'aws_api_gateway_method_settings', base: { rest_api_id: 'abc', stage_name: 'prod', method_path: '*/*' }, fail: { settings: { caching_enabled: true } }, pass: { settings: { caching_enabled: true, cache_data_encrypted: true } }, unknown: { settings: { caching_enabled: true, cache_data_encrypted: VAR } } },
});

describeSettingRule('apigateway-v2-route-authorization', {
  cloudformation: { type: 'AWS::ApiGatewayV2::Route', base: { ApiId: 'abc', RouteKey: 'GET /items' }, fail: {}, pass: { AuthorizationType: 'JWT', AuthorizerId: 'auth' }, unknown: { AuthorizationType: MODE }, noFix: true },
  terraform: { type: 'aws_apigatewayv2_route', base: { api_id: 'abc', route_key: 'GET /items' }, fail: { authorization_type: 'NONE' }, pass: { authorization_type: 'AWS_IAM' }, unknown: { authorization_type: VAR }, noFix: true },
});

const ebOption = (Namespace: string, OptionName: string, Value: unknown) => ({ Namespace, OptionName, Value });
const tfOption = (namespace: string, name: string, value: unknown) => ({ namespace, name, value });
describeSettingRule('elasticbeanstalk-environment-managed-updates', {
  cloudformation: { type: 'AWS::ElasticBeanstalk::Environment', base: { ApplicationName: 'app', SolutionStackName: '64bit Amazon Linux 2023 v6.1.0 running Node.js 20' }, fail: {}, pass: { OptionSettings: [ebOption('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'true')] }, unknown: { OptionSettings: [ebOption('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', MODE)] }, noFix: true },
  terraform: { type: 'aws_elastic_beanstalk_environment', base: { name: 'env', application: 'app' }, fail: { setting: tfOption('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'false') }, pass: { setting: tfOption('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', 'true') }, unknown: { setting: tfOption('aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', VAR) }, noFix: true },
});
describeSettingRule('elasticbeanstalk-environment-enhanced-health', {
  cloudformation: { type: 'AWS::ElasticBeanstalk::Environment', base: { ApplicationName: 'app' }, fail: { OptionSettings: [ebOption('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'basic')] }, pass: { OptionSettings: [ebOption('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'enhanced')] }, unknown: { OptionSettings: [ebOption('aws:elasticbeanstalk:healthreporting:system', 'SystemType', MODE)] }, noFix: true },
  terraform: { type: 'aws_elastic_beanstalk_environment', base: { name: 'env', application: 'app' }, fail: {}, pass: { setting: tfOption('aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'enhanced') }, unknown: { setting: tfOption('aws:elasticbeanstalk:healthreporting:system', 'SystemType', VAR) }, noFix: true },
});
describeSettingRule('elasticbeanstalk-environment-log-streaming', {
  cloudformation: { type: 'AWS::ElasticBeanstalk::Environment', base: { ApplicationName: 'app' }, fail: {}, pass: { OptionSettings: [ebOption('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', 'true')] }, unknown: { OptionSettings: [ebOption('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', MODE)] }, noFix: true },
  terraform: { type: 'aws_elastic_beanstalk_environment', base: { name: 'env', application: 'app' }, fail: {}, pass: { setting: tfOption('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', 'true') }, unknown: { setting: tfOption('aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', VAR) }, noFix: true },
});

describeSettingRule('elasticache-auto-minor-version-upgrade', {
  cloudformation: { type: 'AWS::ElastiCache::CacheCluster', base: { CacheNodeType: 'cache.t3.micro', Engine: 'redis', NumCacheNodes: 1 }, fail: { AutoMinorVersionUpgrade: false }, pass: {}, unknown: { AutoMinorVersionUpgrade: MODE } },
  terraform: { type: 'aws_elasticache_cluster', base: { cluster_id: 'c', engine: 'redis', node_type: 'cache.t3.micro', num_cache_nodes: 1 }, fail: { auto_minor_version_upgrade: false }, pass: {}, unknown: { auto_minor_version_upgrade: VAR } },
});
describeSettingRule('documentdb-instance-auto-minor-version-upgrade', {
  cloudformation: { type: 'AWS::DocDB::DBInstance', base: { DBClusterIdentifier: 'c', DBInstanceClass: 'db.r6g.large' }, fail: { AutoMinorVersionUpgrade: false }, pass: { AutoMinorVersionUpgrade: true }, unknown: { AutoMinorVersionUpgrade: MODE } },
  terraform: { type: 'aws_docdb_cluster_instance', base: { cluster_identifier: 'c', instance_class: 'db.r6g.large' }, fail: { auto_minor_version_upgrade: false }, pass: {}, unknown: { auto_minor_version_upgrade: VAR } },
});
describeSettingRule('neptune-instance-auto-minor-version-upgrade', {
  cloudformation: { type: 'AWS::Neptune::DBInstance', base: { DBInstanceClass: 'db.r6g.large' }, fail: { AutoMinorVersionUpgrade: false }, pass: {}, unknown: { AutoMinorVersionUpgrade: MODE } },
  terraform: { type: 'aws_neptune_cluster_instance', base: { cluster_identifier: 'c', instance_class: 'db.r6g.large' }, fail: { auto_minor_version_upgrade: false }, pass: {}, unknown: { auto_minor_version_upgrade: VAR } },
});
describeSettingRule('redshift-cluster-allow-version-upgrade', {
  cloudformation: { type: 'AWS::Redshift::Cluster', base: { ClusterType: 'single-node', NodeType: 'ra3.xlplus', DBName: 'dev', MasterUsername: 'admin' }, fail: { AllowVersionUpgrade: false }, pass: {}, unknown: { AllowVersionUpgrade: MODE } },
  terraform: { type: 'aws_redshift_cluster', base: { cluster_identifier: 'c', node_type: 'ra3.xlplus' }, fail: { allow_version_upgrade: false }, pass: { allow_version_upgrade: true }, unknown: { allow_version_upgrade: VAR } },
});


const ALB_CFN = { Type: 'application', Subnets: ['subnet-1', 'subnet-2'] };
describeSettingRule('elb-deletion-protection', {
  cloudformation: { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', base: ALB_CFN, fail: {}, pass: { LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }] }, unknown: { LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: MODE }] } },
  terraform: { type: 'aws_lb', base: { load_balancer_type: 'application', subnets: ['subnet-1', 'subnet-2'] }, fail: {}, pass: { enable_deletion_protection: true }, unknown: { enable_deletion_protection: VAR } },
});

describeSettingRule('ecs-cluster-container-insights', {
  cloudformation: { type: 'AWS::ECS::Cluster', base: {}, fail: {}, pass: { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] }, unknown: { ClusterSettings: [{ Name: 'containerInsights', Value: MODE }] }, noFix: true },
  terraform: { type: 'aws_ecs_cluster', base: { name: 'c' }, fail: { setting: { name: 'containerInsights', value: 'disabled' } }, pass: { setting: { name: 'containerInsights', value: 'enhanced' } }, unknown: { setting: { name: 'containerInsights', value: VAR } }, noFix: true },
});

describeSettingRule('ecs-service-no-public-ip', {
  cloudformation: { type: 'AWS::ECS::Service', base: { Cluster: 'c', TaskDefinition: 'td', LaunchType: 'FARGATE' }, fail: { NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], AssignPublicIp: 'ENABLED' } } }, pass: { NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'] } } }, unknown: { NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], AssignPublicIp: MODE } } } },
  terraform: { type: 'aws_ecs_service', base: { name: 's', cluster: 'c', task_definition: 'td' }, fail: { network_configuration: { subnets: ['subnet-1'], assign_public_ip: true } }, pass: { network_configuration: { subnets: ['subnet-1'] } }, unknown: { network_configuration: { subnets: ['subnet-1'], assign_public_ip: VAR } } },
});

describeSettingRule('autoscaling-group-multi-az', {
  cloudformation: { type: 'AWS::AutoScaling::AutoScalingGroup', base: { MinSize: '1', MaxSize: '2' }, fail: { VPCZoneIdentifier: ['subnet-1'] }, pass: { VPCZoneIdentifier: ['subnet-1', 'subnet-2'] }, unknown: { VPCZoneIdentifier: MODE }, noFix: true },
  terraform: { type: 'aws_autoscaling_group', base: { min_size: 1, max_size: 2 }, fail: { vpc_zone_identifier: ['subnet-1'] }, pass: { vpc_zone_identifier: ['subnet-1', 'subnet-2'] }, unknown: { vpc_zone_identifier: VAR }, noFix: true },
});

describeSettingRule('ec2-instance-image-current', {
  cloudformation: { type: 'AWS::EC2::Instance', base: { InstanceType: 't3.micro' }, fail: { ImageId: 'ami-0abcdef1234567890' }, pass: { ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}' }, unknown: { ImageId: MODE }, noFix: true },
  terraform: { type: 'aws_launch_template', base: { name: 'lt' }, fail: { image_id: 'ami-0abcdef1234567890' }, pass: { image_id: raw('data.aws_ssm_parameter.ecs_ami.value') }, unknown: { image_id: VAR }, noFix: true },
});

describe('ec2-instance-image-current: parameters and ECS hosts', () => {
  before(() => initTerraformParser());
  test('an SSM image parameter is current', () => {
    const text = cfnYaml({ parameters: { Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id' } }, resources: { I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: { Ref: 'Ami' } } } } });
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'ec2-instance-image-current', 'I').map((v) => v.status), ['met']);
  });
  test('an ECS container instance with a fixed AMI is told about the ECS-optimized parameter', () => {
    const text = cfnYaml({ resources: { I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', UserData: { 'Fn::Base64': '#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config' } } } } });
    const v = verdicts({ 'template.yaml': text }, 'ec2-instance-image-current', 'I');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /ECS-optimized AMI/);
  });
});

describeSettingRule('ec2-instance-detailed-monitoring', {
  cloudformation: { type: 'AWS::EC2::Instance', base: { InstanceType: 't3.micro' }, fail: {}, pass: { Monitoring: true }, unknown: { Monitoring: MODE } },
  terraform: { type: 'aws_instance', base: { instance_type: 't3.micro' }, fail: { monitoring: false }, pass: { monitoring: true }, unknown: { monitoring: VAR } },
});

describeSettingRule('lambda-function-tracing', {
  cloudformation: { type: 'AWS::Lambda::Function', base: { Handler: 'app.handler', Runtime: 'python3.13', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' } }, fail: {}, pass: { TracingConfig: { Mode: 'Active' } }, unknown: { TracingConfig: { Mode: MODE } } },
  terraform: { type: 'aws_lambda_function', base: { function_name: 'f', handler: 'app.handler', runtime: 'python3.13', role: 'arn:aws:iam::111122223333:role/fn' }, fail: { tracing_config: { mode: 'PassThrough' } }, pass: { tracing_config: { mode: 'Active' } }, unknown: { tracing_config: { mode: VAR } } },
});

describeSettingRule('cloudfront-distribution-waf', {
  cloudformation: { type: 'AWS::CloudFront::Distribution', base: { DistributionConfig: { Enabled: true } }, fail: {}, pass: { DistributionConfig: { WebACLId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/abc' } }, unknown: { DistributionConfig: { WebACLId: MODE } }, noFix: true },
  terraform: { type: 'aws_cloudfront_distribution', base: { enabled: true }, fail: {}, pass: { web_acl_id: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/abc' }, unknown: { web_acl_id: VAR }, noFix: true },
});

describe('iam-user-no-managed-policies: users = null', () => {
  before(() => initTerraformParser());
  const attachment = (users: string) => `resource "aws_iam_policy_attachment" "a" {\n  name       = "a"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n  roles      = ["app"]\n  users      = ${users}\n}\n`;
  test('null leaves users unset: the policy reaches no user', () => {
    const v = verdicts({ 'main.tf': attachment('null') }, 'iam-user-no-managed-policies', 'aws_iam_policy_attachment.a');
    assert.deepEqual(v.map((x) => x.status), ['not-applicable']);
  });
  test('a list with a user is still a gap', () => {
    assert.deepEqual(verdicts({ 'main.tf': attachment('["alice"]') }, 'iam-user-no-managed-policies', 'aws_iam_policy_attachment.a').map((x) => x.status), ['gap']);
  });
});

describe('ec2-network-acl-no-public-admin-ports: rule order', () => {
  before(() => initTerraformParser());
  const acl = (denyAction: string) => `resource "aws_network_acl" "a" {
  vpc_id = "vpc-1"
  ingress {
    rule_no    = 10
    protocol   = "tcp"
    action     = "${denyAction}"
    cidr_block = "0.0.0.0/0"
    from_port  = 20
    to_port    = 22
  }
  ingress {
    rule_no    = 20
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }
  ingress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}
`;
  test('lower-numbered denies for both ports close an allow-all entry', () => {
    assert.deepEqual(verdicts({ 'main.tf': acl('deny') }, 'ec2-network-acl-no-public-admin-ports', 'aws_network_acl.a').map((v) => v.status), ['met']);
  });
  test('without the deny for SSH the allow-all entry opens port 22', () => {
    assert.deepEqual(verdicts({ 'main.tf': acl('allow') }, 'ec2-network-acl-no-public-admin-ports', 'aws_network_acl.a').map((v) => v.status), ['gap', 'gap']);
  });
  test('separate CloudFormation entries of one ACL shadow each other too', () => {
    const entry = (n: number, action: string, from: number, to: number, protocol = 6) => ({ Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, RuleNumber: n, Protocol: protocol, RuleAction: action, CidrBlock: '0.0.0.0/0', PortRange: { From: from, To: to } } });
    const text = cfnYaml({ resources: { Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: 'vpc-1' } }, DenySsh: entry(10, 'deny', 22, 22), DenyRdp: entry(20, 'deny', 3389, 3389), AllowAll: entry(100, 'allow', 0, 65535, -1) } });
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'ec2-network-acl-no-public-admin-ports', 'AllowAll').map((v) => v.status), ['met']);
  });
});

describe('dynamic blocks are said to be unknown, never met or a gap', () => {
  before(() => initTerraformParser());
  test('ECS cluster settings from a dynamic block', () => {
    const text = `variable "setting" {}\nresource "aws_ecs_cluster" "c" {\n  name = "c"\n  dynamic "setting" {\n    for_each = var.setting\n    content {\n      name  = setting.value.name\n      value = setting.value.value\n    }\n  }\n}\n`;
    assert.deepEqual(verdicts({ 'main.tf': text }, 'ecs-cluster-container-insights', 'aws_ecs_cluster.c').map((v) => v.status), ['cannot-tell']);
  });
  test('CodeBuild environment variables from a dynamic block', () => {
    const text = `variable "env" {}\nresource "aws_codebuild_project" "p" {\n  name = "p"\n  environment {\n    image = "aws/codebuild/standard:7.0"\n    dynamic "environment_variable" {\n      for_each = var.env\n      content {\n        name  = environment_variable.key\n        value = environment_variable.value\n      }\n    }\n  }\n}\n`;
    assert.deepEqual(verdicts({ 'main.tf': text }, 'codebuild-project-no-plaintext-credentials', 'aws_codebuild_project.p').map((v) => v.status), ['cannot-tell']);
  });
});

const publicRead = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] };
const oacRead = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*', Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1' } } }] };
describeSettingRule('s3-bucket-policy-not-public', {
  cloudformation: { type: 'AWS::S3::BucketPolicy', base: { Bucket: 'site' }, fail: { PolicyDocument: publicRead }, pass: { PolicyDocument: oacRead }, unknown: { PolicyDocument: MODE }, noFix: true },
  terraform: { type: 'aws_s3_bucket_policy', base: { bucket: 'site' }, fail: { policy: JSON.stringify(publicRead) }, pass: { policy: JSON.stringify(oacRead) }, unknown: { policy: VAR }, noFix: true },
});

describeSettingRule('ec2-instance-security-groups', {
  cloudformation: { type: 'AWS::EC2::Instance', base: { InstanceType: 't3.micro' }, fail: {}, pass: { SecurityGroupIds: ['sg-1'] }, noFix: true },
  terraform: { type: 'aws_instance', base: { instance_type: 't3.micro' }, fail: {}, pass: { vpc_security_group_ids: ['sg-1'] }, noFix: true },
});

describeSettingRule('ec2-instance-ssm-managed', {
  cloudformation: { type: 'AWS::EC2::Instance', base: { InstanceType: 't3.micro' }, fail: {}, pass: { IamInstanceProfile: 'ssm-managed' }, unknown: { LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '1' } }, noFix: true },
  terraform: { type: 'aws_instance', base: { instance_type: 't3.micro' }, fail: {}, pass: { iam_instance_profile: 'ssm-managed' }, unknown: { launch_template: { id: 'lt-1' } }, noFix: true },
});

describeSettingRule('lambda-function-code-signing', {
  cloudformation: { type: 'AWS::Lambda::Function', base: { Handler: 'app.handler', Runtime: 'python3.13', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' } }, fail: {}, pass: { CodeSigningConfigArn: 'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1' }, unknown: { CodeSigningConfigArn: MODE }, noFix: true },
  terraform: { type: 'aws_lambda_function', base: { function_name: 'f', handler: 'app.handler', runtime: 'python3.13', role: 'arn:aws:iam::111122223333:role/fn' }, fail: {}, pass: { code_signing_config_arn: 'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-1' }, unknown: { code_signing_config_arn: VAR }, noFix: true },
});

describeSettingRule('autoscaling-group-metrics', {
  cloudformation: { type: 'AWS::AutoScaling::AutoScalingGroup', base: { MinSize: '1', MaxSize: '2', VPCZoneIdentifier: ['subnet-1', 'subnet-2'] }, fail: {}, pass: { MetricsCollection: [{ Granularity: '1Minute' }] }, unknown: { MetricsCollection: MODE } },
  terraform: { type: 'aws_autoscaling_group', base: { min_size: 1, max_size: 2 }, fail: {}, pass: { enabled_metrics: ['GroupInServiceInstances'] }, unknown: { enabled_metrics: VAR }, noFix: true },
});
