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
  /** For split resources (`property-of`): the aspects the managed property bears. */
  a?: AspectId[];
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
  /** Offsets of the `"types":{` and `"typeDefs":{` sections, which the generator writes after `services`. */
  types: number;
  typeDefs: number;
}

let raw: RawCloudFormation | undefined;
const typeRows = new Map<string, GeneratedCfnType | null>();
const typeDefRows = new Map<string, CloudFormationData['typeDefs'][string] | null>();

/** The file's text when it is written compactly, as the generator writes it; undefined otherwise (rows then come from the whole parse). */
function cloudFormationText(): RawCloudFormation | undefined {
  if (!raw && !cloudFormation) {
    const text = readFileSync(locate('cloudformationTypes.json'));
    const types = text.indexOf('"types":{');
    const typeDefs = text.indexOf('"typeDefs":{');
    if (types < 0 || typeDefs < types) cloudFormation = JSON.parse(text.toString('utf8')) as CloudFormationData;
    else raw = { text, types, typeDefs };
  }
  return raw;
}

/** One resource type's row (`AWS::S3::Bucket`), or undefined when the knowledge base does not know it. */
export function cloudFormationType(type: string): GeneratedCfnType | undefined {
  if (cloudFormation) return cloudFormation.types[type];
  let row = typeRows.get(type);
  if (row === undefined) {
    const r = cloudFormationText();
    // A type row always opens with its service (`{"s":`); inside a JSON string the quotes would be escaped.
    row = r ? (rowAt<GeneratedCfnType>(r, `${JSON.stringify(type)}:{"s":`, r.types, r.typeDefs) ?? null) : (cloudFormationData().types[type] ?? null);
    typeRows.set(type, row);
  }
  return row ?? undefined;
}

/** One nested property type by its id (`GeneratedProperty.t`). */
export function cloudFormationTypeDef(id: string): CloudFormationData['typeDefs'][string] | undefined {
  if (cloudFormation) return cloudFormation.typeDefs[id];
  let row = typeDefRows.get(id);
  if (row === undefined) {
    const r = cloudFormationText();
    // A property-type row opens with its name (`{"n":`); property rows open with `{"d":`.
    row = r ? (rowAt<CloudFormationData['typeDefs'][string]>(r, `${JSON.stringify(id)}:{"n":`, r.typeDefs, r.text.length) ?? null) : (cloudFormationData().typeDefs[id] ?? null);
    typeDefRows.set(id, row);
  }
  return row ?? undefined;
}

function rowAt<T>(r: RawCloudFormation, key: string, from: number, to: number): T | undefined {
  const at = r.text.indexOf(key, from, 'utf8');
  if (at < 0 || at > to) return undefined;
  const start = at + Buffer.byteLength(key.slice(0, key.indexOf('{')));
  return JSON.parse(r.text.toString('utf8', start, objectEnd(r.text, start))) as T;
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
