import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold dependencies or tool state, never the user's own templates. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn', '.venv', '__pycache__', '.aws-sam']);
const CANDIDATE = /\.(ya?ml|json|template|tf|tfvars|cfn)$/i;

export interface CollectedFiles {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

/**
 * Expands the paths a user gave into candidate files, recursively for
 * directories. `cdk.out` is kept on purpose: it holds synthesized templates.
 * Symbolic links to directories are not followed, so a link loop cannot hang a scan.
 */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      let stats;
      try {
        stats = statSync(full, { throwIfNoEntry: false });
      } catch {
        continue;
      }
      if (!stats) continue;
      if (stats.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name) && !isSymlink(full)) walk(full);
      } else if (stats.isFile() && CANDIDATE.test(name)) {
        files.push(full);
      }
    }
  };
  for (const p of paths) {
    const stats = statSync(p, { throwIfNoEntry: false });
    if (!stats) missing.push(p);
    else if (stats.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
