import { AWS_DEFAULTS } from './defaults';
import type { AwsDefault } from './types';

let byType: Map<string, AwsDefault[]> | undefined;

/** The AWS defaults and traps that concern a CloudFormation type. */
export function awsDefaultsFor(cloudformationType: string): readonly AwsDefault[] {
  if (!byType) {
    byType = new Map();
    for (const d of AWS_DEFAULTS) for (const t of d.appliesTo) byType.set(t, [...(byType.get(t) ?? []), d]);
  }
  return byType.get(cloudformationType) ?? [];
}
