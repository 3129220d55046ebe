import { addDays, calendar, referenceDate, standing, type CalendarId } from '../knowledge/supportCalendar';
import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import { asMap, getEntry, getValue } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { defineRule, documentOf, fixSet, is, judge, setting } from './ruleKit';

/**
 * Versions read against AWS's support calendars (knowledge/supportCalendar.ts).
 * Past the end of standard support AWS no longer patches the version (or,
 * for EKS and RDS, patches it only under billed extended support); that is
 * the customer's half of patch management, a shared control.
 */

const SOON_DAYS = 90;

function literalText(ctx: RuleContext, resource: Resource, path: string[]): { text: string; via?: string; range: ReturnType<typeof setting>['range'] } | { absent: true; range: ReturnType<typeof setting>['range'] } | { unknown: string; range: ReturnType<typeof setting>['range'] } {
  const found = setting(resource, path);
  if (!found.entry) return { absent: true, range: found.range };
  const r = ctx.model.resolve(found.value);
  if (r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number')) return { text: String(r.value.value).trim(), via: r.via, range: found.range };
  if (r.status === 'absent') return { absent: true, range: found.range };
  return { unknown: r.status === 'unknown' ? r.reason : 'it is not a literal version', range: found.range };
}

function describeEnd(id: CalendarId, date: string, past: boolean): string {
  const c = calendar(id);
  return `${past ? 'ended' : 'ends'} on ${date} (${c.source})`;
}

/** The verdict for one version of one calendar, on the reference date. */
function calendarVerdict(id: CalendarId, label: string, version: string, range: Range, via?: string): Verdict {
  const today = referenceDate();
  const c = calendar(id);
  const s = standing(c, version);
  const suffix = via ? ` (${via})` : '';
  if (s.kind === 'unlisted') return { status: 'cannot-tell', reason: `${label} ${version} is not in SRM Lens's ${id} support calendar (checked ${c.entries[0].checked}); see ${c.source}`, range };
  if (s.kind === 'older') return { status: 'gap', message: `${label} ${version} is older than ${s.than.version}, whose standard support ${describeEnd(id, s.than.endOfSupport, s.than.endOfSupport <= today)}: AWS no longer patches it under standard support${suffix}.`, range };
  const e = s.entry;
  if (e.endOfSupport <= today) {
    if (e.status === 'projected') return { status: 'cannot-tell', reason: `AWS projected the end of support of ${label} ${version} for ${e.endOfSupport}, and such dates have moved before; see ${e.source}`, range };
    return { status: 'gap', message: `${label} ${version}: standard support ${describeEnd(id, e.endOfSupport, true)}, so AWS no longer patches it under standard support${suffix}.`, range };
  }
  return { status: 'met', evidence: `${label} ${version} is supported until ${e.endOfSupport}${suffix}`, range };
}

export const eksVersionSupported = defineRule({
  id: 'eks-cluster-version-supported',
  title: 'EKS cluster runs a Kubernetes version in standard support',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['EKS.2'], checkov: ['CKV_AWS_339'] },
  docs: {
    why: 'After the end of standard support a Kubernetes version gets patches only under extended support (billed per cluster hour), and after that EKS upgrades the control plane by itself, on its own schedule.',
    owner: 'Shared: AWS patches the control plane of supported versions; choosing and upgrading the version is the customer\'s. Dates come from the EKS Kubernetes release calendar, kept in knowledge/data/supportCalendars.json with sources and the day checked.',
    fix: 'No automatic fix: EKS upgrades one minor version at a time, and nodes and add-ons must follow. Upgrade step by step to a version in standard support.',
    mayBreak: 'Removed Kubernetes APIs break manifests that still use them.',
  },
  cloudformation: {
    types: ['AWS::EKS::Cluster'],
    fixable: false,
    check: (c, ctx) => versionVerdicts(ctx, c, 'Version'),
  },
  terraform: {
    types: ['aws_eks_cluster'],
    fixable: false,
    check: (c, ctx) => versionVerdicts(ctx, c, 'version'),
  },
});

