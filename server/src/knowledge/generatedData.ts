import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AspectId } from './types';

/** Shapes of the files scripts/generateKnowledge.mjs writes; short keys keep them small. */
export interface GeneratedProperty {
  /** First sentence of the property's documentation. */
  d: string;
  /** Id of the nested property type in `typeDefs`. */
  t?: string;
  /** Required by CloudFormation. */
  r?: 1;
}

export interface GeneratedCfnType {
  /** Service short name (`s3`). */
  s: string;
  d: string;
  p: Record<string, GeneratedProperty>;
  /** Aspects the type bears (scripts/data/applicability.json applied to its properties). */
  a: AspectId[];
}

export interface CloudFormationData {
  services: Record<string, { name: string; namespace: string }>;
  types: Record<string, GeneratedCfnType>;
  typeDefs: Record<string, { n: string; p: Record<string, GeneratedProperty> }>;
}

export interface GeneratedTfType {
  /** Provider service package (`s3`, `ec2`). */
  ts: string;
  /** Service key of the knowledge base: a spec short name, or `terraform:<package>`. */
  s: string;
  /** CloudFormation equivalent. */
  c?: string;
  rel?: 'property-of';
  prop?: string;
  role?: string;
  /** For split resources (`property-of`): the aspects the managed property bears; or the hand-listed ones (`why`). */
  a?: AspectId[];
  /** Why a hand-listed type bears the aspects in `a` (scripts/data/terraform-overlay.json). */
  why?: string;
}

export interface TerraformData {
  services: Record<string, { name: string; specService: string | null }>;
  types: Record<string, GeneratedTfType>;
}

/**
 * Finds a generated file: next to the bundle in dist/knowledge/, or in the
 * source tree when running from tsc output in tests and benchmarks.
 */
function locate(name: string): string {
  const candidates = [join(__dirname, 'knowledge', name)];
  const ancestors = [__dirname];
  for (let i = 0; i < 5; i++) ancestors.push(dirname(ancestors[i]));
  // The generator's own (compact) file before the compiler's copy in out/, which is re-spaced and so read whole.
  for (const dir of ancestors) if (basename(dir) !== 'out') candidates.push(join(dir, 'server', 'src', 'knowledge', 'generated', name));
  for (const dir of ancestors) candidates.push(join(dir, 'generated', name));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`SRM Lens knowledge file ${name} is missing; looked in ${candidates.slice(0, 3).join(', ')}`);
  return found;
}

let cloudFormation: CloudFormationData | undefined;
let terraform: TerraformData | undefined;

/** Loaded on first use, so activation and CLI start-up do not pay for it. */
export function cloudFormationData(): CloudFormationData {
  if (!cloudFormation) {
    cloudFormation = JSON.parse(raw?.text.toString('utf8') ?? readFileSync(locate('cloudformationTypes.json'), 'utf8')) as CloudFormationData;
    // Rows are answered from the parsed data from now on; the text and the rows read so far can go.
    raw = undefined;
    typeIndex = undefined;
    typeDefIndex = undefined;
    typeRows.clear();
    typeDefRows.clear();
  }
  return cloudFormation;
}

export function terraformData(): TerraformData {
  terraform ??= JSON.parse(readFileSync(locate('terraformTypes.json'), 'utf8')) as TerraformData;
  return terraform;
}

/**
 * The CloudFormation file is 4 MB; parsing all of it costs more than the
 * whole first analysis of a small template. Rows are read one at a time from
 * its text instead, by key, and kept once read; the whole file is parsed only
 * when something asks for every type (`cloudFormationData()`).
 */
interface RawCloudFormation {
  /** The file's bytes, never decoded whole: keys are found in the bytes and only the rows read are decoded. */
  text: Buffer;
  /** Offsets of the `types` and `typeDefs` section objects (their `{`), which the generator writes after `services`. */
  types: number;
  typeDefs: number;
}

let raw: RawCloudFormation | undefined;
let typeIndex: Map<string, number> | undefined;
let typeDefIndex: Map<string, number> | undefined;
const typeRows = new Map<string, GeneratedCfnType | undefined>();
const typeDefRows = new Map<string, CloudFormationData['typeDefs'][string] | undefined>();

/** The file's bytes when it is written compactly, as the generator writes it; undefined otherwise (rows then come from the whole parse). */
function cloudFormationText(): RawCloudFormation | undefined {
  if (!raw && !cloudFormation) {
    const text = readFileSync(locate('cloudformationTypes.json'));
    const types = text.indexOf('"types":{');
    const typeDefs = text.indexOf('"typeDefs":{');
    if (types < 0 || typeDefs < types) cloudFormation = JSON.parse(text.toString('utf8')) as CloudFormationData;
    else raw = { text, types: types + '"types":'.length, typeDefs: typeDefs + '"typeDefs":'.length };
  }
  return raw;
}

/** One resource type's row (`AWS::S3::Bucket`), or undefined when the knowledge base does not know it. */
export function cloudFormationType(type: string): GeneratedCfnType | undefined {
  if (cloudFormation) return cloudFormation.types[type];
  if (!typeRows.has(type)) {
    const r = cloudFormationText();
    if (!r) return cloudFormationData().types[type];
    typeIndex ??= sectionIndex(r.text, r.types);
    typeRows.set(type, rowAt(r.text, typeIndex.get(type)));
  }
  return typeRows.get(type);
}

/** One nested property type by its id (`GeneratedProperty.t`). */
export function cloudFormationTypeDef(id: string): CloudFormationData['typeDefs'][string] | undefined {
  if (cloudFormation) return cloudFormation.typeDefs[id];
  if (!typeDefRows.has(id)) {
    const r = cloudFormationText();
    if (!r) return cloudFormationData().typeDefs[id];
    typeDefIndex ??= sectionIndex(r.text, r.typeDefs);
    typeDefRows.set(id, rowAt(r.text, typeDefIndex.get(id)));
  }
  return typeDefRows.get(id);
}

function rowAt<T>(text: Buffer, start: number | undefined): T | undefined {
  return start === undefined ? undefined : (JSON.parse(text.toString('utf8', start, objectEnd(text, start))) as T);
}

/**
 * Where each member's object starts in the section object opening at
 * `start`: one pass over its bytes, stepping over each member's value
 * without decoding it (keys hold no escapes: type names and ids).
 */
function sectionIndex(text: Buffer, start: number): Map<string, number> {
  const index = new Map<string, number>();
  let i = start + 1; // past the section's `{`
  while (text[i] === 0x22 /* " */) {
    const keyEnd = text.indexOf(0x22, i + 1);
    const valueStart = keyEnd + 2; // past `":`
    index.set(text.toString('utf8', i + 1, keyEnd), valueStart);
    i = objectEnd(text, valueStart);
    if (text[i] === 0x2c /* , */) i++;
  }
  return index;
}

/**
 * The offset just past the JSON object that opens at `start`, skipping strings (which may hold braces).
 * Works on UTF-8 bytes: the bytes of a multi-byte character are never ASCII quotes, braces or backslashes.
 */
function objectEnd(text: Buffer, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text[i] !== 0x22; i++) if (text[i] === 0x5c /* \ */) i++;
    } else if (c === 0x7b /* { */) depth++;
    else if (c === 0x7d /* } */ && --depth === 0) return i + 1;
  }
  throw new Error('SRM Lens knowledge file cloudformationTypes.json is cut short');
}
