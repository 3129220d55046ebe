import type { Rule } from './rule';

export const SECRETSMANAGER_RULES: readonly Rule[] = [];
