// The custom request behind the responsibility matrix. The only server code
// the client imports: plain types and the method name. Documented in docs/protocol.md.
import type { Range } from '../model/range';

export const MATRIX_REQUEST = 'srm-lens/matrix';

export interface MatrixParams {
  /** `document`: the resources of one file (or its Terraform module's file); `folder` and `workspace`: every template under `uri` or everywhere. */
  scope: 'document' | 'folder' | 'workspace';
  /** The document URI, or the folder URI for `folder`. */
  uri?: string;
}

export type MatrixOwner = 'aws' | 'shared' | 'customer';
export type MatrixStatus = 'met' | 'gap' | 'aws-default' | 'cannot-tell' | 'not-checked' | 'accepted-risk' | 'not-applicable' | 'outside-template';
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
