import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is, setting } from './ruleKit';
import { checkNamed } from './ruleKit';

const NOTEBOOK_CFN = ['AWS::SageMaker::NotebookInstance'];
const NOTEBOOK_TF = ['aws_sagemaker_notebook_instance'];

interface NotebookKeys {
  internet: string;
  subnet: string;
  securityGroups: string;
}

const CFN_KEYS: NotebookKeys = { internet: 'DirectInternetAccess', subnet: 'SubnetId', securityGroups: 'SecurityGroupIds' };
const TF_KEYS: NotebookKeys = { internet: 'direct_internet_access', subnet: 'subnet_id', securityGroups: 'security_groups' };

/**
 * Turning direct internet access off is only valid for a notebook attached to
 * a subnet (and its security groups); without them the fix would produce a
 * template SageMaker rejects, so it is offered only when both are written.
 */
function internetAccess(ctx: RuleContext, notebook: Resource, keys: NotebookKeys, title: string): Verdict[] {
  const inVpc = !!setting(notebook, [keys.subnet]).entry && !!setting(notebook, [keys.securityGroups]).entry;
  return checkSetting(notebook, ctx, {
    path: [keys.internet],
    isSecure: is.oneOf('Disabled'),
    whenAbsent: 'gap',
    gap: inVpc
      ? `The notebook instance has direct internet access (${keys.internet} is Enabled, the default).`
      : `The notebook instance has direct internet access (${keys.internet} is Enabled, the default); disabling it needs ${keys.subnet} and ${keys.securityGroups} first.`,
    met: 'the notebook instance reaches the network only through its VPC',
    fix: inVpc ? { title, value: 'Disabled' } : undefined,
  });
}

export const sagemakerNoDirectInternet = defineRule({
  id: 'sagemaker-notebook-no-direct-internet',
  title: 'SageMaker notebook instance has no direct internet access',
  aspect: 'network-exposure',
  severity: 'error',
  references: { securityHub: ['SageMaker.1'], checkov: ['CKV_AWS_122'] },
  docs: {
    why: 'With direct internet access the notebook instance talks to the internet through SageMaker\'s own network, bypassing the VPC\'s security groups, endpoints and flow logs, so data can leave unnoticed.',
    owner: 'Customer: SageMaker provides the network path; whether the notebook uses the internet path or only the customer\'s VPC is the customer\'s setting.',
    fix: 'Sets DirectInternetAccess / direct_internet_access to Disabled, offered only when the notebook already names a subnet and security groups (SageMaker requires them for this).',
    mayBreak: 'The notebook reaches the internet (pip, git, public datasets) and SageMaker APIs only through the VPC: add a NAT gateway or VPC endpoints. Changing the setting replaces the notebook instance; save work on its volume first.',
  },
  cloudformation: {
    types: NOTEBOOK_CFN,
    check: (notebook, ctx) => internetAccess(ctx, notebook, CFN_KEYS, 'Disable direct internet access (DirectInternetAccess: Disabled)'),
  },
  terraform: {
    types: NOTEBOOK_TF,
    check: (notebook, ctx) => internetAccess(ctx, notebook, TF_KEYS, 'Disable direct internet access (direct_internet_access = "Disabled")'),
  },
});

export const sagemakerInVpc = defineRule({
  id: 'sagemaker-notebook-in-vpc',
  title: 'SageMaker notebook instance runs in the team\'s VPC',
  aspect: 'network-exposure',
  severity: 'warning',
  references: { securityHub: ['SageMaker.2'], checkov: ['CKV_AWS_306'] },
  docs: {
    why: 'A notebook without a subnet runs only in SageMaker\'s network: the team\'s security groups, VPC endpoints and flow logs do not apply to it.',
    owner: 'Customer: placing the notebook in a VPC and choosing the subnet is the customer\'s.',
    fix: 'No automatic fix: the subnet and security groups are the team\'s decision. Set SubnetId and SecurityGroupIds (subnet_id and security_groups).',
    mayBreak: 'Adding a subnet replaces the notebook instance.',
  },
  cloudformation: {
    types: NOTEBOOK_CFN,
    fixable: false,
    check: (notebook, ctx) =>
      checkNamed(notebook, ctx, { path: ['SubnetId'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The notebook instance is not attached to a subnet of the team\'s VPC (no SubnetId).', met: 'the notebook instance is attached to a subnet' }),
  },
  terraform: {
    types: NOTEBOOK_TF,
    fixable: false,
    check: (notebook, ctx) =>
      checkNamed(notebook, ctx, { path: ['subnet_id'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The notebook instance is not attached to a subnet of the team\'s VPC (no subnet_id).', met: 'the notebook instance is attached to a subnet' }),
  },
});

export const sagemakerNoRootAccess = defineRule({
  id: 'sagemaker-notebook-no-root-access',
  title: 'SageMaker notebook instance users have no root access',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['SageMaker.3'], checkov: ['CKV_AWS_307'] },
  docs: {
    why: 'Root on the notebook instance lets any notebook user replace its software, switch off its agents and read every file on it, including other users\' work.',
    owner: 'Customer: SageMaker enables root for notebook users unless the customer turns it off.',
    fix: 'Sets RootAccess / root_access to Disabled; lifecycle configuration scripts still run as root.',
    mayBreak: 'Users can no longer sudo, e.g. to install system packages; move such installs into a lifecycle configuration.',
  },
  cloudformation: {
    types: NOTEBOOK_CFN,
    check: (notebook, ctx) =>
      checkSetting(notebook, ctx, {
        path: ['RootAccess'],
        isSecure: is.oneOf('Disabled'),
        whenAbsent: 'gap',
        gap: 'Notebook users have root access (RootAccess is Enabled, the default).',
        met: 'notebook users have no root access',
        fix: { title: 'Disable root access (RootAccess: Disabled)', value: 'Disabled' },
      }),
  },
  terraform: {
    types: NOTEBOOK_TF,
    check: (notebook, ctx) =>
      checkSetting(notebook, ctx, {
        path: ['root_access'],
        isSecure: is.oneOf('Disabled'),
        whenAbsent: 'gap',
        gap: 'Notebook users have root access (root_access is Enabled, the default).',
        met: 'notebook users have no root access',
        fix: { title: 'Disable root access (root_access = "Disabled")', value: 'Disabled' },
      }),
  },
});

export const SAGEMAKER_RULES = [sagemakerNoDirectInternet, sagemakerInVpc, sagemakerNoRootAccess];
