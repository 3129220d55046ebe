import { emptyDocument, type InputDeclaration, type NamedBlock, type Resource, type TemplateDocument } from '../model/document';
import type { LineIndex, Range } from '../model/range';
import type { ExpressionValue, MapEntry, MapValue, Value } from '../model/value';
import { parseJsonValues } from './jsonValues';
import { LIMITS, maxFileSizeWords } from './limits';
import { parseSuppression } from './suppressions';
import { scanReferences } from './terraform';

/**
 * Terraform's JSON configuration syntax (`.tf.json`) → model.
 *
 * JSON is read by the project's shared JSON reader (jsonc-parser, error
 * tolerant, exact offsets), the same one CloudFormation JSON goes through,
 * so both JSON dialects share one notion of ranges: `keyRange` covers the
 * quoted key, value ranges the JSON value.
 *
 * Conventions, matching the HCL parser where JSON allows:
 * - label ranges (`idRange`, `typeRange`, `nameRange`) are inside the quotes;
 * - `Resource.range` runs from the name key to the end of its body object;
 * - in block bodies, strings are templates: one with `${` or `%{` becomes an
 *   expression of kind `template` (text: the JSON string as written, quotes
 *   included); variable defaults stay literal, as Terraform reads them;
 * - JSON cannot tell a nested block from an object attribute without the
 *   provider schema. An object stays a map; an array of objects becomes
 *   repeated entries, which is how Terraform reads a repeated nested block
 *   (`"ingress": [{…}, {…}]`) and how the HCL parser shows `ingress {}` twice.
 *   Neither is marked `block`, since that is not known. `"dynamic"` is known
 *   and becomes entries marked `dynamic`, as in HCL;
 * - `"//"` properties are comments: not entries, and a place for
 *   `srm-lens:ignore` suppressions.
 * - The spec's array forms (`"resource": [{…}]`, arrays at any label level)
 *   are accepted everywhere a label object is.
 */
export function parseTerraformJson(uri: string, text: string): TemplateDocument {
  const doc = emptyDocument(uri, 'terraform-json', text);
  const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  try {
    if (text.length > LIMITS.maxFileBytes) {
      doc.errors.push({ message: `The file is larger than ${maxFileSizeWords()} and is not analysed.`, range: origin, severity: 'error' });
      return doc;
    }
    const depth = maxNesting(text);
    if (depth > MAX_JSON_NESTING) {
      // The JSON reader recurses per level and would exhaust the stack long before the model's own depth limit applies.
      doc.errors.push({ message: `Nesting deeper than ${MAX_JSON_NESTING} levels; the file is not analysed.`, range: origin, severity: 'error' });
      return doc;
    }
    const parsed = parseJsonValues(text);
    for (const error of parsed.errors) {
      if (doc.errors.length < LIMITS.maxReportedErrors) doc.errors.push(error);
    }
    if (parsed.errors.length > LIMITS.maxReportedErrors) {
      doc.errors.push({ message: `${parsed.errors.length - LIMITS.maxReportedErrors} more syntax errors are not listed.`, range: doc.errors[doc.errors.length - 1].range, severity: 'error' });
    }
    const root = parsed.root;
    if (!root || root.kind !== 'map') {
      if (parsed.errors.length === 0) {
        doc.errors.push({ message: 'A Terraform JSON file must contain one JSON object.', range: root?.range ?? origin, severity: 'error' });
      }
      return doc;
    }
    doc.root = root;
    new JsonConverter(doc, text, parsed.lines).convert(root);
  } catch (error) {
    doc.errors.push({ message: `Internal error while reading Terraform JSON: ${error instanceof Error ? error.message : String(error)}`, range: origin, severity: 'error' });
  }
  return doc;
}

/** Label keys, outermost first, leading to one block body. */
type Labels = MapEntry[];

