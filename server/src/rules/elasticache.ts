import type { Rule } from './rule';

export const ELASTICACHE_RULES: readonly Rule[] = [];
