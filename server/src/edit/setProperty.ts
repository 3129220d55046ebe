import { isCloudFormation, type Resource, type TemplateDocument } from '../model/document';
import { getEntry, type MapEntry, type MapValue } from '../model/value';
import type { TextEdit } from '../rules/rule';
import { hclBlock, hclInsertIntoBlock, hclReplaceValue, type HclBody } from './hclEdits';
import { jsonInsertMember, jsonReplaceValue } from './jsonEdits';
import { isPlainObject, type PlainValue } from './plainValue';
import { layoutOf } from './sourceLayout';
import { yamlFillEmptyKey, yamlInsertEntry, yamlReplaceValue } from './yamlEdits';

/**
 * The edits that make `path` inside a resource's settings hold `value`,
 * creating what is missing on the way (`Properties:`, intermediate maps,
 * Terraform nested blocks) and touching nothing else. Undefined when the
 * setting cannot be written safely: inside a Terraform `dynamic` block, a
 * list item that does not exist, or a value produced by an intrinsic.
 *
 * For Terraform, intermediate path segments are nested blocks
 * (`['versioning', 'enabled']` → `versioning { enabled = … }`).
 */
export function setProperty(doc: TemplateDocument, resource: Resource, path: readonly string[], value: PlainValue): TextEdit[] | undefined {
  if (path.length === 0 && !isPlainObject(value)) return undefined;
  // An object merges into a map or block that already exists: keys the user wrote and the fix does not name stay.
  if (isPlainObject(value) && existingMap(resource, path)) {
    const edits: TextEdit[] = [];
    for (const [key, inner] of Object.entries(value)) {
      const more = setProperty(doc, resource, [...path, key], inner);
      if (!more) return undefined;
      edits.push(...more);
    }
    return edits;
  }
  if (doc.format === 'terraform') return setHcl(doc, resource, path, value);
  if (!isCloudFormation(doc.format)) return undefined; // .tf.json fixes are not offered: the JSON shape of blocks is ambiguous.
  const yaml = doc.format === 'cloudformation-yaml';
  let map: MapValue | undefined = resource.body;
  let segments = [...path];
  if (!resource.hasProperties) {
    const definition = resource.definition;
    if (!definition) return undefined;
    const properties = getEntry(definition, 'Properties');
    if (properties) {
      // `Properties:` written with nothing after it.
      return [yaml ? yamlFillEmptyKey(doc.uri, layoutOf(doc), properties, segments[0], nest(segments.slice(1), value)) : jsonReplaceValue(doc.uri, layoutOf(doc), properties, nest(segments, value))];
    }
    map = definition;
    segments = ['Properties', ...segments];
  }
  const layout = layoutOf(doc);
  for (let i = 0; i < segments.length; i++) {
    const entry: MapEntry | undefined = map ? getEntry(map, segments[i]) : undefined;
    if (!entry) {
      const rest = nest(segments.slice(i + 1), value);
      return [yaml ? yamlInsertEntry(doc.uri, layout, map as MapValue, segments[i], rest) : jsonInsertMember(doc.uri, layout, map as MapValue, segments[i], rest)];
    }
    const last = i === segments.length - 1;
    if (last || entry.value.kind !== 'map') {
      const rest = nest(segments.slice(i + 1), value);
      if (entry.value.kind === 'null' && yaml && !last) return [yamlFillEmptyKey(doc.uri, layout, entry, segments[i + 1], nest(segments.slice(i + 2), value))];
      return [yaml ? yamlReplaceValue(doc.uri, layout, entry, map as MapValue, rest) : jsonReplaceValue(doc.uri, layout, entry, rest)];
    }
    map = entry.value;
  }
  return undefined;
}

function setHcl(doc: TemplateDocument, resource: Resource, path: readonly string[], value: PlainValue): TextEdit[] | undefined {
  const layout = layoutOf(doc);
  let block: MapValue = resource.body;
  for (let i = 0; i < path.length; i++) {
    const entries = block.entries.filter((e) => e.key === path[i]);
    const last = i === path.length - 1;
    if (entries.length === 0) {
      return [hclInsertIntoBlock(doc.uri, layout, block, hclNest(path.slice(i), value))];
    }
    // Several blocks of one type (`ingress {}` twice) or a dynamic block: which one to change is the user's call.
    if (entries.length > 1) return undefined;
    const entry = entries[0];
    if (entry.value.kind === 'map' && entry.value.block === 'dynamic') return undefined;
    if (last) return [hclReplaceValue(doc.uri, layout, entry, value)];
    if (entry.value.kind !== 'map') return undefined;
    block = entry.value;
  }
  return undefined;
}

/** The map (CloudFormation) or single block (Terraform) at a path, if it is there. */
function existingMap(resource: Resource, path: readonly string[]): MapValue | undefined {
  if (path.length === 0) return resource.hasProperties ? resource.body : undefined;
  let map: MapValue | undefined = resource.body;
  for (const key of path) {
    const entries: MapEntry[] = map ? map.entries.filter((e) => e.key === key) : [];
    if (entries.length !== 1 || entries[0].value.kind !== 'map' || entries[0].value.block === 'dynamic') return undefined;
    map = entries[0].value;
  }
  return resource.hasProperties ? map : undefined;
}

function nest(segments: readonly string[], value: PlainValue): PlainValue {
  return segments.reduceRight<PlainValue>((inner, key) => ({ [key]: inner }), value);
}

/**
 * `['versioning', 'enabled']`, true → `versioning { enabled = true }`. In
 * Terraform fixes an object value is a block (`{ status = "Enabled" }` under
 * `versioning_configuration`); attribute maps are written as expressions.
 */
function hclNest(segments: readonly string[], value: PlainValue): HclBody {
  const [first, ...rest] = segments;
  if (rest.length) return { [first]: hclBlock(hclNest(rest, value)) };
  return { [first]: isPlainObject(value) ? hclBlock(objectToBody(value)) : value };
}

function objectToBody(value: { [key: string]: PlainValue }): HclBody {
  const body: HclBody = {};
  for (const [k, v] of Object.entries(value)) body[k] = isPlainObject(v) ? hclBlock(objectToBody(v)) : v;
  return body;
}
