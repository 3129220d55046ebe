import type { AspectId } from '../knowledge/types';
import type { LinkedModel } from '../link/linkedModel';
import type { Resource } from '../model/document';
import type { Range } from '../model/range';

export type Severity = 'error' | 'warning' | 'info';

/** One text edit in one file. Fixes are data: computed with the finding, applied later by whoever chooses them. */
export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to offer first when a finding has several. */
  preferred?: boolean;
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  /** Stable within one assessment: `<rule id>@<resource id>[#n]`. Diagnostics carry it to find the fixes. */
  key: string;
  ruleId: string;
  aspect: AspectId;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  related: RelatedLocation[];
  fixes: Fix[];
  /** Set when a suppression comment or Metadata entry accepts the risk, with a real reason. */
  suppressed?: { reason: string };
  /** A suppression without a real reason (empty, or the placeholder): the finding stays open; this is where to give one. */
  reasonMissing?: { uri: string; range: Range };
}

/** What a rule says about its aspect of one resource. */
export type Verdict =
  | { status: 'met'; evidence?: string; range?: Range }
  | { status: 'aws-default'; evidence?: string }
  | { status: 'cannot-tell'; reason: string; range?: Range }
  | { status: 'gap'; message: string; range: Range; fixes?: Fix[]; related?: RelatedLocation[] }
  | { status: 'not-applicable'; reason?: string };

export interface RuleContext {
  model: LinkedModel;
}

export interface RuleReferences {
  securityHub?: string[];
  checkov?: string[];
  cis?: string[];
}

export interface Rule {
  /** Stable kebab-case slug; never renumbered or reused. */
  id: string;
  title: string;
  aspect: AspectId;
  severity: Severity;
  /** CloudFormation and Terraform types the rule reads. */
  appliesTo: { cloudformation: string[]; terraform: string[] };
  /** Whether findings come with a fix in each syntax family (Terraform here means HCL; `.tf.json` gets none). */
  fixable: { cloudformation: boolean; terraform: boolean };
  references: RuleReferences;
  /** False for opt-in rules (a team choice rather than a baseline); settings turn them on. */
  defaultEnabled?: boolean;
  docs: { why: string; owner: string; fix: string; mayBreak?: string };
  /** Verdicts for one resource; several when a resource has several parts (each ingress rule). */
  check(resource: Resource, ctx: RuleContext): Verdict[];
}
