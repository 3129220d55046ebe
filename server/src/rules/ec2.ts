import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import { asMap, getEntry, getValue, type MapEntry, type MapValue, type Value } from '../model/value';
import { ask, assignment, blockEntries, DYNAMIC, dynamicAt, dynamicOnPath, fixInItem, isUnknown, items, perItem, referenced, removeBlockEdit, textOf, unreadBlock, type Tri } from './itemKit';
import type { Fix, RuleContext, TextEdit, Verdict } from './rule';
import { defineRule, fixCompanion, fixSet, is, related, setting, sourceNote } from './ruleKit';

/*
 * Amazon EC2, EBS and VPC: the infrastructure model, where everything above
 * the hypervisor is the customer's. The rules read instances, launch
 * templates and launch configurations (which all start instances), volumes,
 * subnets, VPCs and security groups with their separately declared rules.
 */

/** Verdicts for a list of per-item outcomes: every gap and cannot-tell, or one met when there are none. */
function collect(verdicts: Verdict[], met: string, range?: Range): Verdict[] {
  const open = verdicts.filter((v) => v.status === 'gap' || v.status === 'cannot-tell');
  return open.length ? open : [{ status: 'met', evidence: met, ...(range ? { range } : {}) }];
}

// --------------------------------------------------- launch template links

type LaunchTemplateLink = { kind: 'none' } | { kind: 'found'; template: Resource } | { kind: 'elsewhere'; reason: string };

/** The launch template an instance starts from, when the instance names one. */
function launchTemplateOf(ctx: RuleContext, instance: Resource): LaunchTemplateLink {
  const cfn = instance.type === 'AWS::EC2::Instance';
  const block = asMap(setting(instance, [cfn ? 'LaunchTemplate' : 'launch_template']).value);
  if (!block) return { kind: 'none' };
  for (const key of cfn ? ['LaunchTemplateId', 'LaunchTemplateName'] : ['id', 'name']) {
    const v = getValue(block, key);
    if (!v) continue;
    const target = referenced(ctx, v);
    if ('resource' in target && (target.resource.type === 'AWS::EC2::LaunchTemplate' || target.resource.type === 'aws_launch_template')) return { kind: 'found', template: target.resource };
    return { kind: 'elsewhere', reason: 'unknown' in target ? target.unknown : 'it is not a launch template of this template' };
  }
  return { kind: 'elsewhere', reason: 'the launch template is not named' };
}

/** A launch template's verdict, restated for the instance that inherits it. */
function inheritFrom(template: Resource, verdicts: Verdict[], instance: Resource, instanceFix: () => Fix[]): Verdict[] {
  return verdicts.map((v): Verdict => {
    switch (v.status) {
      case 'met':
        return { status: 'met', evidence: `from launch template ${template.id}: ${v.evidence ?? 'secure'}` };
      case 'cannot-tell':
        return { status: 'cannot-tell', reason: `from launch template ${template.id}: ${v.reason}` };
      case 'gap':
        return { status: 'gap', message: `Inherited from launch template ${template.id}: ${v.message}`, range: instance.idRange, fixes: instanceFix(), related: [related(template, 'the launch template it starts from')] };
      default:
        return v;
    }
  });
}

// ------------------------------------------------------------------ IMDSv2

interface MetadataShape {
  path: string[];
  tokens: string;
  endpoint: string;
}

const METADATA: Record<string, MetadataShape> = {
  'AWS::EC2::Instance': { path: ['MetadataOptions'], tokens: 'HttpTokens', endpoint: 'HttpEndpoint' },
  'AWS::EC2::LaunchTemplate': { path: ['LaunchTemplateData', 'MetadataOptions'], tokens: 'HttpTokens', endpoint: 'HttpEndpoint' },
  'AWS::AutoScaling::LaunchConfiguration': { path: ['MetadataOptions'], tokens: 'HttpTokens', endpoint: 'HttpEndpoint' },
  aws_instance: { path: ['metadata_options'], tokens: 'http_tokens', endpoint: 'http_endpoint' },
  aws_launch_template: { path: ['metadata_options'], tokens: 'http_tokens', endpoint: 'http_endpoint' },
  aws_launch_configuration: { path: ['metadata_options'], tokens: 'http_tokens', endpoint: 'http_endpoint' },
};

function imdsV2(resource: Resource, ctx: RuleContext): Verdict[] {
  const shape = METADATA[resource.type];
  if (dynamicOnPath(resource, shape.path)) return [DYNAMIC];
  const fix = () => fixSet(ctx, resource, [...shape.path, shape.tokens], 'required', `Require IMDSv2 (${assignment(resource, shape.tokens, 'required')})`);
  const endpoint = setting(resource, [...shape.path, shape.endpoint]);
  if (endpoint.entry && ask(ctx, endpoint.value, is.oneOf('disabled'), false) === true) {
    return [{ status: 'met', evidence: 'the instance metadata endpoint is turned off', range: endpoint.range }];
  }
  const tokens = setting(resource, [...shape.path, shape.tokens]);
  const answer = tokens.entry ? ask(ctx, tokens.value, is.oneOf('required'), false) : undefined;
  if (answer === true) return [{ status: 'met', evidence: 'IMDSv2 is required', range: tokens.range }];
  if (answer === false) return [{ status: 'gap', message: 'Instances accept IMDSv1: metadata requests without a session token are answered, including for the role credentials.', range: tokens.range, fixes: fix() }];
  if (answer !== undefined) return [{ status: 'cannot-tell', reason: `${shape.tokens}: ${answer.unknown}`, range: tokens.range }];
  if (resource.type === 'AWS::EC2::Instance' || resource.type === 'aws_instance') {
    const link = launchTemplateOf(ctx, resource);
    if (link.kind === 'found') return inheritFrom(link.template, imdsV2(link.template, ctx), resource, fix);
    if (link.kind === 'elsewhere') return [{ status: 'cannot-tell', reason: `metadata options come from a launch template SRM Lens cannot read (${link.reason})`, range: resource.idRange }];
  }
  return [{
    status: 'gap',
    message: `IMDSv2 is not required (${shape.tokens} is not set): unless the AMI or the account's metadata defaults demand tokens, instances also answer IMDSv1 requests.`,
    range: tokens.range,
    fixes: fix(),
  }];
}

