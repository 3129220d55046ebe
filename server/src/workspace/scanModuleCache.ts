import { basename, dirname, join } from 'node:path';
import type { ModuleHost } from '../link/moduleHost';
import { isTerraformConfiguration, type TemplateDocument } from '../model/document';
import { parseFile } from '../parse';
import { isAutoLoadedTfvars } from '../parse/tfvars';
import { readModuleDirectory } from './diskModules';
import { readText } from './readText';
import type { FileError } from './scan';

/** A Terraform directory of the scan, parsed: its configuration files in model order, and what its files told the scan. */
export interface ParsedDirectory {
  documents: TemplateDocument[];
  /** Files of the directory that could not be read or parsed (reported by the scan, not as module problems). */
  errors: FileError[];
  /** Files of the directory that are not templates (variables files read as files). */
  ignored: number;
  /** Auto-loaded variables files of the directory, in the order the scan met them. */
  tfvars: string[];
  /** How many of `documents`, from the first, are files the scan names (the rest are context). */
  named: number;
}

/** The Terraform files of one scanned directory: those the scan names, then those read only as context. */
export interface ScannedDirectory {
  files: string[];
  context: string[];
}

/**
 * Where module calls find their modules during a scan that assesses one
 * unit at a time: a scanned directory is parsed from exactly the files the
 * scan holds for it (as the whole scan would have it), any other directory
 * is read from disk with its problems reported once. Parsed directories are
 * kept while they fit in `budgetBytes` of source text, least recently used
 * first out, so a module called from many places is usually parsed once
 * without the scan holding every parse to the end.
 */
export class ScanModuleCache implements ModuleHost {
  private readonly parsed = new Map<string, { directory: ParsedDirectory; bytes: number }>();
  private bytes = 0;
  private readonly reportedDirectories = new Set<string>();
  /** Files of module directories outside the scan that could not be read or parsed. */
  readonly problems: FileError[] = [];

  constructor(
    private readonly scanned: ReadonlyMap<string, ScannedDirectory>,
    private readonly budgetBytes = 2 * 1024 * 1024,
  ) {}

  directoryOf(file: string): string {
    return dirname(file);
  }

  join(dir: string, relative: string): string {
    const joined = join(dir, relative);
    return joined.length > 1 ? joined.replace(/[\\/]+$/, '') : joined;
  }

  readFile(file: string): string | undefined {
    const read = readText(file);
    return read.ok ? read.text : undefined;
  }

  /** A scanned directory, parsed (or taken from the cache). */
  scannedDirectory(dir: string): ParsedDirectory | undefined {
    const files = this.scanned.get(dir);
    if (!files) return undefined;
    const cached = this.parsed.get(dir);
    if (cached) {
      // Most recently used last.
      this.parsed.delete(dir);
      this.parsed.set(dir, cached);
      return cached.directory;
    }
    const { directory, bytes } = parseScannedDirectory(files);
    this.parsed.set(dir, { directory, bytes });
    this.bytes += bytes;
    for (const [key, entry] of this.parsed) {
      if (this.bytes <= this.budgetBytes || key === dir) break;
      this.parsed.delete(key);
      this.bytes -= entry.bytes;
    }
    return directory;
  }

  documents(dir: string): TemplateDocument[] {
    const docs = this.scannedDirectory(dir)?.documents;
    if (docs?.length) return docs;
    // Outside the scan (or a scanned directory none of whose files parsed): read from disk, as the whole-scan host does.
    if (this.reportedDirectories.has(dir)) return readModuleDirectory(dir);
    this.reportedDirectories.add(dir);
    return readModuleDirectory(dir, this.problems);
  }
}

function parseScannedDirectory({ files, context }: ScannedDirectory): { directory: ParsedDirectory; bytes: number } {
  const named: TemplateDocument[] = [];
  const around: TemplateDocument[] = [];
  const errors: FileError[] = [];
  const tfvars: string[] = [];
  let ignored = 0;
  let bytes = 0;
  const contextSet = new Set(context);
  for (const path of [...files, ...context]) {
    const isContext = contextSet.has(path);
    if (isAutoLoadedTfvars(basename(path))) {
      tfvars.push(path);
      continue;
    }
    const read = readText(path);
    if (!read.ok) {
      errors.push({ path, message: read.reason });
      continue;
    }
    bytes += read.text.length;
    const outcome = parseFile(path, read.text);
    if (outcome.kind === 'template' && isTerraformConfiguration(outcome.document.format)) (isContext ? around : named).push(outcome.document);
    else if (outcome.kind === 'error') errors.push({ path, message: outcome.reason });
    else if (!isContext) ignored++;
  }
  named.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return { directory: { documents: [...named, ...around], errors, ignored, tfvars, named: named.length }, bytes };
}
