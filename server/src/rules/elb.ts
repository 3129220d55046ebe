import { hclBlock, hclBodyLines } from '../edit/hclEdits';
import { layoutOf } from '../edit/sourceLayout';
import type { Resource } from '../model/document';
import { asList, asMap, getEntry, getValue, type ListValue, type MapValue, type Value } from '../model/value';
import type { Fix, RuleContext, Verdict } from './rule';
import { appendToList, ask, assignment, blockEntries, dynamicOnPath, fixInItem, isUnknown, items, referenced, textOf } from './itemKit';
import { checkSetting, defineRule, documentOf, fixSet, is, setting } from './ruleKit';

/*
 * Elastic Load Balancing: Application, Network and Gateway Load Balancers
 * (elasticloadbalancingv2) and, where it costs little, Classic Load
 * Balancers. AWS runs the load balancer; which protocols it accepts, what it
 * logs and how strictly it parses HTTP are the customer's settings.
 */

export const LB_CFN = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
export const LB_TF = ['aws_lb', 'aws_alb'];
const LISTENER_CFN = 'AWS::ElasticLoadBalancingV2::Listener';
const LISTENER_TF = ['aws_lb_listener', 'aws_alb_listener'];
const CLASSIC_CFN = 'AWS::ElasticLoadBalancing::LoadBalancer';
const CLASSIC_TF = 'aws_elb';

type Kind = 'application' | 'network' | 'gateway';

/** A load balancer's type; both CloudFormation and Terraform default to an Application Load Balancer. */
function kindOf(ctx: RuleContext, lb: Resource): { kind: Kind } | { unknown: string } {
  const key = lb.type === LB_CFN ? 'Type' : 'load_balancer_type';
  const t = textOf(ctx, setting(lb, [key]).value);
  if ('unknown' in t) return { unknown: `${key}: ${t.unknown}` };
  const kind = ('text' in t ? t.text : 'application').toLowerCase();
  return kind === 'network' || kind === 'gateway' ? { kind } : { kind: 'application' };
}

function loadBalancerOf(ctx: RuleContext, listener: Resource): Resource | undefined {
  const target = referenced(ctx, setting(listener, [listener.type === LISTENER_CFN ? 'LoadBalancerArn' : 'load_balancer_arn']).value);
  return 'resource' in target ? target.resource : undefined;
}

/** The listener's protocol in upper case; when unset, the default of its load balancer's type. */
function protocolOf(ctx: RuleContext, listener: Resource): { protocol: string } | { unknown: string } {
  const key = listener.type === LISTENER_CFN ? 'Protocol' : 'protocol';
  const t = textOf(ctx, setting(listener, [key]).value);
  if ('text' in t) return { protocol: t.text.toUpperCase() };
  if ('unknown' in t) return { unknown: `${key}: ${t.unknown}` };
  const lb = loadBalancerOf(ctx, listener);
  if (!lb) return { unknown: `${key} is not set and the load balancer is not in this template` };
  const kind = kindOf(ctx, lb);
  if ('unknown' in kind) return kind;
  return { protocol: kind.kind === 'application' ? 'HTTP' : kind.kind === 'network' ? 'TCP' : 'GENEVE' };
}

// ------------------------------------------------------------- TLS policy

/** Policies that accept nothing older than TLS 1.2; every other predefined ELB policy still allows TLS 1.0 or 1.1. */
const CURRENT_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/;
const RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

