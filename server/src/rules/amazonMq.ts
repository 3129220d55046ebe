import { getEntry, type MapValue } from '../model/value';
import type { Resource } from '../model/document';
import { valueVerdicts } from './plaintextSecret';
import type { RuleContext, Verdict } from './rule';
import { blocks, checkSetting, defineRule, is, setting } from './ruleKit';

export const mqBrokerNotPublic = defineRule({
  id: 'mq-broker-not-public',
  title: 'Amazon MQ broker is not publicly accessible',
  aspect: 'network-exposure',
  severity: 'error',
  references: { checkov: ['CKV_AWS_69'] },
  docs: {
    why: 'A public broker has an internet-facing endpoint; only the broker users\' passwords stand between the internet and the queues.',
    owner: 'Customer: whether the broker is reachable from the internet is the customer\'s choice at creation.',
    fix: 'Sets PubliclyAccessible (publicly_accessible) to false.',
    mayBreak: 'Clients outside the VPC lose access; the broker is replaced.',
  },
  cloudformation: {
    types: ['AWS::AmazonMQ::Broker'],
    check: (b, ctx) => checkSetting(b, ctx, { path: ['PubliclyAccessible'], isSecure: is.false, whenAbsent: 'met', gap: 'The broker is publicly accessible.', met: 'the broker is private', fix: { title: 'Make the broker private (PubliclyAccessible: false; replaces it)', value: false } }),
  },
  terraform: {
    types: ['aws_mq_broker'],
    check: (b, ctx) => checkSetting(b, ctx, { path: ['publicly_accessible'], isSecure: is.false, whenAbsent: 'met', gap: 'The broker is publicly accessible.', met: 'the broker is private', fix: { title: 'Make the broker private (publicly_accessible = false; replaces it)', value: false } }),
  },
});

export const mqBrokerGeneralLogs = defineRule({
  id: 'mq-broker-logging',
  title: 'Amazon MQ broker sends its logs to CloudWatch Logs',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: {},
  docs: {
    why: 'Broker logs record connections and failures; without them, abuse of a broker cannot be investigated.',
    owner: 'Customer: Amazon MQ publishes logs only when the broker asks for them.',
    fix: 'Sets Logs General (logs { general = true }) to true. For ActiveMQ, consider Audit as well.',
    mayBreak: 'Nothing; logs are billed by CloudWatch Logs.',
  },
  cloudformation: {
    types: ['AWS::AmazonMQ::Broker'],
    check: (b, ctx) => checkSetting(b, ctx, { path: ['Logs', 'General'], isSecure: is.true, whenAbsent: 'gap', gap: 'General broker logs are not published.', met: 'general logs are published', fix: { title: 'Publish general logs (Logs General: true)', value: true } }),
  },
  terraform: {
    types: ['aws_mq_broker'],
    check: (b, ctx) => checkSetting(b, ctx, { path: ['logs', 'general'], isSecure: is.true, whenAbsent: 'gap', gap: 'General broker logs are not published.', met: 'general logs are published', fix: { title: 'Publish general logs (logs { general = true })', value: true } }),
  },
});

function autoMinor(b: Resource, ctx: RuleContext, key: string, title: string): Verdict[] {
  if (!setting(b, [key]).entry) return [{ status: 'cannot-tell', reason: `${key} is not set; Amazon MQ requires it for ActiveMQ 5.18 and RabbitMQ 3.13 and later, and its default for older versions is not documented`, range: b.idRange }];
  return checkSetting(b, ctx, { path: [key], isSecure: is.true, whenAbsent: 'gap', gap: 'Automatic minor version upgrades are turned off.', met: 'minor versions are upgraded automatically', fix: { title, value: true } });
}

export const mqBrokerAutoMinor = defineRule({
  id: 'mq-broker-auto-minor-version-upgrade',
  title: 'Amazon MQ broker takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['MQ.3'] },
  docs: {
    why: 'Minor broker versions carry security fixes; with automatic upgrades off, each waits for someone to apply it.',
    owner: 'Shared: AWS builds and applies broker versions in the maintenance window; the customer decides whether minor versions are applied automatically.',
    fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) to true.',
    mayBreak: 'The broker restarts in its maintenance window for each upgrade.',
  },
  cloudformation: { types: ['AWS::AmazonMQ::Broker'], check: (b, ctx) => autoMinor(b, ctx, 'AutoMinorVersionUpgrade', 'Upgrade minor versions automatically (AutoMinorVersionUpgrade: true)') },
  terraform: { types: ['aws_mq_broker'], check: (b, ctx) => autoMinor(b, ctx, 'auto_minor_version_upgrade', 'Upgrade minor versions automatically (auto_minor_version_upgrade = true)') },
});

function userPasswords(ctx: RuleContext, b: Resource, users: MapValue[], key: string): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const u of users) {
    if (u.block === 'dynamic') {
      verdicts.push({ status: 'cannot-tell', reason: 'broker users come from a dynamic block, whose items SRM Lens cannot enumerate', range: u.range });
      continue;
    }
    const p = getEntry(u, key);
    if (p) verdicts.push(...valueVerdicts(b, ctx, 'A broker user password', p.value, p.keyRange).filter((v) => v.status !== 'met'));
  }
  return verdicts.length ? verdicts : [{ status: 'met', evidence: 'no broker user password is written in plain text', range: b.idRange }];
}

export const mqBrokerNoPlaintextPassword = defineRule({
  id: 'mq-broker-no-plaintext-password',
  title: 'Amazon MQ broker user passwords are not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: {
    why: 'Broker user passwords are the only authentication of a simple-auth broker; written into the template they land in source control and every copy of the template, plan or state.',
    owner: 'Customer: Amazon MQ stores the passwords the customer supplies.',
    fix: 'No automatic fix: pass each password as a `{{resolve:secretsmanager:…}}` dynamic reference, a NoEcho parameter or a variable without default, and change the exposed passwords.',
  },
  cloudformation: {
    types: ['AWS::AmazonMQ::Broker'],
    fixable: false,
    check: (b, ctx) => {
      const users = setting(b, ['Users']).value;
      return userPasswords(ctx, b, users?.kind === 'list' ? users.items.filter((u): u is MapValue => u.kind === 'map') : [], 'Password');
    },
  },
  terraform: { types: ['aws_mq_broker'], fixable: false, check: (b, ctx) => userPasswords(ctx, b, blocks(b.body, 'user'), 'password') },
});

export const MQ_RULES = [mqBrokerNotPublic, mqBrokerGeneralLogs, mqBrokerAutoMinor, mqBrokerNoPlaintextPassword];
