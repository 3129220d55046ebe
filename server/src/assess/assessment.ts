import type { AspectId, ControlCategory, Owner, ServiceModelOrMixed } from '../knowledge/types';
import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { ResourceTypeInfo } from '../knowledge/resourceTypes';
import type { Finding } from '../rules/rule';

/**
 * What a cell says about one aspect of one resource:
 * - `met`: the template does the customer's part;
 * - `gap`: it does not, and a finding says how to fix it;
 * - `aws-default`: AWS does it by default today (with the date and source);
 * - `cannot-tell`: a rule looked, and the value depends on a parameter, variable, condition or
 *   module source the engine cannot know (the note says which);
 * - `not-checked`: no SRM Lens rule covers this aspect of this type yet; the owner still stands;
 * - `accepted-risk`: a gap the team suppressed, with its reason;
 * - `not-applicable`: nothing to check in the template: either AWS owns the aspect (an inherited
 *   control, `applies: true`) or the type does not bear the aspect at all (`applies: false`);
 * - `outside-template`: the customer owns it, but it is done outside any template (patching a guest OS, client-side encryption).
 */
export type CellStatus = 'met' | 'gap' | 'aws-default' | 'cannot-tell' | 'not-checked' | 'accepted-risk' | 'not-applicable' | 'outside-template';

export interface Evidence {
  message: string;
  uri: string;
  range: Range;
}

export interface Cell {
  aspect: AspectId;
  owner: Owner;
  /** Derived from the owner (`categoryOf`): inherited, shared or customer-specific. */
  category: ControlCategory;
  /**
   * False when the type does not bear this aspect at all (a route table has no data to
   * encrypt): the status is then `not-applicable` and views show no owner. The owner and
   * category are kept (what the model would say) so the cell shape never changes.
   */
  applies: boolean;
  status: CellStatus;
  /** Keys of the findings behind the status (see `Finding.key`). */
  findings: string[];
  evidence: Evidence[];
  /** One line shown in hovers and the matrix: the AWS default, the reason it cannot be told, the suppression reason. */
  note?: string;
  /** A link that backs the note (an AWS default's source). */
  source?: string;
}

export interface ResourceAssessment {
  resource: Resource;
  /** Undefined for types outside AWS (`random_id`, `null_resource`), which get no cells. */
  info?: ResourceTypeInfo;
  /** The model this resource runs under; for mixed services, decided by its settings when they say. */
  model?: ServiceModelOrMixed;
  /** Why the model was chosen for a mixed service ("LaunchType: FARGATE"). */
  modelReason?: string;
  cells: Cell[];
  findings: Finding[];
}

export interface Assessment {
  resources: ResourceAssessment[];
}