class JsonConverter {
  constructor(
    private readonly doc: TemplateDocument,
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  convert(root: MapValue): void {
    for (const entry of root.entries) {
      switch (entry.key) {
        case '//':
          this.comment(entry.value);
          break;
        case 'resource':
          this.eachBody(entry, 2, (labels, body) => this.resource(labels, body));
          break;
        case 'data':
          this.eachBody(entry, 2, ([type, name], body) =>
            this.doc.blocks.push(this.block('data', `data.${type.key}.${name.key}`, name, body, { type: type.key })),
          );
          break;
        case 'module':
          this.eachBody(entry, 1, ([name], body) => {
            const converted = this.body(body);
            const source = converted.entries.find((e) => e.key === 'source')?.value;
            this.doc.blocks.push(this.named('module', name.key, name, body, converted, source?.kind === 'string' ? source.value : undefined));
          });
          break;
        case 'output':
          this.eachBody(entry, 1, ([name], body) => this.doc.blocks.push(this.block('output', name.key, name, body)));
          break;
        case 'provider':
          this.eachBody(entry, 1, ([name], body) => {
            const converted = this.body(body);
            // The address other blocks use in `"provider": "aws.west"`.
            const alias = converted.entries.find((e) => e.key === 'alias')?.value;
            const address = alias?.kind === 'string' ? `${name.key}.${alias.value}` : name.key;
            this.doc.blocks.push(this.named('provider', address, name, body, converted));
          });
          break;
        case 'terraform':
          this.eachBody(entry, 0, (_labels, body) => this.doc.blocks.push(this.named('terraform', 'terraform', entry, body, this.body(body))));
          break;
        case 'locals':
          this.eachBody(entry, 0, (_labels, body) => {
            for (const local of body.entries) {
              if (local.key === '//') {
                this.comment(local.value);
                continue;
              }
              this.doc.blocks.push({
                name: local.key,
                kind: 'local',
                range: { start: local.keyRange.start, end: local.value.range.end },
                nameRange: insideQuotes(local.keyRange),
                value: this.value(local.value),
                uri: this.doc.uri,
              });
            }
          });
          break;
        case 'variable':
          this.eachBody(entry, 1, ([name], body) => this.variable(name, body));
          break;
        default:
          // moved, import, check and unknown keys stay visible through `root` only.
          break;
      }
    }
    const byStart = (a: { range: Range }, b: { range: Range }) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    this.doc.suppressions.sort(byStart);
  }

  /**
   * Calls `visit` for every body under a block type key, through `labels`
   * levels of label objects. The spec lets an array of objects stand for an
   * object at every level, so that the same label can repeat.
   */
  private eachBody(entry: MapEntry, labels: number, visit: (labels: Labels, body: MapValue) => void): void {
    const walk = (value: Value, keys: Labels): void => {
      if (value.kind === 'list') {
        for (const item of value.items) walk(item, keys);
        return;
      }
      if (value.kind !== 'map') {
        this.warn(`Expected a JSON object under "${entry.key}"${keys.length ? ` "${keys.map((k) => k.key).join('" "')}"` : ''}.`, value.range);
        return;
      }
      if (keys.length === labels) {
        visit(keys, value);
        return;
      }
      for (const e of value.entries) {
        if (e.key === '//') this.comment(e.value);
        else walk(e.value, [...keys, e]);
      }
    };
    walk(entry.value, []);
  }

  private resource([type, name]: Labels, body: MapValue): void {
    const converted = this.body(body);
    const resource: Resource = {
      id: `${type.key}.${name.key}`,
      type: type.key,
      format: 'terraform-json',
      uri: this.doc.uri,
      idRange: insideQuotes(name.keyRange),
      typeRange: insideQuotes(type.keyRange),
      range: { start: name.keyRange.start, end: body.range.end },
      body: converted,
      hasProperties: true,
    };
    const repetition = converted.entries.find((e) => e.key === 'count' || e.key === 'for_each');
    if (repetition) resource.repetition = repetition.key as 'count' | 'for_each';
    this.doc.resources.push(resource);
  }

  private variable(name: MapEntry, body: MapValue): void {
    const input: InputDeclaration = {
      name: name.key,
      kind: 'variable',
      range: { start: name.keyRange.start, end: body.range.end },
      nameRange: insideQuotes(name.keyRange),
      uri: this.doc.uri,
    };
    for (const e of body.entries) {
      if (e.key === 'type') input.type = e.value.kind === 'string' ? e.value.value.replace(/^\$\{([\s\S]*)\}$/, '$1') : this.source(e.value.range);
      // A default is a value, not a template: Terraform does not interpolate it.
      else if (e.key === 'default') input.default = e.value;
      else if (e.key === '//') this.comment(e.value);
    }
    this.doc.inputs.push(input);
  }

  private block(kind: NamedBlock['kind'], name: string, label: MapEntry, body: MapValue, extra: { type?: string } = {}): NamedBlock {
    return this.named(kind, name, label, body, this.body(body), extra.type);
  }

  private named(kind: NamedBlock['kind'], name: string, label: MapEntry, body: MapValue, value: MapValue, type?: string): NamedBlock {
    const block: NamedBlock = {
      name,
      kind,
      range: { start: label.keyRange.start, end: body.range.end },
      nameRange: insideQuotes(label.keyRange),
      value,
      uri: this.doc.uri,
    };
    if (type !== undefined) block.type = type;
    return block;
  }

  /** A block body: templates read, comments dropped, repeated nested blocks spread into entries. */
  private body(map: MapValue): MapValue {
    const entries: MapEntry[] = [];
    for (const e of map.entries) {
      if (e.key === '//') {
        this.comment(e.value);
        continue;
      }
      if (e.key === 'dynamic' && e.value.kind === 'map') {
        for (const d of e.value.entries) {
          if (d.key === '//') continue;
          const items = d.value.kind === 'list' ? d.value.items : [d.value];
          for (const item of items) {
            if (item.kind === 'map') entries.push({ key: d.key, keyRange: d.keyRange, value: { ...this.body(item), block: 'dynamic' } });
          }
        }
        continue;
      }
      const v = e.value;
      if (v.kind === 'list' && v.items.length > 0 && v.items.every((item) => item.kind === 'map')) {
        for (const item of v.items) entries.push({ key: e.key, keyRange: e.keyRange, value: this.body(item as MapValue) });
        continue;
      }
      entries.push({ key: e.key, keyRange: e.keyRange, value: this.value(v) });
    }
    return { ...map, entries };
  }

  private value(v: Value): Value {
    switch (v.kind) {
      case 'string':
        if (hasTemplate(v.value)) return this.template(v.value, v.range);
        // `$${` and `%%{` are how a template writes a literal `${` and `%{`.
        return v.value.includes('$${') || v.value.includes('%%{') ? { ...v, value: v.value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') } : v;
      case 'map':
        return this.body(v);
      case 'list':
        return { ...v, items: v.items.map((item) => this.value(item)) };
      default:
        return v;
    }
  }

  private template(value: string, range: Range): ExpressionValue {
    return { kind: 'expression', expressionKind: 'template', text: this.source(range), references: scanReferences(value, 'template'), range };
  }

  private source(range: Range): string {
    return this.text.slice(this.lines.offsetAt(range.start), this.lines.offsetAt(range.end));
  }

  /** `"//": "srm-lens:ignore rule reason"` (or a list of such strings). */
  private comment(value: Value): void {
    const strings = value.kind === 'list' ? value.items : [value];
    for (const s of strings) {
      if (s.kind !== 'string') continue;
      const suppression = parseSuppression(s.value, s.range);
      if (suppression) this.doc.suppressions.push(suppression);
    }
  }

  private warn(message: string, range: Range): void {
    if (this.doc.errors.length < LIMITS.maxReportedErrors) this.doc.errors.push({ message, range, severity: 'warning' });
  }
}

/** `${` or `%{` that is not the escaped `$${` / `%%{`. */
function hasTemplate(value: string): boolean {
  return /(^|[^$])\$\{|(^|[^%])%\{/.test(value);
}

/** A JSON key's range without its quotes (keys never span lines). */
function insideQuotes(range: Range): Range {
  if (range.start.line !== range.end.line || range.end.character - range.start.character < 2) return range;
  return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
}

export const MAX_JSON_NESTING = 4 * LIMITS.maxDepth;

/** The deepest bracket nesting of a JSON text, strings skipped; cheap enough to run before parsing. */
export function maxNesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \\ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}
