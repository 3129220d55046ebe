import data from './data/vocabulary.json';
import type { ControlCategory, ServiceModel } from './types';

/** The model's own words (security of and in the cloud, the control categories, the service models), from data/vocabulary.json. */
export const VOCABULARY = data as {
  checked: string;
  sides: { of: string; in: string; source: string };
  categories: { id: ControlCategory; title: string; explanation: string; source: string }[];
  models: { id: ServiceModel; explanation: string }[];
  modelsNote: string;
};

export function categoryTitle(id: ControlCategory): string {
  return VOCABULARY.categories.find((c) => c.id === id)!.title;
}
