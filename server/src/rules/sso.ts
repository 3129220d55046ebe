import type { Resource } from '../model/document';
import { checkStatements, isFullAdmin, type PolicySource } from './iam';
import type { RuleContext, Verdict } from './rule';
import { defineRule, setting } from './ruleKit';

const ADMIN_ARN = /^arn:[^:]*:iam::aws:policy\/AdministratorAccess$/;

/** AdministratorAccess among the AWS managed policies; a value that cannot be read turns "met" into cannot-tell. */
function managedAdmin(ctx: RuleContext, values: { value: ReturnType<typeof setting>['value']; range: ReturnType<typeof setting>['range'] }[]): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const { value, range } of values) {
    const r = ctx.model.resolve(value);
    if (r.status === 'absent' || r.status === 'resource') continue;
    if (r.status === 'unknown') {
      verdicts.push({ status: 'cannot-tell', reason: `a managed policy ARN: ${r.reason}`, range });
      continue;
    }
    const items = r.value.kind === 'list' ? r.value.items : [r.value];
    for (const item of items) {
      const x = ctx.model.resolve(item);
      if (x.status === 'known' && x.value.kind === 'string' && ADMIN_ARN.test(x.value.value)) verdicts.push({ status: 'gap', message: 'The permission set grants AdministratorAccess: everyone assigned to it gets full control of the account.', range: item.range });
      else if (x.status === 'unknown') verdicts.push({ status: 'cannot-tell', reason: `a managed policy ARN: ${x.reason}`, range: item.range });
    }
  }
  return verdicts;
}

function inlineAdmin(ctx: RuleContext, r: Resource, key: string): Verdict[] {
  const inline = setting(r, [key]);
  if (!inline.entry) return [];
  const source: PolicySource = { label: key, value: inline.value, anchor: inline.range };
  return checkStatements(ctx, r, [source], { test: isFullAdmin, gap: () => `${key} allows every action on every resource: everyone assigned to the permission set gets full control of the account.`, met: 'the inline policy is not full administrator access' }).filter((v) => v.status !== 'met');
}

function combine(verdicts: Verdict[], range: ReturnType<typeof setting>['range']): Verdict[] {
  return verdicts.length ? verdicts : [{ status: 'met', evidence: 'the permission set does not grant full administrator access', range }];
}

export const ssoPermissionSetNoAdmin = defineRule({
  id: 'sso-permission-set-no-admin',
  title: 'IAM Identity Center permission sets do not grant full administrator access',
  aspect: 'identity-access',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_62'] },
  docs: {
    why: 'A permission set becomes a role in every account it is assigned to; with AdministratorAccess or an inline "*" on "*", every assigned user and group controls those accounts completely.',
    owner: 'Customer: IAM Identity Center provisions exactly the permissions the customer puts in the permission set.',
    fix: 'No automatic fix: what each group needs is a design decision. Use job-function managed policies (ReadOnlyAccess, PowerUserAccess) or scoped customer policies, and keep an administrator set for a small break-glass group.',
    mayBreak: 'Users lose the permissions the narrower set does not grant.',
  },
  cloudformation: {
    types: ['AWS::SSO::PermissionSet'],
    fixable: false,
    check: (ps, ctx) => {
      const managed = setting(ps, ['ManagedPolicies']);
      return combine([...managedAdmin(ctx, managed.entry ? [{ value: managed.value, range: managed.range }] : []), ...inlineAdmin(ctx, ps, 'InlinePolicy')], ps.idRange);
    },
  },
  terraform: {
    types: ['aws_ssoadmin_managed_policy_attachment', 'aws_ssoadmin_permission_set_inline_policy'],
    fixable: false,
    check: (r, ctx) => {
      if (r.type === 'aws_ssoadmin_managed_policy_attachment') {
        const arn = setting(r, ['managed_policy_arn']);
        return combine(managedAdmin(ctx, arn.entry ? [{ value: arn.value, range: arn.range }] : []), arn.range);
      }
      return combine(inlineAdmin(ctx, r, 'inline_policy'), r.idRange);
    },
  },
});

export const SSO_RULES = [ssoPermissionSetNoAdmin];
