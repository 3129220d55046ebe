import type { Rule } from './rule';

export const ELB_RULES: readonly Rule[] = [];
