// Generates the knowledge base's type data from its sources:
//  - @aws-cdk/aws-service-spec (devDependency, build time only): every CloudFormation
//    resource type, its service, its properties and the first sentence of each
//    property's documentation;
//  - scripts/data/*.tsv (fact tables, see scripts/data/README.md): every Terraform
//    AWS-provider resource type, its provider service and CloudFormation equivalent,
//    plus the overlay in scripts/data/terraform-overlay.json.
// Output goes to server/src/knowledge/generated/ and is committed. `--check` exits 1
// when the committed files differ from what would be generated (the test uses it).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { validateApplicability, validateAspects, validateDefaults, validateOverrides, validateServiceModels, validateTypeModels } from './data/knowledgeSchema.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'server/src/knowledge/generated');
const check = process.argv.includes('--check');

const specPackage = require('@aws-cdk/aws-service-spec/package.json');
const db = JSON.parse(gunzipSync(readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString('utf8'));
const schema = db.schema;

/** First sentence of a documentation string, with markdown links and code marks reduced to text. */
function firstSentence(doc) {
  if (!doc) return '';
  const paragraphs = doc.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && !p.startsWith('>'));
  const text = (paragraphs[0] ?? '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*([^*]+)\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const end = text.search(/\.(\s+[A-Z(]|$)/);
  const sentence = end >= 0 ? text.slice(0, end + 1) : text;
  return sentence.length > 240 ? `${sentence.slice(0, 237).trimEnd()}...` : sentence;
}

function readJson(path) {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}

// --- CloudFormation ---------------------------------------------------------------
const services = new Map(schema.service.entities.map((s) => [s.$id, s]));
const serviceOfResource = new Map();
for (const [serviceId, targets] of Object.entries(schema.hasResource.forward)) {
  for (const target of targets) serviceOfResource.set(target, services.get(serviceId));
}
const typeDefinitions = new Map(schema.typeDefinition.entities.map((t) => [t.$id, t]));

const usedTypeDefs = new Map();
function typeRef(type) {
  // Property types nest: a ref, or a list/map of a ref. Only the referenced definition matters for docs.
  if (!type) return undefined;
  if (type.type === 'ref') return type.reference.$ref;
  if (type.element) return typeRef(type.element);
  if (type.inner) return typeRef(type.inner);
  if (type.types) for (const t of type.types) { const r = typeRef(t); if (r) return r; }
  return undefined;
}
function properties(props) {
  const out = {};
  for (const name of Object.keys(props ?? {}).sort()) {
    const p = props[name];
    const entry = { d: firstSentence(p.documentation) };
    const ref = typeRef(p.type);
    if (ref && typeDefinitions.has(ref)) {
      entry.t = ref;
      usedTypeDefs.set(ref, true);
    }
    if (p.required) entry.r = 1;
    out[name] = entry;
  }
  return out;
}

const cfnTypes = {};
for (const r of [...schema.resource.entities].sort((a, b) => a.cloudFormationType.localeCompare(b.cloudFormationType))) {
  // Alexa::ASK::Skill has no service in the spec's relations; its namespace names it.
  const namespace = r.cloudFormationType.split('::').slice(0, 2).join('::');
  const service = serviceOfResource.get(r.$id) ?? [...services.values()].find((s) => s.cloudFormationNamespace === namespace);
  if (!service) throw new Error(`no service for ${r.cloudFormationType}`);
  cfnTypes[r.cloudFormationType] = { s: service.shortName, d: firstSentence(r.documentation), p: properties(r.properties) };
}
// Nested property types, resolved transitively so a hover deep in a property still has its sentence.
const typeDefs = {};
const queue = [...usedTypeDefs.keys()];
while (queue.length) {
  const id = queue.pop();
  if (typeDefs[id]) continue;
  const def = typeDefinitions.get(id);
  const before = new Set(usedTypeDefs.keys());
  typeDefs[id] = { n: def.name, p: properties(def.properties) };
  for (const k of usedTypeDefs.keys()) if (!before.has(k)) queue.push(k);
}
const sortedTypeDefs = Object.fromEntries(Object.keys(typeDefs).sort((a, b) => Number(a) - Number(b)).map((k) => [k, typeDefs[k]]));
const cfnServices = Object.fromEntries(
  [...services.values()].sort((a, b) => a.shortName.localeCompare(b.shortName)).map((s) => [s.shortName, { name: s.name, namespace: s.cloudFormationNamespace }]),
);

// --- Applicability ----------------------------------------------------------------
// Which aspects each type bears, from its property names and scripts/data/applicability.json.
const aspectIds = validateAspects(readJson('server/src/knowledge/data/aspects.json'));
const applicability = validateApplicability(readJson('scripts/data/applicability.json'), aspectIds, cfnTypes);
const propertyPatterns = applicability.propertyPatterns.map((p) => ({ aspect: p.aspect, re: new RegExp(p.pattern, 'i') }));
const runsCode = new Set(applicability.runsCustomerCode.types);

/** Aspects named by property names, following nested property types to the configured depth. */
function aspectsOfProperties(props, depth, out) {
  for (const [name, p] of Object.entries(props ?? {})) {
    if (name === 'Tags') continue; // every taggable type has Tags; they carry no security aspect by themselves
    for (const { aspect, re } of propertyPatterns) {
      if (re.test(name)) {
        out.add(aspect);
        break;
      }
    }
    if (p.t && depth > 1) aspectsOfProperties(typeDefs[p.t]?.p, depth - 1, out);
  }
  return out;
}

/** Adds what the aspects present imply, until nothing changes. */
function withImplied(set) {
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of applicability.implies) {
      if (!set.has(rule.if)) continue;
      for (const a of rule.then) {
        if (set.has(a)) continue;
        set.add(a);
        changed = true;
      }
    }
  }
  return set;
}

