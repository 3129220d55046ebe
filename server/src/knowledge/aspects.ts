import aspectData from './data/aspects.json';
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
 * The matrix columns, in display order, from `data/aspects.json` (validated
 * by scripts/generateKnowledge.mjs). They follow the categories of the AWS
 * Shared Responsibility Model: the lower layers move to AWS as a service
 * moves from infrastructure to container to abstract; identity and data
 * stay with the customer in every model; awareness and training is shared
 * everywhere.
 */
export const ASPECTS: readonly Aspect[] = aspectData.aspects as Aspect[];

const BY_ID = new Map(ASPECTS.map((a) => [a.id, a]));

export function aspect(id: AspectId): Aspect {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown aspect ${id}`);
  return found;
}

export const ASPECT_IDS: readonly AspectId[] = ASPECTS.map((a) => a.id);
