import type { Resource } from '../model/document';
import type { Value } from '../model/value';
import { asMap, getValue } from '../model/value';
import type { Fix, RuleContext, Verdict } from './rule';
import { defineRule, fixSet, is, judge, setting } from './ruleKit';

const CLUSTER_CFN = ['AWS::EKS::Cluster'];
const CLUSTER_TF = ['aws_eks_cluster'];

/** A list setting read item by item: the literal strings, and whether some item could not be evaluated. */
function listOfStrings(ctx: RuleContext, value: Value | undefined, field?: string): { items: string[]; unknown: boolean } | undefined {
  const r = ctx.model.resolve(value);
  if (r.status !== 'known' || r.value.kind !== 'list') return undefined;
  const items: string[] = [];
  let unknown = false;
  for (const item of r.value.items) {
    let raw: Value | undefined = item;
    if (field) {
      const holder = ctx.model.resolve(item);
      const map = holder.status === 'known' ? asMap(holder.value) : undefined;
      if (!map) {
        if (holder.status !== 'absent') unknown = true;
        continue;
      }
      raw = getValue(map, field);
    }
    const v = ctx.model.resolve(raw);
    if (v.status === 'known' && v.value.kind === 'string') items.push(v.value.value);
    else if (v.status !== 'absent') unknown = true;
  }
  return { items, unknown };
}

/* -------------------------------------------------------------- endpoint */

interface EndpointKeys {
  vpc: string;
  publicAccess: string;
  privateAccess: string;
  cidrs: string;
}

