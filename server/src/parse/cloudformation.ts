import { emptyDocument, type Diagnostic, type InputDeclaration, type NamedBlock, type Resource, type SuppressionComment, type TemplateDocument, type TemplateFormat } from '../model/document';
import type { LineIndex, Range } from '../model/range';
import { asList, asMap, getValue, type MapValue, type Value } from '../model/value';
import { LIMITS } from './limits';
import { parseSuppression } from './suppressions';

/** Reads the sections of a parsed template into the model. Shared by YAML and JSON. */
export function buildTemplate(
  uri: string,
  format: TemplateFormat,
  root: Value | undefined,
  parseErrors: Diagnostic[],
  suppressions: SuppressionComment[],
  text: string,
): TemplateDocument {
  const errors = capErrors(parseErrors);
  const doc: TemplateDocument = { ...emptyDocument(uri, format, text), errors, suppressions };
  const rootMap = asMap(root);
  if (!rootMap) {
    if (root) errors.push({ message: 'A CloudFormation template must be a mapping at the top level.', range: root.range, severity: 'error' });
    return doc;
  }
  doc.root = rootMap;
  readResources(doc, rootMap);
  readParameters(doc, rootMap);
  readNamedSection(doc, rootMap, 'Conditions', 'condition');
  readNamedSection(doc, rootMap, 'Mappings', 'mapping');
  readNamedSection(doc, rootMap, 'Outputs', 'output');
  const transform = getValue(rootMap, 'Transform');
  for (const t of transform?.kind === 'list' ? transform.items : transform ? [transform] : []) {
    if (t.kind === 'string') doc.transforms.push(t.value);
  }
  return doc;
}

function readResources(doc: TemplateDocument, root: MapValue): void {
  const section = getValue(root, 'Resources');
  if (!section) return;
  const resources = asMap(section);
  if (!resources) {
    doc.errors.push({ message: '`Resources` must be a mapping of logical IDs to resources.', range: section.range, severity: 'error' });
    return;
  }
  for (const entry of resources.entries) readResource(doc, entry.key, entry.keyRange, entry.value, undefined);
}

/**
 * One entry of `Resources`. `Fn::ForEach::<loop>` (language extensions)
 * holds a resource template that CloudFormation expands at deploy time: it
 * stays one resource, marked as repeated, with its templated logical ID.
 */
function readResource(doc: TemplateDocument, key: string, keyRange: Range, value: Value, repetition: Resource['repetition']): void {
  if (key.startsWith('Fn::ForEach::')) {
    const templates = asMap(asList(value)?.items[2]);
    if (!templates) {
      doc.errors.push({ message: `${key} needs [identifier, collection, { resource template }].`, range: keyRange, severity: 'error' });
      return;
    }
    for (const t of templates.entries) readResource(doc, t.key, t.keyRange, t.value, 'for_each');
    return;
  }
  const definition = asMap(value);
  const typeValue = getValue(definition, 'Type');
  if (!definition || typeValue?.kind !== 'string') {
    doc.errors.push(missingType(key, keyRange, typeValue));
    return;
  }
  const propertiesValue = getValue(definition, 'Properties');
  const properties = asMap(propertiesValue);
  if (propertiesValue && !properties && propertiesValue.kind !== 'null') {
    doc.errors.push({ message: `Properties of ${key} must be a mapping.`, range: propertiesValue.range, severity: 'error' });
  }
  const condition = getValue(definition, 'Condition');
  doc.resources.push({
    id: key,
    type: typeValue.value,
    format: doc.format,
    uri: doc.uri,
    idRange: keyRange,
    typeRange: typeValue.range,
    range: { start: keyRange.start, end: definition.range.end },
    body: properties ?? { kind: 'map', entries: [], range: definition.range },
    hasProperties: properties !== undefined,
    definition,
    condition: condition?.kind === 'string' ? condition.value : undefined,
    repetition,
  });
}

/** Rain modules (`Type: !Rain::Module`) are expanded by the rain tool before deploy; not an error in the template. */
function missingType(key: string, keyRange: Range, typeValue: Value | undefined): Diagnostic {
  const isRainModule =
    (typeValue?.kind === 'intrinsic' && typeValue.name.includes('Rain::Module')) ||
    (typeValue?.kind === 'map' && typeValue.entries.some((e) => e.key === 'Rain::Module'));
  if (isRainModule) {
    return { message: `${key} is a Rain module; SRM Lens reads it after \`rain pkg\` expands it.`, range: keyRange, severity: 'info' };
  }
  return { message: `Resource ${key} has no Type; it is skipped.`, range: keyRange, severity: 'error' };
}

function readParameters(doc: TemplateDocument, root: MapValue): void {
  const params = asMap(getValue(root, 'Parameters'));
  if (!params) return;
  for (const entry of params.entries) {
    const body = asMap(entry.value);
    const type = getValue(body, 'Type');
    const input: InputDeclaration = {
      name: entry.key,
      kind: 'parameter',
      range: { start: entry.keyRange.start, end: entry.value.range.end },
      nameRange: entry.keyRange,
      type: type?.kind === 'string' ? type.value : undefined,
      default: getValue(body, 'Default'),
      allowedValues: asList(getValue(body, 'AllowedValues'))?.items,
      uri: doc.uri,
    };
    doc.inputs.push(input);
  }
}

function readNamedSection(doc: TemplateDocument, root: MapValue, section: string, kind: NamedBlock['kind']): void {
  const map = asMap(getValue(root, section));
  if (!map) return;
  for (const entry of map.entries) {
    doc.blocks.push({
      name: entry.key,
      kind,
      range: { start: entry.keyRange.start, end: entry.value.range.end },
      nameRange: entry.keyRange,
      value: entry.value,
      uri: doc.uri,
    });
  }
}

function capErrors(errors: Diagnostic[]): Diagnostic[] {
  if (errors.length <= LIMITS.maxReportedErrors) return errors;
  const kept = errors.slice(0, LIMITS.maxReportedErrors);
  const last = errors[errors.length - 1];
  kept.push({ message: `${errors.length - LIMITS.maxReportedErrors} more syntax problems are not listed.`, range: last.range, severity: 'error' });
  return kept;
}

/** YAML comments carrying `srm-lens:ignore`; a `#` inside a quoted string is not a comment. */
export function yamlSuppressions(text: string, lines: LineIndex): SuppressionComment[] {
  const found: SuppressionComment[] = [];
  if (!text.includes('srm-lens:ignore')) return found;
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    const hash = commentStart(lineText);
    if (hash < 0) continue;
    const range: Range = { start: { line, character: hash }, end: { line, character: lineText.length } };
    const s = parseSuppression(lineText.slice(hash + 1), range);
    if (s) found.push(s);
  }
  return found;
}

function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return i;
    }
  }
  return -1;
}
