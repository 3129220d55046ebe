import type { Rule } from './rule';
import { S3_RULES } from './s3';
import { EC2_RULES } from './ec2';
import { ELB_RULES } from './elb';
import { CLOUDFRONT_RULES } from './cloudfront';
import { RDS_RULES } from './rds';
import { DYNAMODB_RULES } from './dynamodb';
import { ELASTICACHE_RULES } from './elasticache';
import { REDSHIFT_RULES } from './redshift';
import { OPENSEARCH_RULES } from './opensearch';
import { EFS_RULES } from './efs';
import { DOCUMENTDB_RULES } from './documentdb';
import { NEPTUNE_RULES } from './neptune';
import { IAM_RULES } from './iam';
import { KMS_RULES } from './kms';
import { LAMBDA_RULES } from './lambda';
import { SECRETSMANAGER_RULES } from './secretsmanager';
import { CLOUDTRAIL_RULES } from './cloudtrail';
import { LOGS_RULES } from './logs';
import { SNS_RULES } from './sns';
import { SQS_RULES } from './sqs';
import { ECS_RULES } from './ecs';
import { EKS_RULES } from './eks';
import { ECR_RULES } from './ecr';
import { APIGATEWAY_RULES } from './apigateway';
import { KINESIS_RULES } from './kinesis';
import { MSK_RULES } from './msk';
import { SAGEMAKER_RULES } from './sagemaker';
import { DATE_BOUND_RULES } from './dateBoundDefaults';
import { NETWORK_ACL_RULES } from './networkAcl';
import { IAM_ACCESS_RULES } from './iamAccess';
import { SSO_RULES } from './sso';
import { DATABASE_PASSWORD_RULES } from './databasePasswords';
import { DIRECTORYSERVICE_RULES } from './directoryService';
import { SAM_API_RULES } from './samApiAuth';
import { APIGATEWAY_ACCESS_RULES } from './apiGatewayAccess';
import { STEPFUNCTIONS_RULES } from './stepFunctions';
import { APPSYNC_RULES } from './appSync';
import { COGNITO_RULES } from './cognito';
import { CODEBUILD_RULES } from './codeBuild';
import { DMS_RULES } from './dms';
import { MQ_RULES } from './amazonMq';
import { ELASTICBEANSTALK_RULES } from './elasticBeanstalk';
import { EMR_RULES } from './emr';
import { ATHENA_RULES } from './athena';
import { TRANSFER_RULES } from './transfer';
import { AUTO_MINOR_RULES } from './autoMinorUpgrades';
import { SUPPORT_CALENDAR_RULES } from './supportCalendarRules';
import { ELB_RESILIENCE_RULES } from './elbResilience';
import { ECS_OPERATIONS_RULES } from './ecsOperations';
import { AUTOSCALING_RULES } from './autoScaling';
import { EC2_IMAGE_RULES } from './ec2Images';
import { LAMBDA_TRACING_RULES } from './lambdaTracing';
import { CLOUDFRONT_WAF_RULES } from './cloudfrontWaf';
import { S3_BUCKET_POLICY_RULES } from './s3BucketPolicy';
import { EC2_INSTANCE_MANAGEMENT_RULES } from './ec2InstanceManagement';
import { LAMBDA_CODE_SIGNING_RULES } from './lambdaCodeSigning';
import { LAMBDA_VPC_RULES } from './lambdaVpc';

/**
 * Every rule, in one list. A rule's position here is its display order;
 * its id is its identity. Add a rule by adding its file and one line here.
 */
export const RULES: readonly Rule[] = [
  ...S3_RULES,
  ...EC2_RULES,
  ...ELB_RULES,
  ...CLOUDFRONT_RULES,
  ...RDS_RULES,
  ...DYNAMODB_RULES,
  ...ELASTICACHE_RULES,
  ...REDSHIFT_RULES,
  ...OPENSEARCH_RULES,
  ...EFS_RULES,
  ...DOCUMENTDB_RULES,
  ...NEPTUNE_RULES,
  ...IAM_RULES,
  ...KMS_RULES,
  ...LAMBDA_RULES,
  ...SECRETSMANAGER_RULES,
  ...CLOUDTRAIL_RULES,
  ...LOGS_RULES,
  ...SNS_RULES,
  ...SQS_RULES,
  ...ECS_RULES,
  ...EKS_RULES,
  ...ECR_RULES,
  ...APIGATEWAY_RULES,
  ...KINESIS_RULES,
  ...MSK_RULES,
  ...SAGEMAKER_RULES,
  ...DATE_BOUND_RULES,
  ...NETWORK_ACL_RULES,
  ...IAM_ACCESS_RULES,
  ...SSO_RULES,
  ...DATABASE_PASSWORD_RULES,
  ...DIRECTORYSERVICE_RULES,
  ...SAM_API_RULES,
  ...APIGATEWAY_ACCESS_RULES,
  ...STEPFUNCTIONS_RULES,
  ...APPSYNC_RULES,
  ...COGNITO_RULES,
  ...CODEBUILD_RULES,
  ...DMS_RULES,
  ...MQ_RULES,
  ...ELASTICBEANSTALK_RULES,
  ...EMR_RULES,
  ...ATHENA_RULES,
  ...TRANSFER_RULES,
  ...AUTO_MINOR_RULES,
  ...SUPPORT_CALENDAR_RULES,
  ...ELB_RESILIENCE_RULES,
  ...ECS_OPERATIONS_RULES,
  ...AUTOSCALING_RULES,
  ...EC2_IMAGE_RULES,
  ...LAMBDA_TRACING_RULES,
  ...CLOUDFRONT_WAF_RULES,
  ...S3_BUCKET_POLICY_RULES,
  ...EC2_INSTANCE_MANAGEMENT_RULES,
  ...LAMBDA_CODE_SIGNING_RULES,
  ...LAMBDA_VPC_RULES,
];

let byType: Map<string, Rule[]> | undefined;

export function rulesFor(type: string): readonly Rule[] {
  if (!byType) {
    byType = new Map();
    for (const rule of RULES) {
      for (const t of [...rule.appliesTo.cloudformation, ...rule.appliesTo.terraform]) byType.set(t, [...(byType.get(t) ?? []), rule]);
    }
  }
  return byType.get(type) ?? [];
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
