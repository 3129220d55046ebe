import type { Rule } from './rule';

export const RDS_RULES: readonly Rule[] = [];