export const ec2ImdsV2 = defineRule({
  id: 'ec2-imdsv2-required',
  title: 'EC2 instances require IMDSv2 (session tokens for instance metadata)',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['EC2.8', 'EC2.170'], checkov: ['CKV_AWS_79'] },
  docs: {
    why: 'IMDSv1 answers any plain GET to 169.254.169.254, so a server-side request forgery or an open proxy on the instance hands out the instance role\'s credentials. IMDSv2 needs a token from a PUT first, which those attacks rarely manage.',
    owner: 'Customer: EC2 offers both versions; choosing to require IMDSv2 is part of configuring the instance.',
    fix: 'Sets HttpTokens (http_tokens) to required in the instance, launch template or launch configuration metadata options.',
    mayBreak: 'Software that reads metadata without a token (SDKs from before late 2019, hand-written curl calls). Containers behind a bridge network also need HttpPutResponseHopLimit 2 to reach IMDSv2.',
  },
  cloudformation: { types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], check: imdsV2 },
  terraform: { types: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'], check: imdsV2 },
});

// ------------------------------------------------------------ EBS volumes

const ACCOUNT_DEFAULT_NOTE = 'unless EBS encryption by default is turned on for the account and Region, which the template cannot see';

function volumeEncrypted(resource: Resource, ctx: RuleContext): Verdict[] {
  const cfn = resource.type === 'AWS::EC2::Volume';
  const key = cfn ? 'Encrypted' : 'encrypted';
  const s = setting(resource, [key]);
  const fix = () => fixSet(ctx, resource, [key], true, `Encrypt the volume (${assignment(resource, key, true)})`);
  const answer = ask(ctx, s.value, is.true, false);
  if (isUnknown(answer)) return [{ status: 'cannot-tell', reason: `${key}: ${answer.unknown}`, range: s.range }];
  if (answer) return [{ status: 'met', evidence: 'the volume is encrypted', range: s.range }];
  if (!s.entry) {
    const snapshot = setting(resource, [cfn ? 'SnapshotId' : 'snapshot_id']);
    if (snapshot.entry) return [{ status: 'cannot-tell', reason: 'the volume is created from a snapshot and takes its encryption unless Encrypted says otherwise', range: snapshot.range }];
    return [{ status: 'gap', message: `The volume is not encrypted (${key} is not set), ${ACCOUNT_DEFAULT_NOTE}.`, range: s.range, fixes: fix() }];
  }
  return [{ status: 'gap', message: `The volume is not encrypted (${key} is false${sourceNote(ctx, s.value).replace(/^ \((.*)\)$/, ', $1')}).`, range: s.range, fixes: fix() }];
}

export const ec2EbsVolumeEncrypted = defineRule({
  id: 'ec2-ebs-volume-encrypted',
  title: 'EBS volume is encrypted',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['EC2.3'], checkov: ['CKV_AWS_3'] },
  docs: {
    why: 'An unencrypted volume, and every snapshot taken of it, holds the data in the clear for anyone who gets the snapshot shared or copied.',
    owner: 'Customer: EBS encrypts only when asked, per volume or through the account\'s opt-in encryption-by-default setting.',
    fix: 'Sets Encrypted (encrypted) to true; EBS then uses the AWS managed key aws/ebs unless a KMS key is named.',
    mayBreak: 'EBS cannot encrypt an existing volume in place: Terraform replaces it with a new, empty volume, and a CloudFormation update cannot convert it either. Move the data through an encrypted snapshot copy first.',
  },
  cloudformation: { types: ['AWS::EC2::Volume'], check: volumeEncrypted },
  terraform: { types: ['aws_ebs_volume'], check: volumeEncrypted },
});

// ---------------------------------------------- launch-time block devices

/** One EBS mapping's verdict: its Encrypted flag, or the snapshot it copies. */
function mappingVerdict(ctx: RuleContext, resource: Resource, holder: MapValue, ebs: MapValue, path: string[], names: { encrypted: string; snapshot: string }, device: string, range: Range): Verdict {
  const encrypted = getEntry(ebs, names.encrypted);
  const answer = ask(ctx, encrypted?.value, is.true, false);
  const fix = () => fixInItem(ctx, resource, holder, [...path, names.encrypted], true, `Encrypt ${device} (${assignment(resource, names.encrypted, true)})`);
  if (isUnknown(answer)) return { status: 'cannot-tell', reason: `${device}: ${answer.unknown}`, range };
  if (answer) return { status: 'met', evidence: `${device} is encrypted`, range };
  const subject = device[0].toUpperCase() + device.slice(1);
  if (!encrypted) {
    if (getEntry(ebs, names.snapshot)) return { status: 'cannot-tell', reason: `${device} is created from a snapshot and takes its encryption`, range };
    return { status: 'gap', message: `${subject} is not encrypted (${names.encrypted} is not set), ${ACCOUNT_DEFAULT_NOTE}.`, range, fixes: fix() };
  }
  return { status: 'gap', message: `${subject} is not encrypted (${names.encrypted} is false${sourceNote(ctx, encrypted.value).replace(/^ \((.*)\)$/, ', $1')}).`, range, fixes: fix() };
}

function deviceName(ctx: RuleContext, map: MapValue, key: string, fallback: string): string {
  const name = textOf(ctx, getValue(map, key));
  return 'text' in name ? `volume ${name.text}` : fallback;
}

const ROOT_FROM_AMI = `No block device mapping encrypts the root volume: it follows the AMI's snapshot, ${ACCOUNT_DEFAULT_NOTE}.`;

function cfnBlockDevices(resource: Resource, ctx: RuleContext): Verdict[] {
  const prefix = resource.type === 'AWS::EC2::LaunchTemplate' ? ['LaunchTemplateData'] : [];
  const mappings = setting(resource, [...prefix, 'BlockDeviceMappings']);
  const list = items(ctx, mappings.value);
  if (!('maps' in list)) return [{ status: 'cannot-tell', reason: `BlockDeviceMappings: ${list.unknown}`, range: mappings.range }];
  const { maps, unknown } = list;
  if (maps.length === 0 && unknown.length === 0) {
    if (resource.type === 'AWS::EC2::Instance') {
      const link = launchTemplateOf(ctx, resource);
      if (link.kind === 'found') return inheritFrom(link.template, cfnBlockDevices(link.template, ctx), resource, () => []);
      if (link.kind === 'elsewhere') return [{ status: 'cannot-tell', reason: `block devices come from a launch template SRM Lens cannot read (${link.reason})`, range: resource.idRange }];
    }
    // Writing a mapping needs the AMI's root device name (/dev/xvda, /dev/sda1…), which the template does not say.
    return [{ status: 'gap', message: ROOT_FROM_AMI, range: mappings.range }];
  }
  const verdicts: Verdict[] = unknown.map((u) => ({ status: 'cannot-tell', reason: `a block device mapping: ${u.reason}`, range: u.range }));
  for (const map of maps) {
    const ebs = asMap(getValue(map, 'Ebs'));
    if (!ebs) continue; // instance store or NoDevice: nothing on EBS
    verdicts.push(mappingVerdict(ctx, resource, map, ebs, ['Ebs'], { encrypted: 'Encrypted', snapshot: 'SnapshotId' }, deviceName(ctx, map, 'DeviceName', 'an EBS volume'), map.range));
  }
  return perItem(verdicts, 'no block device mapping uses EBS', mappings.range);
}

