import { isCloudFormation, type Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { allowsEveryoneUnconditionally, checkStatements, describeStatement, type PolicySource } from './iam';
import { checkSetting, defineRule, is, judge, setting } from './ruleKit';

const KEY_CFN = ['AWS::KMS::Key'];
const KEY_TF = ['aws_kms_key'];

/**
 * Automatic rotation exists only for symmetric encryption keys whose key
 * material KMS generated in its own key store. Asymmetric and HMAC keys,
 * imported material and custom key stores cannot be rotated this way.
 */
function rotationNotApplicable(ctx: RuleContext, key: Resource): Verdict | 'unknown' | undefined {
  const cfn = isCloudFormation(key.format);
  const spec = setting(key, [cfn ? 'KeySpec' : 'customer_master_key_spec']);
  if (spec.entry) {
    const j = judge(ctx, spec.value, is.oneOf('SYMMETRIC_DEFAULT'));
    if (j.outcome === 'insecure') return { status: 'not-applicable', reason: 'automatic rotation applies only to symmetric encryption keys (SYMMETRIC_DEFAULT)' };
    if (j.outcome === 'unknown') return 'unknown';
  }
  if (cfn) {
    const origin = setting(key, ['Origin']);
    if (origin.entry) {
      const j = judge(ctx, origin.value, is.oneOf('AWS_KMS'));
      if (j.outcome === 'insecure') return { status: 'not-applicable', reason: 'keys with imported key material (Origin EXTERNAL) cannot rotate automatically' };
      if (j.outcome === 'unknown') return 'unknown';
    }
  } else if (setting(key, ['custom_key_store_id']).entry) {
    return { status: 'not-applicable', reason: 'keys in a custom key store cannot rotate automatically' };
  }
  return undefined;
}

export const kmsKeyRotation = defineRule({
  id: 'kms-key-rotation-enabled',
  title: 'KMS key rotates its key material automatically',
  // Not encryption-at-rest: for KMS keys that cell is AWS's (the HSMs); rotation is a key-lifecycle setting the customer chooses.
  aspect: 'configuration-management',
  severity: 'warning',
  references: { securityHub: ['KMS.4'], checkov: ['CKV_AWS_7'] },
  docs: {
    why: 'Rotating key material limits how much data one version of the key protects; KMS keeps old versions, so rotation needs no re-encryption.',
    owner: 'Customer: KMS rotates customer managed keys only when asked (EnableKeyRotation defaults to false); AWS managed keys rotate on their own.',
    fix: 'Turns automatic rotation on (EnableKeyRotation: true / enable_key_rotation = true); KMS then rotates yearly unless a rotation period says otherwise.',
    mayBreak: 'Nothing for encrypt and decrypt; each rotation adds a small monthly charge for the extra key material.',
  },
  cloudformation: {
    types: KEY_CFN,
    check: (key, ctx) => {
      const na = rotationNotApplicable(ctx, key);
      if (na === 'unknown') return [{ status: 'cannot-tell', reason: 'the key spec or origin comes from a value SRM Lens cannot evaluate', range: key.idRange }];
      if (na) return [na];
      return checkSetting(key, ctx, {
        path: ['EnableKeyRotation'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Automatic key rotation is off (EnableKeyRotation defaults to false).',
        met: 'automatic key rotation is on',
        fix: { title: 'Turn on automatic key rotation (EnableKeyRotation: true)', value: true },
      });
    },
  },
  terraform: {
    types: KEY_TF,
    check: (key, ctx) => {
      const na = rotationNotApplicable(ctx, key);
      if (na === 'unknown') return [{ status: 'cannot-tell', reason: 'customer_master_key_spec comes from a value SRM Lens cannot evaluate', range: key.idRange }];
      if (na) return [na];
      return checkSetting(key, ctx, {
        path: ['enable_key_rotation'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Automatic key rotation is off (enable_key_rotation defaults to false).',
        met: 'automatic key rotation is on',
        fix: { title: 'Turn on automatic key rotation (enable_key_rotation = true)', value: true },
      });
    },
  },
});

const keyPolicyCheck = {
  test: allowsEveryoneUnconditionally,
  gap: (s: Parameters<typeof allowsEveryoneUnconditionally>[0], source: PolicySource) => `${source.label}: ${describeStatement(s)} allows any principal ("*") to use this key without a Condition.`,
  met: 'the key policy names specific principals or narrows "*" with a Condition',
};

export const kmsKeyPolicyNoPublicPrincipal = defineRule({
  id: 'kms-key-policy-no-public-principal',
  title: 'KMS key policy does not allow everyone',
  aspect: 'identity-access',
  severity: 'error',
  references: { checkov: ['CKV_AWS_33'] },
  docs: {
    why: 'A key policy statement with Principal "*" (or {"AWS": "*"}) and no Condition lets any AWS principal, in any account, use or manage the key as far as the statement\'s actions go.',
    owner: 'Customer: the key policy is the primary access control of a KMS key and is written by the customer.',
    fix: 'No automatic fix: name the accounts or roles that use the key, or narrow "*" with a Condition such as kms:CallerAccount or aws:PrincipalOrgID; only the team knows which.',
    mayBreak: 'Principals not named in the narrowed policy lose access to data encrypted with the key.',
  },
  cloudformation: {
    types: KEY_CFN,
    fixable: false,
    check: (key, ctx) => keyPolicy(ctx, key, 'KeyPolicy'),
  },
  terraform: {
    types: [...KEY_TF, 'aws_kms_key_policy'],
    fixable: false,
    check: (key, ctx) => keyPolicy(ctx, key, 'policy'),
  },
});

function keyPolicy(ctx: RuleContext, key: Resource, property: string): Verdict[] {
  const policy = setting(key, [property]);
  const separate = key.type === 'aws_kms_key' && !policy.entry ? ctx.model.companions(key, 'aws_kms_key_policy') : [];
  if (separate.length) return [{ status: 'met', evidence: `the key policy is set by ${separate[0].id}, which is checked itself`, range: key.idRange }];
  const source: PolicySource = { label: property, value: policy.value, anchor: policy.entry ? policy.range : key.idRange };
  return checkStatements(ctx, key, [source], {
    ...keyPolicyCheck,
    whenNone: {
      status: 'met',
      evidence: key.type === 'aws_kms_key_policy' ? 'no policy statement allows everyone' : `no ${property}: the default key policy trusts only this account`,
      range: source.anchor,
    },
  });
}

export const KMS_RULES = [kmsKeyRotation, kmsKeyPolicyNoPublicPrincipal];
