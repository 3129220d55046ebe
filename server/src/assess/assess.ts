import { ASPECTS } from '../knowledge/aspects';
import { awsDefaultsFor } from '../knowledge/awsDefaults';
import { decideModel, type ModelDecision } from '../knowledge/mixedModels';
import { ownersFor, resourceType, type ResourceTypeInfo } from '../knowledge/resourceTypes';
import { categoryOf, type AspectId, type AwsDefault, type Owner, type ServiceModelOrMixed } from '../knowledge/types';
import { asList, getValue, type Value } from '../model/value';
import { notCreated } from '../link/instanceCount';
import type { LinkedModel } from '../link/linkedModel';
import { isCloudFormation, type Resource } from '../model/document';
import { rulesFor } from '../rules';
import type { Finding, Rule, Verdict } from '../rules/rule';
import type { Assessment, Cell, CellStatus, ResourceAssessment } from './assessment';
import { applicableAspects } from './applicability';
import { placeModuleFinding } from './moduleFindings';
import { isRealReason, suppressionFor } from './suppression';

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

/** Ends the findings of a module that another scanned module calls, assessed on its own: they rest on its defaults. */
export const MODULE_DEFAULTS_NOTE = " (with the module's defaults)";

export interface AssessOptions {
  /** Rule ids turned off by settings. */
  disabledRules?: ReadonlySet<string>;
  /** Opt-in rules (defaultEnabled: false) turned on by settings. */
  enabledRules?: ReadonlySet<string>;
}

/**
 * Model + knowledge + rules → one Assessment, which every view renders.
 * A Terraform module's assessment covers the resources its module calls
 * build, each once per call, with that call's arguments.
 */
export function assess(model: LinkedModel, options: AssessOptions = {}): Assessment {
  return { resources: model.units().flatMap((unit) => unit.resources.map((r) => assessResource(r, unit, options))) };
}

export function assessResource(resource: Resource, model: LinkedModel, options: AssessOptions = {}): ResourceAssessment {
  const info = resourceType(resource.type);
  if (!info) return { resource, cells: [], findings: [] };
  const decision = info.decider ? decideModel(resource, info.decider.decider, info.decider.setting, model) : undefined;
  const owners = decision ? decidedOwners(info, decision) : info.owners;
  const applicable = applicableAspects(info);
  const cells = new Map<AspectId, Cell>(ASPECTS.map((a) => [a.id, initialCell(a.id, owners[a.id], a.inTemplate, applicable.has(a.id))]));
  applyAwsDefaults(cells, info, resource, model, decision?.model ?? info.model);
  for (const o of decision?.owners ?? []) {
    // What the decided model hands to the customer is done outside the template (rebuilding an image).
    const cell = cells.get(o.aspect) as Cell;
    if (cell.applies && o.owner !== 'aws') Object.assign(cell, { status: 'outside-template', note: o.why, source: o.source });
  }
  // A module's resource that the call switches off (`count = var.create_x ? 1 : 0` with create_x false) does not exist.
  const absentBecause = resource.module ? notCreated(model, resource) : undefined;
  if (absentBecause) {
    for (const cell of cells.values()) {
      cell.status = 'not-applicable';
      cell.note = `not created by this call: ${absentBecause}`;
    }
    return { resource, info, model: decision?.model ?? info.model, modelReason: decision?.reason, cells: [...cells.values()], findings: [] };
  }

  const findings: Finding[] = [];
  const covered = new Set<AspectId>();
  for (const rule of rulesFor(resource.type)) {
    if (!isEnabled(rule, options)) continue;
    model.beginCheck(resource);
    const verdicts = safeCheck(rule, resource, model);
    const argumentsRead = model.endCheck();
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
      let finding = verdict.status === 'gap' ? toFinding(rule, resource, verdict, verdicts.length > 1 ? index : undefined) : undefined;
      if (finding) {
        const suppression = suppressionFor(resource, model, rule.id);
        if (suppression && isRealReason(suppression.reason)) finding.suppressed = { reason: suppression.reason };
        else if (suppression) finding.reasonMissing = { uri: resource.uri, range: suppression.range };
        if (model.calledElsewhere) finding.message += MODULE_DEFAULTS_NOTE;
        if (resource.module) finding = placeModuleFinding(finding, resource, model, argumentsRead);
        findings.push(finding);
      }
      merge(cell, verdict, finding, resource);
    });
  }
  return { resource, info, model: decision?.model ?? info.model, modelReason: decision?.reason ?? info.modelWhy, cells: [...cells.values()], findings };
}