function tfBlockDevices(resource: Resource, ctx: RuleContext): Verdict[] {
  const verdicts: Verdict[] = [];
  const names = { encrypted: 'encrypted', snapshot: 'snapshot_id' };
  if (resource.type === 'aws_launch_template') {
    const entries = blockEntries(resource.body, 'block_device_mappings');
    if (entries.length === 0) return [{ status: 'gap', message: ROOT_FROM_AMI, range: resource.idRange }];
    for (const e of entries) {
      const map = asMap(e.value);
      if (!map || map.block === 'dynamic') {
        verdicts.push({ status: 'cannot-tell', reason: unreadBlock(ctx, e), range: e.keyRange });
        continue;
      }
      if (dynamicOnPath({ ...resource, body: map }, ['ebs'])) {
        verdicts.push(dynamicAt(e.keyRange));
        continue;
      }
      const ebs = asMap(getValue(map, 'ebs'));
      if (!ebs) continue;
      verdicts.push(mappingVerdict(ctx, resource, map, ebs, ['ebs'], names, deviceName(ctx, map, 'device_name', 'an EBS volume'), e.keyRange));
    }
    return perItem(verdicts, 'no block device mapping uses EBS');
  }
  // `root_block_device = var.list` is an attribute, not a block: its items are what the value resolves to.
  const expanded = (e: MapEntry): { maps: MapValue[] } | { unknown: string } | undefined => {
    if (asMap(e.value)) return undefined;
    const found = items(ctx, e.value);
    return 'maps' in found ? (found.unknown.length ? { unknown: found.unknown[0].reason } : { maps: found.maps }) : found;
  };
  const declared = blockEntries(resource.body, 'root_block_device');
  const roots = declared.filter((e) => { const x = expanded(e); return !x || !('maps' in x) || x.maps.length > 0; });
  if (roots.length === 0) {
    const link = resource.type === 'aws_instance' ? launchTemplateOf(ctx, resource) : { kind: 'none' as const };
    if (link.kind === 'found') verdicts.push(...inheritFrom(link.template, tfBlockDevices(link.template, ctx), resource, () => []));
    else if (link.kind === 'elsewhere') verdicts.push({ status: 'cannot-tell', reason: `block devices come from a launch template SRM Lens cannot read (${link.reason})`, range: resource.idRange });
    else if (declared.length) verdicts.push({ status: 'gap', message: `${ROOT_FROM_AMI.replace(/:.*$/, '')} (${declared[0].key} is an empty list): ${ROOT_FROM_AMI.replace(/^[^:]*: /, '')}`, range: declared[0].keyRange });
    else verdicts.push({ status: 'gap', message: ROOT_FROM_AMI, range: resource.idRange, fixes: fixSet(ctx, resource, ['root_block_device', 'encrypted'], true, 'Encrypt the root volume (root_block_device { encrypted = true })') });
  }
  for (const e of [...roots, ...blockEntries(resource.body, 'ebs_block_device')]) {
    const map = asMap(e.value);
    const x = expanded(e);
    if (x) {
      const what = e.key === 'root_block_device' ? 'the root volume' : 'an EBS volume';
      if (!('maps' in x)) verdicts.push({ status: 'cannot-tell', reason: `${e.key}: ${x.unknown}`, range: e.keyRange });
      else for (const m of x.maps) verdicts.push(mappingVerdict(ctx, resource, m, m, [], names, e.key === 'root_block_device' ? what : deviceName(ctx, m, 'device_name', what), e.keyRange));
      continue;
    }
    if (!map || map.block === 'dynamic') {
      verdicts.push(dynamicAt(e.keyRange));
      continue;
    }
    const what = e.key === 'root_block_device' ? 'the root volume' : deviceName(ctx, map, 'device_name', 'an EBS volume');
    verdicts.push(mappingVerdict(ctx, resource, map, map, [], names, what, e.keyRange));
  }
  return perItem(verdicts, 'every EBS block device is encrypted');
}

export const ec2BlockDevicesEncrypted = defineRule({
  id: 'ec2-launch-block-devices-encrypted',
  title: 'EBS volumes created at launch are encrypted',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['EC2.3'], checkov: ['CKV_AWS_8'] },
  docs: {
    why: 'Root and data volumes that an instance, launch template or launch configuration creates are as exposed as any other unencrypted EBS volume, and every instance launched repeats the exposure.',
    owner: 'Customer: EBS encrypts launch-time volumes only when the mapping asks for it, the AMI snapshot is encrypted, or the account turned on encryption by default.',
    fix: 'Sets Encrypted (encrypted) to true on each EBS mapping; in Terraform, adds root_block_device { encrypted = true } when the root volume is not declared. No fix adds a CloudFormation mapping for an undeclared root volume: its device name depends on the AMI.',
    mayBreak: 'Terraform replaces an instance whose root or EBS block device encryption changes; launch templates and configurations only affect instances launched afterwards.',
  },
  cloudformation: { types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], check: cfnBlockDevices },
  terraform: { types: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'], check: tfBlockDevices },
});

// -------------------------------------------------------------- public IPs

export const ec2SubnetNoPublicIp = defineRule({
  id: 'ec2-subnet-no-auto-public-ip',
  title: 'Subnet does not assign public IPv4 addresses automatically',
  aspect: 'network-exposure',
  severity: 'warning',
  references: { securityHub: ['EC2.15'], checkov: ['CKV_AWS_130'] },
  docs: {
    why: 'A subnet that maps public IPs on launch puts every instance started in it on the internet, whether or not its owner meant to.',
    owner: 'Customer: subnets are the customer\'s network design; AWS only sets this on for the default VPC\'s subnets.',
    fix: 'Sets MapPublicIpOnLaunch (map_public_ip_on_launch) to false; instances that need a public address then ask for one explicitly or use an Elastic IP.',
    mayBreak: 'Instances in this subnet that reach the internet without a NAT gateway, or are reached by their auto-assigned public address, lose that connectivity once relaunched.',
  },
  cloudformation: {
    types: ['AWS::EC2::Subnet'],
    check: (subnet, ctx) => publicIpFlag(ctx, subnet, ['MapPublicIpOnLaunch'], 'Instances launched in this subnet get a public IPv4 address automatically (MapPublicIpOnLaunch).', 'Stop assigning public IPs (MapPublicIpOnLaunch: false)'),
  },
  terraform: {
    types: ['aws_subnet'],
    check: (subnet, ctx) => publicIpFlag(ctx, subnet, ['map_public_ip_on_launch'], 'Instances launched in this subnet get a public IPv4 address automatically (map_public_ip_on_launch).', 'Stop assigning public IPs (map_public_ip_on_launch = false)'),
  },
});

