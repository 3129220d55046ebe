import type { Rule } from './rule';

export const CLOUDFRONT_RULES: readonly Rule[] = [];
