import type { Range } from './range';
import type { MapValue, Value } from './value';

export type TemplateFormat = 'cloudformation-yaml' | 'cloudformation-json' | 'terraform' | 'terraform-json' | 'terraform-plan';

export function isCloudFormation(format: TemplateFormat): boolean {
  return format === 'cloudformation-yaml' || format === 'cloudformation-json';
}

/** Terraform in any form: configuration (HCL, `.tf.json`) or a plan (`terraform show -json`). */
export function isTerraform(format: TemplateFormat): boolean {
  return format === 'terraform' || format === 'terraform-json' || format === 'terraform-plan';
}

/**
 * Terraform configuration files, which form a module with the other files of
 * their directory. A plan file is a unit of its own: it already holds the
 * whole configuration, evaluated.
 */
export function isTerraformConfiguration(format: TemplateFormat): boolean {
  return format === 'terraform' || format === 'terraform-json';
}

/**
 * A resource to assess: a CloudFormation entry of `Resources` or a Terraform
 * `resource` block. `id` is the logical ID (`MyBucket`) or the Terraform
 * address (`aws_s3_bucket.logs`).
 */
export interface Resource {
  id: string;
  type: string;
  format: TemplateFormat;
  /** The document this resource was parsed from. */
  uri: string;
  idRange: Range;
  typeRange: Range;
  /** The whole resource: from its key or `resource` keyword to its end. */
  range: Range;
  /**
   * The settings: CloudFormation `Properties` (an empty map at the resource's
   * range when absent) or the Terraform block body.
   */
  body: MapValue;
  /** True when CloudFormation `Properties` exists (edits must add it otherwise). */
  hasProperties: boolean;
  /** The whole CloudFormation resource map (Type, Properties, Condition, Metadata, …). */
  definition?: MapValue;
  /** CloudFormation `Condition` name the resource is created under. */
  condition?: string;
  /** Terraform `count` or `for_each`: the block stays one resource, marked as repeated. */
  repetition?: 'count' | 'for_each';
  /**
   * A plan resource's instance key (`index` in `terraform show -json`): each
   * instance of a repeated block is a resource of its own there, with the
   * key in its address (`aws_s3_bucket.logs[0]`, `aws_s3_bucket.logs["a"]`).
   */
  instanceKey?: string | number;
  /** Set when the resource was built inside a module call: where it comes from. */
  module?: ModuleOrigin;
}

/** A `module` block as seen from the resources it builds. */
export interface ModuleCallSite {
  /** Full address of the call: `module.logs`, `module.a.module.b`. */
  address: string;
  /** The file holding the `module` block, and the block's ranges. */
  uri: string;
  range: Range;
  nameRange: Range;
}

export interface ModuleOrigin {
  /** The resource's address inside its module (`aws_s3_bucket.this`); `Resource.id` is the full address. */
  localId: string;
  /** The calls that built it, outermost first: `[0]` is in the file the user scanned. */
  calls: ModuleCallSite[];
}

/** A CloudFormation parameter or a Terraform variable. */
export interface InputDeclaration {
  name: string;
  kind: 'parameter' | 'variable';
  range: Range;
  nameRange: Range;
  /** Declared type text (`String`, `AWS::EC2::VPC::Id`, `bool`, `list(string)`). */
  type?: string;
  default?: Value;
  allowedValues?: Value[];
  uri: string;
}

/** Outputs, locals, conditions, mappings, modules, data sources, providers: named things with a body. */
export interface NamedBlock {
  name: string;
  kind: 'output' | 'local' | 'condition' | 'mapping' | 'module' | 'data' | 'provider' | 'terraform';
  range: Range;
  nameRange: Range;
  /** For data sources, the data type (`aws_iam_policy_document`); for modules, the source. */
  type?: string;
  value?: Value;
  uri: string;
}

export interface Diagnostic {
  message: string;
  range: Range;
  severity: 'error' | 'warning' | 'info';
}

/** A suppression comment: `# srm-lens:ignore <rule-id> <reason>`. */
export interface SuppressionComment {
  ruleId: string;
  reason: string;
  /** Range of the comment itself. */
  range: Range;
}

export interface TemplateDocument {
  uri: string;
  format: TemplateFormat;
  resources: Resource[];
  inputs: InputDeclaration[];
  blocks: NamedBlock[];
  /** Problems found while parsing; the rest of the document is still there. */
  errors: Diagnostic[];
  suppressions: SuppressionComment[];
  /** CloudFormation `Transform` values (e.g. `AWS::Serverless-2016-10-31`). */
  transforms: string[];
  /** The root mapping (CloudFormation) or body (Terraform), for navigation. */
  root?: MapValue;
  /** Length of the source text, for reports. */
  size: number;
  /** The source text: fixes are computed against it, so they edit exactly what was parsed. */
  text: string;
}

/** A document with nothing read into it yet: every parser starts from this and fills it in. */
export function emptyDocument(uri: string, format: TemplateFormat, text: string): TemplateDocument {
  return { uri, format, resources: [], inputs: [], blocks: [], errors: [], suppressions: [], transforms: [], size: text.length, text };
}
