import type { Rule } from './rule';

export const KINESIS_RULES: readonly Rule[] = [];