function tlsPolicy(listener: Resource, ctx: RuleContext): Verdict[] {
  const protocol = protocolOf(ctx, listener);
  if ('unknown' in protocol) return [{ status: 'cannot-tell', reason: protocol.unknown, range: listener.idRange }];
  if (protocol.protocol !== 'HTTPS' && protocol.protocol !== 'TLS') return [{ status: 'not-applicable', reason: `a ${protocol.protocol} listener does not terminate TLS` }];
  const key = listener.type === LISTENER_CFN ? 'SslPolicy' : 'ssl_policy';
  return checkSetting(listener, ctx, {
    path: [key],
    isSecure: (v) => (v.kind === 'string' ? (CURRENT_POLICY.test(v.value) ? true : v.value.startsWith('ELBSecurityPolicy-') ? false : undefined) : undefined),
    whenAbsent: 'gap',
    gap: `The ${protocol.protocol} listener accepts TLS 1.0 and 1.1: ${setting(listener, [key]).entry ? 'its security policy allows them' : `without ${key}, AWS applies ELBSecurityPolicy-2016-08`}.`,
    met: 'the security policy accepts TLS 1.2 or later only',
    fix: { title: `Use a TLS 1.2+ security policy (${assignment(listener, key, RECOMMENDED_POLICY)})`, value: RECOMMENDED_POLICY },
  });
}

export const elbListenerTlsPolicy = defineRule({
  id: 'elb-listener-tls-policy',
  title: 'HTTPS and TLS listeners use a security policy without TLS 1.0 and 1.1',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['ELB.17'], checkov: ['CKV_AWS_103'] },
  docs: {
    why: 'TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by PCI DSS or modern browsers; a listener that still offers them lets a downgrade put traffic at risk.',
    owner: 'Shared: AWS maintains the predefined policies and the TLS implementation; choosing the policy for each listener is the customer\'s.',
    fix: `Sets SslPolicy (ssl_policy) to ${RECOMMENDED_POLICY}, which offers TLS 1.3 and 1.2 with forward-secret ciphers.`,
    mayBreak: 'Clients that only speak TLS 1.0 or 1.1 (very old browsers, Java 7, embedded devices) can no longer connect.',
  },
  cloudformation: { types: [LISTENER_CFN], check: tlsPolicy },
  terraform: { types: LISTENER_TF, check: tlsPolicy },
});

// -------------------------------------------------------- HTTP to HTTPS

/** Whether an action map redirects to HTTPS (CloudFormation and Terraform spell the keys differently). */
function redirectsToHttps(ctx: RuleContext, action: MapValue, cfn: boolean): boolean | { unknown: string } {
  const type = textOf(ctx, getValue(action, cfn ? 'Type' : 'type'));
  if ('unknown' in type) return { unknown: `the action type: ${type.unknown}` };
  if (!('text' in type) || type.text !== 'redirect') return false;
  const config = asMap(getValue(action, cfn ? 'RedirectConfig' : 'redirect'));
  const protocol = textOf(ctx, getValue(config, cfn ? 'Protocol' : 'protocol'));
  if ('unknown' in protocol) return { unknown: `the redirect protocol: ${protocol.unknown}` };
  return 'text' in protocol && protocol.text.toUpperCase() === 'HTTPS';
}

/** The port of an HTTPS listener on the same load balancer, so the redirect lands where TLS is served. */
function httpsPort(ctx: RuleContext, listener: Resource): string {
  const lb = loadBalancerOf(ctx, listener);
  const siblings = lb ? ctx.model.referencesTo(lb).map((r) => r.from).filter((r) => r !== listener && (r.type === LISTENER_CFN || LISTENER_TF.includes(r.type))) : [];
  for (const s of siblings) {
    const p = protocolOf(ctx, s);
    if ('protocol' in p && p.protocol === 'HTTPS') {
      const port = textOf(ctx, setting(s, [s.type === LISTENER_CFN ? 'Port' : 'port']).value);
      if ('text' in port) return port.text;
    }
  }
  return '443';
}

