import type { Rule } from './rule';

export const EFS_RULES: readonly Rule[] = [];
