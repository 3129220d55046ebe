import { ASPECTS } from '../knowledge/aspects';
import { effectiveModel, type ResourceTypeInfo } from '../knowledge/resourceTypes';
import { awsDefaultsFor } from '../knowledge/awsDefaults';
import type { AspectId, Owner, ServiceModelOrMixed } from '../knowledge/types';

/** One entry of `srm-lens types --format json`. */
export interface JsonTypeEntry {
  type: string;
  format: 'cloudformation' | 'terraform';
  service: string;
  serviceName: string;
  model: ServiceModelOrMixed;
  /** For mixed services: the model assumed when the setting is absent, and the setting. */
  defaultModel?: string;
  decidedBy?: string;
  owners: Record<AspectId, Owner>;
  cloudformationEquivalent?: string;
  cloudformationProperty?: string;
  source: string;
}

export function typeEntry(info: ResourceTypeInfo): JsonTypeEntry {
  return {
    type: info.type,
    format: info.format,
    service: info.service,
    serviceName: info.serviceInfo.name,
    model: info.model,
    ...(info.model === 'mixed' ? { defaultModel: effectiveModel(info.serviceInfo), decidedBy: info.serviceInfo.decidedBy } : {}),
    owners: info.owners,
    ...(info.cloudformationEquivalent && info.cloudformationEquivalent !== info.type ? { cloudformationEquivalent: info.cloudformationEquivalent } : {}),
    ...(info.cloudformationProperty ? { cloudformationProperty: info.cloudformationProperty } : {}),
    source: info.serviceInfo.source,
  };
}

const OWNER_LABEL: Record<Owner, string> = { aws: 'AWS', shared: 'Shared', customer: 'Customer' };

/** A readable card for one type: what it is, its model and why, and who owns each aspect. */
export function renderTypeCard(info: ResourceTypeInfo): string {
  const s = info.serviceInfo;
  const lines = [
    `${info.type}  (${info.format === 'cloudformation' ? 'CloudFormation' : 'Terraform'})`,
    info.documentation ? `  ${info.documentation}` : undefined,
    info.role ? `  Role: ${info.role}` : undefined,
    info.cloudformationEquivalent && info.cloudformationEquivalent !== info.type ? `  CloudFormation: ${info.cloudformationEquivalent}` : undefined,
    `  Service: ${s.name}`,
    `  Model:   ${info.model}${info.model === 'mixed' ? ` (default ${effectiveModel(s)}; decided by ${s.decidedBy ?? 'a setting'})` : ''}`,
    `           ${s.rationale}`,
    `  Source:  ${s.source}${s.sourceConfirmed ? '' : ' (security chapter not yet linked)'}`,
    '',
    '  Aspect                                     Owner',
  ].filter((l): l is string => l !== undefined);
  for (const a of ASPECTS) {
    const owner = info.owners[a.id];
    const note = info.ownerNotes[a.id];
    lines.push(`  ${a.title.padEnd(42)} ${OWNER_LABEL[owner].padEnd(9)}${note ? ` ${note.why}` : ''}`);
  }
  const defaults = awsDefaultsFor(info.cloudformationEquivalent ?? info.type);
  if (defaults.length) {
    lines.push('', '  AWS defaults');
    for (const d of defaults) lines.push(`  ${d.secure ? '+' : '!'} ${d.summary}${d.since ? ` (since ${d.since})` : ''}`, `    ${d.source}`);
  }
  return lines.join('\n') + '\n';
}
