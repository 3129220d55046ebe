import type { Rule } from './rule';

export const REDSHIFT_RULES: readonly Rule[] = [];
