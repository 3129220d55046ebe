import { publicPolicyVerdicts } from './resourcePolicy';
import { defineRule } from './ruleKit';

export const s3BucketPolicyNotPublic = defineRule({
  id: 's3-bucket-policy-not-public',
  title: 'S3 bucket policy does not grant access to everyone',
  aspect: 'identity-access',
  severity: 'warning',
  references: {},
  docs: {
    why: 'A statement that allows Principal "*" without a narrowing Condition opens the bucket\'s objects to anyone on the internet, as soon as Block Public Access is off for the bucket or the account.',
    owner: 'Customer: S3 applies the bucket policy as written; Block Public Access (on by default for new buckets since April 2023) is a second line the customer can also turn off.',
    fix: 'No automatic fix: who should read the objects is the team\'s decision. Name the principals, or add a Condition (aws:SourceArn for CloudFront origin access control, aws:PrincipalOrgID, aws:SourceVpce).',
    mayBreak: 'Anonymous readers (a public website) lose access; serve them through CloudFront with origin access control instead.',
  },
  cloudformation: { types: ['AWS::S3::BucketPolicy'], fixable: false, check: (p, ctx) => publicPolicyVerdicts(ctx, p, 'PolicyDocument', 'bucket policy') },
  terraform: { types: ['aws_s3_bucket_policy'], fixable: false, check: (p, ctx) => publicPolicyVerdicts(ctx, p, 'policy', 'bucket policy') },
});

export const S3_BUCKET_POLICY_RULES = [s3BucketPolicyNotPublic];