/** Terraform: the single default_action block replaced by a redirect; several actions are the user's to rearrange. */
function tfRedirectFix(ctx: RuleContext, listener: Resource, port: string, title: string): Fix[] {
  const doc = documentOf(ctx, listener);
  const entries = blockEntries(listener.body, 'default_action');
  if (!doc || doc.format !== 'terraform' || entries.length !== 1 || asMap(entries[0].value)?.block !== 'block') return [];
  const layout = layoutOf(doc);
  const entry = entries[0];
  const indent = layout.indentOf(entry.keyRange.start.line);
  const body = hclBodyLines({ type: 'redirect', redirect: hclBlock({ port, protocol: 'HTTPS', status_code: 'HTTP_301' }) }, indent + layout.unit, layout.unit);
  const newText = `default_action {${layout.eol}${body.join(layout.eol)}${layout.eol}${indent}}`;
  return [{ title, edits: [{ uri: doc.uri, range: { start: entry.keyRange.start, end: layout.trimEnd(entry.value.range) }, newText }], preferred: true }];
}

function httpRedirect(listener: Resource, ctx: RuleContext): Verdict[] {
  const protocol = protocolOf(ctx, listener);
  if ('unknown' in protocol) return [{ status: 'cannot-tell', reason: protocol.unknown, range: listener.idRange }];
  if (protocol.protocol !== 'HTTP') return [{ status: 'not-applicable', reason: `a ${protocol.protocol} listener` }];
  const cfn = listener.type === LISTENER_CFN;
  const key = cfn ? 'DefaultActions' : 'default_action';
  const s = setting(listener, [key]);
  let actions: MapValue[];
  if (cfn) {
    const list = items(ctx, s.value);
    if (!('maps' in list)) return [{ status: 'cannot-tell', reason: `${key}: ${list.unknown}`, range: s.range }];
    if (list.unknown.length) return [{ status: 'cannot-tell', reason: `${key}: ${list.unknown[0].reason}`, range: list.unknown[0].range }];
    actions = list.maps;
  } else {
    const entries = blockEntries(listener.body, key);
    if (entries.some((e) => asMap(e.value)?.block === 'dynamic')) return [{ status: 'cannot-tell', reason: 'the default actions are built by a dynamic block', range: s.range }];
    actions = entries.map((e) => asMap(e.value)).filter((m): m is MapValue => m !== undefined);
  }
  for (const action of actions) {
    const r = redirectsToHttps(ctx, action, cfn);
    if (r === true) return [{ status: 'met', evidence: 'plain HTTP requests are redirected to HTTPS', range: s.range }];
    if (typeof r === 'object') return [{ status: 'cannot-tell', reason: r.unknown, range: s.range }];
  }
  const port = httpsPort(ctx, listener);
  const title = `Redirect HTTP to HTTPS on port ${port} (301)`;
  const fixes = cfn ? fixSet(ctx, listener, [key], [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: port, StatusCode: 'HTTP_301' } }], title) : tfRedirectFix(ctx, listener, port, title);
  return [{ status: 'gap', message: 'The HTTP listener serves requests in plain text instead of redirecting them to HTTPS.', range: s.range, fixes }];
}

/**
 * The load balancer's view of its HTTP listeners, so its own row of the
 * matrix is not blank: a gap when one of them serves plain HTTP. The fix
 * stays on the listener; this verdict points there.
 */