function versionVerdicts(ctx: RuleContext, cluster: Resource, key: string): Verdict[] {
  const v = literalText(ctx, cluster, [key]);
  if ('absent' in v) return [{ status: 'aws-default', evidence: 'no version is set, so EKS creates the cluster on its current default version' }];
  if ('unknown' in v) return [{ status: 'cannot-tell', reason: `${key}: ${v.unknown}`, range: v.range }];
  return [calendarVerdict('eks', 'Kubernetes', v.text, v.range, v.via)];
}

/** Lambda runtimes whose deprecation is near: the warning before lambda-function-supported-runtime's finding. */
const SUCCESSORS: [RegExp, string][] = [
  [/^nodejs/, 'nodejs24.x'],
  [/^python/, 'python3.14'],
  [/^java/, 'java25'],
  [/^dotnet/, 'dotnet10'],
  [/^ruby/, 'ruby3.4'],
];

function runtimeSoonVerdicts(ctx: RuleContext, fn: Resource, key: string, packageKey: string): Verdict[] {
  const image = judge(ctx, setting(fn, [packageKey]).value, is.oneOf('Image'));
  if (image.outcome === 'secure') return [{ status: 'not-applicable', reason: 'a container image function brings its own runtime' }];
  let found = setting(fn, [key]);
  let fromGlobals = false;
  if (!found.entry && fn.type === 'AWS::Serverless::Function') {
    const globals = asMap(getValue(asMap(getValue(documentOf(ctx, fn)?.root, 'Globals')), 'Function'));
    const entry = getEntry(globals, key);
    if (entry) {
      found = { entry, value: entry.value, range: entry.keyRange };
      fromGlobals = true;
    }
  }
  if (!found.entry) return [{ status: 'not-applicable', reason: `no ${key}` }];
  const r = ctx.model.resolve(found.value);
  if (r.status !== 'known' || r.value.kind !== 'string') return [{ status: 'cannot-tell', reason: `${key}: ${r.status === 'unknown' ? r.reason : 'not a literal runtime name'}`, range: found.range }];
  const runtime = r.value.value.trim();
  const today = referenceDate();
  const s = standing(calendar('lambda'), runtime);
  if (s.kind !== 'listed') return [{ status: 'cannot-tell', reason: `${runtime} is not in SRM Lens's Lambda runtime calendar; see ${calendar('lambda').source}`, range: found.range }];
  const end = s.entry.endOfSupport;
  if (end <= today) return [{ status: 'not-applicable', reason: `${runtime} is already deprecated (lambda-function-supported-runtime reports it)` }];
  const horizon = addDays(today, SOON_DAYS);
  if (end > horizon) return [{ status: 'met', evidence: `${runtime} is supported until ${end}, more than ${SOON_DAYS} days away`, range: found.range }];
  const successor = SUCCESSORS.find(([family]) => family.test(runtime))?.[1];
  const fixes = successor && !r.via && !fromGlobals ? fixSet(ctx, fn, [key], successor, `Use the ${successor} runtime (a major language upgrade: run the tests first)`) : [];
  return [{ status: 'gap', message: `${runtime} will be deprecated on ${end}, within ${SOON_DAYS} days: after that date Lambda stops patching it${fromGlobals ? ' (from Globals)' : ''}.`, range: found.range, fixes }];
}

export const lambdaRuntimeDeprecationSoon = defineRule({
  id: 'lambda-function-runtime-deprecation-soon',
  title: 'Lambda function runtime is not deprecated within 90 days',
  aspect: 'platform-patching',
  severity: 'warning',
  references: {},
  docs: {
    why: 'When a runtime is deprecated Lambda stops applying security patches to it and, soon after, blocks creating and updating functions that use it; 90 days is the time a team needs to test a major upgrade.',
    owner: 'Shared: AWS patches managed runtimes until their deprecation date; moving to a supported runtime is the customer\'s. Dates come from the Lambda runtimes page, kept in knowledge/data/supportCalendars.json with sources and the day checked.',
    fix: 'Sets the runtime to the newest of the same language (nodejs24.x, python3.14, java25, dotnet10, ruby3.4). No fix for OS-only runtimes (provided.*) or when the runtime comes from a parameter or SAM Globals.',
    mayBreak: 'A major language upgrade can break code and dependencies; run the tests before deploying.',
  },
  cloudformation: { types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], check: (fn, ctx) => runtimeSoonVerdicts(ctx, fn, 'Runtime', 'PackageType') },
  terraform: { types: ['aws_lambda_function'], check: (fn, ctx) => runtimeSoonVerdicts(ctx, fn, 'runtime', 'package_type') },
});

