import type { Rule } from './rule';

export const ECS_RULES: readonly Rule[] = [];
