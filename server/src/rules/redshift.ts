import type { Resource } from '../model/document';
import { asMap, getValue } from '../model/value';
import { presence } from './rds';
import type { Rule, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, fixSet, is } from './ruleKit';

/*
 * Amazon Redshift provisioned clusters. Since 10 January 2025 AWS encrypts
 * new clusters and keeps them private unless told otherwise, so an absent
 * setting is "AWS default"; an explicit opt-out is still a gap. One trap
 * remains in Terraform: AWS provider versions before 6.0 write
 * publicly_accessible = true when the argument is left out.
 */

const CLUSTER_CFN = ['AWS::Redshift::Cluster'];
const CLUSTER_TF = ['aws_redshift_cluster'];

/**
 * The lowest and highest major version of the AWS provider the module's
 * `required_providers` constraint allows, as far as it can be read.
 */
export function awsProviderMajors(ctx: RuleContext): { min: number; max: number } | undefined {
  for (const block of ctx.model.blocks) {
    if (block.kind !== 'terraform') continue;
    const aws = getValue(asMap(getValue(asMap(block.value), 'required_providers')), 'aws');
    const version = aws?.kind === 'string' ? aws : getValue(asMap(aws), 'version');
    if (version?.kind !== 'string') continue;
    let min = 0;
    let max = Number.POSITIVE_INFINITY;
    for (const part of version.value.split(',')) {
      const m = /^\s*(~>|>=|<=|>|<|=|!=)?\s*v?(\d+)(?:\.(\d+))?/.exec(part);
      if (!m) return undefined;
      const [op, major, minor] = [m[1] ?? '=', Number(m[2]), m[3]];
      if (op === '=') [min, max] = [Math.max(min, major), Math.min(max, major)];
      else if (op === '~>') [min, max] = [Math.max(min, major), Math.min(max, minor === undefined ? Number.POSITIVE_INFINITY : major)];
      else if (op === '>=' || op === '>') min = Math.max(min, major);
      else if (op === '<') max = Math.min(max, minor !== undefined && Number(minor) > 0 ? major : major - 1);
      else if (op === '<=') max = Math.min(max, major);
    }
    return { min, max };
  }
  return undefined;
}

export const redshiftClusterEncrypted = defineRule({
  id: 'redshift-cluster-encrypted',
  title: 'Redshift cluster encrypts data at rest',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['Redshift.10'], checkov: ['CKV_AWS_64'] },
  docs: {
    why: 'An unencrypted cluster keeps its data blocks and snapshots readable to anyone who obtains the storage or a shared snapshot.',
    owner: 'Shared: AWS encrypts every cluster created since 10 January 2025 (with an AWS owned key unless one is given); older clusters created with Encrypted false stay unencrypted until the customer migrates them.',
    fix: 'Sets Encrypted (encrypted) to true where a template turns it off.',
    mayBreak: 'Changing encryption on an existing cluster triggers a migration to a new cluster: the cluster is read-only while it runs, and the endpoint can change.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (c, ctx) =>
      checkSetting(c, ctx, {
        path: ['Encrypted'],
        isSecure: is.true,
        whenAbsent: 'aws-default',
        gap: 'The cluster is not encrypted at rest (Encrypted: false).',
        met: 'encrypted at rest (new clusters are encrypted by default since 2025-01-10)',
        fix: { title: 'Encrypt the cluster (Encrypted: true)', value: true },
      }),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (c, ctx) =>
      checkSetting(c, ctx, {
        path: ['encrypted'],
        isSecure: is.true,
        whenAbsent: 'aws-default',
        gap: 'The cluster is not encrypted at rest (encrypted = false).',
        met: 'encrypted at rest (new clusters are encrypted by default since 2025-01-10)',
        fix: { title: 'Encrypt the cluster (encrypted = true)', value: true },
      }),
  },
});

function terraformPublicWhenUnset(ctx: RuleContext, c: Resource): Verdict[] {
  const majors = awsProviderMajors(ctx);
  if (majors && majors.min >= 6) return [{ status: 'aws-default', evidence: 'publicly_accessible is not set: AWS provider 6 leaves it to AWS, which keeps new clusters private since 2025-01-10' }];
  const fixes = fixSet(ctx, c, ['publicly_accessible'], false, 'Keep the cluster private (publicly_accessible = false)');
  if (majors && majors.max <= 5) {
    return [{ status: 'gap', message: 'publicly_accessible is not set, and the AWS provider versions this module allows (before 6.0) default it to true: the cluster gets a public endpoint.', range: c.idRange, fixes }];
  }
  return [{ status: 'cannot-tell', reason: 'publicly_accessible is not set: AWS provider 5.x writes true, 6.x leaves the cluster private, and the module does not pin the provider version (set it to false to be sure)', range: c.idRange }];
}

export const redshiftClusterNotPublic = defineRule({
  id: 'redshift-cluster-not-public',
  title: 'Redshift cluster is not publicly accessible',
  aspect: 'network-exposure',
  severity: 'error',
  references: { securityHub: ['Redshift.1'], checkov: ['CKV_AWS_87'] },
  docs: {
    why: 'A publicly accessible cluster gets a public IP and DNS name; one permissive security group rule then exposes the warehouse to the internet.',
    owner: 'Customer: network exposure of the cluster is the customer\'s configuration; AWS keeps new clusters private by default since 10 January 2025.',
    fix: 'Sets PubliclyAccessible (publicly_accessible) to false. In Terraform, an unset value is only safe with AWS provider 6 or later, which SRM Lens reads from required_providers.',
    mayBreak: 'Clients outside the VPC (BI tools, laptops) lose direct access; route them through a VPN, a VPC endpoint or the Data API.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (c, ctx) =>
      checkSetting(c, ctx, {
        path: ['PubliclyAccessible'],
        isSecure: is.false,
        whenAbsent: 'aws-default',
        gap: 'The cluster is publicly accessible (PubliclyAccessible: true).',
        met: 'not publicly accessible (the default for clusters created since 2025-01-10)',
        fix: { title: 'Make the cluster private (PubliclyAccessible: false)', value: false },
      }),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (c, ctx) => {
      if (presence(ctx, c, 'publicly_accessible').kind === 'absent') return terraformPublicWhenUnset(ctx, c);
      return checkSetting(c, ctx, {
        path: ['publicly_accessible'],
        isSecure: is.false,
        whenAbsent: 'gap',
        gap: 'The cluster is publicly accessible (publicly_accessible = true).',
        met: 'not publicly accessible',
        fix: { title: 'Make the cluster private (publicly_accessible = false)', value: false },
      });
    },
  },
});

export const REDSHIFT_RULES: readonly Rule[] = [redshiftClusterEncrypted, redshiftClusterNotPublic];
