import { addCloudFormationResource, freeLogicalId } from '../edit/cloudformationResource';
import { hclBlock } from '../edit/hclEdits';
import { hclExpression, type PlainValue } from '../edit/plainValue';
import type { Resource } from '../model/document';
import { asList, asMap, getValue, type Value } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { blocks, checkSetting, defineRule, documentOf, fixCompanion, fixSet, is, judge, related, setting } from './ruleKit';
import { blockEntries, dynamicAt, textOf } from './itemKit';

const BUCKET_CFN = ['AWS::S3::Bucket'];
const BUCKET_TF = ['aws_s3_bucket'];
const PUBLIC_ACCESS_KEYS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;
const PUBLIC_ACCESS_TF = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** The one companion of a type that points at a bucket, if any (several are the user's business to untangle). */
function companion(ctx: RuleContext, bucket: Resource, type: string): Resource | undefined {
  return ctx.model.companions(bucket, type)[0];
}

export const s3PublicAccessBlock = defineRule({
  id: 's3-bucket-public-access-block',
  title: 'S3 bucket blocks public access',
  aspect: 'network-exposure',
  severity: 'error',
  references: { securityHub: ['S3.8'], checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'] },
  docs: {
    why: 'A bucket with any Block Public Access setting turned off can be opened to the internet by one policy or ACL change.',
    owner: 'Customer: AWS turns all four settings on for new buckets since April 2023, but a template can turn them off.',
    fix: 'Sets BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true.',
    mayBreak: 'Public website hosting or deliberate public downloads from this bucket stop working.',
  },
  cloudformation: {
    types: BUCKET_CFN,
    check: (bucket, ctx) =>
      allTrue(ctx, bucket, bucket, ['PublicAccessBlockConfiguration'], PUBLIC_ACCESS_KEYS, () =>
        fixSet(ctx, bucket, ['PublicAccessBlockConfiguration'], Object.fromEntries(PUBLIC_ACCESS_KEYS.map((k) => [k, true])), 'Block all public access (PublicAccessBlockConfiguration)'),
      ),
  },
  terraform: {
    types: [...BUCKET_TF, 'aws_s3_bucket_public_access_block'],
    check: (bucket, ctx) => {
      if (bucket.type === 'aws_s3_bucket_public_access_block') {
        return onItsOwn(ctx, bucket, () =>
          allTrue(ctx, bucket, bucket, [], PUBLIC_ACCESS_TF, () => fixSet(ctx, bucket, [], Object.fromEntries(PUBLIC_ACCESS_TF.map((k) => [k, true])), 'Block all public access in the public access block')),
        );
      }
      const block = companion(ctx, bucket, 'aws_s3_bucket_public_access_block');
      if (!block) return [{ status: 'aws-default', evidence: 'no aws_s3_bucket_public_access_block: AWS blocks public access on new buckets' }];
      return allTrue(ctx, bucket, block, [], PUBLIC_ACCESS_TF, () =>
        fixSet(ctx, block, [], Object.fromEntries(PUBLIC_ACCESS_TF.map((k) => [k, true])), 'Block all public access in the public access block'),
      );
    },
  },
});

/**
 * A bucket's settings resource (public access block, versioning, ACL,
 * ownership controls) is judged with its bucket when the bucket is in the
 * unit. One that names a bucket declared elsewhere (another stack, a bucket
 * made by hand) is the only place its settings can be seen, so it is judged
 * on its own rather than left out.
 */
function onItsOwn(ctx: RuleContext, companion: Resource, check: () => Verdict[]): Verdict[] {
  const bucket = ctx.model.referencesFrom(companion).find((ref) => ref.property === 'bucket' && BUCKET_TF.includes(ref.to.type))?.to;
  if (bucket) return [{ status: 'not-applicable', reason: `judged with its bucket ${bucket.id}` }];
  const named = ctx.model.resolve(setting(companion, ['bucket']).value);
  const which = named.status === 'known' && named.value.kind === 'string' ? `bucket "${named.value.value}"` : 'its bucket';
  const unit = companion.format === 'terraform-plan' ? 'plan' : 'module';
  return check().map((v) => (v.status === 'gap' ? { ...v, message: `${v.message.replace(/\.$/, '')} for ${which}, which is not declared in this ${unit}.` } : v));
}

/** All of `keys` under `path` of `holder` must be true; absence means the AWS default (all blocked). */
function allTrue(ctx: RuleContext, bucket: Resource, holder: Resource, path: string[], keys: readonly string[], fix: () => ReturnType<typeof fixSet>): Verdict[] {
  const container = setting(holder, path);
  if (path.length && !container.entry) return [{ status: 'aws-default', evidence: 'not configured: AWS blocks public access on new buckets' }];
  const off: string[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const s = setting(holder, [...path, key]);
    if (!s.entry) continue; // an omitted setting defaults to true in both CloudFormation and Terraform
    const j = judge(ctx, s.value, is.true);
    if (j.outcome === 'insecure') off.push(key);
    else if (j.outcome === 'unknown') unknown.push(`${key} (${j.reason})`);
  }
  const range = container.range;
  if (off.length) {
    return [{ status: 'gap', message: `Public access is not fully blocked: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} false.`, range, fixes: fix(), related: holder === bucket ? [] : [related(bucket, 'the bucket')] }];
  }
  if (unknown.length) return [{ status: 'cannot-tell', reason: `cannot tell ${unknown.join(', ')}`, range }];
  return [{ status: 'met', evidence: 'all four Block Public Access settings are on', range }];
}

const SECURE_TRANSPORT_STATEMENT = (bucketArn: PlainValue, objectsArn: PlainValue): PlainValue => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [bucketArn, objectsArn],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

export const s3SecureTransport = defineRule({
  id: 's3-bucket-secure-transport',
  title: 'S3 bucket policy denies requests without TLS',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['S3.5'] },
  docs: {
    why: 'S3 accepts plain HTTP unless the bucket policy denies it; credentials and data can then cross the network unencrypted.',
    owner: 'Shared: AWS serves TLS on every S3 endpoint; requiring it (aws:SecureTransport) is the customer\'s.',
    fix: 'Adds a bucket policy with a statement that denies every request where aws:SecureTransport is false. When the bucket already has a policy, or is declared inside `Fn::ForEach`, the statement must be added by hand (no fix).',
    mayBreak: 'Clients that still call S3 over HTTP.',
  },
  cloudformation: {
    types: BUCKET_CFN,
    check: (bucket, ctx) => {
      const policies = ctx.model.companions(bucket, 'AWS::S3::BucketPolicy');
      for (const p of policies) if (deniesInsecureTransport(ctx, setting(p, ['PolicyDocument']).value)) return [{ status: 'met', evidence: `${p.id} denies requests without TLS`, range: p.idRange }];
      const doc = documentOf(ctx, bucket);
      // A bucket inside Fn::ForEach has a templated logical ID: a policy added outside the loop could not refer to it.
      const fixes =
        policies.length === 0 && doc && !bucket.repetition
          ? [
              {
                title: 'Add a bucket policy that denies requests without TLS',
                preferred: true,
                edits: [
                  addCloudFormationResource(doc, bucket, freeLogicalId((id) => ctx.model.resource(id) !== undefined, `${bucket.id}Policy`), {
                    Type: 'AWS::S3::BucketPolicy',
                    Properties: {
                      Bucket: { Ref: bucket.id },
                      PolicyDocument: {
                        Version: '2012-10-17',
                        Statement: [SECURE_TRANSPORT_STATEMENT({ 'Fn::GetAtt': [bucket.id, 'Arn'] }, { 'Fn::Sub': `\${${bucket.id}.Arn}/*` })],
                      },
                    },
                  }),
                ],
              },
            ]
          : [];
      return [{ status: 'gap', message: policies.length ? `The bucket policy ${policies[0].id} does not deny requests without TLS (aws:SecureTransport).` : 'No bucket policy denies requests without TLS (aws:SecureTransport).', range: bucket.idRange, fixes, related: policies.map((p) => related(p, 'its bucket policy')) }];
    },
  },
  terraform: {
    types: BUCKET_TF,
    check: (bucket, ctx) => {
      const policies = ctx.model.companions(bucket, 'aws_s3_bucket_policy');
      for (const p of policies) {
        const policy = setting(p, ['policy']).value;
        if (policy && policyTextDeniesInsecure(ctx, policy)) return [{ status: 'met', evidence: `${p.id} denies requests without TLS`, range: p.idRange }];
        if (policy?.kind === 'expression' && policy.references.some((r) => r.startsWith('data.'))) {
          return [{ status: 'cannot-tell', reason: `${p.id} builds its policy from a data source SRM Lens does not evaluate`, range: p.idRange }];
        }
      }
      const fixes = policies.length
        ? []
        : fixCompanion(ctx, bucket, 'aws_s3_bucket_policy', 'id', 'bucket', {
            policy: hclExpression(
              `jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Sid       = "DenyInsecureTransport"\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = [${arnOf(bucket)}, "\${${arnOf(bucket)}}/*"]\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })`,
            ),
          }, 'Add a bucket policy that denies requests without TLS');
      return [{ status: 'gap', message: 'No bucket policy denies requests without TLS (aws:SecureTransport).', range: bucket.idRange, fixes, related: policies.map((p) => related(p, 'its bucket policy')) }];
    },
  },
});

function arnOf(bucket: Resource): string {
  if (bucket.repetition === 'count') return `${bucket.id}[count.index].arn`;
  if (bucket.repetition === 'for_each') return 'each.value.arn';
  return `${bucket.id}.arn`;
}

/** A statement with Effect Deny and Bool aws:SecureTransport false (in a CloudFormation policy document). */
function deniesInsecureTransport(ctx: RuleContext, document: Value | undefined): boolean {
  const statements = asList(getValue(asMap(document), 'Statement'))?.items ?? (asMap(getValue(asMap(document), 'Statement')) ? [getValue(asMap(document), 'Statement') as Value] : []);
  return statements.some((s) => {
    const effect = ctx.model.resolve(getValue(asMap(s), 'Effect'));
    if (effect.status !== 'known' || effect.value.kind !== 'string' || effect.value.value !== 'Deny') return false;
    const bool = asMap(getValue(asMap(getValue(asMap(s), 'Condition')), 'Bool'));
    const secure = getValue(bool, 'aws:SecureTransport');
    return secure !== undefined && judge(ctx, secure, is.false).outcome === 'secure';
  });
}

/** Terraform policies are JSON strings or jsonencode() expressions: read them as text. */
function policyTextDeniesInsecure(ctx: RuleContext, policy: Value): boolean {
  const r = ctx.model.resolve(policy);
  const text = r.status === 'known' && r.value.kind === 'string' ? r.value.value : policy.kind === 'expression' ? policy.text : '';
  return /"?Effect"?\s*[:=]\s*"Deny"/.test(text) && /aws:SecureTransport"?\s*[:=]\s*"?false/.test(text);
}

/** The setting of an aws_s3_bucket_versioning resource. */
const VERSIONING_RESOURCE = (gap: string) => ({
  path: ['versioning_configuration', 'status'],
  isSecure: is.oneOf('Enabled'),
  whenAbsent: 'gap' as const,
  gap: `${gap}.`,
  met: 'versioning is enabled',
  fix: { title: 'Enable versioning (status = "Enabled")', value: 'Enabled' },
});

export const s3Versioning = defineRule({
  id: 's3-bucket-versioning',
  title: 'S3 bucket keeps object versions',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['S3.14'], checkov: ['CKV_AWS_21'] },
  docs: {
    why: 'Without versioning an overwrite or delete, by mistake or by an attacker, destroys the only copy of an object.',
    owner: 'Shared: S3 stores objects durably; keeping earlier versions is the customer\'s choice.',
    fix: 'Turns versioning on (VersioningConfiguration Status: Enabled; in Terraform an aws_s3_bucket_versioning resource).',
    mayBreak: 'Storage costs grow with every overwrite; add lifecycle rules for noncurrent versions.',
  },
  cloudformation: {
    types: BUCKET_CFN,
    check: (bucket, ctx) =>
      checkSetting(bucket, ctx, {
        path: ['VersioningConfiguration', 'Status'],
        isSecure: is.oneOf('Enabled'),
        whenAbsent: 'gap',
        gap: 'Versioning is not enabled on this bucket.',
        met: 'versioning is enabled',
        fix: { title: 'Enable versioning (VersioningConfiguration Status: Enabled)', value: 'Enabled' },
      }),
  },
  terraform: {
    types: [...BUCKET_TF, 'aws_s3_bucket_versioning'],
    check: (bucket, ctx) => {
      if (bucket.type === 'aws_s3_bucket_versioning') return onItsOwn(ctx, bucket, () => checkSetting(bucket, ctx, VERSIONING_RESOURCE('Versioning is not enabled')));
      const versioning = companion(ctx, bucket, 'aws_s3_bucket_versioning');
      if (versioning) {
        return checkSetting(versioning, ctx, {
          path: ['versioning_configuration', 'status'],
          isSecure: is.oneOf('Enabled'),
          whenAbsent: 'gap',
          gap: `Versioning is not enabled on this bucket (${versioning.id}).`,
          met: `versioning is enabled by ${versioning.id}`,
          fix: { title: 'Enable versioning (status = "Enabled")', value: 'Enabled' },
        }).map((v) => (v.status === 'gap' ? { ...v, range: bucket.idRange, related: [related(versioning, 'its versioning resource')] } : v));
      }
      // Provider v3 style, still accepted: versioning { enabled = true } inside the bucket.
      const inline = setting(bucket, ['versioning', 'enabled']);
      if (inline.entry) {
        return checkSetting(bucket, ctx, { path: ['versioning', 'enabled'], isSecure: is.true, whenAbsent: 'gap', gap: 'Versioning is not enabled on this bucket.', met: 'versioning is enabled', fix: { title: 'Enable versioning', value: true } });
      }
      return [{ status: 'gap', message: 'Versioning is not enabled on this bucket (no aws_s3_bucket_versioning refers to it).', range: bucket.idRange, fixes: fixCompanion(ctx, bucket, 'aws_s3_bucket_versioning', 'id', 'bucket', { versioning_configuration: hclBlock({ status: 'Enabled' }) }, 'Enable versioning (add aws_s3_bucket_versioning)') }];
    },
  },
});

