import type { Rule } from './rule';

export const EC2_RULES: readonly Rule[] = [];
