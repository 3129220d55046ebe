import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import type { Value } from '../model/value';
import type { LinkedModel, Resolver } from './linkedModel';
import type { Resolution } from './resolution';

/** `module.a["x"].aws_s3_bucket.logs[0].arn` → the resource part and the attribute. */
const ADDRESS = /^((?:module\.[A-Za-z_][\w-]*(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.)*[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?(?:\.([A-Za-z_][\w]*))?/;

/**
 * Values of a Terraform plan (`terraform show -json`). Terraform has already
 * evaluated everything it could: a literal is the value, `null` is absent,
 * and what the plan leaves to apply time is unknown with the parser's
 * reason, or a reference to another resource of the plan by full address
 * (taken from the plan's configuration).
 */
export class PlanResolver implements Resolver {
  /** Resources by address without the instance key, for references written without one. */
  private readonly instances = new Map<string, Resource[]>();

  constructor(private readonly model: LinkedModel) {
    for (const r of model.resources) {
      const base = r.instanceKey === undefined ? r.id : r.id.slice(0, r.id.lastIndexOf('['));
      const list = this.instances.get(base) ?? [];
      list.push(r);
      this.instances.set(base, list);
    }
  }

  resolve(value: Value): Resolution {
    switch (value.kind) {
      case 'null':
        return { status: 'absent', via: 'null' };
      case 'unknown':
        return { status: 'unknown', reason: value.reason ?? 'the value could not be read' };
      case 'expression': {
        const [target] = value.references.map((r) => this.target(r)).filter((t) => t !== undefined);
        if (target?.resources.length === 1) return { status: 'resource', resource: target.resources[0], attribute: target.attribute };
        return { status: 'unknown', reason: `\`${value.text}\` is known only after apply` };
      }
      default:
        return { status: 'known', value };
    }
  }

  referencedResources(value: Value): { resource: Resource; attribute?: string; range: Range }[] {
    const found: { resource: Resource; attribute?: string; range: Range }[] = [];
    const visit = (v: Value): void => {
      if (v.kind === 'map') for (const e of v.entries) visit(e.value);
      else if (v.kind === 'list') for (const i of v.items) visit(i);
      else if (v.kind === 'expression') {
        // References are listed best first (the same instance key before the whole repeated resource).
        const target = v.references.map((r) => this.target(r)).find((t) => t !== undefined);
        for (const resource of target?.resources ?? []) found.push({ resource, attribute: target?.attribute, range: v.range });
      }
    };
    visit(value);
    return found;
  }

  /** The instances an address names: one with an instance key, all of a repeated resource without. */
  private target(reference: string): { resources: Resource[]; attribute?: string } | undefined {
    const match = ADDRESS.exec(reference);
    if (!match) return undefined;
    const [, base, key, attribute] = match;
    if (key) {
      const one = this.model.resource(`${base}${key}`);
      return one ? { resources: [one], attribute } : undefined;
    }
    const all = this.instances.get(base);
    return all ? { resources: all, attribute } : undefined;
  }
}