export const s3AccessLogging = defineRule({
  id: 's3-bucket-access-logging',
  title: 'S3 bucket writes server access logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['S3.9'], checkov: ['CKV_AWS_18'] },
  docs: {
    why: 'Server access logs record every request to the bucket, which investigations of data access need.',
    owner: 'Shared: S3 can deliver the logs; enabling them and choosing where they go is the customer\'s.',
    fix: 'No automatic fix: the destination bucket is a decision only the team can make.',
  },
  cloudformation: {
    types: BUCKET_CFN,
    fixable: false,
    check: (bucket, ctx) =>
      checkSetting(bucket, ctx, { path: ['LoggingConfiguration'], isSecure: () => true, whenAbsent: 'gap', gap: 'Server access logging is not configured.', met: 'server access logging is configured' }),
  },
  terraform: {
    types: BUCKET_TF,
    fixable: false,
    check: (bucket, ctx) => {
      const logging = companion(ctx, bucket, 'aws_s3_bucket_logging');
      if (logging) return [{ status: 'met', evidence: `${logging.id} delivers access logs`, range: logging.idRange }];
      if (setting(bucket, ['logging']).entry) return [{ status: 'met', evidence: 'server access logging is configured', range: setting(bucket, ['logging']).range }];
      return [{ status: 'gap', message: 'Server access logging is not configured (no aws_s3_bucket_logging refers to this bucket).', range: bucket.idRange }];
    },
  },
});

