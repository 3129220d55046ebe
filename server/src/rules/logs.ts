import type { Rule } from './rule';

export const LOGS_RULES: readonly Rule[] = [];
