import { basename, dirname } from 'node:path';
import { isTerraformConfiguration, type TemplateDocument } from '../model/document';
import { LinkedModel } from '../link/linkedModel';
import type { TfvarsFile } from '../link/terraformResolver';
import { initTerraformParser, parseFile } from '../parse';
import { isAutoLoadedTfvars, parseTfvars, tfvarsLoadOrder } from '../parse/tfvars';
import { collectFiles } from './collectFiles';
import { readText } from './readText';

export interface FileError {
  path: string;
  message: string;
}

export interface ScanResult {
  /** Parsed templates and Terraform files, sorted by path. */
  documents: TemplateDocument[];
  /** One linked model per CloudFormation template and per Terraform module directory. */
  models: LinkedModel[];
  /** Files that looked like templates but could not be read or parsed, and paths that do not exist. */
  errors: FileError[];
  /** Files looked at and passed over because they are not templates (Kubernetes, workflows, …). */
  ignored: number;
  /** The variables files of a Terraform module directory, for linking documents again after edits. */
  tfvarsFor: (dir: string) => TfvarsFile[];
}

export interface ScanOptions {
  /** Extra variables files to load after the auto-loaded ones, as `-var-file` would. */
  extraTfvars?: string[];
}

/** Reads, parses and links everything under the given paths. The engine of `srm-lens scan`. */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  await initTerraformParser();
  const { files, missing, refused } = collectFiles(paths);
  const errors: FileError[] = [...missing.map((path) => ({ path, message: 'no such file or directory' })), ...refused];
  const documents: TemplateDocument[] = [];
  const tfvarsByDir = new Map<string, string[]>();
  let ignored = 0;
  for (const path of files) {
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
    if (outcome.kind === 'template') documents.push(outcome.document);
    else if (outcome.kind === 'error') errors.push({ path, message: outcome.reason });
    else ignored++;
  }
  documents.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
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
  const models = linkDocuments(documents, tfvarsFor);
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { documents, models, errors, ignored, tfvarsFor };
}

/** Groups documents into linked models: each template and each plan alone, each Terraform directory together. */
export function linkDocuments(documents: TemplateDocument[], tfvarsFor: (dir: string) => TfvarsFile[] = () => []): LinkedModel[] {
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
  for (const [dir, docs] of modules) models.push(new LinkedModel(docs, tfvarsFor(dir)));
  return models;
}

function loadTfvars(paths: string[], errors: FileError[]): TfvarsFile[] {
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