/** A public-address switch that defaults to off: true is the gap, absence is fine. */
function publicIpFlag(ctx: RuleContext, resource: Resource, path: string[], gap: string, fixTitle: string, holder?: MapValue): Verdict[] {
  const s = holder ? { entry: getEntry(holder, path[0]), range: getEntry(holder, path[0])?.keyRange ?? holder.range } : setting(resource, path);
  const answer = ask(ctx, s.entry?.value, is.true, false);
  if (isUnknown(answer)) return [{ status: 'cannot-tell', reason: `${path.join('.')}: ${answer.unknown}`, range: s.range }];
  if (!answer) return [{ status: 'met', evidence: 'no public IPv4 address is assigned automatically', range: s.range }];
  const fixes = holder ? fixInItem(ctx, resource, holder, path, false, fixTitle) : fixSet(ctx, resource, path, false, fixTitle);
  return [{ status: 'gap', message: gap, range: s.range, fixes }];
}

/** Whether the subnet an instance starts in hands out public addresses, as far as the template tells. */
function subnetAssignsPublicIp(ctx: RuleContext, subnetValue: Value | undefined, subnetKey: string): { verdict: 'public'; subnet?: Resource } | { verdict: 'private' } | { verdict: 'unknown'; reason: string } {
  if (!subnetValue) return { verdict: 'public' }; // no subnet: the default VPC's default subnet, which maps public IPs
  const target = referenced(ctx, subnetValue);
  if ('absent' in target) return { verdict: 'public' };
  if ('unknown' in target) return { verdict: 'unknown', reason: `${subnetKey}: ${target.unknown}` };
  const subnet = target.resource;
  const flag = subnet.type === 'AWS::EC2::Subnet' ? 'MapPublicIpOnLaunch' : subnet.type === 'aws_subnet' ? 'map_public_ip_on_launch' : undefined;
  if (!flag) return { verdict: 'unknown', reason: `${subnetKey} refers to ${subnet.id}, which is not a subnet SRM Lens reads` };
  const answer = ask(ctx, setting(subnet, [flag]).value, is.true, false);
  if (isUnknown(answer)) return { verdict: 'unknown', reason: `${subnet.id} ${flag}: ${answer.unknown}` };
  return answer ? { verdict: 'public', subnet } : { verdict: 'private' };
}

function cfnInstancePublicIp(resource: Resource, ctx: RuleContext): Verdict[] {
  if (resource.type === 'AWS::AutoScaling::LaunchConfiguration') {
    return publicIpFlag(ctx, resource, ['AssociatePublicIpAddress'], 'Instances launched from this configuration get a public IPv4 address (AssociatePublicIpAddress).', 'Do not assign public IPs (AssociatePublicIpAddress: false)');
  }
  const prefix = resource.type === 'AWS::EC2::LaunchTemplate' ? ['LaunchTemplateData'] : [];
  const interfaces = setting(resource, [...prefix, 'NetworkInterfaces']);
  const list = items(ctx, interfaces.value);
  if (!('maps' in list)) return [{ status: 'cannot-tell', reason: `NetworkInterfaces: ${list.unknown}`, range: interfaces.range }];
  const verdicts: Verdict[] = list.unknown.map((u) => ({ status: 'cannot-tell', reason: `a network interface: ${u.reason}`, range: u.range }));
  const nicFix = 'Do not assign a public IP (AssociatePublicIpAddress: false)';
  for (const nic of list.maps) {
    // A new interface of an instance without the flag takes its subnet's setting; a launch template leaves it to launch time.
    if (resource.type === 'AWS::EC2::Instance' && !getEntry(nic, 'AssociatePublicIpAddress') && !getEntry(nic, 'NetworkInterfaceId')) {
      const subnetValue = getValue(nic, 'SubnetId') ?? setting(resource, ['SubnetId']).value;
      const subnet = subnetAssignsPublicIp(ctx, subnetValue, 'SubnetId');
      if (subnet.verdict === 'unknown') verdicts.push({ status: 'cannot-tell', reason: `the subnet decides whether this interface gets a public IP, and ${subnet.reason}`, range: nic.range });
      else if (subnet.verdict === 'private') verdicts.push({ status: 'met', evidence: 'the subnet does not assign public IPv4 addresses', range: nic.range });
      else {
        verdicts.push({
          status: 'gap',
          message: subnet.subnet ? `This network interface gets a public IPv4 address from its subnet ${subnet.subnet.id} (MapPublicIpOnLaunch).` : 'This network interface names no subnet, so it starts in the default VPC, whose subnets assign public IPv4 addresses.',
          range: nic.range,
          related: subnet.subnet ? [related(subnet.subnet, 'the subnet that assigns public IPs')] : [],
          fixes: fixInItem(ctx, resource, nic, ['AssociatePublicIpAddress'], false, nicFix),
        });
      }
      continue;
    }
    verdicts.push(...publicIpFlag(ctx, resource, ['AssociatePublicIpAddress'], 'This network interface gets a public IPv4 address (AssociatePublicIpAddress).', nicFix, nic));
  }
  if (resource.type === 'AWS::EC2::Instance' && list.maps.length === 0 && list.unknown.length === 0) {
    if (launchTemplateOf(ctx, resource).kind !== 'none' && !setting(resource, ['SubnetId']).entry) {
      return [{ status: 'cannot-tell', reason: 'the network settings come from the launch template', range: resource.idRange }];
    }
    const subnet = subnetAssignsPublicIp(ctx, setting(resource, ['SubnetId']).value, 'SubnetId');
    if (subnet.verdict === 'unknown') return [{ status: 'cannot-tell', reason: `the subnet decides whether the instance gets a public IP, and ${subnet.reason}`, range: setting(resource, ['SubnetId']).range }];
    if (subnet.verdict === 'public') {
      return [{
        status: 'gap',
        message: subnet.subnet ? `The instance gets a public IPv4 address from its subnet ${subnet.subnet.id} (MapPublicIpOnLaunch).` : 'The instance names no subnet, so it starts in the default VPC, whose subnets assign public IPv4 addresses.',
        range: subnet.subnet ? setting(resource, ['SubnetId']).range : resource.idRange,
        related: subnet.subnet ? [related(subnet.subnet, 'the subnet that assigns public IPs')] : [],
      }];
    }
  }
  return perItem(verdicts, 'no public IPv4 address is requested', interfaces.range);
}

