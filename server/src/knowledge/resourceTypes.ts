import { ASPECTS } from './aspects';
import { awsDefaultsFor } from './awsDefaults';
import { cloudFormationData, cloudFormationType, cloudFormationTypeDef, terraformData, type GeneratedProperty, type GeneratedTfType } from './generatedData';
import { OWNER_OVERRIDES } from './ownerOverrides';
import { modelOfMixedType, type Decider } from './mixedModels';
import { serviceEntry } from './services';
import type { AspectId, Owner, ServiceModel, ServiceModelEntry, ServiceModelOrMixed } from './types';

export interface ResourceTypeInfo {
  type: string;
  format: 'cloudformation' | 'terraform';
  /** Knowledge-base service key: a spec short name (`s3`) or `terraform:<package>`. */
  service: string;
  serviceInfo: ServiceModelEntry;
  /** The type's model: its service's, or for a mixed service the type's own; `mixed` only where a setting decides. */
  model: ServiceModelOrMixed;
  /** The model whose owners `owners` holds: `model`, or for `mixed` the one assumed until the setting says. */
  ownersModel: ServiceModel;
  /** Why a type of a mixed service has the model it has. */
  modelWhy?: string;
  /** For `mixed`: the setting that decides and how. */
  decider?: { decider: Decider; setting: string[] };
  /** Owner of every aspect, model defaults refined by documented overrides. */
  owners: Record<AspectId, Owner>;
  /** Why an owner differs from the model default, per aspect, with its source. */
  ownerNotes: Partial<Record<AspectId, { why: string; source: string }>>;
  /** The CloudFormation type this is or configures. */
  cloudformationEquivalent?: string;
  /** Terraform split resources: the CloudFormation property they manage (`BucketEncryption`). */
  cloudformationProperty?: string;
  /** A phrase for split and adopting resources: "an ingress rule of a security group". */
  role?: string;
  documentation?: string;
  /**
   * The aspects this type bears; the others are not applicable (a route has no
   * data to encrypt). Generated from the type's properties and the applicability
   * data, plus every aspect an owner override or AWS default names for it.
   */
  applicable: ReadonlySet<AspectId>;
  /** Where `applicable` comes from, in words, for the types card. */
  applicabilityBasis: string;
}

const cache = new Map<string, ResourceTypeInfo | null>();

/** Everything the knowledge base says about a resource type, or undefined for non-AWS types (`random_id`). */
export function resourceType(type: string): ResourceTypeInfo | undefined {
  let info = cache.get(type);
  if (info === undefined) {
    info = build(type) ?? null;
    cache.set(type, info);
  }
  return info ?? undefined;
}

function build(type: string): ResourceTypeInfo | undefined {
  if (type.includes('::')) return buildCloudFormation(type);
  if (type.startsWith('aws_')) return buildTerraform(type);
  return undefined;
}

function buildCloudFormation(type: string): ResourceTypeInfo | undefined {
  const generated = cloudFormationType(type);
  // Custom resources run the customer's own handler through CloudFormation.
  const custom = !generated && type.startsWith('Custom::');
  const service = generated?.s ?? (custom ? 'cloudformation' : undefined);
  if (!service) return undefined;
  const aspects = custom ? cloudFormationType('AWS::CloudFormation::CustomResource')?.a : generated?.a;
  return withOwners({
    type,
    format: 'cloudformation',
    service,
    cloudformationEquivalent: type,
    documentation: generated?.d || undefined,
    ...applicability(aspects, custom ? 'a custom resource: as AWS::CloudFormation::CustomResource' : 'its properties in the CloudFormation resource specification'),
  });
}

