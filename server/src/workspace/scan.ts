import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isTerraformConfiguration, type TemplateDocument } from '../model/document';
import { LinkedModel } from '../link/linkedModel';
import type { TfvarsFile } from '../link/terraformResolver';
import { initTerraformParser, parseFile } from '../parse';
import { isAutoLoadedTfvars, parseTfvars, tfvarsLoadOrder } from '../parse/tfvars';
import { collectFiles } from './collectFiles';
import { DiskModuleHost } from './diskModules';
import { readText } from './readText';

export interface FileError {
  path: string;
  message: string;
}

export interface ScanResult {
  /** Parsed templates and Terraform files, sorted by path: the files the report covers. */
  documents: TemplateDocument[];
  /**
   * Terraform files read only because a named file belongs to their module
   * (`scan dir/main.tf` reads the rest of `dir`, as Terraform does): linked, never reported.
   */
  context: TemplateDocument[];
  /** One linked model per CloudFormation template and per Terraform module directory. */
  models: LinkedModel[];
  /** Files that looked like templates but could not be read or parsed, and paths that do not exist. */
  errors: FileError[];
  /** Files looked at and passed over because they are not templates (Kubernetes, workflows, …). */
  ignored: number;
  /** The variables files of a Terraform module directory, for linking documents again after edits. */
  tfvarsFor: (dir: string) => TfvarsFile[];
  /** Where module calls find their modules; reused when documents are linked again after edits. */
  moduleHost: DiskModuleHost;
}

export interface ScanOptions {
  /** Extra variables files to load after the auto-loaded ones, as `-var-file` would. */
  extraTfvars?: string[];
}

/** Reads, parses and links everything under the given paths. The engine of `srm-lens scan`. */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  await initTerraformParser();
  const { files, missing, refused } = collectFiles(paths);
  const contextFiles = siblingsOfNamedFiles(paths, new Set(files));
  const errors: FileError[] = [...missing.map((path) => ({ path, message: 'no such file or directory' })), ...refused];
  const documents: TemplateDocument[] = [];
  const tfvarsByDir = new Map<string, string[]>();
  let ignored = 0;
  const context: TemplateDocument[] = [];
  for (const path of [...files, ...contextFiles]) {
    const isContext = contextFiles.includes(path);
    if (isAutoLoadedTfvars(basename(path))) {
      const list = tfvarsByDir.get(dirname(path)) ?? [];
      list.push(path);
      tfvarsByDir.set(dirname(path), list);
      continue;
    }
    const read = readText(path);
    if (!read.ok) {
      errors.push({ path, message: read.reason });
      continue;
    }
    const outcome = parseFile(path, read.text);
    if (outcome.kind === 'template') (isContext ? context : documents).push(outcome.document);
    else if (outcome.kind === 'error') errors.push({ path, message: outcome.reason });
    else if (!isContext) ignored++;
  }
  documents.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const moduleHost = new DiskModuleHost([...documents, ...context]);
  const extra = options.extraTfvars ?? [];
  const loaded = new Map<string, TfvarsFile[]>();
  const tfvarsFor = (dir: string): TfvarsFile[] => {
    let files = loaded.get(dir);
    if (!files) {
      files = loadTfvars([...(tfvarsByDir.get(dir) ?? []).sort(tfvarsLoadOrder), ...extra], errors);
      loaded.set(dir, files);
    }
    return files;
  };
  const models = linkDocuments([...documents, ...context], tfvarsFor, moduleHost);
  markCalledModules(models);
  errors.push(...moduleHost.problems);
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { documents, context, models, errors, ignored, tfvarsFor, moduleHost };
}

/**
 * Every Terraform file and auto-loaded variables file next to a `.tf` file
 * named on the command line: Terraform reads a module as a whole directory,
 * and so does the scan. A pre-commit hook names single files; this is how
 * their variables, locals and companions are found.
 */
function siblingsOfNamedFiles(paths: readonly string[], collected: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!/\.tf(\.json)?$/i.test(p) || !statSync(p, { throwIfNoEntry: false })?.isFile()) continue;
    const dir = dirname(p);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const full = join(dir, name);
      if (collected.has(full) || out.includes(full) || full === p) continue;
      if (/\.tf(\.json)?$/i.test(name) || isAutoLoadedTfvars(name)) out.push(full);
    }
  }
  return out;
}

/** A module another scanned module calls is, assessed on its own, only its defaults: its findings say so. */
function markCalledModules(models: LinkedModel[]): void {
  const called = new Set<string>();
  for (const model of models) {
    for (const unit of model.units()) for (const call of unit.moduleCalls) if (call.instance && call.directory) called.add(call.directory);
  }
  for (const model of models) if (model.scope && !model.scope.caller && called.has(model.scope.directory)) model.calledElsewhere = true;
}

/** Groups documents into linked models: each template and each plan alone, each Terraform directory together (following its module calls when a host is given). */
export function linkDocuments(documents: TemplateDocument[], tfvarsFor: (dir: string) => TfvarsFile[] = () => [], moduleHost?: DiskModuleHost): LinkedModel[] {
  const models: LinkedModel[] = [];
  const modules = new Map<string, TemplateDocument[]>();
  for (const doc of documents) {
    if (!isTerraformConfiguration(doc.format)) {
      models.push(new LinkedModel([doc]));
      continue;
    }
    const dir = dirname(doc.uri);
    const list = modules.get(dir) ?? [];
    list.push(doc);
    modules.set(dir, list);
  }
  for (const [dir, docs] of modules) models.push(new LinkedModel(docs, tfvarsFor(dir), moduleHost));
  return models;
}

export function loadTfvars(paths: string[], errors: FileError[]): TfvarsFile[] {
  const loaded: TfvarsFile[] = [];
  for (const path of paths) {
    const read = readText(path);
    if (!read.ok) {
      errors.push({ path, message: read.reason });
      continue;
    }
    loaded.push({ uri: path, values: parseTfvars(path, read.text) });
  }
  return loaded;
}