function tfInstancePublicIp(resource: Resource, ctx: RuleContext): Verdict[] {
  if (resource.type === 'aws_launch_template') {
    const verdicts: Verdict[] = [];
    for (const e of blockEntries(resource.body, 'network_interfaces')) {
      const nic = asMap(e.value);
      if (!nic || nic.block === 'dynamic') {
        verdicts.push(dynamicAt(e.keyRange));
        continue;
      }
      verdicts.push(...publicIpFlag(ctx, resource, ['associate_public_ip_address'], 'This network interface gets a public IPv4 address (associate_public_ip_address).', 'Do not assign a public IP (associate_public_ip_address = false)', nic));
    }
    return perItem(verdicts, 'no public IPv4 address is requested');
  }
  const flag = setting(resource, ['associate_public_ip_address']);
  const fixTitle = 'Do not assign a public IP (associate_public_ip_address = false)';
  if (flag.entry || resource.type === 'aws_launch_configuration') {
    return publicIpFlag(ctx, resource, ['associate_public_ip_address'], 'The instance gets a public IPv4 address (associate_public_ip_address).', fixTitle);
  }
  if (blockEntries(resource.body, 'network_interface').length) return [{ status: 'cannot-tell', reason: 'the attached network interfaces decide the public address', range: resource.idRange }];
  if (launchTemplateOf(ctx, resource).kind !== 'none' && !setting(resource, ['subnet_id']).entry) return [{ status: 'cannot-tell', reason: 'the network settings come from the launch template', range: resource.idRange }];
  const subnet = subnetAssignsPublicIp(ctx, setting(resource, ['subnet_id']).value, 'subnet_id');
  if (subnet.verdict === 'unknown') return [{ status: 'cannot-tell', reason: `the subnet decides whether the instance gets a public IP, and ${subnet.reason}`, range: setting(resource, ['subnet_id']).range }];
  if (subnet.verdict === 'private') return [{ status: 'met', evidence: 'the subnet does not assign public IPv4 addresses' }];
  return [{
    status: 'gap',
    message: subnet.subnet ? `The instance gets a public IPv4 address from its subnet ${subnet.subnet.id} (map_public_ip_on_launch).` : 'The instance names no subnet, so it starts in the default VPC, whose subnets assign public IPv4 addresses.',
    range: subnet.subnet ? setting(resource, ['subnet_id']).range : resource.idRange,
    related: subnet.subnet ? [related(subnet.subnet, 'the subnet that assigns public IPs')] : [],
    fixes: fixSet(ctx, resource, ['associate_public_ip_address'], false, fixTitle),
  }];
}

export const ec2InstanceNoPublicIp = defineRule({
  id: 'ec2-instance-no-public-ip',
  title: 'EC2 instances do not get a public IPv4 address',
  aspect: 'network-exposure',
  severity: 'warning',
  references: { securityHub: ['EC2.9', 'EC2.25'], checkov: ['CKV_AWS_88'] },
  docs: {
    why: 'An instance with a public address is reachable from the internet as soon as one security group rule allows it; instances behind a load balancer or NAT gateway need none.',
    owner: 'Customer: whether an instance is addressable from the internet is part of the customer\'s network design.',
    fix: 'Sets AssociatePublicIpAddress (associate_public_ip_address) to false where the instance, launch template or launch configuration asks for a public address. When the address comes from the subnet, the CloudFormation instance gets no fix (the setting only exists on a network interface it does not declare); fix the subnet instead.',
    mayBreak: 'Instances that are reached directly by their public address (bastions, NAT instances) or reach the internet without a NAT gateway.',
  },
  cloudformation: { types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], check: cfnInstancePublicIp },
  terraform: { types: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'], check: tfInstancePublicIp },
});

// ---------------------------------------------------------- security groups

/** One ingress permission, wherever it is written: inline in a group or as its own resource. */
interface Ingress {
  range: Range;
  protocol?: Value;
  from?: Value;
  to?: Value;
  /** Source CIDRs: single values or lists, IPv4 and IPv6 alike. */
  sources: Value[];
  /** Why the permission cannot be read at all (a dynamic block, a parameter list item). */
  unreadable?: string;
}

const WORLD = new Set(['0.0.0.0/0', '::/0', '::0/0', '0:0:0:0:0:0:0:0/0']);

function ingressFrom(map: MapValue, keys: { protocol: string; from: string; to: string; cidrs: string[] }, range: Range): Ingress {
  return {
    range,
    protocol: getValue(map, keys.protocol),
    from: getValue(map, keys.from),
    to: getValue(map, keys.to),
    sources: keys.cidrs.map((k) => getValue(map, k)).filter((v): v is Value => v !== undefined),
  };
}

const CFN_KEYS = { protocol: 'IpProtocol', from: 'FromPort', to: 'ToPort', cidrs: ['CidrIp', 'CidrIpv6'] };
const TF_KEYS = { protocol: 'protocol', from: 'from_port', to: 'to_port', cidrs: ['cidr_blocks', 'ipv6_cidr_blocks'] };
const TF_VPC_RULE_KEYS = { protocol: 'ip_protocol', from: 'from_port', to: 'to_port', cidrs: ['cidr_ipv4', 'cidr_ipv6'] };

