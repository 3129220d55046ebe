import data from './data/awsDefaults.json';
import type { AwsDefault } from './types';

/**
 * What AWS now does by itself (`secure: true`) and the traps where the
 * CloudFormation/Terraform default is NOT the secure choice (`secure: false`),
 * from data/awsDefaults.json (validated by scripts/generateKnowledge.mjs).
 * Every `source` was returned by a documentation search and is AWS's own material.
 */
export const AWS_DEFAULTS: readonly AwsDefault[] = data.defaults as AwsDefault[];