/** The decided model's defaults and the type's overrides, then what the decision itself changes (Lambda images). */
function decidedOwners(info: ResourceTypeInfo, decision: ModelDecision): Record<AspectId, Owner> {
  const owners = { ...ownersFor(info.service, info.cloudformationEquivalent, decision.model, true).owners };
  for (const o of decision.owners ?? []) owners[o.aspect] = o.owner;
  return owners;
}

export function isEnabled(rule: Rule, options: AssessOptions): boolean {
  if (options.disabledRules?.has(rule.id)) return false;
  return rule.defaultEnabled !== false || options.enabledRules?.has(rule.id) === true;
}

function initialCell(aspect: AspectId, owner: Cell['owner'], inTemplate: boolean, applies: boolean): Cell {
  // The owner stays for compatibility (the model says who would own it); `applies: false` tells views to show none.
  const [status, note]: [CellStatus, string | undefined] = !applies
    ? ['not-applicable', 'this type has nothing of this kind']
    : owner === 'aws'
      ? ['not-applicable', undefined]
      : !inTemplate
        ? ['outside-template', 'done outside any template']
        : ['not-checked', 'no SRM Lens check covers this aspect of this type yet'];
  // One literal with every field, always in this order: V8 then shares one object shape among all cells
  // (spreading a base object gave each cell a shape of its own, a third of the heap on a large workspace).
  return { aspect, owner, category: categoryOf(owner), applies, status, findings: [], evidence: [], note, source: undefined };
}

/**
 * AWS defaults on their cells, merged per aspect: every applicable default's
 * sentence is kept (S3 encrypts with SSE-S3 *and* blocks SSE-C), a default
 * that holds only from a date leads with that date, and a setting the
 * template states explicitly wins over the default it replaces.
 */
function applyAwsDefaults(cells: Map<AspectId, Cell>, info: ResourceTypeInfo, resource: Resource, linked: LinkedModel, model: ServiceModelOrMixed | undefined): void {
  const byAspect = new Map<AspectId, AwsDefault[]>();
  for (const d of awsDefaultsFor(info.cloudformationEquivalent ?? info.type)) {
    if (d.onlyModel && d.onlyModel !== model) continue;
    byAspect.set(d.aspect, [...(byAspect.get(d.aspect) ?? []), d]);
  }
  for (const [aspect, defaults] of byAspect) {
    const cell = cells.get(aspect);
    if (!cell || cell.owner === 'aws' || !cell.applies) continue;
    const explicit = defaults.map((d) => explicitSetting(d, resource, linked)).find((e) => e !== undefined);
    if (explicit) {
      cell.status = 'met';
      cell.note = explicit;
      continue;
    }
    const secure = defaults.filter((d) => d.secure);
    const traps = defaults.filter((d) => !d.secure);
    const sentences = [...secure.map(defaultSentence), ...traps.map((d) => `Not secure by default: ${d.summary}`)];
    if (secure.length) cell.status = 'aws-default';
    if (secure.length && aspect === 'encryption-at-rest' && cell.owner === 'customer') {
      // AWS encrypts, the customer picks the key: a shared control, as for every service that encrypts by default.
      cell.owner = 'shared';
      cell.category = categoryOf('shared');
    }
    cell.note = sentences.join(' · ');
    cell.source = defaults[0].source;
  }
}

/** A date-bound default leads with its date so a shortened view still shows it. */
function defaultSentence(d: AwsDefault): string {
  if (d.dateBound && d.since) return `Only for resources created on or after ${d.since}: ${d.summary}`;
  return `${d.summary}${d.since ? ` (since ${d.since})` : ''}`;
}

/** The template states the setting the default is about, with a value that settles it. */
function explicitSetting(d: AwsDefault, resource: Resource, linked: LinkedModel): string | undefined {
  if (!d.explicit || !isCloudFormation(resource.format)) return undefined;
  let current: Value | undefined = resource.body;
  for (const key of d.explicit.path) {
    const r = linked.resolve(current);
    if (r.status !== 'known') return undefined;
    current = /^\d+$/.test(key) ? asList(r.value)?.items[Number(key)] : r.value.kind === 'map' ? getValue(r.value, key) : undefined;
    if (current === undefined) return undefined;
  }
  const r = linked.resolve(current);
  if (r.status !== 'known' || r.value.kind !== 'string') return undefined;
  const text = r.value.value;
  if (!d.explicit.values.includes(text)) return undefined;
  return `${d.explicit.path.filter((k) => !/^\d+$/.test(k)).slice(-1)[0]}: ${text}, stated in the template (an explicit setting wins over the AWS default)`;
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
    // A plan is Terraform's output, not something to edit: its findings are fixed in the configuration, so they carry no fix.
    fixes: resource.format === 'terraform-plan' ? [] : verdict.fixes ?? [],
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