function buildTerraform(type: string): ResourceTypeInfo | undefined {
  const generated = terraformData().types[type] ?? inferTerraformType(type);
  if (!generated) return undefined;
  return withOwners({
    type,
    format: 'terraform',
    service: generated.s,
    cloudformationEquivalent: generated.c,
    cloudformationProperty: generated.prop,
    role: generated.role ?? (generated.prop && generated.c ? `the ${generated.prop} of an ${generated.c}` : undefined),
    documentation: generated.c ? cloudFormationType(generated.c)?.d : undefined,
    ...(generated.a
      ? applicability(generated.a, generated.why ? `what it is (${generated.why})` : `the ${generated.prop} property of ${generated.c}`)
      : generated.c
        ? applicability(cloudFormationType(generated.c)?.a, `its CloudFormation equivalent ${generated.c}`)
        : applicability(undefined, 'no CloudFormation equivalent to read properties from')),
  });
}

/**
 * Where AWS encrypts at rest by default, encryption is a shared control in every
 * model: AWS encrypts, the customer chooses the key (Aurora and Redshift alike).
 */
function sharedWhereAwsEncrypts(type: string, owned: Pick<ResourceTypeInfo, 'owners' | 'ownerNotes'>): void {
  const d = awsDefaultsFor(type).find((x) => x.secure && x.aspect === 'encryption-at-rest' && !x.onlyModel);
  if (!d || owned.owners['encryption-at-rest'] !== 'customer') return;
  owned.owners['encryption-at-rest'] = 'shared';
  owned.ownerNotes['encryption-at-rest'] = { why: `AWS encrypts by default (${d.id}); choosing the key, and encrypting resources created before any dated default, stay the customer's.`, source: d.source };
}

/** Without generated data every aspect is assumed to apply: better a cell too many than a silent gap. */
function applicability(aspects: readonly AspectId[] | undefined, basis: string): Pick<ResourceTypeInfo, 'applicable' | 'applicabilityBasis'> {
  if (!aspects) return { applicable: new Set(ASPECTS.map((a) => a.id)), applicabilityBasis: `every aspect (${basis})` };
  return { applicable: new Set(aspects), applicabilityBasis: basis };
}

/**
 * A type newer than the provider table (`aws_cloudfront_trust_store`): its
 * service is the one of the known types sharing the longest name prefix.
 */
function inferTerraformType(type: string): GeneratedTfType | undefined {
  const known = terraformData().types;
  const parts = type.split('_');
  for (let n = parts.length - 1; n >= 2; n--) {
    const prefix = `${parts.slice(0, n).join('_')}_`;
    const sibling = Object.keys(known).find((k) => k.startsWith(prefix));
    if (sibling) return { ts: known[sibling].ts, s: known[sibling].s.startsWith('terraform:') ? known[sibling].s : serviceOfSibling(known[sibling]) };
  }
  return undefined;
}

/** A sibling's own CloudFormation equivalent says nothing about the new type; only its service carries over. */
function serviceOfSibling(sibling: GeneratedTfType): string {
  return sibling.c ? cloudFormationType(sibling.c)?.s ?? sibling.s : sibling.s;
}

type TypeFacts = Omit<ResourceTypeInfo, 'serviceInfo' | 'model' | 'ownersModel' | 'modelWhy' | 'decider' | 'owners' | 'ownerNotes'>;

/** A mixed service's types each get their own model or decider (data/typeModels.json); other services' types share the service's. */
function modelOfType(partial: TypeFacts, serviceInfo: ServiceModelEntry): Pick<ResourceTypeInfo, 'model' | 'ownersModel' | 'modelWhy' | 'decider'> & { decided: boolean } {
  if (serviceInfo.model !== 'mixed') return { model: serviceInfo.model, ownersModel: serviceInfo.model, decided: false };
  const found = modelOfMixedType(partial.service, partial.type, partial.cloudformationEquivalent);
  if (!found) return { model: 'mixed', ownersModel: effectiveModel(serviceInfo), decided: false };
  if ('single' in found) return { model: found.single.model, ownersModel: found.single.model, modelWhy: found.single.why, decided: true };
  return { model: 'mixed', ownersModel: found.decider.default, decider: found, decided: true };
}

