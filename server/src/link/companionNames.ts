/**
 * Companion resources that name their subject instead of (or as well as)
 * referring to it: `aws_s3_bucket_versioning { bucket = "my-logs" }` belongs
 * to the bucket whose `bucket` is `"my-logs"`, a CloudFormation
 * `AWS::S3::BucketPolicy` with `Bucket: !Sub ${App}-logs` to the bucket whose
 * `BucketName` is the same `!Sub` text. Each entry: the companion types, the
 * setting in the companion that names the subject, and the subject types
 * with the settings that carry their name.
 *
 * A subject's name settings include `id` for Terraform types whose identity
 * is an ID: a configuration never writes it, but a plan lists it for a
 * resource that already exists (`sg-0abc…`), and a companion then names it.
 */
export interface CompanionNaming {
  companions: readonly string[];
  /** The companion's setting that holds the subject's name or ID. */
  key: string;
  subjects: readonly { type: string; nameKeys: readonly string[] }[];
  /**
   * A policy document setting of the companion whose statements' `Resource`
   * ARNs name the subject (`arn:aws:s3:::my-logs/*`), read when `key` names
   * no subject of the unit.
   */
  arnsIn?: string;
  /** The ARN service whose resource part is the subject's name (`s3` for `arn:aws:s3:::name/key`). */
  arnService?: string;
}

const S3_BUCKET_COMPANIONS_TF = [
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_replication_configuration',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_website_configuration',
  'aws_s3_bucket_cors_configuration',
  'aws_s3_bucket_notification',
  'aws_s3_bucket_accelerate_configuration',
  'aws_s3_bucket_request_payment_configuration',
  'aws_s3_bucket_intelligent_tiering_configuration',
  'aws_s3_bucket_analytics_configuration',
  'aws_s3_bucket_inventory',
  'aws_s3_bucket_metric',
];

export const TERRAFORM_COMPANION_NAMING: readonly CompanionNaming[] = [
  { companions: S3_BUCKET_COMPANIONS_TF, key: 'bucket', subjects: [{ type: 'aws_s3_bucket', nameKeys: ['bucket', 'id'] }] },
  {
    companions: ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
    key: 'security_group_id',
    subjects: [
      { type: 'aws_security_group', nameKeys: ['id'] },
      { type: 'aws_default_security_group', nameKeys: ['id'] },
    ],
  },
  { companions: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment'], key: 'user', subjects: [{ type: 'aws_iam_user', nameKeys: ['name'] }] },
  { companions: ['aws_iam_role_policy', 'aws_iam_role_policy_attachment'], key: 'role', subjects: [{ type: 'aws_iam_role', nameKeys: ['name'] }] },
  { companions: ['aws_iam_group_policy', 'aws_iam_group_policy_attachment'], key: 'group', subjects: [{ type: 'aws_iam_group', nameKeys: ['name'] }] },
];

export const CLOUDFORMATION_COMPANION_NAMING: readonly CompanionNaming[] = [
  { companions: ['AWS::S3::BucketPolicy'], key: 'Bucket', subjects: [{ type: 'AWS::S3::Bucket', nameKeys: ['BucketName'] }], arnsIn: 'PolicyDocument', arnService: 's3' },
  { companions: ['AWS::EC2::SecurityGroupIngress'], key: 'GroupName', subjects: [{ type: 'AWS::EC2::SecurityGroup', nameKeys: ['GroupName'] }] },
  { companions: ['AWS::IAM::UserPolicy'], key: 'UserName', subjects: [{ type: 'AWS::IAM::User', nameKeys: ['UserName'] }] },
  { companions: ['AWS::IAM::RolePolicy'], key: 'RoleName', subjects: [{ type: 'AWS::IAM::Role', nameKeys: ['RoleName'] }] },
  { companions: ['AWS::IAM::GroupPolicy'], key: 'GroupName', subjects: [{ type: 'AWS::IAM::Group', nameKeys: ['GroupName'] }] },
];
