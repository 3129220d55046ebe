import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { notRegular } from './readText';

/** Folders that hold dependencies or tool state, never the user's own templates. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn', '.venv', '__pycache__', '.aws-sam']);
const CANDIDATE = /\.(ya?ml|json|template|tf|tfvars|cfn)$/i;

export interface PassedOver {
  path: string;
  message: string;
}

export interface CollectedFiles {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** What the walk saw and did not enter or read, with why: nothing is passed over in silence. */
  refused: PassedOver[];
}

/**
 * Expands the paths a user gave into candidate files, recursively for
 * directories. `cdk.out` is kept on purpose: it holds synthesized templates.
 * Symbolic links are followed only while their target stays inside the
 * folder the user named, and a folder already on the walk is not entered
 * again, so a link loop cannot hang a scan and a link cannot lead a scan
 * (or a fix) outside the folder it was given.
 */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const refused: PassedOver[] = [];
  for (const p of paths) {
    const stats = statSync(p, { throwIfNoEntry: false });
    if (!stats) missing.push(p);
    else if (stats.isDirectory()) walkRoot(p, files, refused);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing, refused };
}

function walkRoot(rootPath: string, files: string[], refused: PassedOver[]): void {
  const root = realpathSync(rootPath);
  const visited = new Set<string>([root]);
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unknown error');
      refused.push({ path: dir, message: `this folder cannot be read (${why}); its files are not scanned` });
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      let entry;
      try {
        entry = lstatSync(full);
      } catch {
        continue;
      }
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name)) continue;
        visited.add(safeRealpath(full) ?? full);
        walk(full);
        continue;
      }
      if (entry.isSymbolicLink()) {
        followLink(full, name);
        continue;
      }
      if (!CANDIDATE.test(name)) continue;
      const why = notRegular(entry);
      if (why) refused.push({ path: full, message: why });
      else files.push(full);
    }
  };
  const followLink = (full: string, name: string): void => {
    const target = safeRealpath(full);
    const stats = target ? statSync(target, { throwIfNoEntry: false }) : undefined;
    if (!target || !stats) {
      if (CANDIDATE.test(name)) refused.push({ path: full, message: 'a symbolic link whose target does not exist (or loops); skipped' });
      return;
    }
    if (stats.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(name)) return;
      if (!inside(root, target)) refused.push({ path: full, message: 'a symbolic link to a folder outside the scanned folder; not followed' });
      else if (visited.has(target)) refused.push({ path: full, message: 'a symbolic link to a folder that is already scanned (or to one of its parents: a loop); not followed' });
      else {
        visited.add(target);
        walk(full);
      }
      return;
    }
    if (!CANDIDATE.test(name)) return;
    const why = notRegular(stats);
    if (why) refused.push({ path: full, message: why });
    else if (!inside(root, target)) refused.push({ path: full, message: 'a symbolic link to a file outside the scanned folder; not read' });
    else files.push(full);
  };
  walk(rootPath);
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** True when `path` is `root` or below it. Both are real paths. */
export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
