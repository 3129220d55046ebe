import type { Rule } from './rule';

export const MSK_RULES: readonly Rule[] = [];
