import type { Rule } from './rule';

export const APIGATEWAY_RULES: readonly Rule[] = [];
