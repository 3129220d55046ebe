/** Stable ids of the matrix columns. Never renamed: reports and settings refer to them. */
export type AspectId =
  | 'physical'
  | 'hardware-infrastructure'
  | 'virtualization'
  | 'operating-system'
  | 'platform-patching'
  | 'network-exposure'
  | 'firewall'
  | 'identity-access'
  | 'customer-data'
  | 'encryption-at-rest'
  | 'client-side-encryption'
  | 'encryption-in-transit'
  | 'data-integrity'
  | 'logging-monitoring'
  | 'resilience'
  | 'configuration-management'
  | 'application-security'
  | 'awareness-training';

export type Owner = 'aws' | 'shared' | 'customer';

/**
 * The Shared Responsibility Model's control categories: an inherited control is AWS's alone
 * (security of the cloud), a shared control has a part on each side, a customer-specific
 * control is the customer's alone (security in the cloud).
 */
export type ControlCategory = 'inherited' | 'shared' | 'customer-specific';

const CATEGORY_OF_OWNER: Readonly<Record<Owner, ControlCategory>> = { aws: 'inherited', shared: 'shared', customer: 'customer-specific' };

/** The category follows from the owner, so the two can never disagree. */
export function categoryOf(owner: Owner): ControlCategory {
  return CATEGORY_OF_OWNER[owner];
}

/** AWS's three service categories, plus services whose category depends on a setting. */
export type ServiceModel = 'infrastructure' | 'container' | 'abstract';
export type ServiceModelOrMixed = ServiceModel | 'mixed';

/** The AWS security documentation index: used where a service's own chapter is not yet linked. */
export const SECURITY_DOCS_INDEX = 'https://docs.aws.amazon.com/security/';

export interface ServiceModelEntry {
  /** Human name, e.g. "Amazon S3". */
  name: string;
  model: ServiceModelOrMixed;
  /**
   * For `mixed`: the model when the deciding setting is absent, and the
   * setting that decides (e.g. "ECS launch type: EC2 = infrastructure, FARGATE = container").
   */
  defaultModel?: ServiceModel;
  decidedBy?: string;
  /** One line: why this model. */
  rationale: string;
  /** URL of the service's security chapter, or SECURITY_DOCS_INDEX. */
  source: string;
  /** True when the URL was confirmed to exist in AWS documentation. */
  sourceConfirmed: boolean;
  /**
   * What the source is when it is not the service's own security chapter: a page of its guide
   * (or of the guide it lives in), or, for a service documented only there, its API reference.
   */
  sourceKind?: SourceKind;
  /** The translated or China-Region page the English source was confirmed through. */
  sourceSeenAs?: string;
  /** What a reviewer should know about the source (a parent guide, a retired service). */
  sourceNote?: string;
  /** ISO date the source was looked up. */
  checked: string;
}

export type SourceKind = 'security-chapter' | 'service-guide' | 'api-reference';

/** An owner that differs from the model default for a service or a resource type, with why. */
export interface OwnerOverride {
  /** A CloudFormation type (`AWS::RDS::DBInstance`) or service short name (`rds`). */
  target: string;
  aspect: AspectId;
  owner: Owner;
  why: string;
  source: string;
  /** ISO date the source was looked up. */
  checked: string;
  note?: string;
}

/** Something AWS now does by itself, so a cell can say "AWS default" rather than warn. */
export interface AwsDefault {
  id: string;
  /** CloudFormation types it applies to. */
  appliesTo: string[];
  aspect: AspectId;
  /** True when the default is secure; false for traps (the default is NOT the secure choice). */
  secure: boolean;
  summary: string;
  /** ISO date (YYYY-MM or YYYY-MM-DD) from which the default holds, when AWS states one. */
  since?: string;
  /**
   * True when the default holds only for resources created on or after `since`: a template
   * may describe an older resource, so the cell shows the date and a finding asks for the
   * setting to be stated explicitly.
   */
  dateBound?: boolean;
  /**
   * The CloudFormation property that replaces the default when the template states it
   * (list indexes as digits), and the values that settle the aspect.
   */
  explicit?: { path: string[]; values: string[] };
  /** The default holds only under this model (Fargate ephemeral storage: container). */
  onlyModel?: ServiceModel;
  source: string;
  /** ISO date the source was looked up. */
  checked: string;
  note?: string;
}
