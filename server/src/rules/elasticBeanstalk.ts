import type { Resource } from '../model/document';
import { getEntry, type MapValue } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { blocks, defineRule, judge, setting } from './ruleKit';

/**
 * Elastic Beanstalk settings are option settings (namespace, name, value)
 * on the environment, or on a configuration template it names. Settings in
 * the application bundle (.ebextensions) or a saved configuration are
 * outside the template, so a missing option is reported with that caveat.
 */

interface OptionRead {
  value?: MapValue;
  valueKey: string;
  range: ReturnType<typeof setting>['range'];
  unknown?: string;
}

function optionsOf(ctx: RuleContext, env: Resource): { items: MapValue[]; keys: { ns: string; name: string; value: string }; unknown?: string } {
  if (env.format === 'terraform' || env.format === 'terraform-json') {
    return { items: blocks(env.body, 'setting'), keys: { ns: 'namespace', name: 'name', value: 'value' } };
  }
  const keys = { ns: 'Namespace', name: 'OptionName', value: 'Value' };
  const own = setting(env, ['OptionSettings']).value;
  const items = own?.kind === 'list' ? own.items.filter((i): i is MapValue => i.kind === 'map') : [];
  const template = setting(env, ['TemplateName']);
  if (template.entry) {
    const r = ctx.model.resolve(template.value);
    if (r.status === 'resource') {
      const theirs = setting(r.resource, ['OptionSettings']).value;
      if (theirs?.kind === 'list') items.push(...theirs.items.filter((i): i is MapValue => i.kind === 'map'));
    } else return { items, keys, unknown: 'the environment uses a configuration template defined outside this template' };
  }
  return { items, keys };
}

function findOption(ctx: RuleContext, env: Resource, namespace: string, name: string): OptionRead & { keys: { value: string } } {
  const { items, keys, unknown: outside } = optionsOf(ctx, env);
  const unknown = outside ?? (items.some((i) => i.block === 'dynamic') ? 'some settings come from a dynamic block, whose items SRM Lens cannot enumerate' : undefined);
  for (const item of items) {
    const ns = ctx.model.resolve(getEntry(item, keys.ns)?.value);
    const n = ctx.model.resolve(getEntry(item, keys.name)?.value);
    if (ns.status === 'known' && ns.value.kind === 'string' && ns.value.value === namespace && n.status === 'known' && n.value.kind === 'string' && n.value.value === name) {
      return { value: item, valueKey: keys.value, range: item.range, keys };
    }
  }
  return { valueKey: keys.value, range: env.idRange, unknown, keys };
}

