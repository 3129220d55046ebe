import type { Resource } from '../model/document';
import { checkStatements, isAllow, trustPolicy, type PolicyStatement, type StatementCheck, type Tri } from './iam';
import type { RuleContext, Verdict } from './rule';
import { defineRule, setting } from './ruleKit';

/* Trust policies that let another AWS account in without sts:ExternalId,
 * and managed policies attached to users. Both extend iam.ts's readers. */

const ACCOUNT = /^(\d{12})$|^arn:[^:]*:iam::(\d{12}):/;

function foreignAccount(s: PolicyStatement): string | undefined {
  for (const p of s.principal.entries) {
    if (p.type !== 'AWS') continue;
    const m = ACCOUNT.exec(p.id);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

const externalIdCheck: StatementCheck = {
  test: (s): Tri => {
    if (isAllow(s) !== true || !foreignAccount(s)) return false;
    if (s.condition === 'unknown') return undefined;
    return s.condition === 'none';
  },
  gap: (s) => `The trust policy lets account ${foreignAccount(s)} assume this role with no Condition such as sts:ExternalId; a third party acting for several customers can be tricked into using its access here (the confused deputy).`,
  met: 'no statement trusts a literal account without a Condition',
  whenNone: { status: 'not-applicable', reason: 'no trust policy written' },
};

export const iamTrustExternalId = defineRule({
  id: 'iam-role-trust-cross-account-external-id',
  title: 'IAM roles trusted by another account require an external ID',
  aspect: 'identity-access',
  severity: 'warning',
  references: {},
  docs: {
    why: 'A role that a vendor\'s account may assume without sts:ExternalId can be used by any of that vendor\'s customers who guesses its ARN, through the vendor (the confused deputy problem).',
    owner: 'Customer: who may assume a role, and on what condition, is the customer\'s trust policy.',
    fix: 'No automatic fix: the external ID is agreed with the third party. Add Condition StringEquals sts:ExternalId, or aws:PrincipalOrgID for accounts of the same organisation. A literal account ID may be this stack\'s own account; use ${AWS::AccountId} (data.aws_caller_identity) for that.',
    mayBreak: 'The other account must pass the external ID when it assumes the role.',
  },
  cloudformation: { types: ['AWS::IAM::Role'], fixable: false, check: (r, ctx) => checkStatements(ctx, r, trustPolicy(r), externalIdCheck) },
  terraform: { types: ['aws_iam_role'], fixable: false, check: (r, ctx) => checkStatements(ctx, r, trustPolicy(r), externalIdCheck) },
});

function userAttachmentVerdicts(ctx: RuleContext, r: Resource): Verdict[] {
  if (r.type === 'AWS::IAM::User') {
    const arns = setting(r, ['ManagedPolicyArns']);
    if (!arns.entry) return [{ status: 'met', evidence: 'no managed policy is attached to this user', range: r.idRange }];
    const v = ctx.model.resolve(arns.value);
    if (v.status === 'unknown') return [{ status: 'cannot-tell', reason: `ManagedPolicyArns: ${v.reason}`, range: arns.range }];
    if (v.status === 'known' && v.value.kind === 'list' && v.value.items.length === 0) return [{ status: 'met', evidence: 'ManagedPolicyArns is empty', range: arns.range }];
    if (v.status === 'absent') return [{ status: 'met', evidence: 'no managed policy is attached to this user', range: arns.range }];
    return [{ status: 'gap', message: 'Managed policies are attached directly to this user; attach them to a group the user belongs to instead.', range: arns.range }];
  }
  if (r.type === 'aws_iam_user_policy_attachment') {
    return [{ status: 'gap', message: 'This attaches a managed policy directly to a user; attach it to a group the user belongs to instead.', range: setting(r, ['user']).range }];
  }
  // aws_iam_policy_attachment: users, roles and groups in one resource.
  const users = setting(r, ['users']);
  if (!users.entry) return [{ status: 'not-applicable', reason: 'attached to no users' }];
  const v = ctx.model.resolve(users.value);
  // users = null leaves the argument unset: the provider attaches the policy to no user.
  if (v.status === 'absent') return [{ status: 'not-applicable', reason: `users is null${v.via ? ` (${v.via})` : ''}, so no user gets the policy` }];
  if (v.status === 'known' && v.value.kind === 'list' && v.value.items.length === 0) return [{ status: 'not-applicable', reason: 'users is empty' }];
  if (v.status === 'unknown') return [{ status: 'cannot-tell', reason: `users: ${v.reason}`, range: users.range }];
  return [{ status: 'gap', message: 'This attaches a managed policy directly to users; attach it to a group instead.', range: users.range }];
}

export const iamUserNoManagedPolicies = defineRule({
  id: 'iam-user-no-managed-policies',
  title: 'IAM users get managed policies through groups, not directly',
  aspect: 'identity-access',
  severity: 'info',
  references: { securityHub: ['IAM.2'], checkov: ['CKV_AWS_40'] },
  docs: {
    why: 'Policies attached to individual users drift apart and are easy to miss when access is reviewed or revoked; groups keep access in one place.',
    owner: 'Customer: how permissions are organised is the customer\'s IAM design.',
    fix: 'No automatic fix: create or choose a group with the policy, add the user to it, then remove the direct attachment.',
    mayBreak: 'Nothing, if the group carries the same policies before the attachment is removed.',
  },
  cloudformation: { types: ['AWS::IAM::User'], fixable: false, check: (r, ctx) => userAttachmentVerdicts(ctx, r) },
  terraform: { types: ['aws_iam_user_policy_attachment', 'aws_iam_policy_attachment'], fixable: false, check: (r, ctx) => userAttachmentVerdicts(ctx, r) },
});

export const IAM_ACCESS_RULES = [iamTrustExternalId, iamUserNoManagedPolicies];
