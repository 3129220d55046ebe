import type { ModuleCallSite, NamedBlock, Resource, TemplateDocument } from '../model/document';
import { asMap, getEntry } from '../model/value';
import type { ModuleHost } from './moduleHost';
import { locateModule, ModuleManifest } from './moduleSource';

/** Deeper module trees are rare; a limit keeps a pathological one from building forever. */
export const MAX_MODULE_DEPTH = 10;

/** Where a Terraform module sits in the tree of calls that `terraform plan` would build. */
export interface ModuleScope {
  host: ModuleHost;
  manifest: ModuleManifest;
  directory: string;
  /** Call names from the root (`['eks', 'kms']`), the key `modules.json` uses. */
  keyPath: string[];
  /** Directories from the root down to this module, to refuse cycles. */
  chain: string[];
  /** The calls that built this module, outermost first; empty for the root. */
  sites: ModuleCallSite[];
  /** For a called module: who called it and with which block. */
  caller?: { model: ScopedModel; call: ModuleCall };
  /** Set when this module or one above it is called with `count` or `for_each`. */
  repeated?: 'count' | 'for_each';
}

/** What moduleCalls needs of a linked model, kept narrow so the two files do not import each other. */
export interface ScopedModel {
  readonly blocks: readonly NamedBlock[];
  readonly scope?: ModuleScope;
}

/** One `module` block of a module, followed or not. */
export interface ModuleCall<M = ScopedModel> {
  name: string;
  /** Full address: `module.logs`, `module.a.module.b`. */
  address: string;
  block: NamedBlock;
  source?: string;
  /** `followed`: its resources are assessed with this call's arguments; `not-followed`: `reason` says why SRM Lens cannot tell. */
  status: 'followed' | 'not-followed';
  reason?: string;
  directory?: string;
  /** True when `terraform init` downloaded it (found through `.terraform/modules/modules.json`). */
  downloaded?: boolean;
  repetition?: 'count' | 'for_each';
  /** The called module, built with this call's arguments. */
  instance?: M;
}

/**
 * The module calls of a model: each local or downloaded source becomes a
 * child model built with the call's arguments (`create`), recursively with a
 * depth limit; cycles and sources that are not on disk are kept with the reason.
 */
export function linkModuleCalls<M extends ScopedModel>(
  model: M,
  create: (documents: TemplateDocument[], scope: ModuleScope) => M,
): ModuleCall<M>[] {
  const calls: ModuleCall<M>[] = [];
  const scope = model.scope;
  for (const block of model.blocks) {
    if (block.kind !== 'module') continue;
    const prefix = scope?.sites.length ? `${scope.sites[scope.sites.length - 1].address}.` : '';
    const address = `${prefix}module.${block.name}`;
    const body = asMap(block.value);
    const repeat = getEntry(body, 'for_each') ? 'for_each' : getEntry(body, 'count') ? 'count' : undefined;
    const call: ModuleCall<M> = { name: block.name, address, block, source: block.type, status: 'not-followed', repetition: repeat };
    calls.push(call);
    if (!scope) {
      call.reason = 'the files around this module were not read, so its module calls are not followed';
      continue;
    }
    if (block.type === undefined) {
      call.reason = 'the module source is not a literal string';
      continue;
    }
    if (scope.sites.length >= MAX_MODULE_DEPTH) {
      call.reason = `module calls nest more than ${MAX_MODULE_DEPTH} deep here; this one is not followed`;
      continue;
    }
    const keyPath = [...scope.keyPath, block.name];
    const located = locateModule(scope.host, scope.manifest, scope.directory, block.type, keyPath);
    if (!located.found) {
      call.reason = located.reason;
      continue;
    }
    call.directory = located.directory;
    call.downloaded = located.downloaded;
    if (scope.chain.includes(located.directory)) {
      call.reason = `module source ${block.type} is a module already being built above this call (a cycle); not followed`;
      continue;
    }
    const documents = scope.host.documents(located.directory);
    if (documents.length === 0) {
      call.reason = located.downloaded
        ? `the downloaded module at ${located.directory} holds no Terraform files — run \`terraform init\` again`
        : `module source ${block.type} holds no Terraform files`;
      continue;
    }
    const site: ModuleCallSite = { address, uri: block.uri, range: block.range, nameRange: block.nameRange };
    call.status = 'followed';
    call.instance = create(documents, {
      host: scope.host,
      manifest: scope.manifest,
      directory: located.directory,
      keyPath,
      chain: [...scope.chain, located.directory],
      sites: [...scope.sites, site],
      caller: { model, call: call as ModuleCall },
      repeated: scope.repeated ?? repeat,
    });
  }
  return calls;
}

/** The scope of a module linked on its own (the root of its tree). */
export function rootScope(host: ModuleHost, directory: string): ModuleScope {
  return { host, manifest: new ModuleManifest(host, directory), directory, keyPath: [], chain: [directory], sites: [] };
}

/** A resource of a called module as that call builds it: full address, origin, repetition of the call. */
export function instanceResource(resource: Resource, scope: ModuleScope): Resource {
  const site = scope.sites[scope.sites.length - 1];
  return {
    ...resource,
    id: `${site.address}.${resource.id}`,
    module: { localId: resource.id, calls: scope.sites },
    ...(resource.repetition || scope.repeated ? { repetition: resource.repetition ?? scope.repeated } : {}),
  };
}

/** Where the user acts on a resource: the outermost `module` block for a module's resource, the resource itself otherwise. */
export function placeOf(resource: Resource): { uri: string; range: Resource['range'] } {
  const top = resource.module?.calls[0];
  return top ? { uri: top.uri, range: top.range } : { uri: resource.uri, range: resource.range };
}
