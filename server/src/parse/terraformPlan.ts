import { emptyDocument, type NamedBlock, type Resource, type TemplateDocument } from '../model/document';
import type { Range } from '../model/range';
import { asList, asMap, getEntry, getValue, type ExpressionValue, type MapEntry, type MapValue, type UnknownValue, type Value } from '../model/value';
import { parseJsonValues } from './jsonValues';
import { LIMITS } from './limits';
import { MAX_JSON_NESTING, maxNesting } from './terraformJson';

/**
 * A Terraform plan as `terraform show -json <planfile>` prints it → model.
 *
 * A plan is Terraform already evaluated: variables, locals, `count`,
 * `for_each` and module calls are done, and every resource instance has its
 * full address (`module.logs["eu"].aws_s3_bucket.this[0]`). So the plan is
 * a unit of its own, and its values are plain JSON literals.
 *
 * - Resources come from `planned_values` (the root module and its
 *   `child_modules`, recursively), and from `resource_changes` for any
 *   instance `planned_values` does not list. Data sources are not resources.
 *   An instance the plan deletes (actions `["delete"]`, or `["forget"]`:
 *   Terraform stops managing it) is not there after apply and is left out.
 * - Values follow what rules expect of Terraform: a nested block is a list
 *   of objects in the plan, so, as in `.tf.json`, a list of objects becomes
 *   repeated entries; `null` and an empty list are how the plan says "not
 *   set", and are left out as an HCL file would leave them out.
 * - A value the plan leaves to apply time (`after_unknown`) is an unknown
 *   value with the reason. When the plan's `configuration` shows that the
 *   value refers to another resource (`bucket = aws_s3_bucket.b.id`), it is
 *   a reference expression with that resource's full address instead, so
 *   companions link as they do in the configuration, through module
 *   outputs too (`bucket = module.logs.bucket_id`). An attribute the
 *   configuration does not set at all is computed by the provider (a
 *   bucket's `acl`, `logging`, `versioning` in provider v4 and later) and is
 *   left out, as it is in the configuration.
 * - `idRange` is the resource's `"address"` string, so a finding points at
 *   the line that names the resource.
 */
export function parseTerraformPlan(uri: string, text: string): TemplateDocument {
  const doc = emptyDocument(uri, 'terraform-plan', text);
  const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const fail = (message: string, range: Range = origin): TemplateDocument => {
    doc.errors.push({ message, range, severity: 'error' });
    return doc;
  };
  try {
    if (maxNesting(text) > MAX_JSON_NESTING) return fail(`Nesting deeper than ${MAX_JSON_NESTING} levels; the plan is not analysed.`);
    // A byte order mark is not JSON; a space in its place keeps every offset where the editor shows it.
    const parsed = parseJsonValues(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text);
    for (const error of parsed.errors.slice(0, LIMITS.maxReportedErrors)) doc.errors.push(error);
    const root = asMap(parsed.root);
    if (!root) return parsed.errors.length ? doc : fail('A Terraform plan must be one JSON object.', parsed.root?.range);
    doc.root = root;
    const why = whyNotPlan(root);
    if (why) return fail(why, getEntry(root, 'format_version')?.keyRange);
    new PlanReader(doc, root).read();
  } catch (error) {
    fail(`Internal error while reading the Terraform plan: ${error instanceof Error ? error.message : String(error)}`);
  }
  return doc;
}

/**
 * Why a JSON object with `format_version` is not a plan SRM Lens can read,
 * or undefined when it is one. State output (`terraform show -json` without
 * a plan file) has `values` instead of `planned_values`.
 */
export function whyNotPlan(root: MapValue): string | undefined {
  if (!getEntry(root, 'format_version')) return 'This JSON has no format_version: it is not the output of `terraform show -json`.';
  if (getEntry(root, 'planned_values') || getEntry(root, 'resource_changes')) return undefined;
  const state = getEntry(root, 'values') ? ' It has `values`, as a state printed by `terraform show -json` without a plan file has.' : '';
  return `This Terraform JSON has neither planned_values nor resource_changes, so it is not a plan and is not analysed.${state} Write a plan with \`terraform plan -out=tfplan\` and \`terraform show -json tfplan > tfplan.json\`.`;
}