function lbHttpRedirect(lb: Resource, ctx: RuleContext): Verdict[] {
  const kind = kindOf(ctx, lb);
  if (!('unknown' in kind) && kind.kind !== 'application') return [{ status: 'not-applicable', reason: `a ${kind.kind} load balancer has no HTTP listeners` }];
  const property = lb.type === LB_CFN ? 'LoadBalancerArn' : 'load_balancer_arn';
  const listeners = ctx.model.referencesTo(lb).filter((r) => (r.from.type === LISTENER_CFN || LISTENER_TF.includes(r.from.type)) && r.property === property).map((r) => r.from);
  const unique = [...new Map(listeners.map((l) => [l.id, l])).values()];
  if (!unique.length) return [{ status: 'cannot-tell', reason: `no listener in this ${ctx.model.isCloudFormation ? 'template' : 'module'} refers to this load balancer`, range: lb.idRange }];
  const verdicts = unique.map((listener) => ({ listener, verdict: httpRedirect(listener, ctx)[0] }));
  const plain = verdicts.filter((v) => v.verdict?.status === 'gap');
  if (plain.length) {
    return [{
      status: 'gap',
      message: `HTTP ${plain.length === 1 ? 'listener' : 'listeners'} ${plain.map((p) => p.listener.id).join(', ')} ${plain.length === 1 ? 'serves' : 'serve'} requests in plain text instead of redirecting them to HTTPS.`,
      range: lb.idRange,
      related: plain.map((p) => ({ uri: p.listener.uri, range: p.listener.idRange, message: 'this listener does not redirect HTTP to HTTPS' })),
    }];
  }
  const unsure = verdicts.filter((v) => v.verdict?.status === 'cannot-tell');
  if (unsure.length) return [{ status: 'cannot-tell', reason: `${unsure[0].listener.id}: ${unsure[0].verdict.status === 'cannot-tell' ? unsure[0].verdict.reason : ''}`, range: lb.idRange }];
  return [{ status: 'met', evidence: 'every HTTP listener of this load balancer redirects to HTTPS', range: lb.idRange }];
}

export const elbHttpRedirect = defineRule({
  id: 'elb-http-redirects-to-https',
  title: 'HTTP listeners redirect to HTTPS',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  // CKV_AWS_103 fails HTTP listeners that do not redirect to HTTPS; ELB.1 and CKV2_AWS_20 report on the load balancer.
  references: { securityHub: ['ELB.1'], checkov: ['CKV_AWS_2', 'CKV_AWS_103', 'CKV2_AWS_20'] },
  docs: {
    why: 'A listener that answers plain HTTP lets cookies, tokens and form data cross the network unencrypted; redirecting moves every client onto TLS after its first request.',
    owner: 'Customer: the load balancer carries whatever listeners the customer defines; AWS does not redirect on its own.',
    fix: 'Replaces the listener\'s default action with a permanent (301) redirect to HTTPS, on the port of an HTTPS listener of the same load balancer when the template has one, otherwise 443.',
    mayBreak: 'Clients or health checks that must use plain HTTP, and set-ups where no HTTPS listener exists yet (add one first). Listener rules that forward HTTP paths keep doing so.',
  },
  cloudformation: { types: [LISTENER_CFN, LB_CFN], check: (r, ctx) => (r.type === LB_CFN ? lbHttpRedirect(r, ctx) : httpRedirect(r, ctx)) },
  terraform: { types: [...LISTENER_TF, ...LB_TF], check: (r, ctx) => (LB_TF.includes(r.type) ? lbHttpRedirect(r, ctx) : httpRedirect(r, ctx)) },
});

// ----------------------------------------------- load balancer attributes

interface Attribute {
  /** The whole LoadBalancerAttributes list, when written in the resource. */
  list?: ListValue;
  /** The `{ Key, Value }` item for the key, when present. */
  item?: MapValue;
  value?: Value;
  unknown?: string;
}

/** One key of CloudFormation's LoadBalancerAttributes list. */
function attribute(ctx: RuleContext, lb: Resource, key: string): Attribute {
  const s = setting(lb, ['LoadBalancerAttributes']);
  if (!s.entry) return {};
  const list = items(ctx, s.value);
  if (!('maps' in list)) return { unknown: `LoadBalancerAttributes: ${list.unknown}` };
  for (const item of list.maps) {
    const k = textOf(ctx, getValue(item, 'Key'));
    if ('text' in k && k.text === key) return { list: asList(s.value), item, value: getValue(item, 'Value') };
  }
  if (list.unknown.length) return { list: asList(s.value), unknown: `LoadBalancerAttributes: ${list.unknown[0].reason}` };
  return { list: asList(s.value) };
}

