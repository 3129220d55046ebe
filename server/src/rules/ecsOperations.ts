import type { Resource } from '../model/document';
import { getEntry, type MapValue } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { blocks, checkSetting, defineRule, judge, setting } from './ruleKit';

/* ECS cluster monitoring and service exposure, beyond the container
 * definition rules of ecs.ts. */

function containerInsights(ctx: RuleContext, cluster: Resource, keys: { list: string; name: string; value: string }, tf: boolean): Verdict[] {
  const items: MapValue[] = tf ? blocks(cluster.body, keys.list) : (() => {
    const v = setting(cluster, [keys.list]).value;
    return v?.kind === 'list' ? v.items.filter((i): i is MapValue => i.kind === 'map') : [];
  })();
  if (items.some((i) => i.block === 'dynamic')) return [{ status: 'cannot-tell', reason: `${keys.list} is written as a dynamic block, whose items SRM Lens cannot enumerate`, range: setting(cluster, [keys.list]).range }];
  const unsure: string[] = [];
  for (const item of items) {
    const name = judge(ctx, getEntry(item, keys.name)?.value, (v) => (v.kind === 'string' ? v.value === 'containerInsights' : undefined));
    if (name.outcome === 'unknown') unsure.push(name.reason);
    if (name.outcome !== 'secure') continue;
    const value = getEntry(item, keys.value);
    const on = judge(ctx, value?.value, (v) => (v.kind === 'string' ? ['enabled', 'enhanced'].includes(v.value) : undefined));
    if (on.outcome === 'secure') return [{ status: 'met', evidence: 'Container Insights is on', range: item.range }];
    if (on.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `containerInsights: ${on.reason}`, range: item.range }];
    return [{ status: 'gap', message: 'Container Insights is off for this cluster.', range: value?.keyRange ?? item.range }];
  }
  if (unsure.length) return [{ status: 'cannot-tell', reason: `a cluster setting name cannot be evaluated: ${unsure[0]}`, range: setting(cluster, [keys.list]).range }];
  return [{ status: 'gap', message: 'Container Insights is not turned on for this cluster (unless the account default turns it on for new clusters).', range: setting(cluster, [keys.list]).range }];
}

export const ecsContainerInsights = defineRule({
  id: 'ecs-cluster-container-insights',
  title: 'ECS cluster collects Container Insights metrics',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['ECS.12'] },
  docs: {
    why: 'Container Insights records task and container metrics and events; without it, a crash loop or a task started by an intruder shows up in nothing but the bill.',
    owner: 'Customer: Container Insights is a cluster setting, off unless the cluster or the account default turns it on.',
    fix: 'No automatic fix (the list of cluster settings is edited by hand): add ClusterSettings [{ Name: containerInsights, Value: enabled }] (setting { name = "containerInsights", value = "enabled" }).',
    mayBreak: 'Nothing; metrics are billed by CloudWatch.',
  },
  cloudformation: { types: ['AWS::ECS::Cluster'], fixable: false, check: (c, ctx) => containerInsights(ctx, c, { list: 'ClusterSettings', name: 'Name', value: 'Value' }, false) },
  terraform: { types: ['aws_ecs_cluster'], fixable: false, check: (c, ctx) => containerInsights(ctx, c, { list: 'setting', name: 'name', value: 'value' }, true) },
});

export const ecsServiceNoPublicIp = defineRule({
  id: 'ecs-service-no-public-ip',
  title: 'ECS service does not assign public IP addresses to its tasks',
  aspect: 'network-exposure',
  severity: 'warning',
  references: { securityHub: ['ECS.2'] },
  docs: {
    why: 'A task with a public IP address is reachable from the internet on every port its security group opens, without a load balancer in front.',
    owner: 'Customer: tasks get a public IP only when the service asks for it (AssignPublicIp ENABLED).',
    fix: 'Sets AssignPublicIp (assign_public_ip) to DISABLED / false, which changes how tasks reach the internet.',
    mayBreak: 'Tasks in public subnets without a NAT gateway or VPC endpoints can no longer pull images or reach AWS APIs.',
  },
  cloudformation: {
    types: ['AWS::ECS::Service'],
    check: (s, ctx) => checkSetting(s, ctx, { path: ['NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'], isSecure: (v) => (v.kind === 'string' ? v.value !== 'ENABLED' : undefined), whenAbsent: 'met', gap: 'Tasks get public IP addresses (AssignPublicIp: ENABLED).', met: 'tasks get no public IP address', fix: { title: 'Stop assigning public IPs (AssignPublicIp: DISABLED; tasks need a NAT gateway or VPC endpoints)', value: 'DISABLED' } }),
  },
  terraform: {
    types: ['aws_ecs_service'],
    check: (s, ctx) => checkSetting(s, ctx, { path: ['network_configuration', 'assign_public_ip'], isSecure: (v) => (v.kind === 'bool' ? !v.value : v.kind === 'string' ? v.value.toLowerCase() !== 'true' : undefined), whenAbsent: 'met', gap: 'Tasks get public IP addresses (assign_public_ip = true).', met: 'tasks get no public IP address', fix: { title: 'Stop assigning public IPs (assign_public_ip = false; tasks need a NAT gateway or VPC endpoints)', value: false } }),
  },
});

export const ECS_OPERATIONS_RULES = [ecsContainerInsights, ecsServiceNoPublicIp];
