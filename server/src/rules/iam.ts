import type { Rule } from './rule';

export const IAM_RULES: readonly Rule[] = [];
