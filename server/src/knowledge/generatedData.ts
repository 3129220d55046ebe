import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AspectId } from './types';

/** Shapes of the files scripts/generateKnowledge.mjs writes; short keys keep them small. */
export interface GeneratedProperty {
  /** First sentence of the property's documentation. */
  d: string;
  /** Id of the nested property type in `typeDefs`. */
  t?: string;
  /** Required by CloudFormation. */
  r?: 1;
}

export interface GeneratedCfnType {
  /** Service short name (`s3`). */
  s: string;
  d: string;
  p: Record<string, GeneratedProperty>;
  /** Aspects the type bears (scripts/data/applicability.json applied to its properties). */
  a: AspectId[];
}

export interface CloudFormationData {
  services: Record<string, { name: string; namespace: string }>;
  types: Record<string, GeneratedCfnType>;
  typeDefs: Record<string, { n: string; p: Record<string, GeneratedProperty> }>;
}

export interface GeneratedTfType {
  /** Provider service package (`s3`, `ec2`). */
  ts: string;
  /** Service key of the knowledge base: a spec short name, or `terraform:<package>`. */
  s: string;
  /** CloudFormation equivalent. */
  c?: string;
  rel?: 'property-of';
  prop?: string;
  role?: string;
  /** For split resources (`property-of`): the aspects the managed property bears. */
  a?: AspectId[];
}

export interface TerraformData {
  services: Record<string, { name: string; specService: string | null }>;
  types: Record<string, GeneratedTfType>;
}

/**
 * Finds a generated file: next to the bundle in dist/knowledge/, or in the
 * source tree when running from tsc output in tests and benchmarks.
 */
function locate(name: string): string {
  const candidates = [join(__dirname, 'knowledge', name)];
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    candidates.push(join(dir, 'server', 'src', 'knowledge', 'generated', name));
    candidates.push(join(dir, 'generated', name));
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`SRM Lens knowledge file ${name} is missing; looked in ${candidates.slice(0, 3).join(', ')}`);
  return found;
}

let cloudFormation: CloudFormationData | undefined;
let terraform: TerraformData | undefined;

/** Loaded on first use, so activation and CLI start-up do not pay for it. */
export function cloudFormationData(): CloudFormationData {
  cloudFormation ??= JSON.parse(readFileSync(locate('cloudformationTypes.json'), 'utf8')) as CloudFormationData;
  return cloudFormation;
}

export function terraformData(): TerraformData {
  terraform ??= JSON.parse(readFileSync(locate('terraformTypes.json'), 'utf8')) as TerraformData;
  return terraform;
}
