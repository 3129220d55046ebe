import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import { asMap, getEntry, getValue, type ExpressionValue, type MapValue, type Value } from '../model/value';
import type { LinkedModel, Resolver } from './linkedModel';
import { settle, shortText } from './settle';
import type { Resolution } from './resolution';

/** Variable values from `terraform.tfvars`, `*.auto.tfvars` or files named in settings, in precedence order. */
export interface TfvarsFile {
  uri: string;
  values: MapValue;
}

const MAX_DEPTH = 32;
/** `aws_s3_bucket.logs.id`, `aws_s3_bucket.logs[0].arn`, `aws_s3_bucket.logs["a"].id` */
const RESOURCE_TRAVERSAL = /^([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?/;
const ONLY_INTERPOLATION = /\$\{\s*([^}]+?)\s*\}/g;
/** `module.logs.arn`, `module.logs[0].arn`, `module.logs["a"].arn` */
const MODULE_TRAVERSAL = /^module\.([A-Za-z_][\w-]*)(\[[^\]]*\])?(?:\.([A-Za-z_][\w-]*))?/;

/**
 * Evaluates Terraform values as far as the module alone allows: variables
 * from tfvars (later files win, as Terraform loads them) or their defaults,
 * locals, and string templates over those. Anything computed at plan or
 * apply time stays unknown, with the reason.
 */
export class TerraformResolver implements Resolver {
  /** A called module's arguments and outputs, each evaluated once (they may be large maps). */
  private readonly arguments = new Map<string, Resolution>();
  private readonly outputs = new Map<string, Resolution>();

  constructor(
    private readonly model: LinkedModel,
    private readonly tfvars: TfvarsFile[],
  ) {}

  resolve(value: Value, depth: number): Resolution {
    if (depth > MAX_DEPTH) return unknown('references nest too deeply to follow');
    switch (value.kind) {
      case 'null':
        return { status: 'absent', via: 'null' };
      case 'expression':
        return this.resolveExpression(value, depth);
      case 'unknown':
        return unknown(value.reason ?? 'the value could not be read');
      default:
        return { status: 'known', value };
    }
  }

  private resolveExpression(expr: ExpressionValue, depth: number): Resolution {
    if (expr.expressionKind === 'reference' && /^each\.value\b/.test(expr.text.trim())) return this.resolveEachValue(expr, depth);
    if (expr.expressionKind === 'reference') return this.resolveTraversal(expr.text.trim(), depth);
    if (expr.expressionKind === 'conditional' && expr.branches) {
      return {
        status: 'unknown',
        reason: `depends on the condition ${compact(sourceText(expr.branches.condition))}`,
        branches: [
          { label: `when ${compact(sourceText(expr.branches.condition))} is true`, value: expr.branches.whenTrue },
          { label: 'otherwise', value: expr.branches.whenFalse },
        ],
      };
    }
    if (expr.expressionKind === 'template') return this.resolveTemplate(expr, depth);
    return unknown(`\`${compact(expr.text)}\` is evaluated by Terraform at plan time`);
  }

