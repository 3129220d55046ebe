import type { LinkedModel } from '../link/linkedModel';
import type { Resolution } from '../link/resolution';
import type { Resource } from '../model/document';
import { asList, getValue, type Value } from '../model/value';
import data from './data/typeModels.json';
import type { AspectId, Owner, ServiceModel } from './types';

/** An owner that a decided model changes for one aspect (Lambda images: the customer rebuilds). */
export interface DecisionOwner {
  aspect: AspectId;
  owner: Owner;
  why: string;
  source: string;
}

interface DeciderCase {
  equals?: string[];
  prefix?: string;
  /** The setting holds a map with this key (`Configuration: { CustomerManaged: … }`). */
  key?: string;
  /** Any stated value. */
  any?: boolean;
  model: ServiceModel;
  reason: string;
  owners?: DecisionOwner[];
}

export interface Decider {
  /** Property path in CloudFormation. */
  setting: string[];
  terraform?: { type: string; setting: string[] };
  /** The model assumed when the setting is absent or cannot be known. */
  default: ServiceModel;
  /** What an absent setting means, in words. */
  absentMeans: string;
  /** Where an absent setting decides by itself (Lambda: .zip is the default package type). */
  absent?: { model: ServiceModel; reason: string };
  cases: DeciderCase[];
}

export interface TypeModel {
  model: ServiceModel;
  why: string;
}

interface ServiceTypeModels {
  otherTypes: TypeModel;
  types: Record<string, TypeModel>;
}

const SERVICES = data.services as Record<string, ServiceTypeModels>;
const DECIDED = data.decided as Record<string, Decider>;
const TERRAFORM_DECIDED = new Map(Object.entries(DECIDED).flatMap(([cfn, d]) => (d.terraform ? [[d.terraform.type, { cfn, decider: d }] as const] : [])));

/**
 * For a type of a service whose model is `mixed`: either one model with why,
 * or the decider that reads the deciding setting. `undefined` when the service
 * is not described in data/typeModels.json (a unit test holds that every mixed one is).
 */
export function modelOfMixedType(
  service: string,
  type: string,
  cloudformationType: string | undefined,
): { decider: Decider; setting: string[] } | { single: TypeModel } | undefined {
  const tf = TERRAFORM_DECIDED.get(type);
  if (tf) return { decider: tf.decider, setting: tf.decider.terraform!.setting };
  if (type === cloudformationType && DECIDED[type]) return { decider: DECIDED[type], setting: DECIDED[type].setting };
  const entry = SERVICES[service];
  if (!entry) return undefined;
  const single = entry.types[type] ?? (cloudformationType ? entry.types[cloudformationType] : undefined);
  if (single) return { single };
  // A Terraform split resource of a decided type carries none of the deciding setting: the default model.
  const decided = cloudformationType ? DECIDED[cloudformationType] : undefined;
  if (decided) return { single: { model: decided.default, why: `part of ${cloudformationType}, whose model is decided by ${decided.setting.join('.')} on that resource; ${decided.default} assumed here` } };
  return { single: entry.otherTypes };
}

export function mixedServicesDescribed(): string[] {
  return Object.keys(SERVICES);
}

export function decidedTypes(): Record<string, Decider> {
  return DECIDED;
}

export interface ModelDecision {
  model: ServiceModel;
  reason: string;
  owners?: DecisionOwner[];
}

type Lookup = { status: 'absent' } | { status: 'unknown'; reason: string } | { status: 'known'; value: Value };

function notKnown(r: Exclude<Resolution, { status: 'known' }>): Lookup {
  if (r.status === 'absent') return { status: 'absent' };
  if (r.status === 'unknown') return { status: 'unknown', reason: r.reason };
  return { status: 'unknown', reason: 'it refers to another resource' };
}

/** The setting's value at a path: maps are followed by key, a list of one block by its item (Terraform blocks). */
function valueAt(resource: Resource, path: readonly string[], model: LinkedModel): Lookup {
  let current: Value | undefined = resource.body;
  for (const key of path) {
    const resolved = model.resolve(current);
    if (resolved.status !== 'known') return notKnown(resolved);
    let container = resolved.value;
    const list = asList(container);
    if (list && container.kind !== 'map') {
      if (list.items.length !== 1) return list.items.length === 0 ? { status: 'absent' } : { status: 'unknown', reason: `${key} is inside a list of ${list.items.length} blocks` };
      const item = model.resolve(list.items[0]);
      if (item.status !== 'known') return notKnown(item);
      container = item.value;
    }
    if (container.kind !== 'map') return { status: 'unknown', reason: `${key} is not inside a map` };
    current = getValue(container, key);
    if (current === undefined) return { status: 'absent' };
  }
  const resolved = model.resolve(current);
  if (resolved.status !== 'known') return notKnown(resolved);
  return { status: 'known', value: resolved.value };
}

/** The text a setting decides by: a string, or the only string of a list of one (RequiresCompatibilities: [FARGATE]). */
function textOf(value: Value, model: LinkedModel): string | undefined {
  if (value.kind === 'string') return value.value;
  const list = asList(value);
  if (list?.items.length !== 1) return undefined;
  const item = model.resolve(list.items[0]);
  return item.status === 'known' && item.value.kind === 'string' ? item.value.value : undefined;
}

function matches(c: DeciderCase, value: Value, model: LinkedModel): boolean {
  if (c.key !== undefined) return value.kind === 'map' && getValue(value, c.key) !== undefined;
  const text = textOf(value, model);
  if (text === undefined) return false;
  if (c.any) return true;
  if (c.prefix !== undefined) return text.toUpperCase().startsWith(c.prefix.toUpperCase());
  return (c.equals ?? []).some((e) => e.toUpperCase() === text!.toUpperCase());
}

/**
 * The model of a resource whose type is decided by a setting. Never silent:
 * when the setting is absent or cannot be known, the default model applies and
 * the reason says so and names the setting.
 */
export function decideModel(resource: Resource, decider: Decider, setting: readonly string[], model: LinkedModel): ModelDecision {
  const name = setting.join('.');
  const found = valueAt(resource, setting, model);
  if (found.status === 'absent') {
    if (decider.absent) return { model: decider.absent.model, reason: `${name} not set: ${decider.absent.reason}` };
    return { model: decider.default, reason: `${name} not set (${decider.absentMeans}): ${decider.default} assumed` };
  }
  if (found.status === 'unknown') return { model: decider.default, reason: `${name} cannot be known from the files (${found.reason}): ${decider.default} assumed` };
  for (const c of decider.cases) {
    if (matches(c, found.value, model)) {
      const text = textOf(found.value, model);
      const shown = text !== undefined ? `: ${text}` : c.key !== undefined ? `: ${c.key}` : '';
      return { model: c.model, reason: `${name}${shown}, ${c.reason}`, owners: c.owners };
    }
  }
  return { model: decider.default, reason: `${name} has a value SRM Lens does not know how to read: ${decider.default} assumed` };
}
