import type { Rule } from './rule';

export const NEPTUNE_RULES: readonly Rule[] = [];
