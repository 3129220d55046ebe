import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LinkedModel } from '../link/linkedModel';
import type { TemplateDocument } from '../model/document';
import { initTerraformParser, parseFile } from '../parse';
import { isAutoLoadedTfvars, tfvarsLoadOrder } from '../parse/tfvars';
import { collectFiles } from './collectFiles';
import { loadTfvars, type FileError, type ScanOptions } from './scan';
import { ScanModuleCache, type ScannedDirectory } from './scanModuleCache';
import { readText } from './readText';

/** What the scan hands on for one unit before it lets go of it. */
export interface ScannedUnit {
  /** The unit's files the scan reports, sorted by path (a Terraform directory's context files are linked, not reported). */
  documents: TemplateDocument[];
  /** The unit's one linked model: a template, a plan, or a Terraform root module with its module calls. */
  model: LinkedModel;
  /** For a Terraform directory: the directory, so that its findings can say "with the module's defaults" once the scan knows another module calls it. */
  terraformDirectory?: string;
}

export interface UnitScanOutcome {
  errors: FileError[];
  /** Files of module directories outside the scan that could not be read or parsed (each directory is read once per call of this function). */
  moduleProblems: FileError[];
  ignored: number;
  /** Directories that a followed module call of some scanned module reads. */
  calledDirectories: Set<string>;
}

export interface UnitScanOptions extends ScanOptions {
  /**
   * Every file of the whole scan when this call scans only a share of it (a
   * worker thread): module calls into a directory of another share then read
   * exactly what the whole scan would. Defaults to `paths`.
   */
  universe?: readonly string[];
  /** Source bytes of parsed module directories kept for later calls (see `ScanModuleCache`). */
  moduleCacheBytes?: number;
}

const TERRAFORM_FILE = /\.tf(\.json)?$/i;
const TERRAFORM_UNIT_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json)$/i;

/**
 * The scan of `srm-lens scan`, one unit at a time: each template or plan
 * alone, each Terraform directory with the modules it calls, parsed, linked
 * and handed to `visit`, then let go — memory stays that of the largest unit,
 * not of the repository. What it reports is what `scanPaths` would: the same
 * files, models, errors and ignored count; the one thing only known at the
 * end is which directories other modules call (`calledDirectories`).
 */
export async function scanUnitByUnit(paths: readonly string[], options: UnitScanOptions, visit: (unit: ScannedUnit) => void): Promise<UnitScanOutcome> {
  const { files, missing, refused } = collectFiles(paths);
  const errors: FileError[] = [...missing.map((path) => ({ path, message: 'no such file or directory' })), ...refused];
  const universe = options.universe ?? paths;
  const whole = options.universe ? collectFiles(options.universe).files : files;
  const cache = new ScanModuleCache(scannedDirectories(universe, whole), options.moduleCacheBytes);
  const extra = options.extraTfvars ?? [];
  const calledDirectories = new Set<string>();
  let ignored = 0;

  const units = new Map<string, string[]>();
  for (const file of files) {
    const key = TERRAFORM_UNIT_FILE.test(file) ? `dir:${dirname(file)}` : `file:${file}`;
    const list = units.get(key);
    if (list) list.push(file);
    else units.set(key, [file]);
  }
  // Only Terraform directories need tree-sitter (their modules too): a scan of templates alone does not compile its WebAssembly.
  if ([...units.keys()].some((key) => key.startsWith('dir:'))) await initTerraformParser();
  const done = (unit: ScannedUnit) => {
    for (const child of unit.model.units()) for (const call of child.moduleCalls) if (call.instance && call.directory) calledDirectories.add(call.directory);
    visit(unit);
  };
  for (const [key, unitFiles] of units) {
    if (key.startsWith('dir:')) {
      const dir = dirname(unitFiles[0]);
      const parsed = cache.scannedDirectory(dir)!;
      errors.push(...parsed.errors);
      ignored += parsed.ignored;
      if (parsed.documents.length === 0) continue;
      const tfvars = loadTfvars([...parsed.tfvars].sort(tfvarsLoadOrder).concat(extra), errors);
      const model = new LinkedModel(parsed.documents, tfvars, cache);
      done({ documents: parsed.documents.slice(0, parsed.named), model, terraformDirectory: dir });
      continue;
    }
    const path = unitFiles[0];
    const read = readText(path);
    if (!read.ok) {
      errors.push({ path, message: read.reason });
      continue;
    }
    const outcome = parseFile(path, read.text);
    if (outcome.kind === 'template') done({ documents: [outcome.document], model: new LinkedModel([outcome.document]) });
    else if (outcome.kind === 'error') errors.push({ path, message: outcome.reason });
    else ignored++;
  }
  return { errors, moduleProblems: cache.problems, ignored, calledDirectories };
}

/**
 * The Terraform files of every directory of the whole scan, and the context
 * files beside them: the other Terraform and variables files of a directory
 * one of whose `.tf` files is named (a module is a whole directory).
 */
function scannedDirectories(named: readonly string[], collected: readonly string[]): Map<string, ScannedDirectory> {
  const dirs = new Map<string, ScannedDirectory>();
  const entry = (dir: string) => {
    let d = dirs.get(dir);
    if (!d) dirs.set(dir, (d = { files: [], context: [] }));
    return d;
  };
  for (const file of collected) if (TERRAFORM_UNIT_FILE.test(file) || isAutoLoadedTfvars(basename(file))) entry(dirname(file)).files.push(file);
  const have = new Set(collected);
  const listed = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const p of named) {
    if (!TERRAFORM_FILE.test(p) || !statSync(p, { throwIfNoEntry: false })?.isFile()) continue;
    const dir = dirname(p);
    let names = listed.get(dir);
    if (!names) {
      try {
        names = readdirSync(dir).sort();
      } catch {
        names = [];
      }
      listed.set(dir, names);
    }
    for (const name of names) {
      const full = join(dir, name);
      if (have.has(full) || seen.has(full) || full === p) continue;
      if (TERRAFORM_FILE.test(name) || isAutoLoadedTfvars(name)) {
        seen.add(full);
        entry(dir).context.push(full);
      }
    }
  }
  return dirs;
}