/** Engines with a calendar in supportCalendars.json; other engines are said to be unlisted, never silently met. */
const ENGINE_CALENDARS: Record<string, CalendarId> = { postgres: 'rds-postgres', 'aurora-postgresql': 'aurora-postgresql' };

function engineVerdicts(ctx: RuleContext, db: Resource, keys: { engine: string; version: string }): Verdict[] {
  const engine = literalText(ctx, db, [keys.engine]);
  if ('absent' in engine) return [{ status: 'cannot-tell', reason: `${keys.engine} is not set here (a cluster member or snapshot restore takes it from elsewhere)` }];
  if ('unknown' in engine) return [{ status: 'cannot-tell', reason: `${keys.engine}: ${engine.unknown}`, range: engine.range }];
  const id = ENGINE_CALENDARS[engine.text.toLowerCase()];
  if (!id) return [{ status: 'cannot-tell', reason: `SRM Lens has no support calendar for engine ${engine.text} yet; see the engine's release calendar in the RDS documentation`, range: engine.range }];
  const version = literalText(ctx, db, [keys.version]);
  if ('absent' in version) return [{ status: 'aws-default', evidence: `no ${keys.version} is set, so RDS uses the engine's current default version` }];
  if ('unknown' in version) return [{ status: 'cannot-tell', reason: `${keys.version}: ${version.unknown}`, range: version.range }];
  const major = version.text.split('.')[0];
  return [calendarVerdict(id, `${engine.text}`, major, version.range, version.via)];
}

const ENGINE_DOCS = {
  why: 'After the end of standard support a database major version gets security patches only under RDS Extended Support, billed per vCPU hour; without it, RDS upgrades the database by itself.',
  owner: 'Shared: AWS patches engine versions in standard support; choosing and upgrading the major version is the customer\'s. Dates come from the RDS and Aurora release calendars, kept in knowledge/data/supportCalendars.json with sources and the day checked (PostgreSQL so far; other engines are reported as cannot tell).',
  fix: 'No automatic fix: a major version upgrade needs a tested upgrade path (parameter groups, extensions, a blue/green deployment).',
  mayBreak: 'Major upgrades change behaviour and need downtime or a blue/green switchover.',
};

export const rdsInstanceEngineSupported = defineRule({
  id: 'rds-instance-engine-version-supported',
  title: 'RDS DB instance runs an engine major version in standard support',
  aspect: 'platform-patching',
  severity: 'warning',
  references: {},
  docs: ENGINE_DOCS,
  cloudformation: { types: ['AWS::RDS::DBInstance'], fixable: false, check: (db, ctx) => engineVerdicts(ctx, db, { engine: 'Engine', version: 'EngineVersion' }) },
  terraform: { types: ['aws_db_instance'], fixable: false, check: (db, ctx) => engineVerdicts(ctx, db, { engine: 'engine', version: 'engine_version' }) },
});

export const rdsClusterEngineSupported = defineRule({
  id: 'rds-cluster-engine-version-supported',
  title: 'RDS/Aurora DB cluster runs an engine major version in standard support',
  aspect: 'platform-patching',
  severity: 'warning',
  references: {},
  docs: ENGINE_DOCS,
  cloudformation: { types: ['AWS::RDS::DBCluster'], fixable: false, check: (db, ctx) => engineVerdicts(ctx, db, { engine: 'Engine', version: 'EngineVersion' }) },
  terraform: { types: ['aws_rds_cluster'], fixable: false, check: (db, ctx) => engineVerdicts(ctx, db, { engine: 'engine', version: 'engine_version' }) },
});

export const SUPPORT_CALENDAR_RULES = [eksVersionSupported, lambdaRuntimeDeprecationSoon, rdsInstanceEngineSupported, rdsClusterEngineSupported];
