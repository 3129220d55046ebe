import type { Rule } from './rule';

export const SAGEMAKER_RULES: readonly Rule[] = [];
