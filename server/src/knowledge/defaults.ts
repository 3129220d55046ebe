import type { AwsDefault } from './types';

/**
 * What AWS now does by itself (`secure: true`) and the traps where the
 * CloudFormation/Terraform default is NOT the secure choice (`secure: false`).
 *
 * Every `source` below was returned by a documentation search and points at
 * AWS's own material (docs.aws.amazon.com, aws.amazon.com/blogs, or the AWS
 * News Blog mirror on resources.awscloud.com). `since` is set only where that
 * material gives a date; notes explain the one exception (Redshift).
 *
 * Summaries are written for this project; they paraphrase, never quote.
 */
export const AWS_DEFAULTS: readonly AwsDefault[] = [
  // ---------------------------------------------------------------- S3
  {
    id: 's3-default-sse-s3',
    appliesTo: ['AWS::S3::Bucket'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Every new object written to a general purpose bucket is encrypted with SSE-S3 even when the template sets no BucketEncryption; choosing SSE-KMS is still up to you.',
    since: '2023-01-05',
    source: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/s3.md',
  },
  {
    id: 's3-default-block-public-access',
    appliesTo: ['AWS::S3::Bucket'],
    aspect: 'network-exposure',
    secure: true,
    summary:
      'Buckets created through the API, SDKs or CloudFormation get all four S3 Block Public Access settings turned on unless the template turns them off.',
    since: '2023-04',
    // AWS News Blog post "Heads-Up: Amazon S3 Security Changes Are Coming in April of 2023",
    // as served from AWS's own resources.awscloud.com mirror (the aws.amazon.com/blogs copy
    // was not returned by the search).
    source:
      'https://amer.resources.awscloud.com/aws-news-blog/heads-up-amazon-s3-security-changes-are-coming-in-april-of-2023-4',
  },
  {
    id: 's3-default-acls-disabled',
    appliesTo: ['AWS::S3::Bucket'],
    aspect: 'identity-access',
    secure: true,
    summary:
      'New buckets default to Object Ownership "BucketOwnerEnforced", so ACLs are off and access is governed only by policies.',
    since: '2023-04',
    // Same announcement as above; the current default is also stated in
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-ownership-new-bucket.html (no date there).
    source:
      'https://amer.resources.awscloud.com/aws-news-blog/heads-up-amazon-s3-security-changes-are-coming-in-april-of-2023-4',
  },
  {
    id: 's3-default-sse-c-blocked',
    appliesTo: ['AWS::S3::Bucket'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'New general purpose buckets reject uploads that ask for SSE-C (customer-provided keys) unless BlockedEncryptionTypes is set to NONE.',
    since: '2026-04',
    source: 'https://docs.aws.amazon.com/en_us/AmazonS3/latest/dev/ServerSideEncryptionCustomerKeys.html',
  },
  {
    id: 's3-default-object-checksum',
    appliesTo: ['AWS::S3::Bucket'],
    aspect: 'data-integrity',
    secure: true,
    summary:
      'When an upload carries no checksum, S3 computes a CRC64NVME checksum itself and stores it with the object for later verification.',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_Checksum.html',
  },

  // ---------------------------------------------------------- DynamoDB
  {
    id: 'dynamodb-encryption-at-rest-always',
    appliesTo: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Table data, indexes, streams and backups are always encrypted at rest; with no SSESpecification an AWS owned key is used, and it cannot be turned off.',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.md',
  },
  {
    id: 'dynamodb-pitr-off-by-default',
    appliesTo: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
    aspect: 'resilience',
    secure: false,
    summary:
      'Point-in-time recovery is not on unless PointInTimeRecoverySpecification enables it, so an accidental write or delete cannot be rolled back.',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.md',
  },

  // ------------------------------------------------ messaging & events
  {
    id: 'sqs-default-sse-sqs',
    appliesTo: ['AWS::SQS::Queue'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'New queues created over HTTPS endpoints get SSE-SQS (SQS-owned keys) unless the template opts out or picks a KMS key.',
    // The announcement gives no calendar date in the text we could see, so `since` is left out.
    source:
      'https://aws.amazon.com/blogs/compute/announcing-server-side-encryption-with-amazon-simple-queue-service-managed-encryption-keys-sse-sqs-by-default/',
  },
  {
    id: 'sns-not-encrypted-by-default',
    appliesTo: ['AWS::SNS::Topic'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'A topic stores messages unencrypted unless KmsMasterKeyId is set; SNS has no SQS-style default encryption.',
    source: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  },
  {
    id: 'kinesis-stream-not-encrypted-by-default',
    appliesTo: ['AWS::Kinesis::Stream'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'A stream without StreamEncryption keeps records unencrypted at rest; AWS Config treats the missing block as non-compliant.',
    source: 'https://docs.aws.amazon.com/config/latest/developerguide/kinesis-stream-encrypted.html',
  },
  {
    id: 'eventbridge-bus-aws-owned-key',
    appliesTo: ['AWS::Events::EventBus'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'A custom event bus encrypts payloads, rules and target settings with an AWS owned key when no KmsKeyIdentifier is given.',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-encryption.html',
  },
  {
    id: 'stepfunctions-aws-owned-key',
    appliesTo: ['AWS::StepFunctions::StateMachine', 'AWS::StepFunctions::Activity'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'State machine definitions, execution history and activity inputs are encrypted with AWS owned keys unless a customer managed key is configured.',
    source: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_EncryptionConfiguration.html',
  },

  // ------------------------------------------------ logs, audit, secrets
  {
    id: 'logs-always-encrypted',
    appliesTo: ['AWS::Logs::LogGroup'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Log group data is always encrypted server-side (AES-GCM); KmsKeyId only swaps the service key for one you control.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  },
  {
    id: 'cloudtrail-logs-sse-s3-by-default',
    appliesTo: ['AWS::CloudTrail::Trail'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Log files a trail delivers to S3 are encrypted with SSE-S3 when no KMSKeyId is set; SSE-KMS adds key control and auditing.',
    source: 'https://docs.aws.amazon.com/controltower/latest/controlreference/cloudtrail-rules.html',
  },
  {
    id: 'cloudtrail-log-validation-off-by-default',
    appliesTo: ['AWS::CloudTrail::Trail'],
    aspect: 'data-integrity',
    secure: false,
    summary:
      'Log file integrity validation (signed digest files) is off unless EnableLogFileValidation is true, so tampering with delivered logs goes unnoticed.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudtrail/aws.sdk.kotlin.services.cloudtrail.model/-update-trail-request/enable-log-file-validation.html',
  },
  {
    id: 'secretsmanager-always-kms',
    appliesTo: ['AWS::SecretsManager::Secret'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Secret values are always envelope-encrypted with KMS; without KmsKeyId the AWS managed key aws/secretsmanager is used (which cannot be shared cross-account).',
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  },
  {
    id: 'ssm-parameter-no-securestring-in-cfn',
    appliesTo: ['AWS::SSM::Parameter'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'CloudFormation cannot create SecureString parameters, so a secret put in AWS::SSM::Parameter is stored as plain String; use Secrets Manager or an ssm-secure reference instead.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ssm/aws.sdk.kotlin.services.ssm.model/-put-parameter-request/type.html',
  },

  // ------------------------------------------------------------ compute
  {
    id: 'lambda-env-vars-encrypted',
    appliesTo: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Environment variables (and uploaded code) are always encrypted at rest; with no KmsKeyArn Lambda uses an AWS managed key.',
    source: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/lambda.md',
  },
  {
    id: 'ebs-encryption-by-default-is-account-setting',
    appliesTo: ['AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'EBS encryption by default is an opt-in account-and-Region switch; unless it is on, a volume the template creates without Encrypted: true is unencrypted.',
    source: 'https://docs.aws.amazon.com/cli/latest/reference/ec2/enable-ebs-encryption-by-default.md',
  },
  {
    id: 'ecr-aes256-by-default',
    appliesTo: ['AWS::ECR::Repository'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Images are encrypted with S3-managed AES-256 keys when no EncryptionConfiguration is set; KMS is the opt-in for key control.',
    source: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html',
  },
  {
    id: 'eks-default-envelope-encryption',
    appliesTo: ['AWS::EKS::Cluster'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Clusters on Kubernetes 1.28 or later get envelope encryption of all Kubernetes API data (Secrets, ConfigMaps, …) without any EncryptionConfig; a customer key remains optional.',
    source: 'https://docs.aws.amazon.com/eks/latest/eksctl/kms-encryption.html',
  },

  // ---------------------------------------------------------- databases
  {
    id: 'rds-storage-unencrypted-by-default',
    appliesTo: ['AWS::RDS::DBInstance'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'A DB instance is created unencrypted unless StorageEncrypted is true, and encryption cannot be switched on in place later.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/rds/aws.sdk.kotlin.services.rds.model/-create-db-instance-request/storage-encrypted.html',
  },
  {
    id: 'aurora-default-encryption',
    appliesTo: ['AWS::RDS::DBCluster'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Aurora clusters created from 18 February 2026 are encrypted at rest with an AWS owned key even without StorageEncrypted; choosing a KMS key is still yours, and Multi-AZ DB clusters of other engines are not covered.',
    since: '2026-02-18',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
  },
  {
    id: 'efs-unencrypted-by-default',
    appliesTo: ['AWS::EFS::FileSystem'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'Through the API or CloudFormation a file system is encrypted only when Encrypted is true, and the setting cannot be changed after creation.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/efs/aws.sdk.kotlin.services.efs.model/-create-file-system-request/encrypted.html',
  },
  {
    id: 'elasticache-in-transit-off-by-default',
    appliesTo: ['AWS::ElastiCache::ReplicationGroup'],
    aspect: 'encryption-in-transit',
    secure: false,
    summary:
      'Redis/Valkey replication groups accept plaintext connections unless TransitEncryptionEnabled is true.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/elasticache/aws.sdk.kotlin.services.elasticache.model/-create-replication-group-request/-builder/transit-encryption-enabled.html',
  },
  {
    id: 'redshift-encrypted-by-default',
    appliesTo: ['AWS::Redshift::Cluster'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'New provisioned clusters are encrypted by default (AWS owned key if none is given); older clusters created before the change may still be unencrypted.',
    // The date comes from AWS's What's New post "Amazon Redshift enhances security by changing
    // default behavior" (aws.amazon.com/about-aws/whats-new/2024/11/...), as quoted in
    // hashicorp/terraform-provider-aws#41040; that post itself was not in the search corpus.
    since: '2025-01-10',
    source: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
  },
  {
    id: 'redshift-not-public-by-default',
    appliesTo: ['AWS::Redshift::Cluster'],
    aspect: 'network-exposure',
    secure: true,
    summary:
      'PubliclyAccessible now defaults to false for new provisioned clusters, so the endpoint is reachable only inside the VPC unless the template says otherwise.',
    // Same announcement as above (quoted in hashicorp/terraform-provider-aws#41041).
    since: '2025-01-10',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/redshift/aws.sdk.kotlin.services.redshift.model/-create-cluster-request/publicly-accessible.html',
  },
  {
    id: 'opensearch-encryption-at-rest-off-by-default',
    appliesTo: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    aspect: 'encryption-at-rest',
    secure: false,
    summary:
      'A domain is created without encryption at rest unless EncryptionAtRestOptions.Enabled is true (documented as the default in the AWS CDK reference).',
    source: 'https://docs.aws.amazon.com/cdk/api/v1/docs/@aws-cdk_aws-opensearchservice.EncryptionAtRestOptions.html',
  },

  // ----------------------------------------------------- backup, keys
  {
    id: 'backup-vault-encrypted',
    appliesTo: ['AWS::Backup::BackupVault'],
    aspect: 'encryption-at-rest',
    secure: true,
    summary:
      'Recovery points of fully managed resource types are encrypted with the vault KMS key; other types inherit the source encryption, so an unencrypted source yields an unencrypted backup.',
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption',
  },
  {
    id: 'kms-api-requires-tls12',
    appliesTo: ['AWS::KMS::Key'],
    aspect: 'encryption-in-transit',
    secure: true,
    summary: 'All KMS endpoints require TLS 1.2 or later with forward-secret cipher suites; nothing to configure.',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/infrastructure-security.html',
  },

  // ------------------------------------------------------- edge / TLS
  {
    id: 'apigateway-default-endpoint-tls10',
    appliesTo: ['AWS::ApiGateway::RestApi'],
    aspect: 'encryption-in-transit',
    secure: false,
    summary:
      'Unless a stricter security policy is chosen, the default execute-api endpoint of edge-optimized and Regional REST APIs negotiates with a TLS 1.0 policy (private APIs get TLS 1.2).',
    source: 'https://docs.aws.amazon.com/en_us/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
  },
  {
    id: 'elbv2-cfn-default-ssl-policy-2016-08',
    appliesTo: ['AWS::ElasticLoadBalancingV2::Listener'],
    aspect: 'encryption-in-transit',
    secure: false,
    summary:
      'An HTTPS/TLS listener created from CloudFormation, the CLI or CDK without SslPolicy gets ELBSecurityPolicy-2016-08 (TLS 1.0+), not the TLS 1.3 policy the console picks.',
    source: 'https://docs.aws.amazon.com/en_us/elasticloadbalancing/latest/network/describe-ssl-policies.html',
  },
];
