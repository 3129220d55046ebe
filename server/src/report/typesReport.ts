import { applicableAspects } from '../assess/applicability';
import { ASPECTS } from '../knowledge/aspects';
import { awsDefaultsFor } from '../knowledge/awsDefaults';
import type { ResourceTypeInfo } from '../knowledge/resourceTypes';
import { categoryOf, type AspectId, type ControlCategory, type Owner, type ServiceModelEntry, type ServiceModelOrMixed } from '../knowledge/types';
import { VOCABULARY } from '../knowledge/vocabulary';

/** One entry of `srm-lens types --format json`. */
export interface JsonTypeEntry {
  type: string;
  format: 'cloudformation' | 'terraform';
  service: string;
  serviceName: string;
  model: ServiceModelOrMixed;
  /** Why a type of a mixed service has its model. */
  modelWhy?: string;
  /** For `mixed` types: the model assumed until the setting says, and the setting. */
  defaultModel?: string;
  decidedBy?: string;
  /** Owner per aspect under `model` (or `defaultModel`). Kept for aspects the type does not bear; see `applies`. */
  owners: Record<AspectId, Owner>;
  /** inherited, shared or customer-specific, from the owner. */
  categories: Record<AspectId, ControlCategory>;
  /** Whether the type bears the aspect at all; when false, no owner is shown. */
  applies: Record<AspectId, boolean>;
  cloudformationEquivalent?: string;
  cloudformationProperty?: string;
  source: string;
}

export function typeEntry(info: ResourceTypeInfo): JsonTypeEntry {
  const applicable = applicableAspects(info);
  return {
    type: info.type,
    format: info.format,
    service: info.service,
    serviceName: info.serviceInfo.name,
    model: info.model,
    ...(info.modelWhy ? { modelWhy: info.modelWhy } : {}),
    ...(info.model === 'mixed' ? { defaultModel: info.ownersModel, decidedBy: decidedBy(info) } : {}),
    owners: info.owners,
    categories: Object.fromEntries(ASPECTS.map((a) => [a.id, categoryOf(info.owners[a.id])])) as Record<AspectId, ControlCategory>,
    applies: Object.fromEntries(ASPECTS.map((a) => [a.id, applicable.has(a.id)])) as Record<AspectId, boolean>,
    ...(info.cloudformationEquivalent && info.cloudformationEquivalent !== info.type ? { cloudformationEquivalent: info.cloudformationEquivalent } : {}),
    ...(info.cloudformationProperty ? { cloudformationProperty: info.cloudformationProperty } : {}),
    source: info.serviceInfo.source,
  };
}

function decidedBy(info: ResourceTypeInfo): string {
  const d = info.decider;
  if (!d) return info.serviceInfo.decidedBy ?? 'a setting';
  return `${d.setting.join('.')} (${d.decider.cases.map((c) => `${c.equals?.join('/') ?? c.prefix ?? c.key ?? 'a custom value'} = ${c.model}`).join('; ')}; not set: ${d.decider.absent?.model ?? d.decider.default})`;
}

const OWNER_LABEL: Record<Owner, string> = { aws: 'AWS', shared: 'Shared', customer: 'Customer' };

/** The model line: the model whose owners the card shows, and why. */
export function modelLine(info: ResourceTypeInfo): string {
  if (info.model === 'mixed') return `mixed: ${decidedBy(info)}; owners below are for ${info.ownersModel} until the setting says`;
  return info.modelWhy ? `${info.model} (${info.modelWhy})` : info.model;
}

/**
 * A readable card for one type: what it is, its model and why, and who owns
 * each aspect, grouped by control category; aspects the type does not bear
 * are listed apart, without an owner.
 */
export function renderTypeCard(info: ResourceTypeInfo): string {
  const s = info.serviceInfo;
  const applicable = applicableAspects(info);
  const lines = [
    `${info.type}  (${info.format === 'cloudformation' ? 'CloudFormation' : 'Terraform'})`,
    info.documentation ? `  ${info.documentation}` : undefined,
    info.role ? `  Role: ${info.role}` : undefined,
    info.cloudformationEquivalent && info.cloudformationEquivalent !== info.type ? `  CloudFormation: ${info.cloudformationEquivalent}` : undefined,
    `  Service: ${s.name}`,
    `  Model:   ${modelLine(info)}`,
    `           ${s.rationale}`,
    `  Source:  ${s.source}${sourceQualifier(s)}`,
  ].filter((l): l is string => l !== undefined);
  for (const category of VOCABULARY.categories) {
    const rows = ASPECTS.filter((a) => applicable.has(a.id) && categoryOf(info.owners[a.id]) === category.id);
    if (!rows.length) continue;
    lines.push('', `  ${category.title}`);
    for (const a of rows) {
      const note = info.ownerNotes[a.id];
      lines.push(`    ${a.title.padEnd(44)} ${OWNER_LABEL[info.owners[a.id]].padEnd(9)}${note ? ` ${note.why}` : ''}`);
    }
  }
  const absent = ASPECTS.filter((a) => !applicable.has(a.id));
  if (absent.length) lines.push('', `  Not borne by this type (no owner): ${absent.map((a) => a.title).join('; ')}`, `    from ${info.applicabilityBasis}`);
  const defaults = awsDefaultsFor(info.cloudformationEquivalent ?? info.type);
  if (defaults.length) {
    lines.push('', '  AWS defaults');
    for (const d of defaults) {
      const when = d.dateBound && d.since ? `only for resources created on or after ${d.since}: ` : '';
      lines.push(`  ${d.secure ? '+' : '!'} ${when}${d.summary}${d.since && !d.dateBound ? ` (since ${d.since})` : ''}${d.onlyModel ? ` [${d.onlyModel} model only]` : ''}`, `    ${d.source}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** How to read the cards, in the model's words; printed once after them. */
export function renderTypesLegend(): string {
  const v = VOCABULARY;
  const lines = ['How to read this', `  Security of the cloud: ${v.sides.of}`, `  Security in the cloud: ${v.sides.in}`];
  for (const c of v.categories) lines.push(`  ${c.title}: ${c.explanation}`);
  for (const m of v.models) lines.push(`  ${m.id}: ${m.explanation}`);
  lines.push(`  ${v.modelsNote}`, `  Sources: ${v.sides.source}, ${v.categories[0].source}`);
  return lines.join('\n') + '\n';
}

/** Says what the source is when it is not the service's own security chapter. */
function sourceQualifier(s: ServiceModelEntry): string {
  if (!s.sourceConfirmed) return " (placeholder: the service's own security chapter is not yet linked)";
  if (s.sourceKind === 'service-guide') return ' (a page of its guide: no security chapter found)';
  if (s.sourceKind === 'api-reference') return ' (its API reference: no guide page found)';
  return '';
}
