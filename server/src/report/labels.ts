import type { ControlCategory, Owner } from '../knowledge/types';

/** The words reports use, in the model's own vocabulary. */
export const OWNER_LABEL: Record<Owner, string> = { aws: 'AWS', shared: 'Shared', customer: 'Customer' };

export const CATEGORY_LABEL: Record<ControlCategory, string> = {
  'customer-specific': 'Customer-specific',
  shared: 'Shared',
  inherited: 'Inherited',
};

/** What each category means, as the shared responsibility model puts it. */
export const CATEGORY_MEANING: Record<ControlCategory, string> = {
  'customer-specific': 'the customer’s alone: security in the cloud',
  shared: 'both sides, each in its own context',
  inherited: 'AWS’s alone: security of the cloud, inherited by the customer',
};

/** The order reports list categories in: the customer's work first. */
export const CATEGORY_ORDER: readonly ControlCategory[] = ['customer-specific', 'shared', 'inherited'];

/** Status words live with the protocol, which the client reads too. */
export { STATUS_LABEL } from '../protocol/matrix';
