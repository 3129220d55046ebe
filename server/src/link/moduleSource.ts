import type { ModuleHost } from './moduleHost';

export type SourceOutcome = { found: true; directory: string; downloaded: boolean } | { found: false; reason: string };

/** Said wherever a module's files are not on disk: the one thing the user can do about it. */
export const NOT_INITIALISED = 'module source not available locally — run `terraform init`';

/** The manifest `terraform init` writes: one entry per module call, keyed by the dotted call names from the root. */
interface ManifestEntry {
  Key: string;
  Source?: string;
  Dir: string;
}

/** Terraform treats only `./` and `../` paths as local; everything else is downloaded by `terraform init`. */
export function isLocalSource(source: string): boolean {
  return /^\.\.?([\\/]|$)/.test(source);
}

/**
 * Reads `.terraform/modules/modules.json` of a root module once per linking
 * of that root, so every call in the tree shares one read.
 */
export class ModuleManifest {
  private entries: Map<string, ManifestEntry> | null | undefined;

  constructor(
    private readonly host: ModuleHost,
    readonly rootDirectory: string,
  ) {}

  /** Where `terraform init` put the module of a call path (`['vpc']`, `['eks', 'kms']`), or undefined. */
  directoryOf(keyPath: readonly string[]): string | undefined {
    const entry = this.load()?.get(keyPath.join('.'));
    return entry ? this.host.join(this.rootDirectory, entry.Dir) : undefined;
  }

  get present(): boolean {
    return this.load() !== null;
  }

  private load(): Map<string, ManifestEntry> | null {
    if (this.entries !== undefined) return this.entries;
    const text = this.host.readFile(this.host.join(this.rootDirectory, '.terraform/modules/modules.json'));
    this.entries = null;
    if (text === undefined) return null;
    try {
      const parsed = JSON.parse(text) as { Modules?: unknown };
      const list = Array.isArray(parsed.Modules) ? parsed.Modules : [];
      this.entries = new Map();
      for (const m of list as ManifestEntry[]) if (m && typeof m.Key === 'string' && typeof m.Dir === 'string') this.entries.set(m.Key, m);
    } catch {
      this.entries = null;
    }
    return this.entries;
  }
}

/**
 * The directory a module call's source names: a local path from the calling
 * directory, or the directory `terraform init` downloaded it to.
 */
export function locateModule(host: ModuleHost, manifest: ModuleManifest, callerDirectory: string, source: string, keyPath: readonly string[]): SourceOutcome {
  if (isLocalSource(source)) return { found: true, directory: host.join(callerDirectory, source), downloaded: false };
  const directory = manifest.directoryOf(keyPath);
  if (directory) return { found: true, directory, downloaded: true };
  return { found: false, reason: NOT_INITIALISED };
}
