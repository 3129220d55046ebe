import type { Analysis } from '../analysis';
import type { ResourceAssessment } from '../assess/assessment';
import { terraformData } from '../knowledge/generatedData';
import { CLOUDFORMATION_COMPANION_NAMING, TERRAFORM_COMPANION_NAMING } from '../link/companionNames';

/**
 * Companions are resources that configure one part of another resource
 * (`aws_s3_bucket_versioning`, `aws_s3_bucket_policy`,
 * `AWS::EC2::SecurityGroupIngress`). Views fold them into their parent: one
 * lens, one matrix row with nested children. Which types are companions
 * follows the knowledge base: Terraform types that set a property of a
 * CloudFormation type or have a role there, and the CloudFormation types
 * those roles map to (when no Terraform type is the primary form of them).
 */
let companionCloudFormationTypes: Set<string> | undefined;

function cloudFormationCompanions(): Set<string> {
  if (!companionCloudFormationTypes) {
    const types = Object.values(terraformData().types);
    const primary = new Set(types.filter((t) => t.c && !t.role && !t.prop).map((t) => t.c!));
    companionCloudFormationTypes = new Set(types.filter((t) => t.role && t.c && !primary.has(t.c)).map((t) => t.c!));
  }
  return companionCloudFormationTypes;
}

export function isCompanionType(ra: ResourceAssessment): boolean {
  const info = ra.info;
  if (!info) return false;
  if (info.format === 'terraform') return !!info.cloudformationProperty || (!!info.role && !!info.cloudformationEquivalent && cloudFormationCompanions().has(info.cloudformationEquivalent));
  return cloudFormationCompanions().has(info.type);
}

/**
 * The resource a companion configures: the first resource of the same
 * service it refers to (by reference or by name) that is not a companion
 * itself. Where the link layer knows which setting names the subject
 * (`bucket`, not `target_bucket`, of an `aws_s3_bucket_logging`), that
 * setting decides; other references count only when the companion does not
 * write that setting at all (an `AWS::EC2::SecurityGroupIngress` with
 * `GroupId` rather than `GroupName`).
 */
export function companionParent(analysis: Analysis, ra: ResourceAssessment): ResourceAssessment | undefined {
  if (!isCompanionType(ra)) return undefined;
  const naming = [...TERRAFORM_COMPANION_NAMING, ...CLOUDFORMATION_COMPANION_NAMING].find((n) => n.companions.includes(ra.resource.type));
  const all = analysis.model.referencesFrom(ra.resource);
  let refs = naming ? all.filter((ref) => ref.property === naming.key || ref.property === naming.arnsIn) : all;
  if (naming && refs.length === 0 && !ra.resource.body.entries.some((e) => e.key === naming.key)) refs = all;
  for (const ref of refs) {
    const target = analysis.assessmentOf(ref.to);
    if (target && target !== ra && target.info && target.info.service === ra.info!.service && !isCompanionType(target)) return target;
  }
  return undefined;
}

/** Each parent with its companions, in document order; companions without a parent in the unit stand alone. */
export function companionsByParent(analysis: Analysis): Map<ResourceAssessment, ResourceAssessment[]> {
  const out = new Map<ResourceAssessment, ResourceAssessment[]>();
  for (const ra of analysis.resources) {
    const parent = companionParent(analysis, ra);
    if (!parent) continue;
    const list = out.get(parent) ?? [];
    list.push(ra);
    out.set(parent, list);
  }
  return out;
}

/** `aws_s3_bucket_versioning` → "versioning"; `AWS::S3::BucketPolicy` → "bucket policy": how a lens names a folded companion. */
export function companionLabel(ra: ResourceAssessment): string {
  const type = ra.resource.type;
  const parentWords = ra.info?.cloudformationEquivalent?.split('::')[2]?.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (type.includes('::')) return (type.split('::')[2] ?? type).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const words = type.replace(/^aws_/, '').split('_');
  // Drop the parent's own words from the front: aws_s3_bucket_versioning → versioning.
  const parentParts = new Set(['s3', 'vpc', ...(parentWords?.split(' ') ?? [])]);
  while (words.length > 1 && parentParts.has(words[0])) words.shift();
  return words.join(' ');
}