function endpointExposure(ctx: RuleContext, cluster: Resource, k: EndpointKeys, fixTitle: string): Verdict[] {
  const pub = setting(cluster, [k.vpc, k.publicAccess]);
  const j = pub.entry ? judge(ctx, pub.value, is.false) : ({ outcome: 'absent' } as const);
  if (j.outcome === 'secure') return [{ status: 'met', evidence: 'the API server endpoint is private only', range: pub.range }];
  if (j.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${k.publicAccess}: ${j.reason}`, range: pub.range }];
  const fixes = (): Fix[] => fixSet(ctx, cluster, [k.vpc], { [k.publicAccess]: false, [k.privateAccess]: true }, fixTitle);
  const cidrs = setting(cluster, [k.vpc, k.cidrs]);
  const publicNote = j.outcome === 'absent' ? `the endpoint is public by default (${k.publicAccess} not set)` : `${k.publicAccess} is true`;
  if (!cidrs.entry) {
    return [{ status: 'gap', message: `The Kubernetes API server endpoint is reachable from the whole internet: ${publicNote} and no ${k.cidrs} limit it.`, range: pub.entry ? pub.range : cidrs.range, fixes: fixes() }];
  }
  const list = listOfStrings(ctx, cidrs.value);
  if (!list) return [{ status: 'cannot-tell', reason: `${k.cidrs}: ${describe(ctx, cidrs.value)}`, range: cidrs.range }];
  if (list.items.some((c) => c.trim() === '0.0.0.0/0')) {
    return [{ status: 'gap', message: `The Kubernetes API server endpoint is reachable from the whole internet: ${publicNote} and ${k.cidrs} includes 0.0.0.0/0.`, range: cidrs.range, fixes: fixes() }];
  }
  if (list.unknown) return [{ status: 'cannot-tell', reason: `${k.cidrs}: some ranges come from values SRM Lens cannot evaluate`, range: cidrs.range }];
  // An empty list limits nothing: the Terraform provider sends no list at all, and AWS then applies its default, 0.0.0.0/0.
  if (list.items.length === 0) {
    return [{ status: 'gap', message: `The Kubernetes API server endpoint is reachable from the whole internet: ${publicNote} and ${k.cidrs} is empty, so AWS applies its default range 0.0.0.0/0.`, range: cidrs.range, fixes: fixes() }];
  }
  return [{ status: 'met', evidence: `the public endpoint is limited to ${list.items.join(', ')}`, range: cidrs.range }];
}

function describe(ctx: RuleContext, value: Value | undefined): string {
  const r = ctx.model.resolve(value);
  return r.status === 'unknown' ? r.reason : r.status === 'resource' ? `it refers to ${r.resource.id}` : 'not a list SRM Lens can read';
}

export const eksEndpointNotPublic = defineRule({
  id: 'eks-cluster-endpoint-not-public',
  title: 'EKS cluster API endpoint is not open to the internet',
  aspect: 'network-exposure',
  severity: 'error',
  references: { securityHub: ['EKS.1'], checkov: ['CKV_AWS_38', 'CKV_AWS_39'] },
  docs: {
    why: 'EKS creates a public Kubernetes API endpoint open to 0.0.0.0/0 unless told otherwise; IAM and RBAC still guard it, but the whole internet can probe it and try stolen credentials.',
    owner: 'Customer: AWS runs the control plane; who can reach its endpoint is the customer\'s network setting.',
    fix: 'Makes the endpoint private (EndpointPublicAccess: false, EndpointPrivateAccess: true in ResourcesVpcConfig; endpoint_public_access = false, endpoint_private_access = true in vpc_config). Alternatively keep it public and list the allowed CIDR ranges in PublicAccessCidrs / public_access_cidrs.',
    mayBreak: 'kubectl, CI/CD runners and tools outside the VPC (and peered networks without DNS resolution) can no longer reach the cluster; they need a VPN, Direct Connect, a bastion or a runner inside the VPC.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (cluster, ctx) =>
      endpointExposure(ctx, cluster, { vpc: 'ResourcesVpcConfig', publicAccess: 'EndpointPublicAccess', privateAccess: 'EndpointPrivateAccess', cidrs: 'PublicAccessCidrs' }, 'Make the API endpoint private (EndpointPublicAccess: false, EndpointPrivateAccess: true)'),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (cluster, ctx) =>
      endpointExposure(ctx, cluster, { vpc: 'vpc_config', publicAccess: 'endpoint_public_access', privateAccess: 'endpoint_private_access', cidrs: 'public_access_cidrs' }, 'Make the API endpoint private (endpoint_public_access = false, endpoint_private_access = true)'),
  },
});

/* ---------------------------------------------------- secrets encryption */

/** Kubernetes 1.28 is where EKS started envelope-encrypting all API data by default (defaults.ts, eks-default-envelope-encryption). */
const DEFAULT_ENCRYPTION_FROM: [number, number] = [1, 28];

function olderThanDefault(version: string): boolean | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < DEFAULT_ENCRYPTION_FROM[0] || (major === DEFAULT_ENCRYPTION_FROM[0] && minor < DEFAULT_ENCRYPTION_FROM[1]);
}

interface EncryptionKeys {
  config: string;
  resources: string;
  version: string;
}

function secretsEncryption(ctx: RuleContext, cluster: Resource, k: EncryptionKeys): Verdict[] {
  const config = setting(cluster, [k.config]);
  if (config.entry) {
    const r = ctx.model.resolve(config.value);
    if (r.status !== 'known') return [{ status: 'cannot-tell', reason: `${k.config}: ${describe(ctx, config.value)}`, range: config.range }];
    const items = r.value.kind === 'list' ? r.value.items : [r.value];
    let unknown = false;
    for (const item of items) {
      const resolved = ctx.model.resolve(item);
      const map = resolved.status === 'known' ? asMap(resolved.value) : undefined;
      const names = listOfStrings(ctx, getValue(map, k.resources));
      if (names?.items.includes('secrets')) return [{ status: 'met', evidence: 'Kubernetes secrets are envelope-encrypted with the team\'s KMS key', range: config.range }];
      if (!names || names.unknown) unknown = true;
    }
    if (unknown) return [{ status: 'cannot-tell', reason: `${k.config}: cannot tell whether secrets are among the encrypted resources`, range: config.range }];
  }
  const version = setting(cluster, [k.version]);
  if (!version.entry) return [{ status: 'aws-default', evidence: 'new clusters run Kubernetes 1.28 or later, where EKS envelope-encrypts all Kubernetes API data with an AWS owned key' }];
  const j = judge(ctx, version.value, (v) => {
    const old = v.kind === 'string' ? olderThanDefault(v.value) : v.kind === 'number' ? olderThanDefault(String(v.value)) : undefined;
    return old === undefined ? undefined : !old;
  });
  switch (j.outcome) {
    case 'secure':
    case 'absent':
      return [{ status: 'aws-default', evidence: 'on Kubernetes 1.28 or later EKS envelope-encrypts all Kubernetes API data with an AWS owned key' }];
    case 'unknown':
      return [{ status: 'cannot-tell', reason: `${k.version}: ${j.reason}; clusters before Kubernetes 1.28 keep secrets without envelope encryption unless ${k.config} names a key`, range: version.range }];
    case 'insecure':
      return [{ status: 'gap', message: `Kubernetes secrets are not envelope-encrypted: this Kubernetes version predates EKS default encryption (1.28) and no ${k.config} covers secrets.`, range: version.range }];
  }
}

export const eksSecretsEncryption = defineRule({
  id: 'eks-cluster-secrets-encryption',
  title: 'EKS cluster envelope-encrypts Kubernetes secrets',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_58'] },
  docs: {
    why: 'Kubernetes secrets hold passwords and tokens; without envelope encryption they sit in etcd protected only by disk encryption, readable by anyone who gets at etcd or its backups.',
    owner: 'Shared: on Kubernetes 1.28 and later EKS envelope-encrypts all API data with an AWS owned key by default; older clusters, and teams that want their own key, need EncryptionConfig.',
    fix: 'No automatic fix: envelope encryption with a customer key needs a KMS key the team creates and whose policy lets the cluster role use it. Add EncryptionConfig (encryption_config) with resources ["secrets"] and that key, or upgrade the cluster to Kubernetes 1.28 or later.',
    mayBreak: 'Adding a customer key to an existing cluster cannot be undone, and disabling that key later makes the cluster unrecoverable.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    fixable: false,
    check: (cluster, ctx) => secretsEncryption(ctx, cluster, { config: 'EncryptionConfig', resources: 'Resources', version: 'Version' }),
  },
  terraform: {
    types: CLUSTER_TF,
    fixable: false,
    check: (cluster, ctx) => secretsEncryption(ctx, cluster, { config: 'encryption_config', resources: 'resources', version: 'version' }),
  },
});

/* ------------------------------------------------- control plane logging */

const ALL_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
/** The types an investigation cannot do without: who called the API, what they did, how they authenticated. */
const REQUIRED_LOG_TYPES = ['api', 'audit', 'authenticator'];

function controlPlaneLogging(ctx: RuleContext, cluster: Resource, path: string[], field: string | undefined, fix: () => Fix[]): Verdict[] {
  const types = setting(cluster, path);
  if (!types.entry) return [{ status: 'gap', message: `Control plane logging is off: no ${REQUIRED_LOG_TYPES.join(', ')} logs reach CloudWatch.`, range: types.range, fixes: fix() }];
  const list = listOfStrings(ctx, types.value, field);
  if (!list) return [{ status: 'cannot-tell', reason: `${path.join('.')}: ${describe(ctx, types.value)}`, range: types.range }];
  const missing = REQUIRED_LOG_TYPES.filter((t) => !list.items.includes(t));
  if (missing.length === 0) return [{ status: 'met', evidence: `control plane logs include ${REQUIRED_LOG_TYPES.join(', ')}`, range: types.range }];
  if (list.unknown) return [{ status: 'cannot-tell', reason: `${path.join('.')}: some log types come from values SRM Lens cannot evaluate`, range: types.range }];
  return [{ status: 'gap', message: `Control plane logging misses ${missing.join(', ')}.`, range: types.range, fixes: fix() }];
}

export const eksControlPlaneLogging = defineRule({
  id: 'eks-cluster-control-plane-logging',
  title: 'EKS cluster sends API, audit and authenticator logs to CloudWatch',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_37'] },
  docs: {
    why: 'The Kubernetes audit, API server and authenticator logs are the only record of who did what inside the cluster; EKS sends none of them unless asked.',
    owner: 'Customer: AWS runs the control plane and can export its logs; turning the export on is the customer\'s.',
    fix: 'Enables all five control plane log types (api, audit, authenticator, controllerManager, scheduler).',
    mayBreak: 'CloudWatch Logs ingestion and storage costs, which can be large for busy clusters; EKS creates the log group /aws/eks/<cluster>/cluster without a retention period, so set one.',
  },
  cloudformation: {
    types: CLUSTER_CFN,
    check: (cluster, ctx) =>
      controlPlaneLogging(ctx, cluster, ['Logging', 'ClusterLogging', 'EnabledTypes'], 'Type', () =>
        fixSet(ctx, cluster, ['Logging', 'ClusterLogging', 'EnabledTypes'], ALL_LOG_TYPES.map((t) => ({ Type: t })), 'Send all control plane logs to CloudWatch (Logging.ClusterLogging.EnabledTypes)'),
      ),
  },
  terraform: {
    types: CLUSTER_TF,
    check: (cluster, ctx) =>
      controlPlaneLogging(ctx, cluster, ['enabled_cluster_log_types'], undefined, () =>
        fixSet(ctx, cluster, ['enabled_cluster_log_types'], ALL_LOG_TYPES, 'Send all control plane logs to CloudWatch (enabled_cluster_log_types)'),
      ),
  },
});

export const EKS_RULES = [eksEndpointNotPublic, eksSecretsEncryption, eksControlPlaneLogging];