const PUBLIC_ACLS = ['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'];
const PUBLIC_ACLS_TF = ['public-read', 'public-read-write', 'authenticated-read'];

const PUBLIC_GROUPS = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/**
 * Explicit ACL grants: `grant {}` blocks of aws_s3_bucket (provider v3) and
 * `access_control_policy { grant { grantee {} } }` of aws_s3_bucket_acl. A
 * grant to the AllUsers or AuthenticatedUsers group is as public as a
 * public canned ACL.
 */
function publicGrants(ctx: RuleContext, holder: Resource): Verdict[] {
  const policy = asMap(getValue(holder.body, 'access_control_policy'));
  const grants = holder.type === 'aws_s3_bucket_acl' ? blocks(policy, 'grant').map((g) => ({ grant: g, grantee: asMap(getValue(g, 'grantee')) })) : blocks(holder.body, 'grant').map((g) => ({ grant: g, grantee: g }));
  const verdicts: Verdict[] = [];
  for (const { grant, grantee } of grants) {
    if (grant.block === 'dynamic') {
      verdicts.push({ status: 'cannot-tell', reason: 'ACL grants are built by a dynamic block, which SRM Lens does not expand', range: grant.range });
      continue;
    }
    const uri = textOf(ctx, getValue(grantee, 'uri'));
    if ('unknown' in uri) verdicts.push({ status: 'cannot-tell', reason: `a grantee uri: ${uri.unknown}`, range: grant.range });
    else if ('text' in uri && PUBLIC_GROUPS.test(uri.text.trim())) {
      const group = PUBLIC_GROUPS.exec(uri.text.trim())?.[1];
      const permission = textOf(ctx, getValue(grant, 'permission') ?? getValue(grant, 'permissions'));
      verdicts.push({
        status: 'gap',
        message: `An ACL grant gives the ${group} group${'text' in permission ? ` ${permission.text}` : ''} access: ${group === 'AllUsers' ? 'anyone on the internet' : 'any AWS account holder'} can use the bucket.`,
        range: grant.range,
      });
    }
  }
  return verdicts;
}

