import type { AssessOptions } from '../assess/assess';
import { applyFixesInPasses } from '../edit/fixPasses';
import type { Finding } from '../rules/rule';
import { DiskModuleHost } from './diskModules';
import { linkDocuments, scanPaths, type ScanResult } from './scan';

export interface FixOutcome {
  /** Files whose text changed: path → text before and after. */
  changed: Map<string, { before: string; after: string }>;
  /** Fixes applied, by rule id. */
  applied: Map<string, number>;
  /** Findings still open after the last pass (no fix; suppressed ones excluded). */
  remaining: Finding[];
  scan: ScanResult;
}

/**
 * Applies fixes to the files under `paths`, in memory. Writing the results
 * is the caller's decision (`srm-lens fix` writes; `--dry-run` prints a diff).
 */
export async function fixPaths(paths: readonly string[], accept: (f: Finding) => boolean = () => true, options: AssessOptions = {}): Promise<FixOutcome> {
  const scan = await scanPaths(paths);
  // Files read only for context (the rest of a named file's module) are linked, so a fix sees what they declare, but never edited.
  const named = new Set(scan.documents.map((d) => d.uri));
  const all = [...scan.documents, ...scan.context];
  const { documents, applied, remaining } = applyFixesInPasses(
    all,
    (docs) => linkDocuments(docs, scan.tfvarsFor, new DiskModuleHost(docs)),
    options,
    (f) => named.has(f.uri) && f.fixes.every((x) => x.edits.every((e) => named.has(e.uri))) && accept(f),
  );
  const changed = new Map<string, { before: string; after: string }>();
  documents.forEach((doc, i) => {
    const before = all[i].text;
    if (before !== doc.text) changed.set(doc.uri, { before, after: doc.text });
  });
  return { changed, applied, remaining, scan };
}
