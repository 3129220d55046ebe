import type { Range } from '../model/range';
import { asList, asMap, getValue, type IntrinsicValue, type Value } from '../model/value';
import type { LinkedModel, Resolver } from './linkedModel';
import type { Resolution } from './resolution';
import type { Resource } from '../model/document';

const MAX_DEPTH = 32;
const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

/**
 * Evaluates CloudFormation intrinsics as far as the template alone allows:
 * parameters by their defaults, mappings by literal keys, Sub/Join/Select
 * over known parts. Deploy-time values (pseudo parameters other than
 * AWS::NoValue, imports, AZs) and conditions stay unknown, with the reason.
 */
export class CloudFormationResolver implements Resolver {
  constructor(private readonly model: LinkedModel) {}

  resolve(value: Value, depth: number): Resolution {
    if (depth > MAX_DEPTH) return { status: 'unknown', reason: 'references nest too deeply to follow' };
    switch (value.kind) {
      case 'intrinsic':
        return this.resolveIntrinsic(value, depth);
      case 'unknown':
        return { status: 'unknown', reason: 'the value could not be read' };
      default:
        return { status: 'known', value };
    }
  }

  private resolveIntrinsic(fn: IntrinsicValue, depth: number): Resolution {
    const arg = fn.argument;
    switch (fn.name) {
      case 'Ref':
        return arg.kind === 'string' ? this.resolveRef(arg.value, depth) : unknown('Ref needs a name');
      case 'Fn::GetAtt': {
        const [target, attribute] = getAttParts(arg);
        const resource = target ? this.model.resource(target) : undefined;
        return resource ? { status: 'resource', resource, attribute } : unknown(`GetAtt of ${target ?? 'an unknown resource'}`);
      }
      case 'Fn::If': {
        const parts = asList(arg)?.items ?? [];
        const condition = parts[0]?.kind === 'string' ? parts[0].value : 'a condition';
        if (parts.length !== 3) return unknown('Fn::If needs a condition and two values');
        return {
          status: 'unknown',
          reason: `depends on condition ${condition}`,
          branches: [
            { label: `when ${condition} is true`, value: parts[1] },
            { label: `when ${condition} is false`, value: parts[2] },
          ],
        };
      }
      case 'Fn::Sub':
        return this.resolveSub(arg, depth);
      case 'Fn::Join':
        return this.resolveJoin(arg, depth);
      case 'Fn::FindInMap':
        return this.resolveFindInMap(arg, depth);
      case 'Fn::Select':
        return this.resolveSelect(arg, depth);
      default:
        return unknown(`${fn.name} is evaluated by CloudFormation at deploy time`);
    }
  }

  private resolveRef(name: string, depth: number): Resolution {
    if (name === 'AWS::NoValue') return { status: 'absent', via: 'AWS::NoValue' };
    if (name.startsWith('AWS::')) return unknown(`pseudo parameter ${name} is set at deploy time`);
    const resource = this.model.resource(name);
    if (resource) return { status: 'resource', resource };
    const input = this.model.input(name);
    if (!input) return unknown(`Ref to ${name}, which the template does not define`);
    if (!input.default) return unknown(`comes from parameter ${name}, which has no default`);
    const resolved = this.resolve(input.default, depth + 1);
    if (resolved.status === 'known') {
      return { ...resolved, via: `parameter ${name} default`, sourceRange: input.default.range, sourceUri: input.uri };
    }
    return resolved;
  }