  private resolveTraversal(text: string, depth: number): Resolution {
    if (text.startsWith('var.')) return this.resolveVariable(text.slice(4).split(/[.[]/)[0], text, depth);
    if (text.startsWith('local.')) {
      const name = text.slice(6).split(/[.[]/)[0];
      const local = this.model.block('local', name);
      if (!local?.value) return unknown(`local.${name} is not defined in this module`);
      if (text !== `local.${name}`) return unknown(`\`${text}\` reads inside local.${name}`);
      const r = this.resolve(local.value, depth + 1);
      return r.status === 'known' ? { ...r, via: `local.${name}`, sourceRange: local.value.range, sourceUri: local.uri } : r;
    }
    if (text.startsWith('module.')) return this.resolveModuleOutput(text);
    if (/^(data|each|count|path|terraform|self)\./.test(text)) {
      return unknown(`\`${text}\` is known only when Terraform plans`);
    }
    const target = resourceOf(text, this.model);
    if (target) return { status: 'resource', resource: target.resource, attribute: target.attribute };
    return unknown(`\`${text}\` is not a resource of this module`);
  }

  private resolveVariable(name: string, text: string, depth: number): Resolution {
    const declaration = this.model.input(name);
    if (!declaration) return unknown(`variable ${name} is not declared in this module`);
    if (text !== `var.${name}`) return unknown(`\`${text}\` reads inside var.${name}`);
    const caller = this.model.scope?.caller;
    if (caller) {
      const argument = getEntry(asMap(caller.call.block.value), name);
      if (argument) return this.resolveArgument(name, argument.value, caller.model as LinkedModel, caller.call.address, caller.call.block.uri);
      if (!declaration.default) return unknown(`variable ${name} has no default and ${caller.call.address} does not pass it`);
    }
    for (let i = this.tfvars.length - 1; i >= 0; i--) {
      const entry = this.tfvars[i].values.entries.find((e) => e.key === name);
      if (entry) {
        const r = this.resolve(entry.value, depth + 1);
        const file = this.tfvars[i].uri.split('/').pop();
        return r.status === 'known' ? { ...r, via: `var.${name} in ${file}`, sourceRange: entry.value.range, sourceUri: this.tfvars[i].uri } : r;
      }
    }
    if (!declaration.default) return unknown(`comes from variable ${name}, which has no default`);
    const r = this.resolve(declaration.default, depth + 1);
    return r.status === 'known' ? { ...r, via: `var.${name} default`, sourceRange: declaration.default.range, sourceUri: declaration.uri } : r;
  }

  /**
   * `each.value.x` in the resource being checked: one branch per element of
   * its `for_each` when that collection is known. Every element is a real
   * instance, so the branches all exist at once (`everyBranch`).
   */
  private resolveEachValue(expr: ExpressionValue, depth: number): Resolution {
    const text = expr.text.trim();
    const plan = unknown(`\`${compact(text)}\` is known only when Terraform plans`);
    const resource = this.model.resourceBeingChecked;
    const forEach = resource && contains(resource.range, expr.range) ? getValue(resource.body, 'for_each') : undefined;
    if (!forEach) return plan;
    const path = text.slice('each.value'.length);
    if (path && !/^(\.[A-Za-z_][\w-]*)+$/.test(path)) return plan;
    const keys = path.split('.').filter(Boolean);
    const collection = this.resolveCollection(forEach, depth + 1);
    if (collection.status !== 'known') return unknown(`\`${compact(text)}\`: for_each ${collection.status === 'unknown' ? collection.reason : 'is not a collection SRM Lens can read'}`);
    const value = collection.value;
    const elements = value.kind === 'map' ? value.entries.map((e) => ({ key: e.key, value: e.value })) : value.kind === 'list' ? value.items.map((v, i) => ({ key: v.kind === 'string' ? v.value : String(i), value: v })) : [];
    if (elements.length === 0) return { status: 'absent', via: 'for_each has no elements' };
    const branches = elements.map((el) => {
      let current: Value | undefined = el.value;
      for (const key of keys) {
        const r: Resolution = current ? this.resolve(current, depth + 1) : unknown('');
        current = r.status === 'known' ? getValue(asMap(r.value), key) : undefined;
      }
      // An attribute an element leaves out takes the default of the variable's type, which SRM Lens does not read.
      const missing: Value = { kind: 'unknown', text, range: expr.range, reason: `element ${JSON.stringify(el.key)} of for_each leaves ${keys.join('.') || 'it'} to the variable's type default` };
      return { label: `for_each element ${JSON.stringify(el.key)}`, value: current ?? missing };
    });
    return { status: 'unknown', reason: `\`${compact(text)}\` differs per for_each element${collection.via ? ` (${collection.via})` : ''}`, branches, everyBranch: true };
  }

  /** A `for_each` collection: a reference, or `{ for k, v in X : k => v if … }` read as X (the filter can only drop elements). */
  private resolveCollection(value: Value, depth: number): Resolution {
    if (value.kind === 'expression' && value.expressionKind === 'for') {
      const m = /^\{\s*for\s+(\w+)\s*,\s*(\w+)\s+in\s+([A-Za-z_][\w.]*)\s*:\s*\1\s*=>\s*\2\s*(?:if\s[\s\S]*)?\}$/.exec(value.text.trim());
      if (!m) return unknown(`\`${compact(value.text)}\` is evaluated by Terraform at plan time`);
      const r = this.resolveTraversal(m[3], depth + 1);
      return r.status === 'known' ? { ...r, via: r.via ? `${m[3]}, ${r.via}` : m[3] } : r;
    }
    return this.resolve(value, depth + 1);
  }

  /**
   * A variable of a called module takes the argument its caller passes,
   * evaluated in the caller (its variables, locals, tfvars, outer callers).
   */
  private resolveArgument(name: string, value: Value, caller: LinkedModel, address: string, callerUri: string): Resolution {
    this.model.noteArgument(name);
    const cached = this.arguments.get(name);
    if (cached) return cached;
    // Marks the argument as being evaluated, so a value that leads back to itself ends as unknown instead of looping.
    this.arguments.set(name, unknown(`${name} passed to ${address} depends on itself`));
    const r = caller.resolve(value);
    let out: Resolution;
    if (r.status === 'known') {
      const passed = `${name} = ${shortText(r.value)} passed to ${address}`;
      out = {
        status: 'known',
        value: settle(r.value, caller),
        // The argument nearest the user names the place to change; a tfvars line behind it is kept as the source.
        via: r.via?.includes(' passed to module.') ? r.via : r.via ? `${passed}, from ${r.via}` : passed,
        sourceRange: r.sourceRange ?? value.range,
        sourceUri: r.sourceUri ?? callerUri,
      };
    } else if (r.status === 'unknown') {
      const branches = r.branches?.map((b) => ({ label: b.label, resolved: caller.resolve(b.value) }));
      const settled = branches?.every((b) => b.resolved.status === 'known')
        ? branches.map((b) => ({ label: b.label, value: settle((b.resolved as { value: Value }).value, caller) }))
        : undefined;
      out = { status: 'unknown', reason: `${name} passed to ${address}: ${r.reason}`, ...(settled ? { branches: settled } : {}) };
    } else {
      out = r;
    }
    this.arguments.set(name, out);
    return out;
  }

  /** `module.x.name`: the output `name` of the module call `x`, evaluated in that call. */
  private resolveModuleOutput(text: string): Resolution {
    const match = MODULE_TRAVERSAL.exec(text);
    if (!match) return unknown(`\`${text}\` is not a module output`);
    const [whole, name, , output] = match;
    const call = this.model.moduleCall(name);
    if (!call) return unknown(`module.${name} is not called in this module`);
    if (!call.instance) return unknown(`module.${name}: ${call.reason ?? 'not followed'}`);
    if (!output) return unknown(`\`${text}\` is the whole module call`);
    if (whole.length !== text.length) return unknown(`\`${text}\` reads inside module.${name}.${output}`);
    const key = `${name}.${output}`;
    const cached = this.outputs.get(key);
    if (cached) return cached;
    this.outputs.set(key, unknown(`module.${name}.${output} depends on itself`));
    const instance = call.instance;
    const block = instance.block('output', output);
    let out: Resolution;
    if (!block) out = unknown(`module.${name} has no output ${output}`);
    else {
      const r = instance.resolve(getValue(asMap(block.value), 'value'));
      if (r.status === 'known') out = { ...r, value: settle(r.value, instance), via: r.via ? `module.${name}.${output}, ${r.via}` : `module.${name}.${output}` };
      else if (r.status === 'unknown') out = unknown(`module.${name}.${output}: ${r.reason}`);
      else out = r;
    }
    this.outputs.set(key, out);
    return out;
  }

  private resolveTemplate(expr: ExpressionValue, depth: number): Resolution {
    const body = expr.text.trim().replace(/^"|"$/g, '');
    if (/%\{/.test(body)) return unknown('a template directive is evaluated by Terraform');
    let failure: string | undefined;
    const text = body.replace(ONLY_INTERPOLATION, (_whole, inner: string) => {
      const r = /^[A-Za-z_][\w.[\]"-]*$/.test(inner) ? this.resolveTraversal(inner, depth + 1) : unknown(`\`${inner}\` is evaluated by Terraform`);
      const s = r.status === 'known' && (r.value.kind === 'string' || r.value.kind === 'number' || r.value.kind === 'bool') ? String(r.value.value) : undefined;
      if (s === undefined) failure ??= r.status === 'unknown' ? r.reason : `\${${inner}} is not a literal`;
      return s ?? '';
    });
    if (failure) return unknown(failure);
    return { status: 'known', value: { kind: 'string', value: text, range: expr.range } };
  }

  referencedResources(value: Value): { resource: Resource; attribute?: string; range: Range }[] {
    const found: { resource: Resource; attribute?: string; range: Range }[] = [];
    const visit = (v: Value): void => {
      if (v.kind === 'map') for (const e of v.entries) visit(e.value);
      else if (v.kind === 'list') for (const i of v.items) visit(i);
      else if (v.kind === 'expression') {
        for (const ref of v.references) {
          const target = resourceOf(ref, this.model);
          if (target) found.push({ ...target, range: v.range });
        }
      }
    };
    visit(value);
    return found;
  }
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function resourceOf(traversal: string, model: LinkedModel): { resource: Resource; attribute?: string } | undefined {
  const match = RESOURCE_TRAVERSAL.exec(traversal);
  if (!match) return undefined;
  const resource = model.resource(`${match[1]}.${match[2]}`);
  return resource ? { resource, attribute: match[3] } : undefined;
}

function unknown(reason: string): Resolution {
  return { status: 'unknown', reason };
}

function sourceText(v: Value): string {
  if (v.kind === 'expression' || v.kind === 'unknown') return v.text;
  if (v.kind === 'string') return JSON.stringify(v.value);
  if (v.kind === 'number' || v.kind === 'bool') return String(v.value);
  return v.kind;
}

function compact(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