interface Change {
  actions: string[];
  after?: MapValue;
  afterUnknown?: Value;
  /** The `change` object, where the resource is described when `planned_values` does not list it. */
  range: Range;
  entry: MapValue;
}

/** Instance keys in an address: `[0]`, `["eu-west-1"]` (a key may hold dots and brackets inside its quotes). */
const INSTANCE_KEY = /\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g;

/** References that name no resource: variables, locals, data sources, iteration values, module outputs not followed. */
const NOT_A_RESOURCE = /^(var|local|data|module|each|count|path|terraform|self)\./;

/** Terraform leaves these instances out of the world after apply. */
function leavesState(actions: string[]): boolean {
  return actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget');
}

class PlanReader {
  private readonly changes = new Map<string, Change>();
  /** Configuration `expressions` by module path and resource address, instance keys removed (`module.a.aws_s3_bucket.b`). */
  private readonly expressions = new Map<string, MapValue>();
  /** References of module outputs, by module path and output name (`module.logs.bucket_id`). */
  private readonly outputs = new Map<string, string[]>();
  private readonly seen = new Set<string>();
  /** The instance key of the resource being read. */
  private instanceKey: string | number | undefined;

  constructor(
    private readonly doc: TemplateDocument,
    private readonly root: MapValue,
  ) {
    for (const item of asList(getValue(root, 'resource_changes'))?.items ?? []) {
      const map = asMap(item);
      const address = stringOf(getValue(map, 'address'));
      const change = asMap(getValue(map, 'change'));
      if (!map || !address || !change) continue;
      const actions = (asList(getValue(change, 'actions'))?.items ?? []).map(stringOf).filter((a): a is string => !!a);
      this.changes.set(address, { actions, after: asMap(getValue(change, 'after')), afterUnknown: getValue(change, 'after_unknown'), range: change.range, entry: map });
    }
    const configuration = asMap(getValue(root, 'configuration'));
    this.indexConfiguration(asMap(getValue(configuration, 'root_module')), '');
  }

  read(): void {
    this.readModule(asMap(getValue(asMap(getValue(this.root, 'planned_values')), 'root_module')));
    // Instances that only resource_changes lists (a plan trimmed by hand, or planned_values absent).
    for (const [address, change] of this.changes) {
      if (this.seen.has(address) || leavesState(change.actions)) continue;
      if (stringOf(getValue(change.entry, 'mode')) !== 'managed') continue;
      this.addResource(change.entry, change.after ?? { kind: 'map', entries: [], range: change.range });
    }
  }

  private readModule(module: MapValue | undefined): void {
    if (!module) return;
    for (const item of asList(getValue(module, 'resources'))?.items ?? []) {
      const map = asMap(item);
      if (!map) continue;
      const address = stringOf(getValue(map, 'address'));
      if (!address) {
        this.warn('A resource without an address is skipped.', map.range);
        continue;
      }
      this.seen.add(address);
      if (stringOf(getValue(map, 'mode')) === 'data') {
        this.dataSource(address, map);
        continue;
      }
      const change = this.changes.get(address);
      if (change && leavesState(change.actions)) continue;
      this.addResource(map, asMap(getValue(map, 'values')) ?? { kind: 'map', entries: [], range: map.range });
    }
    for (const child of asList(getValue(module, 'child_modules'))?.items ?? []) this.readModule(asMap(child));
  }