/** A boolean attribute that must be "true", with the fix that writes it wherever the list stands. */
export function cfnAttributeTrue(ctx: RuleContext, lb: Resource, key: string, messages: { gap: string; met: string }, fixTitle?: string): Verdict[] {
  const a = attribute(ctx, lb, key);
  const range = setting(lb, ['LoadBalancerAttributes']).range;
  if (a.item) {
    const answer = ask(ctx, a.value, is.true, false);
    if (isUnknown(answer)) return [{ status: 'cannot-tell', reason: `${key}: ${answer.unknown}`, range: a.item.range }];
    if (answer) return [{ status: 'met', evidence: messages.met, range: a.item.range }];
    return [{ status: 'gap', message: messages.gap, range: a.item.range, fixes: fixTitle ? fixInItem(ctx, lb, a.item, ['Value'], 'true', fixTitle) : [] }];
  }
  if (a.unknown) return [{ status: 'cannot-tell', reason: a.unknown, range }];
  // A list that is not written out (a parameter, a condition) is never overwritten by a fix.
  const written = setting(lb, ['LoadBalancerAttributes']).entry;
  const fixes = !fixTitle ? [] : a.list ? appendToList(ctx, lb, a.list, { Key: key, Value: 'true' }, fixTitle) : written ? [] : fixSet(ctx, lb, ['LoadBalancerAttributes'], [{ Key: key, Value: 'true' }], fixTitle);
  return [{ status: 'gap', message: messages.gap, range, fixes }];
}

/** Runs `check` for the load balancer kinds a setting exists for. */
export function forKinds(ctx: RuleContext, lb: Resource, kinds: Kind[], check: () => Verdict[]): Verdict[] {
  const kind = kindOf(ctx, lb);
  if ('unknown' in kind) return [{ status: 'cannot-tell', reason: kind.unknown, range: lb.idRange }];
  if (!kinds.includes(kind.kind)) return [{ status: 'not-applicable', reason: `a ${kind.kind} load balancer` }];
  return check();
}

const DROP_HEADERS = 'routing.http.drop_invalid_header_fields.enabled';

export const elbDropInvalidHeaders = defineRule({
  id: 'elb-alb-drop-invalid-headers',
  title: 'Application Load Balancer drops invalid HTTP header fields',
  aspect: 'data-integrity',
  severity: 'warning',
  references: { securityHub: ['ELB.4'], checkov: ['CKV_AWS_131'] },
  docs: {
    why: 'Header fields that do not follow the HTTP grammar are a tool for request smuggling: the load balancer and the application read the request differently, and an attacker slips a second request past the rules.',
    owner: 'Customer: the ALB forwards invalid headers by default; dropping them is an attribute the customer sets.',
    fix: `Sets the load balancer attribute ${DROP_HEADERS} to true (drop_invalid_header_fields = true in Terraform).`,
    mayBreak: 'Clients that send header names with characters outside letters, digits and hyphens (some legacy or hand-rolled clients) lose those headers.',
  },
  cloudformation: {
    types: [LB_CFN],
    check: (lb, ctx) =>
      forKinds(ctx, lb, ['application'], () =>
        cfnAttributeTrue(ctx, lb, DROP_HEADERS, { gap: 'Invalid HTTP header fields are forwarded to the targets.', met: 'invalid header fields are dropped' }, `Drop invalid header fields (${DROP_HEADERS}: "true")`),
      ),
  },
  terraform: {
    types: LB_TF,
    check: (lb, ctx) =>
      forKinds(ctx, lb, ['application'], () =>
        checkSetting(lb, ctx, {
          path: ['drop_invalid_header_fields'],
          isSecure: is.true,
          whenAbsent: 'gap',
          gap: 'Invalid HTTP header fields are forwarded to the targets.',
          met: 'invalid header fields are dropped',
          fix: { title: 'Drop invalid header fields (drop_invalid_header_fields = true)', value: true },
        }),
      ),
  },
});