function optionVerdicts(ctx: RuleContext, env: Resource, namespace: string, name: string, isSecure: (text: string) => boolean, gap: string, met: string): Verdict[] {
  const found = findOption(ctx, env, namespace, name);
  if (!found.value) {
    if (found.unknown) return [{ status: 'cannot-tell', reason: `${namespace} ${name}: ${found.unknown}`, range: env.idRange }];
    return [{ status: 'gap', message: `${gap} (${namespace} ${name} is not set in the template; an .ebextensions file in the application bundle may set it)`, range: env.idRange }];
  }
  const v = getEntry(found.value, found.valueKey);
  const j = judge(ctx, v?.value, (x) => (x.kind === 'string' || x.kind === 'bool' ? isSecure(String(x.value)) : undefined));
  if (j.outcome === 'secure') return [{ status: 'met', evidence: met, range: found.range }];
  if (j.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${namespace} ${name}: ${j.reason}`, range: found.range }];
  return [{ status: 'gap', message: gap, range: v?.keyRange ?? found.range }];
}

const ENV_CFN = ['AWS::ElasticBeanstalk::Environment'];
const ENV_TF = ['aws_elastic_beanstalk_environment'];
const isTrue = (t: string) => t.trim().toLowerCase() === 'true';

export const beanstalkManagedUpdates = defineRule({
  id: 'elasticbeanstalk-environment-managed-updates',
  title: 'Elastic Beanstalk environment applies managed platform updates',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['ElasticBeanstalk.2'] },
  docs: {
    why: 'Platform versions carry operating system and runtime patches; without managed updates, the instances keep the platform version they were launched with until someone updates it.',
    owner: 'Shared: AWS publishes patched platform versions; applying them (managed updates in a weekly window, or by hand) is the customer\'s.',
    fix: 'No automatic fix: set the option aws:elasticbeanstalk:managedactions ManagedActionsEnabled to true with a PreferredStartTime, and aws:elasticbeanstalk:managedactions:platformupdate UpdateLevel (minor or patch); managed updates need enhanced health reporting.',
    mayBreak: 'Updates replace instances in the maintenance window.',
  },
  cloudformation: { types: ENV_CFN, fixable: false, check: (e, ctx) => optionVerdicts(ctx, e, 'aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', isTrue, 'Managed platform updates are off', 'managed platform updates are on') },
  terraform: { types: ENV_TF, fixable: false, check: (e, ctx) => optionVerdicts(ctx, e, 'aws:elasticbeanstalk:managedactions', 'ManagedActionsEnabled', isTrue, 'Managed platform updates are off', 'managed platform updates are on') },
});

export const beanstalkEnhancedHealth = defineRule({
  id: 'elasticbeanstalk-environment-enhanced-health',
  title: 'Elastic Beanstalk environment uses enhanced health reporting',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['ElasticBeanstalk.1'] },
  docs: {
    why: 'Enhanced health reporting watches instance and application metrics, so failures and anomalies show up before users report them; managed updates also depend on it.',
    owner: 'Customer: the health reporting system is an option of the environment.',
    fix: 'No automatic fix: set the option aws:elasticbeanstalk:healthreporting:system SystemType to enhanced (the instance profile needs the Elastic Beanstalk enhanced health permissions).',
    mayBreak: 'Nothing.',
  },
  cloudformation: { types: ENV_CFN, fixable: false, check: (e, ctx) => optionVerdicts(ctx, e, 'aws:elasticbeanstalk:healthreporting:system', 'SystemType', (t) => t.trim().toLowerCase() === 'enhanced', 'Health reporting is basic', 'enhanced health reporting is on') },
  terraform: { types: ENV_TF, fixable: false, check: (e, ctx) => optionVerdicts(ctx, e, 'aws:elasticbeanstalk:healthreporting:system', 'SystemType', (t) => t.trim().toLowerCase() === 'enhanced', 'Health reporting is basic', 'enhanced health reporting is on') },
});

export const beanstalkLogStreaming = defineRule({
  id: 'elasticbeanstalk-environment-log-streaming',
  title: 'Elastic Beanstalk environment streams instance logs to CloudWatch Logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: {},
  docs: {
    why: 'Instance logs stay on instances that Elastic Beanstalk replaces during scaling and updates; streaming keeps them after the instance is gone.',
    owner: 'Customer: log streaming is an option of the environment, off by default.',
    fix: 'No automatic fix: set the option aws:elasticbeanstalk:cloudwatch:logs StreamLogs to true (and RetentionInDays).',
    mayBreak: 'Nothing; logs are billed by CloudWatch Logs.',
  },
  cloudformation: { types: ENV_CFN, fixable: false, check: (e, ctx) => optionVerdicts(ctx, e, 'aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', isTrue, 'Instance logs are not streamed to CloudWatch Logs', 'instance logs are streamed') },
  terraform: { types: ENV_TF, fixable: false, check: (e, ctx) => optionVerdicts(ctx, e, 'aws:elasticbeanstalk:cloudwatch:logs', 'StreamLogs', isTrue, 'Instance logs are not streamed to CloudWatch Logs', 'instance logs are streamed') },
});

export const ELASTICBEANSTALK_RULES = [beanstalkManagedUpdates, beanstalkEnhancedHealth, beanstalkLogStreaming];
