import type { Rule } from './rule';

export const ECR_RULES: readonly Rule[] = [];
