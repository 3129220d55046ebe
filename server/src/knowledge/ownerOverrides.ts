import type { OwnerOverride } from './types';

/**
 * Owners that differ from (or sharpen) the service-model defaults, for one
 * service (short name of @aws-cdk/aws-service-spec, e.g. `rds`) or one
 * CloudFormation type (e.g. `AWS::RDS::DBInstance`). A type-level entry is more
 * specific than a service-level one; no (target, aspect) pair appears twice.
 *
 * Every `source` was returned by a documentation search and is AWS material.
 * `why` lines are written for this project; they paraphrase, never quote.
 */
export const OWNER_OVERRIDES: readonly OwnerOverride[] = [
  // SAM functions deploy as Lambda functions: the same owners apply.
  {
    target: 'AWS::Serverless::Function',
    aspect: 'operating-system',
    owner: 'aws',
    why: 'The execution environment OS belongs to Lambda; customers never log in to or patch it.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-shared.html',
  },
  {
    target: 'AWS::Serverless::Function',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'Lambda publishes patched managed runtimes (auto-applied in Auto mode); the customer moves off deprecated runtimes, rebuilds container images and updates bundled dependencies.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-shared.html',
  },
  {
    target: 'AWS::Serverless::Function',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Code and environment variables are always encrypted by Lambda; choosing a customer managed key (KmsKeyArn) is the customer part.',
    source: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/lambda.md',
  },
  // ------------------------------------------------------------------ RDS
  {
    target: 'AWS::RDS::DBInstance',
    aspect: 'operating-system',
    owner: 'aws',
    why: 'RDS maintains the host operating system under a DB instance; there is no OS access for the customer to patch.',
    // Returned as ...USER_UpgradeDBInstance.Maintenance.html?ref=engineering.theblueground.com; tracking query dropped.
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
  },
  {
    target: 'AWS::RDS::DBInstance',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'AWS ships OS and engine patches, but the customer picks the engine version, the maintenance window and whether AutoMinorVersionUpgrade applies them.',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
  },
  {
    target: 'AWS::RDS::DBInstance',
    aspect: 'resilience',
    owner: 'shared',
    why: 'AWS runs the synchronous standby and failover, but only if the customer sets MultiAZ (and chooses backup retention).',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
  },
  {
    target: 'AWS::RDS::DBCluster',
    aspect: 'operating-system',
    owner: 'aws',
    why: 'Cluster instances run on hosts whose operating system RDS/Aurora maintains.',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
  },
  {
    target: 'AWS::RDS::DBCluster',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'AWS provides engine and OS updates; the customer controls engine version, maintenance window and minor-version upgrades.',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html',
  },
  {
    target: 'AWS::RDS::DBCluster',
    aspect: 'resilience',
    owner: 'shared',
    why: 'Aurora storage is copied across three AZs by AWS; fast failover still needs customer-placed replicas and backup settings.',
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability',
  },

  // --------------------------------------------------------------- Lambda
  {
    target: 'AWS::Lambda::Function',
    aspect: 'operating-system',
    owner: 'aws',
    why: 'The execution environment OS belongs to Lambda; customers never log in to or patch it.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-shared.html',
  },
  {
    target: 'AWS::Lambda::Function',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'Lambda publishes patched managed runtimes (auto-applied in Auto mode); the customer moves off deprecated runtimes, rebuilds container images and updates bundled dependencies.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/runtime-management-shared.html',
  },
  {
    target: 'AWS::Lambda::Function',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Code and environment variables are always encrypted by Lambda; choosing a customer managed key (KmsKeyArn) is the customer part.',
    source: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/lambda.md',
  },
  {
    target: 'AWS::Lambda::Url',
    aspect: 'network-exposure',
    owner: 'customer',
    why: 'A function URL with AuthType NONE plus a public resource policy is reachable by anyone on the internet; that choice is entirely the customer\'s.',
    source: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
  },

  // ------------------------------------------------------------------- S3
  {
    target: 'AWS::S3::Bucket',
    aspect: 'encryption-in-transit',
    owner: 'shared',
    why: 'S3 serves TLS endpoints but still accepts plain HTTP; denying aws:SecureTransport=false in the bucket policy is the customer\'s job.',
    source: 'https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html',
  },
  {
    target: 'AWS::S3::Bucket',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'SSE-S3 is applied automatically; selecting SSE-KMS/DSSE-KMS and the key is up to the customer.',
    source: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/encryption-best-practices/s3.md',
  },
  {
    target: 'AWS::S3::Bucket',
    aspect: 'data-integrity',
    owner: 'shared',
    why: 'S3 validates and stores checksums itself, but immutability (Object Lock, versioning) must be switched on by the customer.',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.md',
  },

  // ------------------------------------------------------------------ EC2
  {
    target: 'AWS::EC2::Instance',
    aspect: 'operating-system',
    owner: 'customer',
    why: 'The guest OS on an instance is the customer\'s to harden and patch; AWS offers tooling (Patch Manager) but does not do it.',
    source: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-patch-working.html',
  },

  // ------------------------------------------------------------- DynamoDB
  {
    target: 'dynamodb',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Encryption at rest is always on and cannot be disabled; the customer only chooses between AWS owned, AWS managed and customer managed keys.',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.md',
  },
  {
    target: 'dynamodb',
    aspect: 'resilience',
    owner: 'shared',
    why: 'AWS keeps data durable across the Region, but point-in-time recovery and backups are opt-in for the customer.',
    source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.md',
  },

  // ------------------------------------------------------ CloudWatch Logs
  {
    target: 'logs',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Log data is always encrypted by CloudWatch Logs; associating a KMS key for control and auditing is optional customer work.',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  },

  // ------------------------------------------------------------------ KMS
  {
    target: 'AWS::KMS::Key',
    aspect: 'hardware-infrastructure',
    owner: 'aws',
    why: 'Key material lives only in AWS-operated FIPS 140-3 validated HSMs.',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts-intro.html',
  },
  {
    target: 'AWS::KMS::Key',
    aspect: 'encryption-at-rest',
    owner: 'aws',
    why: 'KMS keeps key material inside its HSMs and never exposes it unencrypted; there is nothing for the template to set.',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts-intro.html',
  },
  {
    target: 'AWS::KMS::Key',
    aspect: 'identity-access',
    owner: 'customer',
    why: 'Who may use or administer a customer managed key is decided solely by the customer\'s key policy and IAM.',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts-intro.html',
  },
  {
    target: 'AWS::KMS::Key',
    aspect: 'encryption-in-transit',
    owner: 'aws',
    why: 'KMS endpoints enforce TLS 1.2+ with forward secrecy for every caller.',
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/infrastructure-security.html',
  },

  // ------------------------------------------------------------------ EKS
  {
    target: 'AWS::EKS::Cluster',
    aspect: 'operating-system',
    owner: 'aws',
    why: 'The cluster resource is the Kubernetes control plane, which AWS runs and maintains.',
    source: 'https://docs.aws.amazon.com/eks/latest/best-practices/reliability.html',
  },
  {
    target: 'AWS::EKS::Cluster',
    aspect: 'resilience',
    owner: 'aws',
    why: 'EKS runs the API servers and etcd across three AZs and manages their availability and scaling.',
    source: 'https://docs.aws.amazon.com/eks/latest/best-practices/reliability.html',
  },
  {
    target: 'AWS::EKS::Cluster',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'On Kubernetes 1.28+ EKS envelope-encrypts all API data by default; supplying a customer managed KMS key is optional customer work.',
    source: 'https://docs.aws.amazon.com/eks/latest/eksctl/kms-encryption.html',
  },
  {
    target: 'AWS::EKS::Nodegroup',
    aspect: 'operating-system',
    owner: 'shared',
    why: 'Managed node groups use AWS-built AMIs and handle provisioning, but the nodes are EC2 instances in the customer account whose AMI version the customer selects.',
    source: 'https://docs.aws.amazon.com/eks/latest/best-practices/reliability.html',
  },
  {
    target: 'AWS::EKS::Nodegroup',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'AWS publishes updated node AMIs and performs rolling updates, while the customer decides when node groups are upgraded.',
    source: 'https://docs.aws.amazon.com/eks/latest/best-practices/reliability.html',
  },
  {
    target: 'AWS::EKS::FargateProfile',
    aspect: 'operating-system',
    owner: 'aws',
    why: 'Pods on Fargate run on AWS-provisioned, AWS-patched capacity with no node OS for the customer.',
    source: 'https://docs.aws.amazon.com/eks/latest/best-practices/reliability.html',
  },

  // ------------------------------------------------------------------ ECS
  {
    target: 'ecs',
    aspect: 'operating-system',
    owner: 'shared',
    why: 'On Fargate AWS secures the underlying instance; on the EC2 launch type the container instances and their OS are the customer\'s.',
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-shared.html',
  },
  {
    target: 'ecs',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'AWS issues patched Fargate platform revisions and retires vulnerable tasks, but running tasks only move when the customer redeploys or restarts them.',
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html',
  },

  // ---------------------------------------------------------- ElastiCache
  {
    target: 'elasticache',
    aspect: 'resilience',
    owner: 'shared',
    why: 'ElastiCache performs replica promotion, but Multi-AZ automatic failover and replicas must be enabled by the customer.',
    source: 'https://docs.aws.amazon.com/config/latest/developerguide/elasticache-repl-grp-auto-failover-enabled.html',
  },

  // ------------------------------------------------------------------ IAM
  {
    target: 'iam',
    aspect: 'identity-access',
    owner: 'customer',
    why: 'IAM is the customer\'s own access-control plane: every user, role and policy it holds is customer-defined.',
    source: 'https://docs.aws.amazon.com/iam/',
  },

  // ----------------------------------------------------------- CloudTrail
  {
    target: 'AWS::CloudTrail::Trail',
    aspect: 'data-integrity',
    owner: 'shared',
    why: 'CloudTrail signs and chains digest files for tamper detection, but only when the customer enables log file validation.',
    source: 'https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-log-file-validation-enabled.html',
  },
  {
    target: 'AWS::CloudTrail::Trail',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Delivered log files get SSE-S3 automatically; SSE-KMS with a customer key is the customer\'s choice.',
    source: 'https://docs.aws.amazon.com/controltower/latest/controlreference/cloudtrail-rules.html',
  },

  // ------------------------------------------------------ Secrets Manager
  {
    target: 'secretsmanager',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Every secret is envelope-encrypted with KMS by the service; which key (aws/secretsmanager or a customer key) is the customer\'s decision.',
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html',
  },
  {
    target: 'secretsmanager',
    aspect: 'configuration-management',
    owner: 'customer',
    why: 'Secrets are not rotated unless the customer configures a rotation schedule and, for most secret types, a rotation function.',
    source: 'https://docs.aws.amazon.com/secretsmanager/latest/help-panel/configure-automatic-rotation-pane.html',
  },

  // ---------------------------------------------------- Elastic Beanstalk
  {
    target: 'elasticbeanstalk',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'Beanstalk releases patched platform versions and can apply them as managed updates, but the customer must enable that, stay on supported branches and fix failed updates.',
    source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-shared-responsibility.html',
  },
  {
    target: 'elasticbeanstalk',
    aspect: 'operating-system',
    owner: 'shared',
    why: 'OS updates arrive inside Beanstalk platform versions, yet the instances are in the customer account and the customer patches them if managed updates are off.',
    source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-shared-responsibility.html',
  },

  // ----------------------------------------------------------- OpenSearch
  {
    target: 'AWS::OpenSearchService::Domain',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'AWS publishes service software updates (required ones are enforced after a deadline); the customer schedules them and chooses the engine version.',
    source: 'https://docs.aws.amazon.com/elasticsearch-service/latest/developerguide/es-service-software.html',
  },
  {
    target: 'AWS::Elasticsearch::Domain',
    aspect: 'platform-patching',
    owner: 'shared',
    why: 'Legacy Elasticsearch domains receive the same service software updates, scheduled by the customer.',
    source: 'https://docs.aws.amazon.com/elasticsearch-service/latest/developerguide/es-service-software.html',
  },

  // ------------------------------------------------------------ SQS / SNS
  {
    target: 'sqs',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'New queues get SSE-SQS by default; switching to SSE-KMS or opting out is the customer\'s choice.',
    source:
      'https://aws.amazon.com/blogs/compute/announcing-server-side-encryption-with-amazon-simple-queue-service-managed-encryption-keys-sse-sqs-by-default/',
  },
  {
    target: 'sns',
    aspect: 'encryption-at-rest',
    owner: 'customer',
    why: 'SNS encrypts topic messages only when the customer assigns a KMS key; there is no service default.',
    source: 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
  },

  // --------------------------------------------------------- Kinesis, EFS
  {
    target: 'AWS::Kinesis::Stream',
    aspect: 'encryption-at-rest',
    owner: 'customer',
    why: 'Stream records are encrypted at rest only when the customer adds StreamEncryption with a KMS key.',
    source: 'https://docs.aws.amazon.com/config/latest/developerguide/kinesis-stream-encrypted.html',
  },
  {
    target: 'efs',
    aspect: 'encryption-at-rest',
    owner: 'customer',
    why: 'Encryption at rest is a create-time customer choice that cannot be changed afterwards.',
    source: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
  },

  // ------------------------------------------------------------- Redshift
  {
    target: 'redshift',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'New clusters are encrypted by default with an AWS owned key; the customer chooses a KMS key or HSM and must fix older unencrypted clusters.',
    source: 'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
  },

  // ------------------------------------------- ECR, Step Functions, Events
  {
    target: 'ecr',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Images are always encrypted (AES-256 by default); KMS encryption is an opt-in customer decision.',
    source: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EncryptionConfiguration.html',
  },
  {
    target: 'stepfunctions',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'Step Functions encrypts definitions and history with AWS owned keys; a customer managed key is optional.',
    source: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_EncryptionConfiguration.html',
  },
  {
    target: 'events',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'EventBridge encrypts bus data with an AWS owned key; the customer may substitute its own KMS key.',
    source: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-cmkey.html',
  },

  // ------------------------------------------------------------------ SSM
  {
    target: 'AWS::SSM::Parameter',
    aspect: 'encryption-at-rest',
    owner: 'customer',
    why: 'CloudFormation can only create String/StringList parameters, so keeping secrets out of them (or in SecureString created elsewhere) is on the customer.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ssm/aws.sdk.kotlin.services.ssm.model/-put-parameter-request/type.html',
  },

  // -------------------------------------------------- load balancing, edge
  {
    target: 'AWS::ElasticLoadBalancingV2::Listener',
    aspect: 'encryption-in-transit',
    owner: 'customer',
    why: 'The listener protocol, certificate and security policy are all customer settings; CloudFormation falls back to an old TLS 1.0 policy.',
    source: 'https://docs.aws.amazon.com/en_us/elasticloadbalancing/latest/network/describe-ssl-policies.html',
  },
  {
    target: 'apigateway',
    aspect: 'encryption-in-transit',
    owner: 'shared',
    why: 'API Gateway terminates TLS for every endpoint, while the minimum TLS version (security policy) is the customer\'s pick.',
    source: 'https://docs.aws.amazon.com/en_us/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
  },
  {
    target: 'AWS::CloudFront::Distribution',
    aspect: 'encryption-in-transit',
    owner: 'shared',
    why: 'CloudFront provides TLS at the edge, but each cache behavior\'s ViewerProtocolPolicy (allow-all, redirect, https-only) is customer-set.',
    source:
      'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudfront/aws.sdk.kotlin.services.cloudfront.model/-cache-behavior/viewer-protocol-policy.html',
  },

  // --------------------------------------------------------------- Backup
  {
    target: 'backup',
    aspect: 'encryption-at-rest',
    owner: 'shared',
    why: 'AWS Backup encrypts fully managed recovery points with the vault key, but other resource types inherit the source\'s (customer-chosen) encryption.',
    source: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption',
  },
];
