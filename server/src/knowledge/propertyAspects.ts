import type { AspectId } from './types';

/**
 * Which aspect a property or attribute serves, from its name. Names are
 * consistent enough across AWS (`...Encrypted`, `KmsKeyId`, `PubliclyAccessible`,
 * `*Logging*`) for a hover to say "this serves encryption at rest"; the first
 * matching pattern wins, so more specific patterns come first.
 */
const PATTERNS: [RegExp, AspectId][] = [
  [/transit|tls|ssl|https|secure_?transport|viewer_?protocol|node_?to_?node|client_?broker/i, 'encryption-in-transit'],
  [/encrypt|kms|sse|cmk|key_?id$|keyid$|masterkey|at_?rest/i, 'encryption-at-rest'],
  [/public|cidr|ingress|egress|endpoint_?(public|private)|internet|subnet|vpc|port|ip_?address|accessible/i, 'network-exposure'],
  [/security_?group|firewall|waf|acl$|network_?acl/i, 'firewall'],
  [/log|trail|monitor|insight|metric|alarm|tracing/i, 'logging-monitoring'],
  [/backup|retention|snapshot|versioning|multi_?az|replica|replication|deletion_?protection|point_?in_?time|recovery/i, 'resilience'],
  [/polic|role|principal|auth|iam|permission|access_?control|ownership|grant|user|password|secret|token/i, 'identity-access'],
  [/engine_?version|runtime|minor_?version|upgrade|maintenance|patch|ami|image_?id|platform/i, 'platform-patching'],
  [/validation|checksum|lock|immutab|signing|integrity/i, 'data-integrity'],
  [/lifecycle|expiration|expire|retain|classification|tags?$/i, 'customer-data'],
  [/metadata_?options|http_?tokens|imds|configuration$/i, 'configuration-management'],
];

export function aspectOfProperty(name: string): AspectId | undefined {
  for (const [pattern, aspect] of PATTERNS) if (pattern.test(name)) return aspect;
  return undefined;
}

/** `storage_encrypted` → `StorageEncrypted`: Terraform attribute names usually mirror CloudFormation's. */
export function pascalCase(snake: string): string {
  return snake
    .split('_')
    .map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p))
    .join('');
}
