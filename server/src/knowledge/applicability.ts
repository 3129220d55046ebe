import type { ResourceTypeInfo } from './resourceTypes';
import type { AspectId } from './types';

/** EC2 types that run a guest operating system the customer patches; the rest of EC2 is networking and storage. */
const EC2_COMPUTE = new Set([
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::SpotFleet',
  'AWS::EC2::EC2Fleet',
  'AWS::EC2::Host',
]);

/**
 * Aspects that mean nothing for a type, although its service model assigns
 * them an owner: a security group or a VPC has no operating system to patch.
 * The owner stays in the row (the model says who would own it); the cell
 * says "not applicable" instead of asking the customer to check something
 * that does not exist.
 */
export function inapplicableAspects(info: ResourceTypeInfo): ReadonlySet<AspectId> {
  const cfn = info.cloudformationEquivalent ?? info.type;
  if (cfn.startsWith('AWS::EC2::') && !EC2_COMPUTE.has(cfn)) return new Set<AspectId>(['operating-system', 'platform-patching']);
  return new Set();
}
