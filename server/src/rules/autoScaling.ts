import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, setting } from './ruleKit';

/** How many subnets or zones a group spans; a list from a parameter or a function cannot be counted. */
function spread(ctx: RuleContext, group: Resource, keys: string[]): Verdict[] {
  for (const key of keys) {
    const s = setting(group, [key]);
    if (!s.entry) continue;
    if (s.value?.kind === 'intrinsic' && s.value.name === 'Fn::GetAZs') return [{ status: 'met', evidence: `${key} lists every Availability Zone of the Region`, range: s.range }];
    const r = ctx.model.resolve(s.value);
    if (r.status === 'known' && r.value.kind === 'list') {
      const n = r.value.items.length;
      if (n >= 2) return [{ status: 'met', evidence: `${key} spans ${n} subnets or zones`, range: s.range }];
      return [{ status: 'gap', message: `The group launches into ${n === 1 ? 'a single subnet or Availability Zone' : 'no listed subnet or zone'}; an outage of that zone takes every instance down.`, range: s.range }];
    }
    if (r.status === 'known' && r.value.kind === 'string') {
      const n = r.value.value.split(',').filter((x) => x.trim()).length;
      if (n >= 2) return [{ status: 'met', evidence: `${key} spans ${n} subnets`, range: s.range }];
      return [{ status: 'gap', message: 'The group launches into a single subnet; an outage of that zone takes every instance down.', range: s.range }];
    }
    return [{ status: 'cannot-tell', reason: `${key}: ${r.status === 'unknown' ? r.reason : 'the list cannot be counted from the template'}`, range: s.range }];
  }
  return [{ status: 'cannot-tell', reason: 'no subnets or zones are written; the group uses the defaults of its launch configuration', range: group.idRange }];
}

export const autoScalingMultiAz = defineRule({
  id: 'autoscaling-group-multi-az',
  title: 'Auto Scaling group spans several Availability Zones',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['AutoScaling.2'] },
  docs: {
    why: 'A group confined to one Availability Zone loses every instance when that zone fails, and cannot replace them elsewhere.',
    owner: 'Customer: AWS keeps zones independent; spreading a workload over them is the customer\'s design.',
    fix: 'No automatic fix: the subnets to add are a network decision. List at least two subnets in different zones in VPCZoneIdentifier (vpc_zone_identifier).',
    mayBreak: 'Nothing; instances are rebalanced across the zones.',
  },
  cloudformation: { types: ['AWS::AutoScaling::AutoScalingGroup'], fixable: false, check: (g, ctx) => spread(ctx, g, ['VPCZoneIdentifier', 'AvailabilityZones']) },
  terraform: { types: ['aws_autoscaling_group'], fixable: false, check: (g, ctx) => spread(ctx, g, ['vpc_zone_identifier', 'availability_zones']) },
});

export const autoScalingMetrics = defineRule({
  id: 'autoscaling-group-metrics',
  title: 'Auto Scaling group publishes group metrics',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: {},
  docs: {
    why: 'Group metrics (desired, in service, pending, terminating instances) show scaling that nobody asked for, such as instances replaced again and again or capacity raised by someone else.',
    owner: 'Customer: group metrics collection is off unless the group turns it on.',
    fix: 'Turns on collection of all group metrics every minute (MetricsCollection [{ Granularity: 1Minute }]; enabled_metrics in Terraform needs the list of metrics, so Terraform gets no automatic fix).',
    mayBreak: 'Nothing; the metrics are free.',
  },
  cloudformation: {
    types: ['AWS::AutoScaling::AutoScalingGroup'],
    check: (g, ctx) => checkSetting(g, ctx, { path: ['MetricsCollection'], isSecure: (v) => (v.kind === 'list' ? v.items.length > 0 : undefined), whenAbsent: 'gap', gap: 'The group publishes no group metrics to CloudWatch.', met: 'group metrics are collected', fix: { title: 'Collect group metrics every minute (MetricsCollection)', value: [{ Granularity: '1Minute' }] } }),
  },
  terraform: {
    types: ['aws_autoscaling_group'],
    fixable: false,
    check: (g, ctx) => checkSetting(g, ctx, { path: ['enabled_metrics'], isSecure: (v) => (v.kind === 'list' ? v.items.length > 0 : undefined), whenAbsent: 'gap', gap: 'The group publishes no group metrics to CloudWatch (enabled_metrics is not set).', met: 'group metrics are collected' }),
  },
});

export const AUTOSCALING_RULES = [autoScalingMultiAz, autoScalingMetrics];
