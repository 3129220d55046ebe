import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { MapValue, Value } from '../model/value';
import { getEntry } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { blocks, defineRule, setting } from './ruleKit';

/**
 * Network ACL entries that let the whole internet reach SSH (22) or RDP
 * (3389). A NACL applies the first matching entry in rule-number order, so
 * a lower-numbered deny of the same ACL for the whole internet shadows the
 * allow; entries the template does not show (another stack's) cannot be
 * taken into account.
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
  number: string;
  egress?: string;
  action: string;
  protocol: string;
  cidrs: string[];
  from: (m: MapValue) => Value | undefined;
  to: (m: MapValue) => Value | undefined;
}

const CFN_KEYS: EntryKeys = {
  number: 'RuleNumber',
  egress: 'Egress',
  action: 'RuleAction',
  protocol: 'Protocol',
  cidrs: ['CidrBlock', 'Ipv6CidrBlock'],
  from: (m) => getEntry(asMapOf(getEntry(m, 'PortRange')?.value), 'From')?.value,
  to: (m) => getEntry(asMapOf(getEntry(m, 'PortRange')?.value), 'To')?.value,
};
const TF_RULE_KEYS: EntryKeys = { number: 'rule_number', egress: 'egress', action: 'rule_action', protocol: 'protocol', cidrs: ['cidr_block', 'ipv6_cidr_block'], from: (m) => getEntry(m, 'from_port')?.value, to: (m) => getEntry(m, 'to_port')?.value };
const TF_INLINE_KEYS: EntryKeys = { number: 'rule_no', action: 'action', protocol: 'protocol', cidrs: ['cidr_block', 'ipv6_cidr_block'], from: (m) => getEntry(m, 'from_port')?.value, to: (m) => getEntry(m, 'to_port')?.value };

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
  return matchesAdminPort(ctx, m, keys);
}

/** Whether an entry (allow or deny) covers an admin port for every internet address; `port` is the first covered. */
function matchesAdminPort(ctx: RuleContext, m: MapValue, keys: EntryKeys): { open: true; port: number; cidr: string } | { open: false } | { unknown: string } {
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

/**
 * An allow is shadowed when a lower-numbered ingress deny of the same ACL
 * covers the same port for the whole internet: NACLs apply the first
 * matching entry in rule-number order.
 */
function shadowedBy(ctx: RuleContext, m: MapValue, keys: EntryKeys, port: number, cidr: string, siblings: { map: MapValue; keys: EntryKeys }[]): string | undefined {
  const own = lit(ctx, getEntry(m, keys.number)?.value);
  if (!('known' in own)) return undefined;
  for (const s of siblings) {
    if (s.map === m) continue;
    const n = lit(ctx, getEntry(s.map, s.keys.number)?.value);
    if (!('known' in n) || Number(n.known) >= Number(own.known)) continue;
    if (s.keys.egress) {
      const egress = lit(ctx, getEntry(s.map, s.keys.egress)?.value);
      if ('known' in egress && egress.known.toLowerCase() === 'true') continue;
    }
    const action = lit(ctx, getEntry(s.map, s.keys.action)?.value);
    if (!('known' in action) || action.known.toLowerCase() !== 'deny') continue;
    const covers = s.keys.cidrs.some((k) => {
      const c = lit(ctx, getEntry(s.map, k)?.value);
      return 'known' in c && c.known === cidr;
    });
    if (!covers) continue;
    const p = matchesPort(ctx, s.map, s.keys, port);
    if (p) return n.known;
  }
  return undefined;
}

function matchesPort(ctx: RuleContext, m: MapValue, keys: EntryKeys, port: number): boolean {
  const protocol = lit(ctx, getEntry(m, keys.protocol)?.value);
  const p = 'known' in protocol ? protocol.known.toLowerCase() : '';
  if (p === '-1' || p === 'all') return true;
  if (!['6', 'tcp'].includes(p)) return false;
  const from = lit(ctx, keys.from(m));
  const to = lit(ctx, keys.to(m));
  return 'known' in from && 'known' in to && Number(from.known) <= port && port <= Number(to.known);
}

function verdictFor(ctx: RuleContext, m: MapValue, keys: EntryKeys, range: Range, label: string, siblings: { map: MapValue; keys: EntryKeys }[] = []): Verdict {
  const o = opensAdminPort(ctx, m, keys);
  if ('unknown' in o) return { status: 'cannot-tell', reason: o.unknown, range };
  if (o.open) {
    const other = ADMIN_PORTS.filter((x) => x !== o.port);
    const open = [o.port, ...other].filter((port) => matchesPort(ctx, m, keys, port) && !shadowedBy(ctx, m, keys, port, o.cidr, siblings));
    if (!open.length) return { status: 'met', evidence: `${label} allows the internet, but lower-numbered deny entries close SSH and RDP first`, range };
    const port = open[0];
    return { status: 'gap', message: `${label} allows inbound traffic from ${o.cidr} to port ${port} (${port === 22 ? 'SSH' : 'RDP'}).`, range };
  }
  return { status: 'met', evidence: `${label} does not open SSH or RDP to the internet`, range };
}

function inlineVerdicts(ctx: RuleContext, acl: Resource): Verdict[] {
  const ingress = blocks(acl.body, 'ingress');
  if (!ingress.length) return [{ status: 'not-applicable', reason: 'no inline ingress entries (separate aws_network_acl_rule resources are checked on their own)' }];
  const siblings = ingress.map((map) => ({ map, keys: TF_INLINE_KEYS }));
  const verdicts = ingress.map((m, i) => verdictFor(ctx, m, TF_INLINE_KEYS, m.range, `Ingress entry ${i + 1}`, siblings));
  const gaps = verdicts.filter((v) => v.status !== 'met');
  return gaps.length ? gaps : [verdicts[0]];
}

/** Other entries of the same ACL written as separate resources (CloudFormation NetworkAclEntry, aws_network_acl_rule). */
function siblingsOf(ctx: RuleContext, entry: Resource, aclKey: string, keys: EntryKeys): { map: MapValue; keys: EntryKeys }[] {
  const acl = ctx.model.resolve(setting(entry, [aclKey]).value);
  const same = (r: Resource): boolean => {
    const other = ctx.model.resolve(setting(r, [aclKey]).value);
    if (acl.status === 'resource') return other.status === 'resource' && other.resource === acl.resource;
    return acl.status === 'known' && other.status === 'known' && acl.value.kind === 'string' && other.value.kind === 'string' && acl.value.value === other.value.value;
  };
  return ctx.model.resources.filter((r) => r.type === entry.type && same(r)).map((r) => ({ map: r.body, keys }));
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
    fix: 'No automatic fix: the administration network (a VPN or office range) is a decision only the team can make. Narrow the CIDR, or use Session Manager and remove the entry. Entries are evaluated in rule-number order: a lower-numbered deny of the same ACL for the whole internet closes the port, and SRM Lens takes it into account.',
    mayBreak: 'Administrators connecting from outside the narrowed range lose SSH or RDP access.',
  },
  cloudformation: {
    types: ['AWS::EC2::NetworkAclEntry'],
    fixable: false,
    check: (entry, ctx) => [verdictFor(ctx, entry.body, CFN_KEYS, setting(entry, ['CidrBlock']).range, 'This entry', siblingsOf(ctx, entry, 'NetworkAclId', CFN_KEYS))],
  },
  terraform: {
    types: ['aws_network_acl_rule', 'aws_network_acl'],
    fixable: false,
    check: (r, ctx) => (r.type === 'aws_network_acl' ? inlineVerdicts(ctx, r) : [verdictFor(ctx, r.body, TF_RULE_KEYS, setting(r, ['cidr_block']).range, 'This rule', siblingsOf(ctx, r, 'network_acl_id', TF_RULE_KEYS))]),
  },
});

export const NETWORK_ACL_RULES = [networkAclNoPublicAdminPorts];