/** The canned-ACL verdicts merged with those of explicit grants: a public grant is a gap even under a private canned ACL. */
function withGrants(canned: Verdict[], grants: Verdict[]): Verdict[] {
  const grantGaps = grants.filter((v) => v.status === 'gap');
  if (grantGaps.length) return [...canned.filter((v) => v.status === 'gap'), ...grantGaps];
  if (grants.length && canned.every((v) => v.status === 'met')) return grants;
  return canned;
}

export const s3NoPublicAcl = defineRule({
  id: 's3-bucket-no-public-acl',
  title: 'S3 bucket has no public ACL',
  aspect: 'identity-access',
  severity: 'error',
  references: { securityHub: ['S3.2', 'S3.3'], checkov: ['CKV_AWS_20', 'CKV_AWS_57'] },
  docs: {
    why: 'A public-read or public-read-write ACL, or a grant to the AllUsers or AuthenticatedUsers group, lets anyone on the internet (or any AWS account holder) list or change the bucket.',
    owner: 'Customer: who may read the data is always the customer\'s decision.',
    fix: 'Sets the canned ACL to private. Explicit grants to AllUsers or AuthenticatedUsers get no fix: remove the grant, keeping the ones the team still needs.',
    mayBreak: 'Anonymous readers of the bucket lose access.',
  },
  cloudformation: {
    types: BUCKET_CFN,
    check: (bucket, ctx) =>
      checkSetting(bucket, ctx, {
        path: ['AccessControl'],
        isSecure: (v) => (v.kind === 'string' ? !PUBLIC_ACLS.includes(v.value) : undefined),
        whenAbsent: 'met',
        gap: 'The bucket grants public access through its canned ACL.',
        met: 'no public canned ACL',
        fix: { title: 'Make the bucket ACL private (AccessControl: Private)', value: 'Private' },
      }),
  },
  terraform: {
    types: [...BUCKET_TF, 'aws_s3_bucket_acl'],
    check: (bucket, ctx) => {
      if (bucket.type === 'aws_s3_bucket_acl') {
        return onItsOwn(ctx, bucket, () => {
          const canned = checkSetting(bucket, ctx, {
            path: ['acl'],
            isSecure: (v) => (v.kind === 'string' ? !PUBLIC_ACLS_TF.includes(v.value) : undefined),
            whenAbsent: 'met',
            gap: 'The ACL grants public access.',
            met: 'no public canned ACL',
            fix: { title: 'Make the bucket ACL private (acl = "private")', value: 'private' },
          });
          return withGrants(canned, publicGrants(ctx, bucket));
        });
      }
      const acl = companion(ctx, bucket, 'aws_s3_bucket_acl');
      const holder = acl ?? bucket;
      const canned = checkSetting(holder, ctx, {
        path: ['acl'],
        isSecure: (v) => (v.kind === 'string' ? !PUBLIC_ACLS_TF.includes(v.value) : undefined),
        whenAbsent: 'met',
        gap: 'The bucket grants public access through its canned ACL.',
        met: 'no public canned ACL',
        fix: { title: 'Make the bucket ACL private (acl = "private")', value: 'private' },
      }).map((v) => (v.status === 'gap' && acl ? { ...v, related: [related(bucket, 'the bucket')] } : v));
      const grants = [...publicGrants(ctx, bucket), ...(acl ? publicGrants(ctx, acl) : [])].map((v) => (v.status === 'gap' && acl ? { ...v, related: [related(bucket, 'the bucket')] } : v));
      return withGrants(canned, grants);
    },
  },
});

