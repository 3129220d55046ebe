import type { Rule } from './rule';

export const CLOUDTRAIL_RULES: readonly Rule[] = [];
