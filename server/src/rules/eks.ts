import type { Rule } from './rule';

export const EKS_RULES: readonly Rule[] = [];