export const s3AclsDisabled = defineRule({
  id: 's3-bucket-acls-disabled',
  title: 'S3 bucket disables ACLs (BucketOwnerEnforced)',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['S3.12'] },
  docs: {
    why: 'With ACLs enabled, objects can carry grants that bypass the bucket policy and belong to other accounts.',
    owner: 'Customer: AWS disables ACLs on new buckets since April 2023, but a template can turn them back on.',
    fix: 'Sets Object Ownership to BucketOwnerEnforced, which disables ACLs.',
    mayBreak: 'Writers that rely on ACL grants (some log delivery set-ups, cross-account uploads with ACLs).',
  },
  cloudformation: {
    types: BUCKET_CFN,
    check: (bucket, ctx) => {
      const rules = setting(bucket, ['OwnershipControls', 'Rules']);
      if (!rules.entry) return [{ status: 'aws-default', evidence: 'ACLs are disabled by default on new buckets' }];
      const first = asList(ctx.model.resolve(rules.value).status === 'known' ? rules.value : undefined)?.items[0];
      const ownership = getValue(asMap(first), 'ObjectOwnership');
      const j = judge(ctx, ownership, is.oneOf('BucketOwnerEnforced'));
      if (j.outcome === 'secure') return [{ status: 'met', evidence: 'Object Ownership is BucketOwnerEnforced', range: rules.range }];
      if (j.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `ObjectOwnership: ${j.reason}`, range: rules.range }];
      return [{ status: 'gap', message: 'ACLs are enabled: Object Ownership is not BucketOwnerEnforced.', range: rules.range, fixes: fixSet(ctx, bucket, ['OwnershipControls', 'Rules'], [{ ObjectOwnership: 'BucketOwnerEnforced' }], 'Disable ACLs (ObjectOwnership: BucketOwnerEnforced)') }];
    },
  },
  terraform: {
    types: [...BUCKET_TF, 'aws_s3_bucket_ownership_controls'],
    check: (bucket, ctx) => {
      const self = bucket.type === 'aws_s3_bucket_ownership_controls';
      const controls = self ? bucket : companion(ctx, bucket, 'aws_s3_bucket_ownership_controls');
      if (!controls) return [{ status: 'aws-default', evidence: 'ACLs are disabled by default on new buckets' }];
      const check = () => checkSetting(controls, ctx, {
        path: ['rule', 'object_ownership'],
        isSecure: is.oneOf('BucketOwnerEnforced'),
        whenAbsent: 'gap',
        gap: `ACLs are enabled: ${controls.id} does not set BucketOwnerEnforced.`,
        met: 'Object Ownership is BucketOwnerEnforced',
        fix: { title: 'Disable ACLs (object_ownership = "BucketOwnerEnforced")', value: 'BucketOwnerEnforced' },
      });
      return self ? onItsOwn(ctx, controls, check) : check();
    },
  },
});

