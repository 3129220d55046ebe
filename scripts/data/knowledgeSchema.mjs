// The schema of the knowledge base's hand-written facts, checked by
// scripts/generateKnowledge.mjs before it writes anything: aspects, applicability,
// service models, owner overrides, AWS defaults and type models. Each validator
// throws one error listing every problem, so a bad fact stops the build readably.
// Sources must be https URLs on AWS's own hosts; an unknown host is refused.

/** Throws with every problem found, so a bad data file stops the build with a readable list. */
export function fail(file, problems) {
  if (problems.length) throw new Error(`${file} is invalid:\n  ${problems.join('\n  ')}`);
}

const OWNERS = ['aws', 'shared', 'customer'];
const MODELS = ['infrastructure', 'container', 'abstract'];

export function validateAspects(data) {
  const problems = [];
  const ids = [];
  for (const [i, a] of (data.aspects ?? []).entries()) {
    if (typeof a.id !== 'string' || !/^[a-z]+(-[a-z]+)*$/.test(a.id)) problems.push(`aspects[${i}].id must be a kebab-case string`);
    if (ids.includes(a.id)) problems.push(`aspects[${i}].id ${a.id} repeats`);
    for (const k of ['title', 'short', 'explanation']) if (typeof a[k] !== 'string' || !a[k]) problems.push(`aspects[${i}].${k} must be a non-empty string`);
    if (typeof a.inTemplate !== 'boolean') problems.push(`aspects[${i}].inTemplate must be true or false`);
    for (const m of MODELS) if (!OWNERS.includes(a.owners?.[m])) problems.push(`aspects[${i}].owners.${m} must be one of ${OWNERS.join(', ')}`);
    ids.push(a.id);
  }
  // Ids are stable: reports and settings name them. New aspects are appended, never inserted or renamed.
  const stable = ['physical', 'hardware-infrastructure', 'virtualization', 'operating-system', 'platform-patching', 'network-exposure', 'firewall', 'identity-access', 'customer-data', 'encryption-at-rest', 'client-side-encryption', 'encryption-in-transit', 'data-integrity', 'logging-monitoring', 'resilience', 'configuration-management', 'application-security', 'awareness-training'];
  stable.forEach((id, i) => ids[i] !== id && problems.push(`aspect ${i} must be ${id} (ids are never renamed or reordered), found ${ids[i]}`));
  fail('server/src/knowledge/data/aspects.json', problems);
  return ids;
}

export function validateApplicability(data, ids, types) {
  const problems = [];
  const aspectList = (where, list) => {
    if (!Array.isArray(list)) return problems.push(`${where} must be a list of aspect ids`);
    for (const a of list) if (!ids.includes(a)) problems.push(`${where} names ${a}, which is not an aspect`);
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(data.checked ?? '')) problems.push('checked must be a YYYY-MM-DD date');
  aspectList('always', data.always);
  if (!Number.isInteger(data.depth) || data.depth < 1 || data.depth > 4) problems.push('depth must be an integer from 1 to 4');
  for (const [i, p] of (data.propertyPatterns ?? []).entries()) {
    aspectList(`propertyPatterns[${i}].aspect`, [p.aspect]);
    try {
      new RegExp(p.pattern, 'i');
    } catch (e) {
      problems.push(`propertyPatterns[${i}].pattern: ${e.message}`);
    }
  }
  for (const [i, r] of (data.implies ?? []).entries()) {
    aspectList(`implies[${i}].if`, [r.if]);
    aspectList(`implies[${i}].then`, r.then);
    if (!r.why) problems.push(`implies[${i}].why is missing`);
  }
  for (const t of data.runsCustomerCode?.types ?? []) if (!types[t]) problems.push(`runsCustomerCode names ${t}, which is not in the spec`);
  data.services ??= {};
  for (const [s, e] of Object.entries(data.services)) aspectList(`services.${s}.add`, e.add ?? []);
  for (const [t, e] of Object.entries(data.types ?? {})) {
    if (!types[t]) problems.push(`types names ${t}, which is not in the spec`);
    if (!e.why) problems.push(`types.${t}.why is missing`);
    for (const k of ['only', 'add', 'remove']) if (e[k] !== undefined) aspectList(`types.${t}.${k}`, e[k]);
    for (const k of Object.keys(e)) if (!['only', 'add', 'remove', 'why'].includes(k)) problems.push(`types.${t}.${k} is not a known field`);
  }
  fail('scripts/data/applicability.json', problems);
  return data;
}

