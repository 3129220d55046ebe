import type { Rule } from './rule';

export const SQS_RULES: readonly Rule[] = [];
