import type { Rule } from './rule';

export const DYNAMODB_RULES: readonly Rule[] = [];
