import data from './data/ownerOverrides.json';
import type { OwnerOverride } from './types';

/**
 * Owners that differ from (or sharpen) the service-model defaults, for one
 * service (short name of @aws-cdk/aws-service-spec, e.g. `rds`) or one
 * CloudFormation type (e.g. `AWS::RDS::DBInstance`), from
 * data/ownerOverrides.json (validated by scripts/generateKnowledge.mjs).
 * Every `source` was returned by a documentation search and is AWS material.
 */
export const OWNER_OVERRIDES: readonly OwnerOverride[] = data.overrides as OwnerOverride[];