/** The ingress permissions a resource declares, or a reason it does not apply. */
function ingressOf(resource: Resource, ctx: RuleContext): Ingress[] | Verdict {
  switch (resource.type) {
    case 'AWS::EC2::SecurityGroup': {
      const s = setting(resource, ['SecurityGroupIngress']);
      const list = items(ctx, s.value);
      if (!('maps' in list)) return { status: 'cannot-tell', reason: `SecurityGroupIngress: ${list.unknown}`, range: s.range };
      return [...list.unknown.map((u) => ({ range: u.range, sources: [], unreadable: u.reason })), ...list.maps.map((m) => ingressFrom(m, CFN_KEYS, m.range))];
    }
    case 'AWS::EC2::SecurityGroupIngress':
      return [ingressFrom(resource.body, CFN_KEYS, resource.idRange)];
    case 'aws_security_group':
    case 'aws_default_security_group':
      return blockEntries(resource.body, 'ingress').flatMap((e): Ingress[] => {
        const block = asMap(e.value);
        if (block?.block === 'dynamic') return [{ range: e.keyRange, sources: [], unreadable: 'the rules are built by a dynamic block' }];
        if (block) return [ingressFrom(block, TF_KEYS, block.range)];
        const list = items(ctx, e.value);
        if (!('maps' in list)) return [{ range: e.keyRange, sources: [], unreadable: list.unknown }];
        return [...list.unknown.map((u) => ({ range: u.range, sources: [], unreadable: u.reason })), ...list.maps.map((m) => ingressFrom(m, TF_KEYS, m.range))];
      });
    case 'aws_security_group_rule': {
      const type = ask(ctx, setting(resource, ['type']).value, is.oneOf('ingress'), false);
      if (isUnknown(type)) return { status: 'cannot-tell', reason: `type: ${type.unknown}`, range: setting(resource, ['type']).range };
      if (!type) return { status: 'not-applicable', reason: 'an egress rule' };
      return [ingressFrom(resource.body, TF_KEYS, resource.idRange)];
    }
    case 'aws_vpc_security_group_ingress_rule':
      return [ingressFrom(resource.body, TF_VPC_RULE_KEYS, resource.idRange)];
    default:
      return { status: 'not-applicable' };
  }
}

/** Whether any source is the whole internet: CIDR strings, lists of them, or variables holding either. */
function openToWorld(ctx: RuleContext, sources: Value[]): Tri {
  let unknown: string | undefined;
  const visit = (v: Value): boolean => {
    const r = ctx.model.resolve(v);
    if (r.status === 'absent') return false;
    if (r.status === 'known') {
      if (r.value.kind === 'list') return r.value.items.some(visit);
      if (r.value.kind === 'string') return WORLD.has(r.value.value.trim());
      return false;
    }
    if (r.status === 'unknown' && r.branches) {
      const branches = r.branches.map((b) => ask(ctx, b.value, (lit) => (lit.kind === 'string' ? WORLD.has(lit.value.trim()) : undefined), false));
      if (branches.every((b) => b === true)) return true;
      if (branches.every((b) => b === false)) return false;
    }
    unknown ??= r.status === 'unknown' ? r.reason : `it refers to ${r.resource.id}`;
    return false;
  };
  const world = sources.map(visit).some(Boolean);
  if (world) return true;
  return unknown ? { unknown } : false;
}

type Ports = { all: true } | { from: number; to: number } | { none: true } | { unknown: string };

/** The port range a permission opens; `all` for every protocol, `none` for protocols without ports (ICMP). */
function portsOf(ctx: RuleContext, p: Ingress): Ports {
  const protocol = textOf(ctx, p.protocol);
  if ('unknown' in protocol) return { unknown: `the protocol: ${protocol.unknown}` };
  const name = 'text' in protocol ? protocol.text.trim().toLowerCase() : '';
  if (name === '-1' || name === 'all') return { all: true };
  if (!['tcp', 'udp', '6', '17'].includes(name)) return { none: true };
  const from = textOf(ctx, p.from);
  const to = textOf(ctx, p.to);
  if ('unknown' in from) return { unknown: `the port range: ${from.unknown}` };
  if ('unknown' in to) return { unknown: `the port range: ${to.unknown}` };
  if (!('text' in from) || !('text' in to)) return { unknown: 'the port range is not set' };
  const a = Number(from.text);
  const b = Number(to.text);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { unknown: 'the port range is not a number' };
  // -1 for TCP/UDP means every port, as the EC2 API reads it.
  if (a === -1 && b === -1) return { from: 0, to: 65535 };
  return { from: a, to: b };
}

function coversEverything(ports: Ports): boolean {
  return 'all' in ports || ('from' in ports && ports.from <= 1 && ports.to >= 65535);
}

interface PortFamily {
  id: string;
  ports: Record<number, string>;
  what: string;
}

/** Verdicts of one port family (admin, databases) over a resource's ingress permissions. */
function checkPorts(resource: Resource, ctx: RuleContext, family: PortFamily | 'all'): Verdict[] {
  const found = ingressOf(resource, ctx);
  if (!Array.isArray(found)) return [found];
  const group = groupOf(ctx, resource);
  const verdicts: Verdict[] = [];
  for (const p of found) {
    if (p.unreadable) {
      verdicts.push({ status: 'cannot-tell', reason: p.unreadable, range: p.range });
      continue;
    }
    const ports = portsOf(ctx, p);
    if ('none' in ports) continue;
    let matched: string | undefined;
    if (family === 'all') {
      if ('unknown' in ports) matched = undefined;
      else if (coversEverything(ports)) matched = 'all traffic' + ('all' in ports ? ' (every protocol and port)' : ' (every port)');
      else continue;
    } else if (!('unknown' in ports)) {
      // Everything-open permissions belong to the all-traffic rule: one finding per mistake.
      if (coversEverything(ports)) continue;
      const hits = Object.entries(family.ports).filter(([port]) => 'from' in ports && ports.from <= Number(port) && Number(port) <= ports.to);
      if (hits.length === 0) continue;
      matched = hits.map(([port, name]) => `${name} (${port})`).join(', ');
    }
    const world = openToWorld(ctx, p.sources);
    if (world === false) continue;
    if (isUnknown(world)) {
      verdicts.push({ status: 'cannot-tell', reason: `the source range: ${world.unknown}`, range: p.range });
      continue;
    }
    if (!matched) {
      verdicts.push({ status: 'cannot-tell', reason: (ports as { unknown: string }).unknown, range: p.range });
      continue;
    }
    verdicts.push({ status: 'gap', message: `This ingress rule opens ${matched} to the whole internet.`, range: p.range, related: group ? [related(group, 'the security group it belongs to')] : [] });
  }
  const what = family === 'all' ? 'all traffic' : family.what;
  return collect(verdicts, `no ingress rule opens ${what} to 0.0.0.0/0 or ::/0`);
}

/** The group a separately declared rule belongs to, for a related location. */
function groupOf(ctx: RuleContext, resource: Resource): Resource | undefined {
  const key = resource.type === 'AWS::EC2::SecurityGroupIngress' ? 'GroupId' : resource.type.startsWith('aws_') && resource.type !== 'aws_security_group' && resource.type !== 'aws_default_security_group' ? 'security_group_id' : undefined;
  if (!key) return undefined;
  const target = referenced(ctx, setting(resource, [key]).value);
  // A group named by its id or through a local is linked by name (link/nameLinks.ts).
  return 'resource' in target ? target.resource : ctx.model.referencesFrom(resource).find((ref) => ref.property === key)?.to;
}

