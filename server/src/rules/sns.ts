import type { Rule } from './rule';

export const SNS_RULES: readonly Rule[] = [];