function withOwners(partial: TypeFacts): ResourceTypeInfo {
  const serviceInfo = serviceEntry(partial.service);
  const typeModel = modelOfType(partial, serviceInfo);
  const { decided, ...modelFacts } = typeModel;
  const owned = ownersFor(partial.service, partial.cloudformationEquivalent, typeModel.ownersModel, decided);
  // An aspect AWS documents an owner or a default for exists for the type, whatever its properties say;
  // not for a split resource, which bears only what its one property bears (a bucket's metrics are not its encryption).
  const named = new Set<AspectId>(partial.applicable);
  if (!partial.cloudformationProperty) {
    for (const o of overridesFor(partial.cloudformationEquivalent ?? partial.type)) named.add(o.aspect);
    for (const d of awsDefaultsFor(partial.cloudformationEquivalent ?? partial.type)) named.add(d.aspect);
  }
  sharedWhereAwsEncrypts(partial.cloudformationEquivalent ?? partial.type, owned);
  return { ...partial, applicable: named, serviceInfo, ...modelFacts, ...owned };
}

export function effectiveModel(entry: ServiceModelEntry): ServiceModel {
  return entry.model === 'mixed' ? (entry.defaultModel ?? 'container') : entry.model;
}

/**
 * Model defaults, then service overrides, then resource-type overrides: the
 * most specific statement AWS makes wins. Exported for resources whose model
 * depends on a setting (ECS on EC2 vs Fargate), which recompute with the model they have.
 */
export function ownersFor(
  service: string,
  cloudformationType: string | undefined,
  model: ServiceModel,
  decided = false,
): Pick<ResourceTypeInfo, 'owners' | 'ownerNotes'> {
  const owners = {} as Record<AspectId, Owner>;
  const ownerNotes: ResourceTypeInfo['ownerNotes'] = {};
  for (const a of ASPECTS) owners[a.id] = a.owners[model];
  // A mixed service's own overrides describe the undecided case ("EC2 or Fargate"); once a
  // resource's settings decide the model, that model's defaults and the type's overrides speak.
  const targets = decided ? [cloudformationType] : [service, cloudformationType];
  for (const target of targets) {
    if (!target) continue;
    for (const o of overridesFor(target)) {
      owners[o.aspect] = o.owner;
      ownerNotes[o.aspect] = { why: o.why, source: o.source };
    }
  }
  return { owners, ownerNotes };
}

let overrideIndex: Map<string, typeof OWNER_OVERRIDES[number][]> | undefined;
function overridesFor(target: string): readonly (typeof OWNER_OVERRIDES)[number][] {
  if (!overrideIndex) {
    overrideIndex = new Map();
    for (const o of OWNER_OVERRIDES) overrideIndex.set(o.target, [...(overrideIndex.get(o.target) ?? []), o]);
  }
  return overrideIndex.get(target) ?? [];
}

/** Every CloudFormation and Terraform type the knowledge base knows, sorted. */
export function allResourceTypes(): ResourceTypeInfo[] {
  const cfn = Object.keys(cloudFormationData().types).sort();
  const tf = Object.keys(terraformData().types).sort();
  return [...cfn, ...tf].map((t) => resourceType(t) as ResourceTypeInfo);
}

/**
 * The documentation sentence of a property at a path inside a CloudFormation
 * type, following nested property types (`BucketEncryption`, `ServerSideEncryptionConfiguration`).
 */
export function propertyDocumentation(cloudformationType: string, path: readonly string[]): string | undefined {
  let props: Record<string, GeneratedProperty> | undefined = cloudFormationType(cloudformationType)?.p;
  let found: GeneratedProperty | undefined;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue; // list indexes do not change the property type
    found = props?.[key];
    if (!found) return undefined;
    props = found.t ? cloudFormationTypeDef(found.t)?.p : undefined;
  }
  return found?.d || undefined;
}

export function isModel(value: string): value is ServiceModel {
  return value === 'infrastructure' || value === 'container' || value === 'abstract';
}