const SG_CFN = ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'];
const SG_TF = ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];
const NO_SG_FIX =
  'No automatic fix: which sources may connect (an office range, a VPN, a bastion\'s security group, AWS Systems Manager instead of an open port) is a decision only the team can make. Replace 0.0.0.0/0 and ::/0 with that source, or remove the rule.';

const ADMIN: PortFamily = { id: 'admin', ports: { 22: 'SSH', 3389: 'RDP' }, what: 'SSH or RDP' };

export const ec2SgAdminPorts = defineRule({
  id: 'ec2-security-group-no-public-admin-ports',
  title: 'Security groups do not open SSH or RDP to the internet',
  aspect: 'firewall',
  severity: 'error',
  references: { securityHub: ['EC2.13', 'EC2.14', 'EC2.53', 'EC2.54', 'EC2.19'], checkov: ['CKV_AWS_24', 'CKV_AWS_25'], cis: ['v1.2.0 4.1', 'v1.2.0 4.2', 'v2.0.0 5.2', 'v2.0.0 5.3'] },
  docs: {
    why: 'Remote administration ports open to 0.0.0.0/0 or ::/0 are scanned and brute-forced within minutes of going online, and a single weak key or unpatched service hands over the host.',
    owner: 'Customer: security group rules are firewall configuration, which the shared responsibility model leaves entirely to the customer.',
    fix: NO_SG_FIX,
    mayBreak: 'Administrators who connect from changing addresses; move them to Session Manager, a VPN or a bastion first.',
  },
  cloudformation: { types: SG_CFN, fixable: false, check: (r, ctx) => checkPorts(r, ctx, ADMIN) },
  terraform: { types: SG_TF, fixable: false, check: (r, ctx) => checkPorts(r, ctx, ADMIN) },
});

const DATABASES: PortFamily = {
  id: 'database',
  ports: { 1433: 'SQL Server', 1521: 'Oracle', 3306: 'MySQL', 5432: 'PostgreSQL', 5439: 'Redshift', 6379: 'Redis', 9042: 'Cassandra', 9200: 'Elasticsearch/OpenSearch', 9300: 'Elasticsearch transport', 11211: 'Memcached', 27017: 'MongoDB' },
  what: 'a database port',
};

export const ec2SgDatabasePorts = defineRule({
  id: 'ec2-security-group-no-public-database-ports',
  title: 'Security groups do not open database ports to the internet',
  aspect: 'firewall',
  severity: 'error',
  references: { securityHub: ['EC2.19', 'EC2.18'] },
  docs: {
    why: 'Databases and caches listening to the whole internet are found by scanners and attacked with leaked, default or guessed credentials, or through unauthenticated caches such as Redis and Memcached.',
    owner: 'Customer: who may reach a database port is firewall configuration, the customer\'s even for managed databases.',
    fix: NO_SG_FIX,
    mayBreak: 'Clients outside the VPC that connect directly; give them a VPN, PrivateLink or a specific source range.',
  },
  cloudformation: { types: SG_CFN, fixable: false, check: (r, ctx) => checkPorts(r, ctx, DATABASES) },
  terraform: { types: SG_TF, fixable: false, check: (r, ctx) => checkPorts(r, ctx, DATABASES) },
});

export const ec2SgAllTraffic = defineRule({
  id: 'ec2-security-group-no-public-all-traffic',
  title: 'Security groups do not open every port to the internet',
  aspect: 'firewall',
  severity: 'error',
  references: { securityHub: ['EC2.18', 'EC2.19'], checkov: ['CKV_AWS_277'] },
  docs: {
    why: 'A rule that allows every protocol or every port from 0.0.0.0/0 or ::/0 turns the security group off: any service the instance runs, intended or not, is on the internet.',
    owner: 'Customer: security group rules are firewall configuration, which the shared responsibility model leaves entirely to the customer.',
    fix: `${NO_SG_FIX} Narrow the rule to the ports the service needs as well.`,
    mayBreak: 'Whatever reached the resources on ports nobody listed; check flow logs before narrowing.',
  },
  cloudformation: { types: SG_CFN, fixable: false, check: (r, ctx) => checkPorts(r, ctx, 'all') },
  terraform: { types: SG_TF, fixable: false, check: (r, ctx) => checkPorts(r, ctx, 'all') },
});

// --------------------------------------------------- default security group

/** Separate rule resources that add rules to `group`: Terraform rule resources, or CloudFormation ingress/egress on a VPC's DefaultSecurityGroup. */
const TF_RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];
const CFN_RULE_TYPES = ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'];

function ruleResourcesOn(ctx: RuleContext, target: Resource): Resource[] {
  const refs = ctx.model.referencesTo(target).filter((r) =>
    target.type === 'AWS::EC2::VPC'
      ? CFN_RULE_TYPES.includes(r.from.type) && r.property === 'GroupId' && r.attribute === 'DefaultSecurityGroup'
      : TF_RULE_TYPES.includes(r.from.type) && r.property === 'security_group_id');
  return [...new Map(refs.map((r) => [r.from.id, r.from])).values()];
}

function openedBy(rules: Resource[], range: Range): Verdict {
  return {
    status: 'gap',
    message: `${rules.map((r) => r.id).join(', ')} ${rules.length === 1 ? 'adds a rule' : 'add rules'} to the default security group; it should allow no traffic.`,
    range,
    related: rules.map((r) => ({ uri: r.uri, range: r.idRange, message: 'this rule opens the default security group' })),
  };
}

function defaultGroupVerdict(group: Resource, ctx: RuleContext): Verdict[] {
  const entries = group.body.entries.filter((x) => x.key === 'ingress' || x.key === 'egress');
  const blocks = entries.filter((e) => asMap(e.value)?.block === 'block');
  const dynamic = entries.filter((e) => asMap(e.value)?.block === 'dynamic');
  const lists = entries.filter((e) => !asMap(e.value)).map((e) => ({ entry: e, found: items(ctx, e.value) }));
  const listed = lists.filter((l) => 'maps' in l.found && (l.found.maps.length || l.found.unknown.length));
  if (blocks.length || listed.length) {
    const kinds = [...new Set([...blocks, ...listed.map((l) => l.entry)].map((e) => e.key))].join(' and ');
    // One fix removes every rule block: the group is only closed when all of them are gone.
    const edits = listed.length || dynamic.length ? [] : blocks.map((e) => removeBlockEdit(ctx, group, e));
    const fixes = edits.length && edits.every((e) => e !== undefined) ? [{ title: `Remove the ${kinds} rules from the default security group`, edits: edits as TextEdit[], preferred: true }] : [];
    return [{ status: 'gap', message: `The default security group keeps ${kinds} rules; it should allow no traffic.`, range: (blocks[0] ?? listed[0].entry).keyRange, fixes }];
  }
  const separate = ruleResourcesOn(ctx, group);
  if (separate.length) return [openedBy(separate, group.idRange)];
  const unread = [...dynamic, ...lists.filter((l) => !('maps' in l.found)).map((l) => l.entry)];
  if (unread.length) return [{ status: 'cannot-tell', reason: `${unread[0].key} rules are built by an expression SRM Lens cannot expand`, range: unread[0].keyRange }];
  return [{ status: 'met', evidence: 'adopting the default group with no rules removes all of them', range: group.idRange }];
}