  private addResource(map: MapValue, values: MapValue): void {
    const addressValue = getValue(map, 'address');
    const typeValue = getValue(map, 'type');
    const address = stringOf(addressValue) ?? '';
    const type = stringOf(typeValue);
    if (!type || !addressValue) {
      this.warn(`The plan resource ${address} has no type and is skipped.`, map.range);
      return;
    }
    const modulePath = modulePathOf(address, stringOf(getValue(map, 'name')));
    const configured = this.expressions.get(`${modulePath.replace(INSTANCE_KEY, '')}${modulePath ? '.' : ''}${type}.${stringOf(getValue(map, 'name')) ?? ''}`);
    const change = this.changes.get(address);
    const index = getValue(map, 'index');
    this.instanceKey = index?.kind === 'string' || index?.kind === 'number' ? index.value : undefined;
    const body = this.values(values, change?.afterUnknown, configured, modulePath, '');
    const resource: Resource = {
      id: address,
      type,
      format: 'terraform-plan',
      uri: this.doc.uri,
      idRange: insideQuotes(addressValue.range),
      typeRange: insideQuotes(typeValue?.range ?? addressValue.range),
      range: map.range,
      body,
      hasProperties: true,
    };
    if (index?.kind === 'string' || index?.kind === 'number') resource.instanceKey = index.value;
    this.doc.resources.push(resource);
  }

  /**
   * One object of values, with the plan's unknowns laid over it. `expressions`
   * is the configuration of the same object, when the plan has one: an
   * unknown it does not set is the provider's own and is left out; without
   * it, every unknown is shown as unknown.
   */
  private values(map: MapValue, unknown: Value | undefined, expressions: MapValue | undefined, modulePath: string, path: string): MapValue {
    const entries: MapEntry[] = [];
    const unknownMap = asMap(unknown);
    for (const e of map.entries) {
      const v = e.value;
      const nested = getValue(unknownMap, e.key);
      const expression = getValue(expressions, e.key);
      if (v.kind === 'null' || (v.kind === 'list' && v.items.length === 0)) continue;
      if (v.kind === 'list' && v.items.every((item) => item.kind === 'map')) {
        // A nested block: one entry per block, as in HCL and `.tf.json`.
        v.items.forEach((item, i) => {
          entries.push({ key: e.key, keyRange: e.keyRange, value: this.values(item as MapValue, asList(nested)?.items[i], asMap(asList(expression)?.items[i]), modulePath, `${path}${e.key}.`) });
        });
        continue;
      }
      entries.push({ key: e.key, keyRange: e.keyRange, value: this.value(v, nested, expression, modulePath, `${path}${e.key}`) });
    }
    // Values known only after apply are absent from the planned values: add them from after_unknown.
    for (const u of unknownMap?.entries ?? []) {
      if (u.value.kind !== 'bool' || !u.value.value || getEntry(map, u.key)) continue;
      const expression = getValue(expressions, u.key);
      if (!expression && expressions) continue;
      entries.push({ key: u.key, keyRange: u.keyRange, value: this.unknownValue(u.value.range, `${path}${u.key}`, expression, modulePath) });
    }
    return { kind: 'map', entries, range: map.range, flow: true };
  }

  private value(v: Value, unknown: Value | undefined, expression: Value | undefined, modulePath: string, path: string): Value {
    if (unknown?.kind === 'bool' && unknown.value) return this.unknownValue(unknown.range, path, expression, modulePath);
    if (v.kind === 'map') return this.values(v, unknown, asMap(expression), modulePath, `${path}.`);
    if (v.kind === 'list') {
      const unknownItems = asList(unknown)?.items;
      return { ...v, items: v.items.map((item, i) => this.value(item, unknownItems?.[i], undefined, modulePath, `${path}[${i}]`)) };
    }
    return v;
  }

  /** A value known only after apply: a reference when the configuration says to what, unknown otherwise. */
  private unknownValue(range: Range, path: string, expression: Value | undefined, modulePath: string): ExpressionValue | UnknownValue {
    const written = (asList(getValue(asMap(expression), 'references'))?.items ?? []).map(stringOf).filter((r): r is string => !!r);
    const configPrefix = modulePath ? `${modulePath.replace(INSTANCE_KEY, '')}.` : '';
    const resources = [...new Set(written.flatMap((r) => this.throughOutputs(r, configPrefix, 0)))];
    if (resources.length) {
      // `aws_s3_bucket.b[count.index]` is listed without its key: the same instance key as this resource's comes first.
      const keyed = this.instanceKey === undefined ? [] : resources.flatMap((r) => withInstanceKey(r, this.instanceKey as string | number));
      return {
        kind: 'expression',
        expressionKind: 'reference',
        text: resources[0],
        references: [...keyed, ...resources].map((r) => (modulePath ? `${modulePath}.${r}` : r)),
        range,
      };
    }
    const from = written.length ? ` (it comes from \`${written[0]}\`)` : '';
    return { kind: 'unknown', text: path, reason: `the plan leaves ${path} to be known after apply${from}`, range };
  }

