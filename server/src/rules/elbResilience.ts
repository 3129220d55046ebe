import { cfnAttributeTrue, forKinds, LB_CFN, LB_TF } from './elb';
import { checkSetting, defineRule, is } from './ruleKit';

const DELETION = 'deletion_protection.enabled';

export const elbDeletionProtection = defineRule({
  id: 'elb-deletion-protection',
  title: 'Application Load Balancer has deletion protection',
  aspect: 'resilience',
  severity: 'info',
  references: { securityHub: ['ELB.6'] },
  docs: {
    why: 'Deleting a load balancer takes every application behind it offline and frees its DNS name; deletion protection makes that a deliberate two-step act.',
    owner: 'Customer: deletion protection is an attribute of the load balancer, off by default.',
    fix: `Sets the load balancer attribute ${DELETION} to true (enable_deletion_protection = true in Terraform).`,
    mayBreak: 'Deleting the stack or the load balancer fails until protection is turned off again.',
  },
  cloudformation: {
    types: [LB_CFN],
    check: (lb, ctx) => forKinds(ctx, lb, ['application'], () => cfnAttributeTrue(ctx, lb, DELETION, { gap: 'The load balancer can be deleted in one step (deletion protection is off).', met: 'deletion protection is on' }, `Protect from deletion (${DELETION}: "true")`)),
  },
  terraform: {
    types: LB_TF,
    check: (lb, ctx) =>
      forKinds(ctx, lb, ['application'], () =>
        checkSetting(lb, ctx, { path: ['enable_deletion_protection'], isSecure: is.true, whenAbsent: 'gap', gap: 'The load balancer can be deleted in one step (deletion protection is off).', met: 'deletion protection is on', fix: { title: 'Protect from deletion (enable_deletion_protection = true)', value: true } }),
      ),
  },
});

export const ELB_RESILIENCE_RULES = [elbDeletionProtection];