export const s3KmsEncryption = defineRule({
  id: 's3-bucket-kms-encryption',
  title: 'S3 bucket encrypts with a KMS key',
  aspect: 'encryption-at-rest',
  severity: 'info',
  defaultEnabled: false,
  references: { checkov: ['CKV_AWS_145'] },
  docs: {
    why: 'SSE-S3 (the AWS default since January 2023) encrypts every object; SSE-KMS adds key policies, CloudTrail records of key use and the option to revoke. Off by default: turn it on where the team wants that control.',
    owner: 'Shared: AWS encrypts by default; choosing who controls the key is the customer\'s.',
    fix: 'Sets default encryption to SSE-KMS with the AWS managed key alias/aws/s3 and S3 Bucket Keys; replace the key with a customer managed one for full control.',
    mayBreak: 'Readers need kms:Decrypt on the key; cross-account readers cannot use the AWS managed key.',
  },
  cloudformation: {
    types: BUCKET_CFN,
    check: (bucket, ctx) => {
      const algorithm = setting(bucket, ['BucketEncryption', 'ServerSideEncryptionConfiguration']);
      const first = asMap(asList(algorithm.value)?.items[0]);
      const value = getValue(asMap(getValue(first, 'ServerSideEncryptionByDefault')), 'SSEAlgorithm');
      const j = value ? judge(ctx, value, is.oneOf('aws:kms', 'aws:kms:dsse')) : ({ outcome: 'absent' } as const);
      if (j.outcome === 'secure') return [{ status: 'met', evidence: 'encrypted with a KMS key', range: algorithm.range }];
      if (j.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `SSEAlgorithm: ${j.reason}`, range: algorithm.range }];
      return [{
        status: 'gap',
        message: 'Objects are encrypted with SSE-S3, not a KMS key the team controls.',
        range: algorithm.entry ? algorithm.range : bucket.idRange,
        fixes: fixSet(ctx, bucket, ['BucketEncryption'], { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/aws/s3' }, BucketKeyEnabled: true }] }, 'Encrypt with SSE-KMS (alias/aws/s3, Bucket Key on)'),
      }];
    },
  },
  terraform: {
    types: BUCKET_TF,
    check: (bucket, ctx) => {
      const sse = companion(ctx, bucket, 'aws_s3_bucket_server_side_encryption_configuration');
      if (sse) {
        return checkSetting(sse, ctx, {
          path: ['rule', 'apply_server_side_encryption_by_default', 'sse_algorithm'],
          isSecure: is.oneOf('aws:kms', 'aws:kms:dsse'),
          whenAbsent: 'gap',
          gap: 'Objects are encrypted with SSE-S3, not a KMS key the team controls.',
          met: 'encrypted with a KMS key',
          fix: { title: 'Encrypt with SSE-KMS (sse_algorithm = "aws:kms")', value: 'aws:kms' },
        });
      }
      // The inline block of provider v3, still accepted (deprecated) by later providers.
      const inline = blockEntries(bucket.body, 'server_side_encryption_configuration');
      if (inline.some((e) => asMap(e.value)?.block === 'dynamic')) return [dynamicAt(inline[0].keyRange)];
      if (inline.length) {
        return checkSetting(bucket, ctx, {
          path: ['server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default', 'sse_algorithm'],
          isSecure: is.oneOf('aws:kms', 'aws:kms:dsse'),
          whenAbsent: 'gap',
          gap: 'Objects are encrypted with SSE-S3, not a KMS key the team controls (server_side_encryption_configuration does not choose aws:kms).',
          met: 'encrypted with a KMS key',
          fix: { title: 'Encrypt with SSE-KMS (sse_algorithm = "aws:kms")', value: 'aws:kms' },
        });
      }
      return [{
        status: 'gap',
        message: 'Objects are encrypted with SSE-S3 (the AWS default), not a KMS key the team controls.',
        range: bucket.idRange,
        fixes: fixCompanion(ctx, bucket, 'aws_s3_bucket_server_side_encryption_configuration', 'id', 'bucket', { rule: hclBlock({ apply_server_side_encryption_by_default: hclBlock({ sse_algorithm: 'aws:kms' }), bucket_key_enabled: true }) }, 'Encrypt with SSE-KMS (add aws_s3_bucket_server_side_encryption_configuration)'),
      }];
    },
  },
});

export const S3_RULES = [s3PublicAccessBlock, s3SecureTransport, s3Versioning, s3AccessLogging, s3NoPublicAcl, s3AclsDisabled, s3KmsEncryption];
