import type { LinkedModel } from '../link/linkedModel';
import { shortText } from '../link/settle';
import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { MapEntry, Value } from '../model/value';
import { asMap, getEntry, getValue } from '../model/value';
import type { Finding, RelatedLocation } from '../rules/rule';
import { suppressionFor } from './suppression';

/** Locals that lead to a variable are followed this far; deeper chains are rare and fall back to the module block. */
const MAX_LOCAL_DEPTH = 4;

/**
 * A finding of a resource that a module call builds is moved to where the
 * caller can act: the argument of the outermost `module` block that decided
 * the value (followed through every module in between), or that `module`
 * block itself when the value is the module's own. The resource inside the
 * module stays as a related location. Its fixes are dropped: they would edit
 * the module for every caller, where the remedy is the argument.
 */
export function placeModuleFinding(finding: Finding, resource: Resource, model: LinkedModel, argumentsRead: readonly string[] = []): Finding {
  const origin = resource.module;
  if (!origin) return finding;
  const top = origin.calls[0];
  const related: RelatedLocation[] = [{ uri: resource.uri, range: finding.range, message: `${origin.localId} inside ${top.address}` }];

  // The setting may sit in the resource or in a companion of it (its public access block, its versioning).
  const candidates = [resource, ...model.resources.filter((r) => r !== resource && r.uri === resource.uri), ...model.resources.filter((r) => r.uri !== resource.uri)];
  let value: Value | undefined;
  let holder: Resource | undefined;
  for (const r of candidates) {
    value = valueAt(r.body, finding.range);
    if (value) {
      holder = r;
      break;
    }
  }
  // `each.value.x` is decided by the collection of the holder's for_each.
  const forEach = holder ? getValue(holder.body, 'for_each') : undefined;
  let current = model;
  let decided: { entry: MapEntry; uri: string; address: string } | undefined;
  // A finding on a whole resource (not one setting): the argument the rule read, when it read exactly one.
  let first = value ? undefined : onlyArgumentRead(model, argumentsRead);
  if (first) value = first.value;
  while (value && current.scope?.caller) {
    const caller = current.scope.caller;
    const entry = first ?? decidingArgument(current, value, current === model ? forEach : undefined);
    first = undefined;
    if (!entry) break;
    decided = { entry, uri: caller.call.block.uri, address: caller.call.address };
    value = entry.value;
    current = caller.model as LinkedModel;
    if (current.scope?.caller) related.push({ uri: decided.uri, range: entry.keyRange, message: `${entry.key} passed to ${decided.address}` });
  }
  const atRoot = decided !== undefined && !current.scope?.caller;
  let message = `${resource.id}: ${finding.message}`;
  let uri = top.uri;
  let range: Range = top.nameRange;
  if (atRoot && decided) {
    uri = decided.uri;
    range = { start: decided.entry.keyRange.start, end: decided.entry.value.range.end };
    if (!finding.message.includes(`passed to ${top.address}`)) message += ` (${decided.entry.key} = ${shortText(decided.entry.value)} passed to ${top.address})`;
  } else if (!holder && origin.calls.length === 1 && passedArguments(model, argumentsRead).length) {
    // The deciding value is the module's own, but arguments the rule read take part (a public endpoint whose CIDR list is the module's default).
    const read = passedArguments(model, argumentsRead);
    uri = top.uri;
    range = { start: read[0].keyRange.start, end: read[0].value.range.end };
    message += ` (${read.map((e) => `${e.key} = ${shortText(e.value)}`).join(', ')} passed to ${top.address}; the rest is the module's own values)`;
  } else {
    message += ` (set inside ${top.address}, not by an argument of this call)`;
  }
  const suppressed = finding.suppressed ?? suppressionAtCall(current, top.uri, top.range, finding.ruleId);
  return { ...finding, message, uri, range, related: [...related, ...finding.related], fixes: [], ...(suppressed ? { suppressed } : {}) };
}

function onlyArgumentRead(model: LinkedModel, names: readonly string[]): MapEntry | undefined {
  const passed = passedArguments(model, names);
  return passed.length === 1 ? passed[0] : undefined;
}

/** The arguments of the call that built `model` among variable names, as written in the `module` block. */
function passedArguments(model: LinkedModel, names: readonly string[]): MapEntry[] {
  const call = asMap(model.scope?.caller?.call.block.value);
  return names.map((n) => getEntry(call, n)).filter((e): e is MapEntry => e !== undefined);
}

/** A `srm-lens:ignore` comment on or above the `module` block accepts the risk for every resource it builds. */
function suppressionAtCall(root: LinkedModel, uri: string, range: Range, ruleId: string): { reason: string } | undefined {
  const doc = root.documents.find((d) => d.uri === uri);
  if (!doc) return undefined;
  const pseudo = { uri, range, idRange: range } as Resource;
  return suppressionFor(pseudo, root, ruleId);
}

/** The setting a finding points at: the entry whose key is the finding's range, searched through nested blocks. */
function valueAt(map: Value | undefined, range: Range): Value | undefined {
  const m = asMap(map);
  if (!m) {
    if (map?.kind === 'list') for (const item of map.items) {
      const found = valueAt(item, range);
      if (found) return found;
    }
    return undefined;
  }
  for (const e of m.entries) {
    if (sameRange(e.keyRange, range)) return e.value;
    const inner = valueAt(e.value, range);
    if (inner) return inner;
  }
  return undefined;
}

/** The caller's argument behind a value: the first variable it reads (through locals) that the call passes. */
function decidingArgument(model: LinkedModel, value: Value, forEach?: Value): MapEntry | undefined {
  const call = asMap(model.scope?.caller?.call.block.value);
  const readsEach = variablesRead(model, value, 0, true).includes('each');
  const names = [...variablesRead(model, value, 0), ...(readsEach && forEach ? variablesRead(model, forEach, 0) : [])];
  for (const name of names) {
    const entry = getEntry(call, name);
    if (entry) return entry;
  }
  return undefined;
}

function variablesRead(model: LinkedModel, value: Value, depth: number, noteEach = false): string[] {
  const out: string[] = [];
  const visit = (v: Value): void => {
    if (v.kind === 'map') v.entries.forEach((e) => visit(e.value));
    else if (v.kind === 'list') v.items.forEach(visit);
    else if (v.kind === 'expression') {
      for (const ref of v.references) {
        const variable = /^var\.([A-Za-z_][\w-]*)/.exec(ref);
        if (variable) out.push(variable[1]);
        if (noteEach && ref.startsWith('each.')) out.push('each');
        const local = /^local\.([A-Za-z_][\w-]*)/.exec(ref);
        const localValue = local && depth < MAX_LOCAL_DEPTH ? model.block('local', local[1])?.value : undefined;
        if (localValue) out.push(...variablesRead(model, localValue, depth + 1));
      }
      if (v.branches) [v.branches.condition, v.branches.whenTrue, v.branches.whenFalse].forEach(visit);
    }
  };
  visit(value);
  return out;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

