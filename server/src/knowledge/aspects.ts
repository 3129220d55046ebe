import type { AspectId, Owner, ServiceModel } from './types';

export interface Aspect {
  id: AspectId;
  title: string;
  /** Short column header for the matrix. */
  short: string;
  /** One paragraph for hovers: what the aspect covers and how ownership moves between models. */
  explanation: string;
  /** Who owns it under each service model before any service or resource-type override. */
  owners: Readonly<Record<ServiceModel, Owner>>;
  /**
   * Whether a template can say anything about it. Client-side encryption,
   * guest-OS patching or staff training happen outside any template: their
   * cells say so instead of pretending to check them.
   */
  inTemplate: boolean;
}

/**
 * The matrix columns, in display order. They follow the categories of the
 * AWS Shared Responsibility Model: the lower layers move to AWS as a service
 * moves from infrastructure to container to abstract; identity and data
 * stay with the customer in every model.
 */
export const ASPECTS: readonly Aspect[] = [
  {
    id: 'physical',
    title: 'Physical and environmental security',
    short: 'Physical',
    explanation: 'Data centre buildings, guards, power, cooling and media destruction. AWS owns this for every service; no template or setting touches it.',
    owners: { infrastructure: 'aws', container: 'aws', abstract: 'aws' },
    inTemplate: false,
  },
  {
    id: 'hardware-infrastructure',
    title: 'Hardware and global infrastructure',
    short: 'Hardware',
    explanation: 'Servers, storage devices, the network backbone, Regions, Availability Zones and edge locations. AWS builds, operates and retires them for every service.',
    owners: { infrastructure: 'aws', container: 'aws', abstract: 'aws' },
    inTemplate: false,
  },
  {
    id: 'virtualization',
    title: 'Virtualization and host',
    short: 'Host',
    explanation: 'The hypervisor (Nitro) and the host that separate one customer from another. AWS secures it in every model; the customer chooses only instance types and tenancy.',
    owners: { infrastructure: 'aws', container: 'aws', abstract: 'aws' },
    inTemplate: false,
  },
  {
    id: 'operating-system',
    title: 'Operating system',
    short: 'OS',
    explanation: 'The guest operating system: hardening, patches, agents and local accounts. The customer owns it where they run the OS (EC2, self-managed nodes); AWS owns it for managed and serverless services.',
    owners: { infrastructure: 'customer', container: 'aws', abstract: 'aws' },
    inTemplate: false,
  },
  {
    id: 'platform-patching',
    title: 'Platform and runtime patching',
    short: 'Patching',
    explanation: 'The engine, runtime or platform version and its patches. On managed services AWS supplies and applies patches while the customer chooses the version, the maintenance window and whether minor upgrades happen automatically.',
    owners: { infrastructure: 'customer', container: 'shared', abstract: 'aws' },
    inTemplate: true,
  },
  {
    id: 'network-exposure',
    title: 'Network configuration and exposure',
    short: 'Exposure',
    explanation: 'Where the resource sits and who can reach it: VPC placement, public IPs and endpoints, public-access settings, and endpoint policies. AWS runs the network; the customer decides what is reachable.',
    owners: { infrastructure: 'customer', container: 'customer', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'firewall',
    title: 'Firewall configuration',
    short: 'Firewall',
    explanation: 'Security groups, network ACLs, WAF web ACLs and network firewalls. AWS enforces the rules; writing them is the customer\'s job wherever a resource sits in a VPC.',
    owners: { infrastructure: 'customer', container: 'customer', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'identity-access',
    title: 'Identity and access management',
    short: 'IAM',
    explanation: 'IAM users, roles and policies, resource policies, authentication and authorization of callers. AWS provides IAM and evaluates policies; what they allow is always the customer\'s decision.',
    owners: { infrastructure: 'customer', container: 'customer', abstract: 'customer' },
    inTemplate: true,
  },
  {
    id: 'customer-data',
    title: 'Customer data',
    short: 'Data',
    explanation: 'What data is stored, its classification, lifecycle and retention. AWS never decides what the customer\'s data is or how long it lives.',
    owners: { infrastructure: 'customer', container: 'customer', abstract: 'customer' },
    inTemplate: true,
  },
  {
    id: 'encryption-at-rest',
    title: 'Server-side encryption (at rest)',
    short: 'At rest',
    explanation: 'Encryption of stored data by the service, and the choice of key (AWS owned, AWS managed or customer managed KMS key). Many abstract services now encrypt by default; the key choice stays with the customer.',
    owners: { infrastructure: 'customer', container: 'customer', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'client-side-encryption',
    title: 'Client-side encryption',
    short: 'Client-side',
    explanation: 'Encrypting data in the application before it reaches AWS. Always the customer\'s, and done in code, not in a template.',
    owners: { infrastructure: 'customer', container: 'customer', abstract: 'customer' },
    inTemplate: false,
  },
  {
    id: 'encryption-in-transit',
    title: 'Network traffic protection (in transit)',
    short: 'In transit',
    explanation: 'TLS on the wire. AWS serves TLS on its endpoints; the customer requires it (deny plain HTTP, set TLS policies, enable in-transit encryption) and secures traffic to what they run themselves.',
    owners: { infrastructure: 'customer', container: 'shared', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'data-integrity',
    title: 'Data integrity and authentication',
    short: 'Integrity',
    explanation: 'Checksums, signing, log file validation, object lock and immutable tags. AWS verifies integrity inside the service; turning on validation and write-once protection is the customer\'s.',
    owners: { infrastructure: 'customer', container: 'shared', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'logging-monitoring',
    title: 'Logging and monitoring',
    short: 'Logging',
    explanation: 'Access logs, audit trails, flow logs and their retention. AWS records API activity and operates the logging services; enabling, keeping and watching the logs is the customer\'s.',
    owners: { infrastructure: 'customer', container: 'shared', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'resilience',
    title: 'Resilience: backup, multi-AZ, replication',
    short: 'Resilience',
    explanation: 'Backups and their retention, point-in-time recovery, Multi-AZ, replication, versioning and deletion protection. AWS makes the options available and durable; choosing and configuring them is the customer\'s.',
    owners: { infrastructure: 'customer', container: 'shared', abstract: 'shared' },
    inTemplate: true,
  },
  {
    id: 'configuration-management',
    title: 'Configuration management',
    short: 'Config',
    explanation: 'Keeping settings as intended: instance metadata options, drift, deprecated options. AWS manages the configuration of its own infrastructure; the customer manages the configuration of everything they deploy.',
    owners: { infrastructure: 'customer', container: 'shared', abstract: 'shared' },
    inTemplate: true,
  },
];

const BY_ID = new Map(ASPECTS.map((a) => [a.id, a]));

export function aspect(id: AspectId): Aspect {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown aspect ${id}`);
  return found;
}

export const ASPECT_IDS: readonly AspectId[] = ASPECTS.map((a) => a.id);