// ------------------------------------------------------------ access logs

function classicAccessLogs(lb: Resource, ctx: RuleContext): Verdict[] {
  const cfn = lb.type === CLASSIC_CFN;
  const block = setting(lb, [cfn ? 'AccessLoggingPolicy' : 'access_logs']);
  if (!cfn && dynamicOnPath(lb, ['access_logs'])) return [{ status: 'cannot-tell', reason: 'access_logs is built by a dynamic block', range: block.range }];
  if (!block.entry) return [{ status: 'gap', message: 'Access logging is not configured for this Classic Load Balancer.', range: lb.idRange }];
  // CloudFormation requires Enabled; Terraform's access_logs block is on unless it says otherwise.
  const enabled = getEntry(asMap(block.value), cfn ? 'Enabled' : 'enabled');
  const answer = ask(ctx, enabled?.value, is.true, !cfn);
  if (isUnknown(answer)) return [{ status: 'cannot-tell', reason: `access logging: ${answer.unknown}`, range: enabled?.keyRange ?? block.range }];
  if (answer) return [{ status: 'met', evidence: 'access logs are delivered to S3', range: block.range }];
  return [{ status: 'gap', message: 'Access logging is turned off for this Classic Load Balancer.', range: enabled?.keyRange ?? block.range }];
}

export const elbAccessLogs = defineRule({
  id: 'elb-access-logs',
  title: 'Load balancer writes access logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['ELB.5'], checkov: ['CKV_AWS_91', 'CKV_AWS_92'] },
  docs: {
    why: 'Access logs record every request with its client address, path, status and TLS details: the evidence an investigation of an attack through the load balancer needs.',
    owner: 'Customer: Elastic Load Balancing delivers the logs only when the customer turns them on and names a bucket.',
    fix: 'No automatic fix: access logs need an S3 bucket whose policy lets Elastic Load Balancing write to it, a decision only the team can make. Turn on access_logs.s3.enabled with access_logs.s3.bucket (access_logs { bucket, enabled = true } in Terraform).',
  },
  cloudformation: {
    types: [LB_CFN, CLASSIC_CFN],
    fixable: false,
    check: (lb, ctx) =>
      lb.type === CLASSIC_CFN
        ? classicAccessLogs(lb, ctx)
        : forKinds(ctx, lb, ['application', 'network'], () => cfnAttributeTrue(ctx, lb, 'access_logs.s3.enabled', { gap: 'Access logging is not turned on (access_logs.s3.enabled).', met: 'access logs are delivered to S3' })),
  },
  terraform: {
    types: [...LB_TF, CLASSIC_TF],
    fixable: false,
    check: (lb, ctx) => {
      if (lb.type === CLASSIC_TF) return classicAccessLogs(lb, ctx);
      return forKinds(ctx, lb, ['application', 'network'], () => {
        if (dynamicOnPath(lb, ['access_logs'])) return [{ status: 'cannot-tell', reason: 'access_logs is built by a dynamic block', range: setting(lb, ['access_logs']).range }];
        const enabled = setting(lb, ['access_logs', 'enabled']);
        const answer = ask(ctx, enabled.value, is.true, false);
        if (isUnknown(answer)) return [{ status: 'cannot-tell', reason: `access_logs.enabled: ${answer.unknown}`, range: enabled.range }];
        if (answer) return [{ status: 'met', evidence: 'access logs are delivered to S3', range: enabled.range }];
        const message = setting(lb, ['access_logs']).entry ? 'Access logging is off: access_logs names a bucket but enabled is not true (it defaults to false).' : 'Access logging is not configured (no access_logs block).';
        return [{ status: 'gap', message, range: enabled.range }];
      });
    },
  },
});

export const ELB_RULES = [elbListenerTlsPolicy, elbHttpRedirect, elbDropInvalidHeaders, elbAccessLogs];
