// The custom request behind the responsibility matrix. The only server code
// the client imports: plain types and the method name. Documented in docs/protocol.md.
import type { Range } from '../model/range';

export const MATRIX_REQUEST = 'srm-lens/matrix';
/** The full owner table of one resource as Markdown (the hover's "Full table" link). */
export const RESOURCE_DETAIL_REQUEST = 'srm-lens/resourceDetail';
/** The diagnostic code of a suppression that gives no real reason; every other SRM Lens diagnostic with a code is a gap. */
export const SUPPRESSION_REASON_CODE = 'srm-lens-give-a-reason';

/**
 * Commands a hover may link to. The client trusts exactly these in hover
 * Markdown (`markdown.isTrusted.enabledCommands`); everything else in a hover
 * is escaped text.
 */
export const HOVER_COMMANDS = ['srmLens.showRule', 'srmLens.showResourceDetail'] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** The client command behind "Suppress <rule> with a reason…" when the client sets `initializationOptions.askReason`. */
export const SUPPRESS_COMMAND = 'srmLens.suppressWithReason';

/** The argument of SUPPRESS_COMMAND: the edit with the placeholder, which the client replaces with the reason it asked for. */
export interface SuppressArguments {
  uri: string;
  version: number | undefined;
  ruleId: string;
  edit: { uri: string; range: Range; newText: string };
  placeholder: string;
  /** How the reason is written: inside a comment line, or inside a JSON string. */
  syntax: 'comment' | 'json';
}

export interface ResourceDetailParams {
  uri: string;
  resourceId: string;
}

export interface MatrixParams {
  /** `document`: the resources of one file (or its Terraform module's file); `folder` and `workspace`: every template under `uri` or everywhere. */
  scope: 'document' | 'folder' | 'workspace';
  /** The document URI, or the folder URI for `folder`. */
  uri?: string;
}

export type MatrixOwner = 'aws' | 'shared' | 'customer';
export type MatrixStatus = 'met' | 'gap' | 'aws-default' | 'cannot-tell' | 'not-checked' | 'accepted-risk' | 'not-applicable' | 'outside-template';

/** Each status in words, as hovers, reports and exports write it (the server's and the client's one list). */
export const STATUS_LABEL: Record<MatrixStatus, string> = {
  met: 'met',
  gap: 'gap',
  'aws-default': 'AWS default',
  'cannot-tell': 'cannot tell',
  'not-checked': 'not checked',
  'accepted-risk': 'accepted risk',
  'not-applicable': 'not applicable',
  'outside-template': 'outside the template',
};

/** The same, shorter where a table cell is narrow. */
export const STATUS_SHORT: Record<MatrixStatus, string> = { ...STATUS_LABEL, 'not-applicable': 'n/a', 'outside-template': 'outside template' };
/** inherited: AWS's alone (security of the cloud); shared: both; customer-specific: the customer's alone (security in the cloud). */
export type MatrixCategory = 'inherited' | 'shared' | 'customer-specific';

export interface MatrixAspect {
  id: string;
  title: string;
  short: string;
}

export interface MatrixRow {
  uri: string;
  resourceId: string;
  type: string;
  range: Range;
  /** Knowledge-base service key and its human name; empty for non-AWS types. */
  service: string;
  serviceName: string;
  model: string;
  /** For a companion (`aws_s3_bucket_versioning`): the resource id of the resource it configures, listed before it. */
  parent?: string;
  /** Open findings (gaps) of this resource, by the severity shown in the editor. */
  gaps: { error: number; warning: number; info: number };
}

export interface MatrixCell {
  owner: MatrixOwner;
  category: MatrixCategory;
  /** False when the type does not bear the aspect: show no owner. Absent in older servers: it applies. */
  applies?: boolean;
  status: MatrixStatus;
  /** Rule ids of the findings behind a gap or accepted risk. */
  findings: string[];
  note?: string;
  evidence: { message: string; uri: string; range: Range }[];
}

export interface MatrixResult {
  aspects: MatrixAspect[];
  rows: MatrixRow[];
  /** cells[row][aspect], in the order of `rows` and `aspects`. */
  cells: MatrixCell[][];
}