function applicableAspects(type, props, service) {
  const entry = applicability.types[type];
  const set = new Set(applicability.always);
  if (entry?.only) for (const a of entry.only) set.add(a);
  else aspectsOfProperties(props, applicability.depth, set);
  for (const a of entry?.add ?? []) set.add(a);
  for (const a of applicability.services[service]?.add ?? []) set.add(a);
  if (runsCode.has(type)) set.add('application-security');
  withImplied(set);
  for (const a of entry?.remove ?? []) set.delete(a);
  return aspectIds.filter((a) => set.has(a));
}
for (const [type, t] of Object.entries(cfnTypes)) t.a = applicableAspects(type, t.p, t.s);

// --- Hand-written facts -----------------------------------------------------------
// Service models, owner overrides, AWS defaults and type models are data files read at
// run time; they are validated here so a bad fact stops `npm run generate` and the test.
const serviceModelData = readJson('server/src/knowledge/data/serviceModels.json');
validateServiceModels(serviceModelData, cfnServices);
validateOverrides(readJson('server/src/knowledge/data/ownerOverrides.json'), aspectIds, cfnTypes, serviceModelData);
validateDefaults(readJson('server/src/knowledge/data/awsDefaults.json'), aspectIds, cfnTypes);
validateTypeModels(readJson('server/src/knowledge/data/typeModels.json'), serviceModelData, cfnTypes);

