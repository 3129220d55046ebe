import type { Rule } from './rule';

/**
 * Every rule, in one list. A rule's position here is its display order;
 * its id is its identity. Add a rule by adding its file and one line here.
 */
export const RULES: readonly Rule[] = [];

let byType: Map<string, Rule[]> | undefined;

export function rulesFor(type: string): readonly Rule[] {
  if (!byType) {
    byType = new Map();
    for (const rule of RULES) {
      for (const t of [...rule.appliesTo.cloudformation, ...rule.appliesTo.terraform]) byType.set(t, [...(byType.get(t) ?? []), rule]);
    }
  }
  return byType.get(type) ?? [];
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
