import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The rules reference that ships with the installed package (docs/rules.md),
 * as a file URL, for reports that link each rule to its documentation when no
 * published location is configured. Found by walking up from this module to
 * SRM Lens's own package.json, which works from the bundle and from tsc output.
 */
export function packagedRulesDoc(): string | undefined {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isSrmLens(manifest)) {
      const doc = join(dir, 'docs', 'rules.md');
      return existsSync(doc) ? pathToFileURL(doc).toString() : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isSrmLens(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'srm-lens';
  } catch {
    return false;
  }
}
