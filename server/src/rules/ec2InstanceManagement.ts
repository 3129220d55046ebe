import type { Resource } from '../model/document';
import { getEntry, type MapValue } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { blocks, defineRule, setting } from './ruleKit';

/* How an instance is reached and managed: its security groups and the
 * instance profile Systems Manager needs. */

function firstWritten(r: Resource, keys: string[]): ReturnType<typeof setting> | undefined {
  for (const k of keys) {
    const s = setting(r, [k]);
    if (s.entry) return s;
  }
  return undefined;
}

function groupVerdicts(ctx: RuleContext, i: Resource, keys: string[], interfacesKey: string, interfaceGroupsKey: string): Verdict[] {
  const own = firstWritten(i, keys);
  if (own) {
    const r = ctx.model.resolve(own.value);
    if (r.status === 'known' && r.value.kind === 'list' && r.value.items.length === 0) return [{ status: 'gap', message: 'The instance names no security group, so it joins the VPC\'s default security group.', range: own.range }];
    return [{ status: 'met', evidence: 'the instance names its security groups', range: own.range }];
  }
  const interfaces = setting(i, [interfacesKey]).value;
  const items: MapValue[] = interfaces?.kind === 'list' ? interfaces.items.filter((x): x is MapValue => x.kind === 'map') : blocks(i.body, interfacesKey);
  if (items.length) {
    if (items.every((m) => getEntry(m, interfaceGroupsKey))) return [{ status: 'met', evidence: 'the network interfaces name their security groups', range: items[0].range }];
    return [{ status: 'cannot-tell', reason: `a network interface names no ${interfaceGroupsKey}; an attached interface defined elsewhere may`, range: items[0].range }];
  }
  if (setting(i, ['LaunchTemplate']).entry || setting(i, ['launch_template']).entry) return [{ status: 'cannot-tell', reason: 'security groups may come from the launch template', range: i.idRange }];
  return [{ status: 'gap', message: 'The instance names no security group, so it joins the VPC\'s default security group, which other resources share.', range: i.idRange }];
}

export const ec2InstanceSecurityGroups = defineRule({
  id: 'ec2-instance-security-groups',
  title: 'EC2 instance names its own security groups',
  aspect: 'firewall',
  severity: 'info',
  references: {},
  docs: {
    why: 'An instance launched without security groups joins the VPC\'s default group: its traffic rules are then shared with every other resource that fell back to it, and a change for one opens all.',
    owner: 'Customer: security groups are the customer\'s firewall configuration.',
    fix: 'No automatic fix: the groups are the team\'s design. Name them in SecurityGroupIds (vpc_security_group_ids), or on the network interfaces.',
    mayBreak: 'Traffic the default group allowed and the new groups do not stops.',
  },
  cloudformation: { types: ['AWS::EC2::Instance'], fixable: false, check: (i, ctx) => groupVerdicts(ctx, i, ['SecurityGroupIds', 'SecurityGroups'], 'NetworkInterfaces', 'GroupSet') },
  terraform: { types: ['aws_instance'], fixable: false, check: (i, ctx) => groupVerdicts(ctx, i, ['vpc_security_group_ids', 'security_groups'], 'network_interface', 'security_groups') },
});

function profileVerdicts(i: Resource, key: string): Verdict[] {
  const p = setting(i, [key]);
  if (p.entry) return [{ status: 'met', evidence: 'the instance has an instance profile that can let Systems Manager manage it', range: p.range }];
  if (setting(i, ['LaunchTemplate']).entry || setting(i, ['launch_template']).entry) return [{ status: 'cannot-tell', reason: 'the instance profile may come from the launch template', range: i.idRange }];
  return [{ status: 'gap', message: 'The instance has no instance profile, so Systems Manager can patch and manage it only if the account turns on Default Host Management Configuration.', range: i.idRange }];
}

export const ec2InstanceManaged = defineRule({
  id: 'ec2-instance-ssm-managed',
  title: 'EC2 instance can be managed and patched by Systems Manager',
  aspect: 'configuration-management',
  severity: 'info',
  references: { securityHub: ['SSM.1'] },
  docs: {
    why: 'Patch Manager, Inventory and Session Manager reach an instance through the SSM agent, which needs credentials: an instance profile with AmazonSSMManagedInstanceCore (or the account-wide Default Host Management Configuration).',
    owner: 'Customer: the guest operating system and its patches are the customer\'s; Systems Manager is the AWS tool for it once the instance can reach it.',
    fix: 'No automatic fix: attach an instance profile whose role has AmazonSSMManagedInstanceCore (IamInstanceProfile / iam_instance_profile), or turn on Default Host Management Configuration for the account.',
    mayBreak: 'Nothing; the agent is preinstalled on Amazon Linux and Windows AMIs.',
  },
  cloudformation: { types: ['AWS::EC2::Instance'], fixable: false, check: (i) => profileVerdicts(i, 'IamInstanceProfile') },
  terraform: { types: ['aws_instance'], fixable: false, check: (i) => profileVerdicts(i, 'iam_instance_profile') },
});

export const EC2_INSTANCE_MANAGEMENT_RULES = [ec2InstanceSecurityGroups, ec2InstanceManaged];
