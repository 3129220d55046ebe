import { ASPECTS } from '../knowledge/aspects';
import { awsDefaultsFor } from '../knowledge/awsDefaults';
import { decideModel } from '../knowledge/mixedModels';
import { ownersFor, resourceType, type ResourceTypeInfo } from '../knowledge/resourceTypes';
import { categoryOf, type AspectId } from '../knowledge/types';
import type { LinkedModel } from '../link/linkedModel';
import type { Resource } from '../model/document';
import { rulesFor } from '../rules';
import type { Finding, Rule, Verdict } from '../rules/rule';
import type { Assessment, Cell, CellStatus, ResourceAssessment } from './assessment';
import { applicableAspects } from './applicability';
import { suppressionFor } from './suppression';

/** Rank for combining verdicts of several rules on one cell: the worst one shows. */
const RANK: Record<CellStatus, number> = {
  gap: 6,
  'accepted-risk': 5,
  'cannot-tell': 4,
  met: 3,
  'aws-default': 2,
  'not-checked': 1,
  'outside-template': 1,
  'not-applicable': 0,
};

export interface AssessOptions {
  /** Rule ids turned off by settings. */
  disabledRules?: ReadonlySet<string>;
  /** Opt-in rules (defaultEnabled: false) turned on by settings. */
  enabledRules?: ReadonlySet<string>;
}

/** Model + knowledge + rules → one Assessment, which every view renders. */
export function assess(model: LinkedModel, options: AssessOptions = {}): Assessment {
  return { resources: model.resources.map((r) => assessResource(r, model, options)) };
}

export function assessResource(resource: Resource, model: LinkedModel, options: AssessOptions = {}): ResourceAssessment {
  const info = resourceType(resource.type);
  if (!info) return { resource, cells: [], findings: [] };
  const decision = info.model === 'mixed' ? decideModel(resource, model) : undefined;
  const owners = decision ? ownersFor(info.service, info.cloudformationEquivalent, decision.model, true).owners : info.owners;
  const applicable = applicableAspects(info);
  const cells = new Map<AspectId, Cell>(ASPECTS.map((a) => [a.id, initialCell(a.id, owners[a.id], a.inTemplate, applicable.has(a.id))]));
  applyAwsDefaults(cells, info);

  const findings: Finding[] = [];
  const covered = new Set<AspectId>();
  for (const rule of rulesFor(resource.type)) {
    if (!isEnabled(rule, options)) continue;
    const verdicts = safeCheck(rule, resource, model);
    if (verdicts.length === 0) continue;
    const cell = cells.get(rule.aspect) as Cell;
    if (!covered.has(rule.aspect)) {
      covered.add(rule.aspect);
      // A rule that looked replaces the placeholder; an AWS default stays unless the rule says worse.
      if (cell.status === 'not-checked') {
        cell.status = 'not-applicable';
        cell.note = undefined;
      }
    }
    verdicts.forEach((verdict, index) => {
      const finding = verdict.status === 'gap' ? toFinding(rule, resource, verdict, verdicts.length > 1 ? index : undefined) : undefined;
      if (finding) {
        finding.suppressed = suppressionFor(resource, model, rule.id);
        findings.push(finding);
      }
      merge(cell, verdict, finding, resource);
    });
  }
  return { resource, info, model: decision?.model ?? info.model, modelReason: decision?.reason, cells: [...cells.values()], findings };
}

export function isEnabled(rule: Rule, options: AssessOptions): boolean {
  if (options.disabledRules?.has(rule.id)) return false;
  return rule.defaultEnabled !== false || options.enabledRules?.has(rule.id) === true;
}

function initialCell(aspect: AspectId, owner: Cell['owner'], inTemplate: boolean, applies: boolean): Cell {
  const base = { aspect, owner, category: categoryOf(owner), applies, findings: [], evidence: [] };
  // The owner stays for compatibility (the model says who would own it); `applies: false` tells views to show none.
  if (!applies) return { ...base, status: 'not-applicable', note: 'this type has nothing of this kind' };
  if (owner === 'aws') return { ...base, status: 'not-applicable' };
  if (!inTemplate) return { ...base, status: 'outside-template', note: 'done outside any template' };
  return { ...base, status: 'not-checked', note: 'no SRM Lens check covers this aspect of this type yet' };
}

function applyAwsDefaults(cells: Map<AspectId, Cell>, info: ResourceTypeInfo): void {
  for (const d of awsDefaultsFor(info.cloudformationEquivalent ?? info.type)) {
    const cell = cells.get(d.aspect);
    if (!cell || cell.owner === 'aws' || !cell.applies) continue;
    if (d.secure) {
      cell.status = 'aws-default';
      cell.note = `${d.summary}${d.since ? ` (since ${d.since})` : ''}`;
    } else {
      cell.note = `Not secure by default: ${d.summary}`;
    }
    cell.source = d.source;
  }
}

function safeCheck(rule: Rule, resource: Resource, model: LinkedModel): Verdict[] {
  try {
    return rule.check(resource, { model });
  } catch (error) {
    // One faulty rule must not hide the rest of the assessment; it reports itself in words, its details in the log.
    console.error(`SRM Lens: rule ${rule.id} failed on ${resource.id}:`, error);
    return [{ status: 'cannot-tell', reason: `SRM Lens could not analyse this part: rule ${rule.id} failed on this resource (details in its log)` }];
  }
}

function toFinding(rule: Rule, resource: Resource, verdict: Extract<Verdict, { status: 'gap' }>, index: number | undefined): Finding {
  return {
    key: `${rule.id}@${resource.id}${index === undefined ? '' : `#${index}`}`,
    ruleId: rule.id,
    aspect: rule.aspect,
    severity: rule.severity,
    message: verdict.message,
    uri: resource.uri,
    range: verdict.range,
    related: verdict.related ?? [],
    fixes: verdict.fixes ?? [],
  };
}

function merge(cell: Cell, verdict: Verdict, finding: Finding | undefined, resource: Resource): void {
  let status: CellStatus;
  let note: string | undefined;
  switch (verdict.status) {
    case 'gap':
      status = finding?.suppressed ? 'accepted-risk' : 'gap';
      note = finding?.suppressed ? `accepted: ${finding.suppressed.reason || 'no reason given'}` : verdict.message;
      if (finding) cell.findings.push(finding.key);
      cell.evidence.push({ message: verdict.message, uri: resource.uri, range: verdict.range });
      break;
    case 'cannot-tell':
      status = 'cannot-tell';
      note = verdict.reason;
      if (verdict.range) cell.evidence.push({ message: verdict.reason, uri: resource.uri, range: verdict.range });
      break;
    case 'met':
      status = 'met';
      note = verdict.evidence;
      if (verdict.range && verdict.evidence) cell.evidence.push({ message: verdict.evidence, uri: resource.uri, range: verdict.range });
      break;
    case 'aws-default':
      status = 'aws-default';
      note = verdict.evidence;
      break;
    case 'not-applicable':
      return;
  }
  if (RANK[status] >= RANK[cell.status]) {
    // Keep the AWS-default sentence when a rule merely agrees with it.
    if (!(cell.status === 'aws-default' && status === 'aws-default')) cell.note = note ?? cell.note;
    cell.status = status;
  }
}
