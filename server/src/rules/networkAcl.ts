import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { MapValue, Value } from '../model/value';
import { getEntry } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { blocks, defineRule, setting } from './ruleKit';

/**
 * Network ACL entries that let the whole internet reach SSH (22) or RDP
 * (3389). A NACL is stateless and evaluated in rule-number order, so a
 * lower-numbered deny could shadow the allow; SRM Lens reports the allow
 * itself, as Security Hub EC2.21 does.
 */

const ADMIN_PORTS = [22, 3389];
const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];

type Lit = { known: string } | { absent: true } | { unknown: string };

function lit(ctx: RuleContext, value: Value | undefined): Lit {
  if (!value) return { absent: true };
  const r = ctx.model.resolve(value);
  if (r.status === 'absent') return { absent: true };
  if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number' || r.value.kind === 'bool')) return { known: String(r.value.value).trim() };
  return { unknown: r.status === 'unknown' ? r.reason : 'it is not a literal' };
}

interface EntryKeys {
  egress?: string;
  action: string;
  protocol: string;
  cidrs: string[];
  from: (m: MapValue) => Value | undefined;
  to: (m: MapValue) => Value | undefined;
}

const CFN_KEYS: EntryKeys = {
  egress: 'Egress',
  action: 'RuleAction',
  protocol: 'Protocol',
  cidrs: ['CidrBlock', 'Ipv6CidrBlock'],
  from: (m) => getEntry(asMapOf(getEntry(m, 'PortRange')?.value), 'From')?.value,
  to: (m) => getEntry(asMapOf(getEntry(m, 'PortRange')?.value), 'To')?.value,
};
const TF_RULE_KEYS: EntryKeys = { egress: 'egress', action: 'rule_action', protocol: 'protocol', cidrs: ['cidr_block', 'ipv6_cidr_block'], from: (m) => getEntry(m, 'from_port')?.value, to: (m) => getEntry(m, 'to_port')?.value };
const TF_INLINE_KEYS: EntryKeys = { action: 'action', protocol: 'protocol', cidrs: ['cidr_block', 'ipv6_cidr_block'], from: (m) => getEntry(m, 'from_port')?.value, to: (m) => getEntry(m, 'to_port')?.value };

function asMapOf(v: Value | undefined): MapValue | undefined {
  return v?.kind === 'map' ? v : v?.kind === 'list' && v.items.length === 1 && v.items[0].kind === 'map' ? v.items[0] : undefined;
}

/** true: opens an admin port to the internet; false: does not; string: why it cannot be told. */
function opensAdminPort(ctx: RuleContext, m: MapValue, keys: EntryKeys): { open: true; port: number; cidr: string } | { open: false } | { unknown: string } {
  if (keys.egress) {
    const egress = lit(ctx, getEntry(m, keys.egress)?.value);
    if ('unknown' in egress) return { unknown: `${keys.egress}: ${egress.unknown}` };
    if ('known' in egress && egress.known.toLowerCase() === 'true') return { open: false };
  }
  const action = lit(ctx, getEntry(m, keys.action)?.value);
  if ('unknown' in action) return { unknown: `${keys.action}: ${action.unknown}` };
  if (!('known' in action) || action.known.toLowerCase() !== 'allow') return { open: false };
  let cidr: string | undefined;
  for (const key of keys.cidrs) {
    const c = lit(ctx, getEntry(m, key)?.value);
    if ('unknown' in c) return { unknown: `${key}: ${c.unknown}` };
    if ('known' in c && OPEN_CIDRS.includes(c.known)) cidr = c.known;
  }
  if (!cidr) return { open: false };
  const protocol = lit(ctx, getEntry(m, keys.protocol)?.value);
  if ('unknown' in protocol) return { unknown: `${keys.protocol}: ${protocol.unknown}` };
  const p = 'known' in protocol ? protocol.known.toLowerCase() : '';
  if (p === '-1' || p === 'all') return { open: true, port: 22, cidr };
  if (!['6', '17', 'tcp', 'udp'].includes(p)) return { open: false };
  const from = lit(ctx, keys.from(m));
  const to = lit(ctx, keys.to(m));
  if ('unknown' in from) return { unknown: `from port: ${from.unknown}` };
  if ('unknown' in to) return { unknown: `to port: ${to.unknown}` };
  // Without a port range a TCP/UDP entry is rejected by EC2; treat it as covering nothing.
  if (!('known' in from) || !('known' in to)) return { open: false };
  const lo = Number(from.known);
  const hi = Number(to.known);
  const port = ADMIN_PORTS.find((x) => lo <= x && x <= hi);
  return port !== undefined ? { open: true, port, cidr } : { open: false };
}

function verdictFor(ctx: RuleContext, m: MapValue, keys: EntryKeys, range: Range, label: string): Verdict {
  const o = opensAdminPort(ctx, m, keys);
  if ('unknown' in o) return { status: 'cannot-tell', reason: o.unknown, range };
  if (o.open) return { status: 'gap', message: `${label} allows inbound traffic from ${o.cidr} to port ${o.port} (${o.port === 22 ? 'SSH' : 'RDP'}).`, range };
  return { status: 'met', evidence: `${label} does not open SSH or RDP to the internet`, range };
}

function inlineVerdicts(ctx: RuleContext, acl: Resource): Verdict[] {
  const ingress = blocks(acl.body, 'ingress');
  if (!ingress.length) return [{ status: 'not-applicable', reason: 'no inline ingress entries (separate aws_network_acl_rule resources are checked on their own)' }];
  const verdicts = ingress.map((m, i) => verdictFor(ctx, m, TF_INLINE_KEYS, m.range, `Ingress entry ${i + 1}`));
  const gaps = verdicts.filter((v) => v.status !== 'met');
  return gaps.length ? gaps : [verdicts[0]];
}

export const networkAclNoPublicAdminPorts = defineRule({
  id: 'ec2-network-acl-no-public-admin-ports',
  title: 'Network ACLs do not allow SSH or RDP from the internet',
  aspect: 'firewall',
  severity: 'warning',
  references: { securityHub: ['EC2.21'], checkov: ['CKV_AWS_231', 'CKV_AWS_232'] },
  docs: {
    why: 'A network ACL entry that allows 0.0.0.0/0 or ::/0 to port 22 or 3389 leaves remote administration of every instance in the subnet guarded only by security groups; one mistaken group rule exposes it.',
    owner: 'Customer: AWS enforces network ACLs as written; which sources they allow is the customer\'s network configuration.',
    fix: 'No automatic fix: the administration network (a VPN or office range) is a decision only the team can make. Narrow the CIDR, or use Session Manager and remove the entry. Entries are evaluated in rule-number order; a lower-numbered deny is not taken into account.',
    mayBreak: 'Administrators connecting from outside the narrowed range lose SSH or RDP access.',
  },
  cloudformation: {
    types: ['AWS::EC2::NetworkAclEntry'],
    fixable: false,
    check: (entry, ctx) => [verdictFor(ctx, entry.body, CFN_KEYS, setting(entry, ['CidrBlock']).range, 'This entry')],
  },
  terraform: {
    types: ['aws_network_acl_rule', 'aws_network_acl'],
    fixable: false,
    check: (r, ctx) => (r.type === 'aws_network_acl' ? inlineVerdicts(ctx, r) : [verdictFor(ctx, r.body, TF_RULE_KEYS, setting(r, ['cidr_block']).range, 'This rule')]),
  },
});

export const NETWORK_ACL_RULES = [networkAclNoPublicAdminPorts];
