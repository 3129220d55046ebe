import type { Rule } from './rule';

export const KMS_RULES: readonly Rule[] = [];
