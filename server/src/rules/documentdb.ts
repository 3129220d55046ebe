import type { Rule } from './rule';

export const DOCUMENTDB_RULES: readonly Rule[] = [];