// --- Terraform --------------------------------------------------------------------
function readTsv(name) {
  const [header, ...rows] = readFileSync(join(root, 'scripts/data', name), 'utf8').split('\n').filter((l) => l.length);
  const cols = header.split('\t');
  return rows.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [cols[i], v])));
}
const overlay = JSON.parse(readFileSync(join(root, 'scripts/data/terraform-overlay.json'), 'utf8'));
const tfServiceRows = readTsv('terraform-aws-services.tsv');
const namespaceToShort = new Map([...services.values()].map((s) => [s.cloudFormationNamespace, s.shortName]));
const tfServices = {};
for (const row of tfServiceRows) {
  if (row.service === 'meta') continue;
  tfServices[row.service] = { name: row.human_name, specService: namespaceToShort.get(row.cfn_namespace) ?? null };
}
const tfTypes = {};
for (const row of readTsv('terraform-aws-resource-types.tsv')) {
  const fix = overlay.types[row.tf_type];
  const cfnType = fix?.cfnType ?? row.cfn_type;
  const relation = fix?.relation ?? row.cfn_relation ?? '';
  const property = fix?.property ?? row.cfn_property ?? '';
  if (cfnType && !cfnTypes[cfnType]) throw new Error(`${row.tf_type} maps to ${cfnType}, which is not in the spec`);
  const tfService = row.sub_service || row.service;
  const specService = cfnType ? cfnTypes[cfnType].s : (tfServices[tfService]?.specService ?? tfServices[row.service]?.specService ?? null);
  const entry = { ts: row.service, s: specService ?? `terraform:${row.service}` };
  if (cfnType) entry.c = cfnType;
  if (relation === 'property-of') {
    entry.rel = 'property-of';
    entry.prop = property;
  }
  if (fix?.role) entry.role = fix.role;
  if (relation === 'property-of') {
    // A split resource manages one property of its CloudFormation type: it bears what that property bears.
    const prop = cfnTypes[cfnType]?.p[property];
    if (fix?.property && !prop) throw new Error(`${row.tf_type}: ${cfnType} has no property ${property}`);
    const set = new Set(applicability.always);
    aspectsOfProperties(prop ? { [property]: prop } : {}, applicability.depth + 1, set);
    entry.a = aspectIds.filter((a) => withImplied(set).has(a));
  }
  if (fix?.aspects) {
    // Hand-listed aspects, for a type whose equivalent's properties do not show them or that has no equivalent.
    if (typeof fix.why !== 'string' || !fix.why) throw new Error(`${row.tf_type}: aspects need a why`);
    for (const a of fix.aspects) if (!aspectIds.includes(a)) throw new Error(`${row.tf_type}: unknown aspect ${a}`);
    const set = new Set([...applicability.always, ...(entry.a ?? (cfnType ? cfnTypes[cfnType].a : [])), ...fix.aspects]);
    entry.a = aspectIds.filter((a) => withImplied(set).has(a));
    entry.why = fix.why;
  }
  tfTypes[row.tf_type] = entry;
}
for (const [name, fix] of Object.entries(overlay.types)) {
  if (tfTypes[name]) continue;
  // A type newer than the provider table, which real configurations already use: the overlay names its provider package.
  if (!fix.providerService || !fix.cfnType || fix.relation !== 'equivalent') throw new Error(`overlay names ${name}, which is not a provider type (a newer type needs providerService and an equivalent cfnType)`);
  if (!cfnTypes[fix.cfnType]) throw new Error(`${name} maps to ${fix.cfnType}, which is not in the spec`);
  tfTypes[name] = { ts: fix.providerService, s: cfnTypes[fix.cfnType].s, c: fix.cfnType, ...(fix.role ? { role: fix.role } : {}) };
}

// --- Write --------------------------------------------------------------------------
const provenance = (sources) => ({
  notice: 'Generated by scripts/generateKnowledge.mjs. Do not edit: change the generator or its sources and run `npm run generate`.',
  sources,
});
const outputs = {
  'cloudformationTypes.json': {
    $provenance: provenance([`npm ${specPackage.name}@${specPackage.version} (Apache-2.0), db.json.gz`]),
    services: cfnServices,
    types: cfnTypes,
    typeDefs: sortedTypeDefs,
  },
  'terraformTypes.json': {
    $provenance: provenance([
      'scripts/data/terraform-aws-resource-types.tsv and terraform-aws-services.tsv (hashicorp/aws provider 6.25.0 type names, MPL-2.0; see scripts/data/README.md)',
      'scripts/data/terraform-overlay.json (SRM Lens corrections)',
      `npm ${specPackage.name}@${specPackage.version} (Apache-2.0) for CloudFormation service names`,
    ]),
    services: tfServices,
    types: tfTypes,
  },
};

let stale = 0;
for (const [name, data] of Object.entries(outputs)) {
  const text = JSON.stringify(data) + '\n';
  const path = join(outDir, name);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      stale++;
      console.error(`${name} is out of date: run \`npm run generate\`.`);
    }
  } else {
    writeFileSync(path, text);
    console.log(`${name}: ${(text.length / 1024).toFixed(0)} KiB`);
  }
}
process.exit(stale ? 1 : 0);