  private resolveSub(arg: Value, depth: number): Resolution {
    const list = asList(arg);
    const template = list ? list.items[0] : arg;
    const variables = list ? asMap(list.items[1]) : undefined;
    if (template?.kind !== 'string') return unknown('Fn::Sub without a literal string');
    let failure: string | undefined;
    const text = template.value.replace(SUB_VARIABLE, (_whole, name: string) => {
      const local = getValue(variables, name);
      const r = local ? this.resolve(local, depth + 1) : name.includes('.') ? unknown(`${name} is an attribute`) : this.resolveRef(name, depth + 1);
      const scalar = scalarText(r);
      if (scalar === undefined) failure ??= r.status === 'unknown' ? r.reason : `\${${name}} is not a literal`;
      return scalar ?? '';
    });
    if (failure) return unknown(failure);
    return { status: 'known', value: { kind: 'string', value: text.replace(/\$\{!/g, '${'), range: template.range } };
  }

  private resolveJoin(arg: Value, depth: number): Resolution {
    const [delimiter, items] = asList(arg)?.items ?? [];
    if (delimiter?.kind !== 'string') return unknown('Fn::Join needs a literal delimiter');
    const resolvedList = items ? this.resolve(items, depth + 1) : unknown('Fn::Join needs a list');
    const list = resolvedList.status === 'known' ? asList(resolvedList.value) : undefined;
    if (!list) return resolvedList.status === 'unknown' ? resolvedList : unknown('Fn::Join needs a list');
    const parts: string[] = [];
    for (const item of list.items) {
      const r = this.resolve(item, depth + 1);
      const s = scalarText(r);
      if (s === undefined) return r.status === 'unknown' ? r : unknown('a part of Fn::Join is not a literal');
      parts.push(s);
    }
    return { status: 'known', value: { kind: 'string', value: parts.join(delimiter.value), range: arg.range } };
  }

  private resolveFindInMap(arg: Value, depth: number): Resolution {
    const [mapName, topKey, secondKey] = (asList(arg)?.items ?? []).map((v) => scalarText(this.resolve(v, depth + 1)));
    if (!mapName || !topKey || !secondKey) return unknown('Fn::FindInMap keys are not all literal');
    const mapping = this.model.block('mapping', mapName);
    const found = getValue(asMap(getValue(asMap(mapping?.value), topKey)), secondKey);
    if (!found) return unknown(`mapping ${mapName} has no ${topKey}/${secondKey}`);
    const r = this.resolve(found, depth + 1);
    return r.status === 'known' ? { ...r, via: `mapping ${mapName}`, sourceRange: found.range, sourceUri: mapping?.uri } : r;
  }

  private resolveSelect(arg: Value, depth: number): Resolution {
    const [indexValue, listValue] = asList(arg)?.items ?? [];
    const index = Number(scalarText(indexValue ? this.resolve(indexValue, depth + 1) : unknown('')));
    const resolvedList = listValue ? this.resolve(listValue, depth + 1) : unknown('Fn::Select needs a list');
    const list = resolvedList.status === 'known' ? asList(resolvedList.value) : undefined;
    if (!Number.isInteger(index) || !list) return unknown('Fn::Select over values known only at deploy time');
    const item = list.items[index];
    return item ? this.resolve(item, depth + 1) : unknown(`Fn::Select index ${index} is out of range`);
  }

  referencedResources(value: Value): { resource: Resource; attribute?: string; range: Range }[] {
    const found: { resource: Resource; attribute?: string; range: Range }[] = [];
    const visit = (v: Value): void => {
      switch (v.kind) {
        case 'map':
          for (const e of v.entries) visit(e.value);
          return;
        case 'list':
          for (const i of v.items) visit(i);
          return;
        case 'intrinsic':
          this.collectIntrinsic(v, found);
          visit(v.argument);
          return;
        default:
          return;
      }
    };
    visit(value);
    return found;
  }

  private collectIntrinsic(fn: IntrinsicValue, found: { resource: Resource; attribute?: string; range: Range }[]): void {
    if (fn.name === 'Ref' && fn.argument.kind === 'string') {
      const resource = this.model.resource(fn.argument.value);
      if (resource) found.push({ resource, range: fn.range });
    } else if (fn.name === 'Fn::GetAtt') {
      const [target, attribute] = getAttParts(fn.argument);
      const resource = target ? this.model.resource(target) : undefined;
      if (resource) found.push({ resource, attribute, range: fn.range });
    } else if (fn.name === 'Fn::Sub') {
      const template = fn.argument.kind === 'list' ? fn.argument.items[0] : fn.argument;
      if (template?.kind !== 'string') return;
      for (const match of template.value.matchAll(SUB_VARIABLE)) {
        const [target, attribute] = match[1].split('.', 2);
        const resource = this.model.resource(target);
        if (resource) found.push({ resource, attribute, range: fn.range });
      }
    }
  }
}

function unknown(reason: string): Resolution {
  return { status: 'unknown', reason };
}

function getAttParts(arg: Value): [string | undefined, string | undefined] {
  if (arg.kind === 'string') {
    const dot = arg.value.indexOf('.');
    return dot < 0 ? [arg.value, undefined] : [arg.value.slice(0, dot), arg.value.slice(dot + 1)];
  }
  const items = asList(arg)?.items ?? [];
  const name = items[0]?.kind === 'string' ? items[0].value : undefined;
  const attribute = items[1]?.kind === 'string' ? items[1].value : undefined;
  return [name, attribute];
}

/** The text of a known scalar, or undefined when the resolution is anything else. */
export function scalarText(r: Resolution): string | undefined {
  if (r.status !== 'known') return undefined;
  const v = r.value;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number' || v.kind === 'bool') return String(v.value);
  return undefined;
}