/** Hosts a source may live on: AWS's own documentation and announcements. Anything else is refused. */
export const SOURCE_HOSTS = new Set(['docs.aws.amazon.com', 'aws.amazon.com', 'amer.resources.awscloud.com']);
const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

export function checkSource(where, url, problems) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return problems.push(`${where}: source ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'https:') problems.push(`${where}: source ${url} is not https`);
  if (!SOURCE_HOSTS.has(parsed.hostname)) problems.push(`${where}: source host ${parsed.hostname} is not one of ${[...SOURCE_HOSTS].join(', ')}`);
  if (parsed.search || parsed.hash) problems.push(`${where}: source ${url} carries a query or fragment`);
}

export function checkChecked(where, fact, problems) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fact.checked ?? '')) problems.push(`${where}: checked must be the YYYY-MM-DD date the source was looked up`);
}

export const PLACEHOLDER = 'https://docs.aws.amazon.com/security/';
/** What a confirmed source is; absent means the service's own security chapter. */
const SOURCE_KINDS = ['security-chapter', 'service-guide', 'api-reference'];

export function validateServiceModels(data, specServices) {
  const problems = [];
  const all = [...Object.entries(data.services ?? {}), ...Object.entries(data.terraformOnlyServices ?? {}).map(([k, v]) => [`terraform:${k}`, v])];
  for (const [key, e] of all) {
    for (const k of ['name', 'rationale']) if (typeof e[k] !== 'string' || !e[k]) problems.push(`${key}.${k} must be a non-empty string`);
    if (![...MODELS, 'mixed'].includes(e.model)) problems.push(`${key}.model must be one of ${[...MODELS, 'mixed'].join(', ')}`);
    if (e.model === 'mixed' && (!MODELS.includes(e.defaultModel) || !e.decidedBy)) problems.push(`${key}: a mixed service needs defaultModel and decidedBy`);
    checkSource(key, e.source, problems);
    checkChecked(key, e, problems);
    if (typeof e.sourceConfirmed !== 'boolean') problems.push(`${key}.sourceConfirmed must be true or false`);
    if ((e.source === PLACEHOLDER) === e.sourceConfirmed) problems.push(`${key}: sourceConfirmed must be false exactly when the source is the placeholder ${PLACEHOLDER}`);
    if (e.sourceKind !== undefined && !SOURCE_KINDS.includes(e.sourceKind)) problems.push(`${key}.sourceKind must be one of ${SOURCE_KINDS.join(', ')}`);
    if (e.sourceKind !== undefined && !e.sourceConfirmed) problems.push(`${key}: a placeholder has no sourceKind`);
    if (e.sourceSeenAs !== undefined && !/^https:\/\/(docs\.aws\.amazon\.com|docs\.amazonaws\.cn)\//.test(e.sourceSeenAs)) problems.push(`${key}.sourceSeenAs must be an AWS documentation page (docs.aws.amazon.com or docs.amazonaws.cn)`);
    if (e.sourceNote !== undefined && (typeof e.sourceNote !== 'string' || !e.sourceNote)) problems.push(`${key}.sourceNote must be a non-empty string`);
  }
  for (const s of Object.keys(specServices)) if (!data.services?.[s]) problems.push(`spec service ${s} has no service model`);
  fail('server/src/knowledge/data/serviceModels.json', problems);
}

export function validateOverrides(data, ids, types, models) {
  const problems = [];
  const seen = new Set();
  for (const [i, o] of (data.overrides ?? []).entries()) {
    const where = `overrides[${i}] (${o.target} ${o.aspect})`;
    if (!types[o.target] && !models.services[o.target]) problems.push(`${where}: target is neither a spec type nor a service`);
    if (!ids.includes(o.aspect)) problems.push(`${where}: unknown aspect`);
    if (!OWNERS.includes(o.owner)) problems.push(`${where}: owner must be one of ${OWNERS.join(', ')}`);
    if (!o.why) problems.push(`${where}: why is missing`);
    if (seen.has(`${o.target} ${o.aspect}`)) problems.push(`${where}: the pair repeats`);
    seen.add(`${o.target} ${o.aspect}`);
    checkSource(where, o.source, problems);
    checkChecked(where, o, problems);
  }
  fail('server/src/knowledge/data/ownerOverrides.json', problems);
}

export function validateDefaults(data, ids, types) {
  const problems = [];
  const seen = new Set();
  for (const [i, d] of (data.defaults ?? []).entries()) {
    const where = `defaults[${i}] (${d.id})`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.id ?? '') || seen.has(d.id)) problems.push(`${where}: id must be a unique kebab-case slug`);
    seen.add(d.id);
    for (const t of d.appliesTo ?? []) if (!types[t]) problems.push(`${where}: ${t} is not in the spec`);
    if (!d.appliesTo?.length) problems.push(`${where}: appliesTo is empty`);
    if (!ids.includes(d.aspect)) problems.push(`${where}: unknown aspect`);
    if (typeof d.secure !== 'boolean' || !d.summary) problems.push(`${where}: secure and summary are required`);
    if (d.since !== undefined && !DATE.test(d.since)) problems.push(`${where}: since must be YYYY-MM or YYYY-MM-DD`);
    if (d.dateBound && !d.since) problems.push(`${where}: a date-bound default needs since`);
    if (d.onlyModel !== undefined && !MODELS.includes(d.onlyModel)) problems.push(`${where}: onlyModel must be a model`);
    if (d.explicit && (!Array.isArray(d.explicit.path) || !Array.isArray(d.explicit.values))) problems.push(`${where}: explicit needs path and values`);
    checkSource(where, d.source, problems);
    checkChecked(where, d, problems);
  }
  fail('server/src/knowledge/data/awsDefaults.json', problems);
}

export function validateTypeModels(data, models, types) {
  const problems = [];
  const mixed = Object.entries(models.services).filter(([, e]) => e.model === 'mixed').map(([k]) => k);
  for (const s of mixed) if (!data.services?.[s]) problems.push(`mixed service ${s} has no entry: give each of its types a model or a decider`);
  for (const [s, e] of Object.entries(data.services ?? {})) {
    if (!mixed.includes(s)) problems.push(`${s} is not a mixed service`);
    if (!MODELS.includes(e.otherTypes?.model) || !e.otherTypes?.why) problems.push(`${s}.otherTypes needs a model and why`);
    for (const [t, m] of Object.entries(e.types ?? {})) {
      if (t.includes('::') && (!types[t] || types[t].s !== s)) problems.push(`${s}.types.${t} is not a type of ${s}`);
      if (!MODELS.includes(m.model) || !m.why) problems.push(`${s}.types.${t} needs a model and why`);
    }
  }
  for (const [t, d] of Object.entries(data.decided ?? {})) {
    if (!types[t] || !mixed.includes(types[t].s)) problems.push(`decided.${t} is not a type of a mixed service`);
    if (!MODELS.includes(d.default) || !d.absentMeans || !d.setting?.length || !d.cases?.length) problems.push(`decided.${t} needs setting, default, absentMeans and cases`);
    for (const [i, c] of (d.cases ?? []).entries()) {
      if (!MODELS.includes(c.model) || !c.reason) problems.push(`decided.${t}.cases[${i}] needs a model and reason`);
      for (const o of c.owners ?? []) checkSource(`decided.${t}.cases[${i}].owners`, o.source, problems);
    }
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(data.checked ?? '')) problems.push('checked must be a YYYY-MM-DD date');
  fail('server/src/knowledge/data/typeModels.json', problems);
}

