import { isCloudFormation, type InputDeclaration, type NamedBlock, type Resource, type TemplateDocument } from '../model/document';
import type { Range } from '../model/range';
import type { Value } from '../model/value';
import { CloudFormationResolver } from './cloudformationResolver';
import { linksByName, namingOf } from './nameLinks';
import { PlanResolver } from './planResolver';
import type { Resolution } from './resolution';
import { TerraformResolver, type TfvarsFile } from './terraformResolver';

/** One value of one resource pointing at another resource. */
export interface Reference {
  from: Resource;
  to: Resource;
  /** `Arn`, `id`, `bucket`… when the reference names one. */
  attribute?: string;
  /** The top-level key of `from`'s body under which the reference sits (`Bucket`, `bucket`). */
  property?: string;
  range: Range;
  /** Set when the link is by name, not by reference: the name both spell (`my-logs`, `${AppName}-logs`). */
  byName?: string;
}

/** The format-specific half of linking: how a value is evaluated and where references are. */
export interface Resolver {
  resolve(value: Value, depth: number): Resolution;
  /** Resources that a value mentions, with the attribute each names. */
  referencedResources(value: Value): { resource: Resource; attribute?: string; range: Range }[];
}

/**
 * A unit analysed together: one CloudFormation template, one Terraform
 * module (every `.tf` and `.tf.json` of a directory, with its tfvars), or
 * one Terraform plan (`terraform show -json`).
 * Resources see each other through it: references, parameters, variables,
 * locals and companion resources.
 */
export class LinkedModel {
  readonly resources: Resource[];
  readonly inputs: InputDeclaration[];
  readonly blocks: NamedBlock[];
  private readonly byId = new Map<string, Resource>();
  private readonly resolver: Resolver;
  private incoming: Map<Resource, Reference[]> | undefined;
  private outgoing: Map<Resource, Reference[]> | undefined;

  constructor(
    readonly documents: TemplateDocument[],
    /** Terraform variables files in load order (empty for CloudFormation). */
    readonly tfvars: TfvarsFile[] = [],
  ) {
    this.resources = documents.flatMap((d) => d.resources);
    this.inputs = documents.flatMap((d) => d.inputs);
    this.blocks = documents.flatMap((d) => d.blocks);
    // First definition wins, as both CloudFormation and Terraform reject duplicates anyway.
    for (const r of this.resources) if (!this.byId.has(r.id)) this.byId.set(r.id, r);
    const cloudFormation = documents.length > 0 && isCloudFormation(documents[0].format);
    const plan = documents.length > 0 && documents[0].format === 'terraform-plan';
    this.resolver = cloudFormation ? new CloudFormationResolver(this) : plan ? new PlanResolver(this) : new TerraformResolver(this, tfvars);
  }

  get isCloudFormation(): boolean {
    return this.resolver instanceof CloudFormationResolver;
  }

  resource(id: string): Resource | undefined {
    return this.byId.get(id);
  }

  input(name: string): InputDeclaration | undefined {
    return this.inputs.find((i) => i.name === name);
  }

  block(kind: NamedBlock['kind'], name: string): NamedBlock | undefined {
    return this.blocks.find((b) => b.kind === kind && b.name === name);
  }

  /** Follows parameters, variables, locals and intrinsics as far as they are knowable. */
  resolve(value: Value | undefined): Resolution {
    if (!value) return { status: 'absent' };
    return this.resolver.resolve(value, 0);
  }

  /** Resources whose settings point at `resource` (a bucket's policy, a group's ingress rule), by reference or by name. */
  referencesTo(resource: Resource): Reference[] {
    this.indexReferences();
    return this.incoming?.get(resource) ?? [];
  }

  referencesFrom(resource: Resource): Reference[] {
    this.indexReferences();
    return this.outgoing?.get(resource) ?? [];
  }

  /**
   * Companions of a type that point at `resource`, e.g. the
   * `aws_s3_bucket_versioning` of a bucket. For a type whose naming setting
   * is known (`companionNames.ts`), only that setting counts: the
   * `aws_s3_bucket_logging` of a bucket is the one whose `bucket` names it,
   * not one whose `target_bucket` does.
   */
  companions(resource: Resource, type: string): Resource[] {
    const naming = namingOf(type, this.isCloudFormation);
    return this.referencesTo(resource)
      .filter((ref) => ref.from.type === type && (!naming || ref.property === naming.key || ref.property === naming.arnsIn))
      .map((ref) => ref.from)
      .filter((r, i, all) => all.indexOf(r) === i);
  }

  private indexReferences(): void {
    if (this.incoming) return;
    this.incoming = new Map();
    this.outgoing = new Map();
    for (const from of this.resources) {
      const out: Reference[] = [];
      for (const entry of from.body.entries) {
        for (const found of this.resolver.referencedResources(entry.value)) {
          if (found.resource === from) continue;
          const ref: Reference = { from, to: found.resource, attribute: found.attribute, property: entry.key, range: found.range };
          out.push(ref);
          const list = this.incoming.get(found.resource) ?? [];
          list.push(ref);
          this.incoming.set(found.resource, list);
        }
      }
      this.outgoing.set(from, out);
    }
    for (const ref of linksByName(this, (from) => this.outgoing?.get(from) ?? [])) {
      this.outgoing.get(ref.from)?.push(ref);
      const list = this.incoming.get(ref.to) ?? [];
      list.push(ref);
      this.incoming.set(ref.to, list);
    }
  }
}
