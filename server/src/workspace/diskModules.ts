import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModuleHost } from '../link/moduleHost';
import { isTerraformConfiguration, type TemplateDocument } from '../model/document';
import { parseFile } from '../parse';
import { readText } from './readText';

const TERRAFORM_FILE = /\.tf(\.json)?$/i;

/**
 * Module directories on disk for `srm-lens scan` and `fix`: directories the
 * scan already parsed are reused, others (a parent module outside the
 * scanned paths, `.terraform/modules/…`) are read and parsed once each.
 */
export class DiskModuleHost implements ModuleHost {
  private readonly byDirectory = new Map<string, TemplateDocument[]>();
  /** Files of module directories read here that could not be read or parsed, so a scan reports them. */
  readonly problems: { path: string; message: string }[] = [];

  /** `known`: the Terraform documents the scan parsed, by directory. */
  constructor(known: Iterable<TemplateDocument> = []) {
    for (const doc of known) {
      if (!isTerraformConfiguration(doc.format)) continue;
      const dir = this.directoryOf(doc.uri);
      const list = this.byDirectory.get(dir) ?? [];
      list.push(doc);
      this.byDirectory.set(dir, list);
    }
  }

  directoryOf(file: string): string {
    return dirname(file);
  }

  join(dir: string, relative: string): string {
    const joined = join(dir, relative);
    return joined.length > 1 ? joined.replace(/[\\/]+$/, '') : joined;
  }

  documents(dir: string): TemplateDocument[] {
    let docs = this.byDirectory.get(dir);
    if (!docs) {
      docs = readModuleDirectory(dir, this.problems);
      this.byDirectory.set(dir, docs);
    }
    return docs;
  }

  readFile(file: string): string | undefined {
    const read = readText(file);
    return read.ok ? read.text : undefined;
  }
}

/** The Terraform files directly in a directory, parsed; those that cannot be read are listed in `problems`. */
export function readModuleDirectory(dir: string, problems: { path: string; message: string }[] = []): TemplateDocument[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => TERRAFORM_FILE.test(n)).sort();
  } catch {
    return [];
  }
  const docs: TemplateDocument[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const read = readText(path);
    if (!read.ok) {
      problems.push({ path, message: `${read.reason} (a file of a called module)` });
      continue;
    }
    const outcome = parseFile(path, read.text);
    if (outcome.kind === 'template' && isTerraformConfiguration(outcome.document.format)) docs.push(outcome.document);
    else if (outcome.kind === 'error') problems.push({ path, message: `${outcome.reason} (a file of a called module)` });
  }
  return docs;
}
