import type { Rule } from './rule';

export const LAMBDA_RULES: readonly Rule[] = [];
