import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { Value } from '../model/value';

/**
 * What the engine knows about a value after following references. A rule
 * asks for this instead of reading raw syntax, so parameters with defaults,
 * tfvars and locals are evaluated and everything else is honestly unknown.
 */
export type Resolution = KnownResolution | AbsentResolution | ResourceResolution | UnknownResolution;

export interface KnownResolution {
  status: 'known';
  /** A literal value (string, number, bool, null, map or list); maps and lists may hold unresolved parts. */
  value: Value;
  /** How it was found, for evidence: `parameter Env default`, `var.enabled in terraform.tfvars`. */
  via?: string;
  /** Where the literal was written (a parameter default, a tfvars line), when not at the use site. */
  sourceRange?: Range;
  sourceUri?: string;
}

/** CloudFormation `!Ref AWS::NoValue`, or Terraform `null`: the property is as if absent. */
export interface AbsentResolution {
  status: 'absent';
  via?: string;
}

/** A reference to another resource of the same template or module (`!Ref Bucket`, `aws_s3_bucket.b.id`). */
export interface ResourceResolution {
  status: 'resource';
  resource: Resource;
  attribute?: string;
}

export interface UnknownResolution {
  status: 'unknown';
  /** Said to the user: "comes from parameter BucketName, which has no default". */
  reason: string;
  /** For conditionals: the branches, so a rule can say which one is insecure. */
  branches?: { label: string; value: Value }[];
  /**
   * True when every branch exists at once (the elements of a `for_each`),
   * not one of them (a conditional): one insecure branch is then a gap.
   */
  everyBranch?: boolean;
}
