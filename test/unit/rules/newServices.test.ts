import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeSettingRule, raw } from '../../fixtureKit';
import { verdicts } from '../../ruleHarness';

/* Rules over services SRM Lens did not check before: each in YAML, JSON and HCL. */

const MODE = { Ref: 'Mode' };
const VAR = raw('var.mode');

describeSettingRule('stepfunctions-state-machine-logging', {
  cloudformation: { type: 'AWS::StepFunctions::StateMachine', base: { RoleArn: 'arn:aws:iam::111122223333:role/sfn', DefinitionString: '{}' }, fail: {}, pass: { LoggingConfiguration: { Level: 'ERROR', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:sfn:*' } }] } }, unknown: { LoggingConfiguration: { Level: MODE } }, noFix: true },
  terraform: { type: 'aws_sfn_state_machine', base: { name: 'sm', role_arn: 'arn:aws:iam::111122223333:role/sfn', definition: '{}' }, fail: { logging_configuration: { level: 'OFF' } }, pass: { logging_configuration: { level: 'ALL', include_execution_data: true, log_destination: 'arn:aws:logs:eu-west-1:111122223333:log-group:sfn:*' } }, unknown: { logging_configuration: { level: VAR } }, noFix: true },
});

describeSettingRule('stepfunctions-state-machine-tracing', {
  cloudformation: { type: 'AWS::StepFunctions::StateMachine', base: { RoleArn: 'arn:aws:iam::111122223333:role/sfn', DefinitionString: '{}' }, fail: {}, pass: { TracingConfiguration: { Enabled: true } }, unknown: { TracingConfiguration: { Enabled: MODE } } },
  terraform: { type: 'aws_sfn_state_machine', base: { name: 'sm', role_arn: 'arn:aws:iam::111122223333:role/sfn', definition: '{}' }, fail: {}, pass: { tracing_configuration: { enabled: true } }, unknown: { tracing_configuration: { enabled: VAR } } },
});

describeSettingRule('appsync-graphql-api-field-logging', {
  cloudformation: { type: 'AWS::AppSync::GraphQLApi', base: { Name: 'api', AuthenticationType: 'AWS_IAM' }, fail: { LogConfig: { FieldLogLevel: 'NONE' } }, pass: { LogConfig: { FieldLogLevel: 'ERROR', CloudWatchLogsRoleArn: 'arn:aws:iam::111122223333:role/logs' } }, unknown: { LogConfig: { FieldLogLevel: MODE } }, noFix: true },
  terraform: { type: 'aws_appsync_graphql_api', base: { name: 'api', authentication_type: 'AWS_IAM' }, fail: {}, pass: { log_config: { field_log_level: 'ERROR', cloudwatch_logs_role_arn: 'arn:aws:iam::111122223333:role/logs' } }, unknown: { log_config: { field_log_level: VAR } }, noFix: true },
});

describeSettingRule('appsync-graphql-api-no-api-key', {
  cloudformation: { type: 'AWS::AppSync::GraphQLApi', base: { Name: 'api' }, fail: { AuthenticationType: 'API_KEY' }, pass: { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS' }, unknown: { AuthenticationType: MODE }, noFix: true },
  terraform: { type: 'aws_appsync_graphql_api', base: { name: 'api', authentication_type: 'AWS_IAM' }, fail: { additional_authentication_provider: { authentication_type: 'API_KEY' } }, pass: {}, unknown: { authentication_type: VAR }, noFix: true },
});

describeSettingRule('appsync-api-cache-encrypted-in-transit', {
  cloudformation: { type: 'AWS::AppSync::ApiCache', base: { ApiId: 'abc', ApiCachingBehavior: 'FULL_REQUEST_CACHING', Ttl: 300, Type: 'SMALL' }, fail: {}, pass: { TransitEncryptionEnabled: true }, unknown: { TransitEncryptionEnabled: MODE } },
  terraform: { type: 'aws_appsync_api_cache', base: { api_id: 'abc', api_caching_behavior: 'FULL_REQUEST_CACHING', ttl: 300, type: 'SMALL' }, fail: { transit_encryption_enabled: false }, pass: { transit_encryption_enabled: true }, unknown: { transit_encryption_enabled: VAR } },
});

describeSettingRule('cognito-identity-pool-no-unauthenticated', {
  cloudformation: { type: 'AWS::Cognito::IdentityPool', base: {}, fail: { AllowUnauthenticatedIdentities: true }, pass: { AllowUnauthenticatedIdentities: false }, unknown: { AllowUnauthenticatedIdentities: MODE } },
  terraform: { type: 'aws_cognito_identity_pool', base: { identity_pool_name: 'pool' }, fail: { allow_unauthenticated_identities: true }, pass: {}, unknown: { allow_unauthenticated_identities: VAR } },
});

describeSettingRule('cognito-user-pool-threat-protection', {
  cloudformation: { type: 'AWS::Cognito::UserPool', base: { UserPoolName: 'users' }, fail: {}, pass: { UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }, unknown: { UserPoolAddOns: { AdvancedSecurityMode: MODE } } },
  terraform: { type: 'aws_cognito_user_pool', base: { name: 'users' }, fail: { user_pool_add_ons: { advanced_security_mode: 'AUDIT' } }, pass: { user_pool_add_ons: { advanced_security_mode: 'ENFORCED' } }, unknown: { user_pool_add_ons: { advanced_security_mode: VAR } } },
});

describeSettingRule('cognito-user-pool-mfa', {
  cloudformation: { type: 'AWS::Cognito::UserPool', base: { UserPoolName: 'users' }, fail: { MfaConfiguration: 'OFF' }, pass: { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] }, unknown: { MfaConfiguration: MODE }, noFix: true },
  terraform: { type: 'aws_cognito_user_pool', base: { name: 'users' }, fail: {}, pass: { mfa_configuration: 'ON', software_token_mfa_configuration: { enabled: true } }, unknown: { mfa_configuration: VAR }, noFix: true },
});

describeSettingRule('cognito-user-pool-deletion-protection', {
  cloudformation: { type: 'AWS::Cognito::UserPool', base: { UserPoolName: 'users' }, fail: {}, pass: { DeletionProtection: 'ACTIVE' }, unknown: { DeletionProtection: MODE } },
  terraform: { type: 'aws_cognito_user_pool', base: { name: 'users' }, fail: { deletion_protection: 'INACTIVE' }, pass: { deletion_protection: 'ACTIVE' }, unknown: { deletion_protection: VAR } },
});

const CB_CFN = { Name: 'build', ServiceRole: 'arn:aws:iam::111122223333:role/cb', Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' }, Artifacts: { Type: 'NO_ARTIFACTS' }, Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0' } };
const CB_TF = { name: 'build', service_role: 'arn:aws:iam::111122223333:role/cb', source: { type: 'NO_SOURCE', buildspec: 'version: 0.2' }, artifacts: { type: 'NO_ARTIFACTS' }, environment: { type: 'LINUX_CONTAINER', compute_type: 'BUILD_GENERAL1_SMALL', image: 'aws/codebuild/standard:7.0' } };

describeSettingRule('codebuild-project-no-privileged-mode', {
  cloudformation: { type: 'AWS::CodeBuild::Project', base: CB_CFN, fail: { Environment: { PrivilegedMode: true } }, pass: {}, unknown: { Environment: { PrivilegedMode: MODE } } },
  terraform: { type: 'aws_codebuild_project', base: CB_TF, fail: { environment: { privileged_mode: true } }, pass: { environment: { privileged_mode: false } }, unknown: { environment: { privileged_mode: VAR } } },
});

describeSettingRule('codebuild-project-s3-logs-encrypted', {
  cloudformation: { type: 'AWS::CodeBuild::Project', base: CB_CFN, fail: { LogsConfig: { S3Logs: { Status: 'ENABLED', Location: 'logs/build', EncryptionDisabled: true } } }, pass: {}, unknown: { LogsConfig: { S3Logs: { Status: 'ENABLED', Location: 'logs/build', EncryptionDisabled: MODE } } } },
  terraform: { type: 'aws_codebuild_project', base: CB_TF, fail: { logs_config: { s3_logs: { status: 'ENABLED', location: 'logs/build', encryption_disabled: true } } }, pass: {}, unknown: { logs_config: { s3_logs: { status: 'ENABLED', encryption_disabled: VAR } } } },
});

describeSettingRule('codebuild-project-artifacts-encrypted', {
  cloudformation: { type: 'AWS::CodeBuild::Project', base: CB_CFN, fail: { Artifacts: { Type: 'S3', Location: 'bucket', EncryptionDisabled: true } }, pass: {}, unknown: { Artifacts: { Type: 'S3', Location: 'bucket', EncryptionDisabled: MODE } } },
  terraform: { type: 'aws_codebuild_project', base: CB_TF, fail: { artifacts: { type: 'S3', location: 'bucket', encryption_disabled: true } }, pass: {}, unknown: { artifacts: { type: 'S3', encryption_disabled: VAR } } },
});

describeSettingRule('codebuild-project-logging', {
  cloudformation: { type: 'AWS::CodeBuild::Project', base: CB_CFN, fail: { LogsConfig: { CloudWatchLogs: { Status: 'DISABLED' } } }, pass: {}, unknown: { LogsConfig: { CloudWatchLogs: { Status: MODE } } }, noFix: true },
  terraform: { type: 'aws_codebuild_project', base: CB_TF, fail: { logs_config: { cloudwatch_logs: { status: 'DISABLED' } } }, pass: { logs_config: { cloudwatch_logs: { status: 'DISABLED' }, s3_logs: { status: 'ENABLED', location: 'b/logs' } } }, unknown: { logs_config: { cloudwatch_logs: { status: VAR } } }, noFix: true },
});

describeSettingRule('codebuild-project-no-plaintext-credentials', {
  cloudformation: { type: 'AWS::CodeBuild::Project', base: CB_CFN, fail: { Environment: { EnvironmentVariables: [{ Name: 'DB_PASSWORD', Value: 'hunter2' }] } }, pass: { Environment: { EnvironmentVariables: [{ Name: 'DB_PASSWORD', Type: 'SECRETS_MANAGER', Value: 'prod/db:password' }] } }, unknown: { Environment: { EnvironmentVariables: [{ Name: 'DB_PASSWORD', Value: { 'Fn::If': ['IsProd', 'a', MODE] } }] } }, noFix: true },
  terraform: { type: 'aws_codebuild_project', base: CB_TF, fail: { environment: { environment_variable: { name: 'API_TOKEN', value: 'abc123' } } }, pass: { environment: { environment_variable: { name: 'API_TOKEN', type: 'SECRETS_MANAGER', value: 'prod/api:token' } } }, unknown: { environment: { environment_variable: { name: 'API_TOKEN', value: raw('var.enabled ? "a" : local.x') } } }, noFix: true },
});

describeSettingRule('dms-replication-instance-not-public', {
  cloudformation: { type: 'AWS::DMS::ReplicationInstance', base: { ReplicationInstanceClass: 'dms.t3.medium' }, fail: {}, pass: { PubliclyAccessible: false }, unknown: { PubliclyAccessible: MODE } },
  terraform: { type: 'aws_dms_replication_instance', base: { replication_instance_id: 'ri', replication_instance_class: 'dms.t3.medium' }, fail: { publicly_accessible: true }, pass: {}, unknown: { publicly_accessible: VAR } },
});

describeSettingRule('dms-replication-instance-auto-minor-version-upgrade', {
  cloudformation: { type: 'AWS::DMS::ReplicationInstance', base: { ReplicationInstanceClass: 'dms.t3.medium' }, fail: { AutoMinorVersionUpgrade: false }, pass: {}, unknown: { AutoMinorVersionUpgrade: MODE } },
  terraform: { type: 'aws_dms_replication_instance', base: { replication_instance_id: 'ri', replication_instance_class: 'dms.t3.medium' }, fail: {}, pass: { auto_minor_version_upgrade: true }, unknown: { auto_minor_version_upgrade: VAR } },
});

describeSettingRule('dms-endpoint-ssl', {
  cloudformation: { type: 'AWS::DMS::Endpoint', base: { EndpointType: 'source', EngineName: 'postgres', ServerName: 'db.example.com', Port: 5432, DatabaseName: 'app', Username: 'dms', Password: '{{resolve:secretsmanager:dms/src:SecretString:password}}' }, fail: {}, pass: { SslMode: 'verify-full' }, unknown: { SslMode: MODE } },
  terraform: { type: 'aws_dms_endpoint', base: { endpoint_id: 'src', endpoint_type: 'source', engine_name: 'mysql' }, fail: { ssl_mode: 'none' }, pass: { ssl_mode: 'require' }, unknown: { ssl_mode: VAR } },
});

describeSettingRule('dms-endpoint-no-plaintext-password', {
  cloudformation: { type: 'AWS::DMS::Endpoint', base: { EndpointType: 'source', EngineName: 'postgres' }, fail: { Password: 'Passw0rd!' }, pass: { Password: '{{resolve:secretsmanager:dms/src:SecretString:password}}' }, unknown: { Password: { 'Fn::If': ['C', 'x', MODE] } }, noFix: true },
  terraform: { type: 'aws_dms_endpoint', base: { endpoint_id: 'src', endpoint_type: 'source', engine_name: 'mysql' }, fail: { password: 'Passw0rd!' }, pass: { password: VAR }, unknown: { password: raw('local.pw') }, noFix: true },
});

const MQ_CFN = { BrokerName: 'b', EngineType: 'ActiveMQ', EngineVersion: '5.18', HostInstanceType: 'mq.t3.micro', DeploymentMode: 'SINGLE_INSTANCE', PubliclyAccessible: false, Users: [{ Username: 'app', Password: '{{resolve:secretsmanager:mq/app:SecretString:password}}' }] };
const MQ_TF = { broker_name: 'b', engine_type: 'ActiveMQ', engine_version: '5.18', host_instance_type: 'mq.t3.micro', user: { username: 'app', password: VAR } };

describeSettingRule('mq-broker-not-public', {
  cloudformation: { type: 'AWS::AmazonMQ::Broker', base: MQ_CFN, fail: { PubliclyAccessible: true }, pass: {}, unknown: { PubliclyAccessible: MODE } },
  terraform: { type: 'aws_mq_broker', base: MQ_TF, fail: { publicly_accessible: true }, pass: {}, unknown: { publicly_accessible: VAR } },
});

describe('mq-broker-not-public: YAML 1.1 booleans', () => {
  test('PubliclyAccessible: Yes is read as CloudFormation reads it, true', () => {
    const text = 'Resources:\n  B:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      EngineType: RABBITMQ\n      PubliclyAccessible: Yes\n';
    assert.deepEqual(verdicts({ 'template.yaml': text }, 'mq-broker-not-public', 'B').map((v) => v.status), ['gap']);
    assert.deepEqual(verdicts({ 'template.yaml': text.replace('Yes', 'No') }, 'mq-broker-not-public', 'B').map((v) => v.status), ['met']);
  });
});

describeSettingRule('mq-broker-logging', {
  cloudformation: { type: 'AWS::AmazonMQ::Broker', base: MQ_CFN, fail: {}, pass: { Logs: { General: true, Audit: true } }, unknown: { Logs: { General: MODE } } },
  terraform: { type: 'aws_mq_broker', base: MQ_TF, fail: { logs: { general: false } }, pass: { logs: { general: true } }, unknown: { logs: { general: VAR } } },
});

describeSettingRule('mq-broker-auto-minor-version-upgrade', {
  cloudformation: { type: 'AWS::AmazonMQ::Broker', base: MQ_CFN, fail: { AutoMinorVersionUpgrade: false }, pass: { AutoMinorVersionUpgrade: true }, unknown: {} },
  terraform: { type: 'aws_mq_broker', base: MQ_TF, fail: { auto_minor_version_upgrade: false }, pass: { auto_minor_version_upgrade: true }, unknown: { auto_minor_version_upgrade: VAR } },
});

describeSettingRule('mq-broker-no-plaintext-password', {
  cloudformation: { type: 'AWS::AmazonMQ::Broker', base: MQ_CFN, fail: { Users: [{ Username: 'app', Password: 'correct-horse' }] }, pass: {}, unknown: { Users: [{ Username: 'app', Password: { 'Fn::If': ['C', 'x', MODE] } }] }, noFix: true },
  terraform: { type: 'aws_mq_broker', base: MQ_TF, fail: { user: { username: 'app', password: 'correct-horse' } }, pass: {}, unknown: { user: { username: 'app', password: raw('local.pw') } }, noFix: true },
});

describeSettingRule('emr-cluster-security-configuration', {
  cloudformation: { type: 'AWS::EMR::Cluster', base: { Name: 'c', ReleaseLabel: 'emr-7.1.0', JobFlowRole: 'EMR_EC2', ServiceRole: 'EMR', Instances: {} }, fail: {}, pass: { SecurityConfiguration: 'encrypted' }, unknown: { SecurityConfiguration: MODE }, noFix: true },
  terraform: { type: 'aws_emr_cluster', base: { name: 'c', release_label: 'emr-7.1.0', service_role: 'EMR' }, fail: {}, pass: { security_configuration: 'encrypted' }, unknown: { security_configuration: VAR }, noFix: true },
});

describeSettingRule('emr-cluster-logging', {
  cloudformation: { type: 'AWS::EMR::Cluster', base: { Name: 'c', ReleaseLabel: 'emr-7.1.0', JobFlowRole: 'EMR_EC2', ServiceRole: 'EMR', Instances: {} }, fail: {}, pass: { LogUri: 's3://logs/emr/' }, unknown: { LogUri: MODE }, noFix: true },
  terraform: { type: 'aws_emr_cluster', base: { name: 'c', release_label: 'emr-7.1.0', service_role: 'EMR' }, fail: {}, pass: { log_uri: 's3://logs/emr/' }, unknown: { log_uri: VAR }, noFix: true },
});

describeSettingRule('athena-workgroup-enforce-configuration', {
  cloudformation: { type: 'AWS::Athena::WorkGroup', base: { Name: 'wg' }, fail: { WorkGroupConfiguration: { EnforceWorkGroupConfiguration: false } }, pass: {}, unknown: { WorkGroupConfiguration: { EnforceWorkGroupConfiguration: MODE } } },
  terraform: { type: 'aws_athena_workgroup', base: { name: 'wg' }, fail: { configuration: { enforce_workgroup_configuration: false } }, pass: { configuration: { enforce_workgroup_configuration: true } }, unknown: { configuration: { enforce_workgroup_configuration: VAR } } },
});

describeSettingRule('transfer-server-no-ftp', {
  cloudformation: { type: 'AWS::Transfer::Server', base: { EndpointType: 'VPC' }, fail: { Protocols: ['SFTP', 'FTP'] }, pass: { Protocols: ['SFTP'] }, unknown: { Protocols: MODE }, noFix: true },
  terraform: { type: 'aws_transfer_server', base: { endpoint_type: 'VPC' }, fail: { protocols: ['FTP'] }, pass: {}, unknown: { protocols: VAR }, noFix: true },
});

describeSettingRule('directoryservice-no-plaintext-password', {
  cloudformation: { type: 'AWS::DirectoryService::MicrosoftAD', base: { Name: 'corp.example.com', VpcSettings: { SubnetIds: ['subnet-1', 'subnet-2'], VpcId: 'vpc-1' } }, fail: { Password: 'Sup3rSecret!' }, pass: { Password: '{{resolve:secretsmanager:ad/admin:SecretString:password}}' }, unknown: { Password: { 'Fn::If': ['C', 'x', MODE] } }, noFix: true },
  terraform: { type: 'aws_directory_service_directory', base: { name: 'corp.example.com' }, fail: { password: 'Sup3rSecret!' }, pass: { password: VAR }, unknown: { password: raw('local.pw') }, noFix: true },
});
