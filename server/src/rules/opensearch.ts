import type { Rule } from './rule';

export const OPENSEARCH_RULES: readonly Rule[] = [];
