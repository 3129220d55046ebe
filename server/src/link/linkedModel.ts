import { isCloudFormation, type InputDeclaration, type NamedBlock, type Resource, type TemplateDocument } from '../model/document';
import type { Range } from '../model/range';
import type { Value } from '../model/value';
import { CloudFormationResolver } from './cloudformationResolver';
import { linksByName, namingOf } from './nameLinks';
import { PlanResolver } from './planResolver';
import { instanceResource, linkModuleCalls, rootScope, type ModuleCall, type ModuleScope } from './moduleCalls';
import type { ModuleHost } from './moduleHost';
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
/**
 * What one resource's assessment read of its unit besides itself, so an
 * edit elsewhere can tell whether that assessment still holds: resources
 * looked up by id (found or not), resources whose incoming or outgoing
 * references it asked for, and whether it walked every resource.
 */
export interface ReadLog {
  /** `<unit index>|<id>` for each `resource(id)` lookup. */
  lookups: Set<string>;
  /** Resources it read through references (either end of a `Reference`). */
  read: Set<Resource>;
  incoming: Set<Resource>;
  outgoing: Set<Resource>;
  /** Units (by index) whose `resources` it walked: any change in them may change it. */
  everything: Set<number>;
}

export class LinkedModel {
  private readonly all: Resource[];
  readonly inputs: InputDeclaration[];
  readonly blocks: NamedBlock[];
  private readonly byId = new Map<string, Resource>();
  private readonly resolver: Resolver;
  private incoming: Map<Resource, Reference[]> | undefined;
  private outgoing: Map<Resource, Reference[]> | undefined;
  private calls: ModuleCall<LinkedModel>[] | undefined;
  readonly scope: ModuleScope | undefined;
  /**
   * Set by the scan when another module in it calls this one: assessed on its
   * own, this module shows what its defaults give, and its findings say so.
   */
  calledElsewhere = false;

  constructor(
    readonly documents: TemplateDocument[],
    /** Terraform variables files in load order (empty for CloudFormation, and for called modules: Terraform reads them only at the root). */
    readonly tfvars: TfvarsFile[] = [],
    /**
     * Where this Terraform module sits among module calls; without it, `module`
     * blocks are listed as not followed. A `ModuleHost` makes this the root of its tree.
     */
    scopeOrHost?: ModuleScope | ModuleHost,
  ) {
    this.scope = scopeOrHost === undefined || 'manifest' in scopeOrHost ? scopeOrHost : documents.length ? rootScope(scopeOrHost, scopeOrHost.directoryOf(documents[0].uri)) : undefined;
    const own = documents.flatMap((d) => d.resources);
    const scope = this.scope;
    this.all = scope?.caller ? own.map((r) => instanceResource(r, scope)) : own;
    this.inputs = documents.flatMap((d) => d.inputs);
    this.blocks = documents.flatMap((d) => d.blocks);
    // First definition wins, as both CloudFormation and Terraform reject duplicates anyway.
    // Resources of a called module are found by their address inside it, as its own references name them.
    for (const r of this.all) {
      const key = r.module?.localId ?? r.id;
      if (!this.byId.has(key)) this.byId.set(key, r);
    }
    const cloudFormation = documents.length > 0 && isCloudFormation(documents[0].format);
    const plan = documents.length > 0 && documents[0].format === 'terraform-plan';
    this.resolver = cloudFormation ? new CloudFormationResolver(this) : plan ? new PlanResolver(this) : new TerraformResolver(this, tfvars);
  }

  /** The same unit over new texts of its documents (after fixes), linked the same way. */
  withDocuments(documents: TemplateDocument[]): LinkedModel {
    const model = new LinkedModel(documents, this.tfvars, this.scope && !this.scope.caller ? this.scope.host : undefined);
    model.calledElsewhere = this.calledElsewhere;
    return model;
  }

  /**
   * The resource a rule is checking, set by the assessment around each rule:
   * `each.value` in it reads its `for_each`. Caller arguments evaluated
   * meanwhile are recorded, so a finding of a module's resource can name the
   * argument behind it even when it points at a whole resource.
   */
  private checking: Resource | undefined;
  private reads: Set<string> | undefined;

  beginCheck(resource: Resource): void {
    this.checking = resource;
    this.reads = new Set();
  }

  /** Ends a check; returns the caller arguments it read. */
  endCheck(): string[] {
    const read = [...(this.reads ?? [])];
    this.checking = undefined;
    this.reads = undefined;
    return read;
  }

  get resourceBeingChecked(): Resource | undefined {
    return this.checking;
  }

  /** Called by the resolver each time a variable takes its caller's argument. */
  noteArgument(name: string): void {
    this.reads?.add(name);
  }

  /** The `module` blocks of this module, each followed into its own model or kept with the reason it is not. Built once. */
  get moduleCalls(): ModuleCall<LinkedModel>[] {
    if (this.isCloudFormation) return [];
    this.calls ??= linkModuleCalls<LinkedModel>(this, (docs, scope) => new LinkedModel(docs, [], scope));
    return this.calls;
  }

  moduleCall(name: string): ModuleCall<LinkedModel> | undefined {
    return this.moduleCalls.find((c) => c.name === name);
  }

  /** This model and every module it calls, recursively: the units whose resources an assessment covers. */
  units(): LinkedModel[] {
    const out: LinkedModel[] = [this];
    for (const call of this.moduleCalls) if (call.instance) out.push(...call.instance.units());
    return out;
  }

  /** Every resource of this unit; a read log notes that an assessment walked them all. */
  get resources(): Resource[] {
    this.log?.everything.add(this.logIndex);
    return this.all;
  }

  /**
   * While set, lookups, references and walks over the resources are noted in
   * `log` (shared by every unit of the tree, each under its `logIndex`).
   */
  private log: ReadLog | undefined;
  private logIndex = 0;

  recordReads(log: ReadLog | undefined, index = 0): void {
    this.log = log;
    this.logIndex = index;
  }

  get isCloudFormation(): boolean {
    return this.resolver instanceof CloudFormationResolver;
  }

  resource(id: string): Resource | undefined {
    this.log?.lookups.add(`${this.logIndex}|${id}`);
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
    const refs = this.incoming?.get(resource) ?? [];
    if (this.log) {
      this.log.incoming.add(resource);
      for (const ref of refs) this.log.read.add(ref.from);
    }
    return refs;
  }

  referencesFrom(resource: Resource): Reference[] {
    this.indexReferences();
    const refs = this.outgoing?.get(resource) ?? [];
    if (this.log) {
      this.log.outgoing.add(resource);
      for (const ref of refs) this.log.read.add(ref.to);
    }
    return refs;
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
    // Building the index reads every resource on behalf of all of them, not of the one being assessed.
    const log = this.log;
    this.log = undefined;
    try {
      this.buildReferenceIndex();
    } finally {
      this.log = log;
    }
  }

  private buildReferenceIndex(): void {
    this.incoming = new Map();
    this.outgoing = new Map();
    for (const from of this.all) {
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