const AWS_DEFAULT_RULES = 'AWS gives every VPC a default security group that lets its members reach each other and sends all traffic out';

/** A VPC's own row: its default group, adopted by an aws_default_security_group or left with AWS's rules. */
function tfVpcDefaultGroup(vpc: Resource, ctx: RuleContext): Verdict[] {
  const adopted = ctx.model.referencesTo(vpc).filter((r) => r.from.type === 'aws_default_security_group' && r.property === 'vpc_id').map((r) => r.from);
  if (adopted.length) {
    const group = adopted[0];
    const v = defaultGroupVerdict(group, ctx)[0];
    const pointer = { uri: group.uri, range: group.idRange, message: 'the default security group of this VPC' };
    if (v.status === 'gap') return [{ status: 'gap', message: `This VPC's default security group allows traffic (${group.id}): ${v.message}`, range: vpc.idRange, related: [pointer, ...(v.related ?? [])] }];
    if (v.status === 'cannot-tell') return [{ status: 'cannot-tell', reason: `${group.id}: ${v.reason}`, range: vpc.idRange }];
    return [{ status: 'met', evidence: `${group.id} adopts the default security group with no rules`, range: vpc.idRange }];
  }
  return [{
    status: 'gap',
    message: `${AWS_DEFAULT_RULES}, and no aws_default_security_group in this module adopts it to remove them.`,
    range: vpc.idRange,
    fixes: fixCompanion(ctx, vpc, 'aws_default_security_group', 'id', 'vpc_id', {}, 'Adopt the default security group with no rules (add aws_default_security_group)'),
  }];
}

function cfnVpcDefaultGroup(vpc: Resource, ctx: RuleContext): Verdict[] {
  const rules = ruleResourcesOn(ctx, vpc);
  if (rules.length) return [openedBy(rules, vpc.idRange)];
  return [{ status: 'gap', message: `${AWS_DEFAULT_RULES}; CloudFormation cannot remove those rules, so they stay unless they are revoked outside this template.`, range: vpc.idRange }];
}

export const ec2DefaultSgClosed = defineRule({
  id: 'ec2-default-security-group-closed',
  title: 'The VPC default security group allows no traffic',
  aspect: 'firewall',
  severity: 'warning',
  references: { securityHub: ['EC2.2'], checkov: ['CKV2_AWS_12'], cis: ['v1.2.0 4.3'] },
  docs: {
    why: 'Resources launched without a security group land in the default group, whose rules let its members talk to each other and to anywhere; keeping it empty makes that accident harmless.',
    owner: 'Customer: AWS creates the default group with permissive rules; restricting it is the customer\'s firewall configuration.',
    fix: 'Removes every ingress and egress block from aws_default_security_group, or, for a VPC whose default group nothing adopts, adds an aws_default_security_group without rules; Terraform then deletes the rules from the adopted group. Rules written as an attribute list, a dynamic block or separate rule resources get no fix, and CloudFormation cannot remove the default rules at all.',
    mayBreak: 'Anything that relies on the default group\'s rules, typically resources created without naming a security group.',
  },
  cloudformation: { types: ['AWS::EC2::VPC'], fixable: false, check: cfnVpcDefaultGroup },
  terraform: { types: ['aws_default_security_group', 'aws_vpc'], check: (r, ctx) => (r.type === 'aws_vpc' ? tfVpcDefaultGroup(r, ctx) : defaultGroupVerdict(r, ctx)) },
});

// -------------------------------------------------------------- flow logs

function flowLogs(vpc: Resource, ctx: RuleContext, flowLogType: string, key: string): Verdict[] {
  const logs = ctx.model.referencesTo(vpc).filter((r) => r.from.type === flowLogType && r.property === key);
  if (logs.length) return [{ status: 'met', evidence: `${logs[0].from.id} records this VPC's traffic`, range: logs[0].from.idRange }];
  const undecided = ctx.model.resources.filter((r) => r.type === flowLogType && setting(r, [key]).entry && !('resource' in referenced(ctx, setting(r, [key]).value)));
  if (undecided.length) return [{ status: 'cannot-tell', reason: `${undecided[0].id} records a VPC that SRM Lens cannot identify; it may be this one`, range: vpc.idRange }];
  return [{ status: 'gap', message: `No flow log records this VPC's traffic (no ${flowLogType} in this ${ctx.model.isCloudFormation ? 'template' : 'module'} refers to it).`, range: vpc.idRange }];
}

export const ec2VpcFlowLogs = defineRule({
  id: 'ec2-vpc-flow-logs',
  title: 'VPC records flow logs',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { securityHub: ['EC2.6'], checkov: ['CKV2_AWS_11'] },
  docs: {
    why: 'Flow logs are the record of which addresses talked to what in the VPC; without them an investigation cannot tell whether data left or an attacker moved between hosts.',
    owner: 'Customer: VPC Flow Logs are a feature the customer turns on and pays for, with a destination the customer owns.',
    fix: 'No automatic fix: a flow log needs a destination (an S3 bucket, or a CloudWatch Logs group with an IAM role EC2 can assume) and a retention and cost decision only the team can make. Add an AWS::EC2::FlowLog or aws_flow_log whose ResourceId or vpc_id names this VPC.',
  },
  cloudformation: { types: ['AWS::EC2::VPC'], fixable: false, check: (vpc, ctx) => flowLogs(vpc, ctx, 'AWS::EC2::FlowLog', 'ResourceId') },
  terraform: { types: ['aws_vpc'], fixable: false, check: (vpc, ctx) => flowLogs(vpc, ctx, 'aws_flow_log', 'vpc_id') },
});

export const EC2_RULES = [
  ec2ImdsV2,
  ec2EbsVolumeEncrypted,
  ec2BlockDevicesEncrypted,
  ec2SubnetNoPublicIp,
  ec2InstanceNoPublicIp,
  ec2SgAdminPorts,
  ec2SgDatabasePorts,
  ec2SgAllTraffic,
  ec2DefaultSgClosed,
  ec2VpcFlowLogs,
];