  /**
   * The resources a configuration reference names, relative to the module it
   * is written in: itself for `aws_s3_bucket.b.id`, and for a module output
   * (`module.logs.bucket_id`) the resources that output refers to inside the
   * module (`module.logs.aws_s3_bucket.this.id`), through nested outputs.
   */
  private throughOutputs(reference: string, configPrefix: string, depth: number): string[] {
    if (depth > 8) return [];
    const call = /^module\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/.exec(reference);
    if (call) {
      const inner = `${configPrefix}module.${call[1]}.`;
      return (this.outputs.get(`${inner}${call[2]}`) ?? []).flatMap((r) => this.throughOutputs(r, inner, depth + 1)).map((r) => `module.${call[1]}.${r}`);
    }
    return NOT_A_RESOURCE.test(reference) ? [] : [reference];
  }

  private indexConfiguration(module: MapValue | undefined, prefix: string): void {
    if (!module) return;
    for (const output of asMap(getValue(module, 'outputs'))?.entries ?? []) {
      const references = asList(getValue(asMap(getValue(asMap(output.value), 'expression')), 'references'))?.items ?? [];
      this.outputs.set(`${prefix}${output.key}`, references.map(stringOf).filter((r): r is string => !!r));
    }
    for (const item of asList(getValue(module, 'resources'))?.items ?? []) {
      const address = stringOf(getValue(asMap(item), 'address'));
      const expressions = asMap(getValue(asMap(item), 'expressions'));
      if (address && expressions) this.expressions.set(`${prefix}${address}`, expressions);
    }
    for (const call of asMap(getValue(module, 'module_calls'))?.entries ?? []) {
      this.indexConfiguration(asMap(getValue(asMap(call.value), 'module')), `${prefix}module.${call.key}.`);
    }
  }

  private dataSource(address: string, map: MapValue): void {
    const block: NamedBlock = { name: address, kind: 'data', range: map.range, nameRange: insideQuotes(getValue(map, 'address')?.range ?? map.range), uri: this.doc.uri };
    const type = stringOf(getValue(map, 'type'));
    if (type) block.type = type;
    const values = asMap(getValue(map, 'values'));
    if (values) block.value = values;
    this.doc.blocks.push(block);
  }

  private warn(message: string, range: Range): void {
    if (this.doc.errors.length < LIMITS.maxReportedErrors) this.doc.errors.push({ message, range, severity: 'warning' });
  }
}

/** `module.a["x"].module.b` of `module.a["x"].module.b.aws_s3_bucket.logs[0]`; empty in the root module. */
export function modulePathOf(address: string, name: string | undefined): string {
  const withoutIndex = address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]$/, '');
  const suffix = name ? `.${name}` : '';
  const typeStart = withoutIndex.endsWith(suffix) ? withoutIndex.lastIndexOf('.', withoutIndex.length - suffix.length - 1) : -1;
  return typeStart > 0 ? withoutIndex.slice(0, typeStart) : '';
}

/** `aws_s3_bucket.b.id` with key 0 → `aws_s3_bucket.b[0].id`; nothing when the reference has a key already. */
function withInstanceKey(reference: string, key: string | number): string[] {
  const match = /^([a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(\..*)?$/.exec(reference);
  return match && !reference.startsWith('module.') ? [`${match[1]}[${JSON.stringify(key)}]${match[2] ?? ''}`] : [];
}

function stringOf(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** A JSON string's range without its quotes (addresses never span lines). */
function insideQuotes(range: Range): Range {
  if (range.start.line !== range.end.line || range.end.character - range.start.character < 2) return range;
  return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
}
