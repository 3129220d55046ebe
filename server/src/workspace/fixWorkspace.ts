import { assess, type AssessOptions } from '../assess/assess';
import { applyEdits } from '../edit/applyEdits';
import { selectFixes } from '../edit/fixSelection';
import type { TemplateDocument } from '../model/document';
import { parseFile } from '../parse';
import type { Finding } from '../rules/rule';
import { linkDocuments, scanPaths, type ScanResult } from './scan';

export interface FixOutcome {
  /** Files whose text changed: path → text before and after. */
  changed: Map<string, { before: string; after: string }>;
  /** Fixes applied, by rule id. */
  applied: Map<string, number>;
  /** Findings still open after the last pass (no fix, suppressed ones excluded). */
  remaining: Finding[];
  scan: ScanResult;
}

const MAX_PASSES = 12;

/**
 * Applies fixes to the files under `paths`, in memory: every pass assesses
 * the current texts, applies the fixes that do not interfere, and parses the
 * changed files again, until nothing is left to fix. Writing the results is
 * the caller's decision (`srm-lens fix` writes; `--dry-run` prints a diff).
 */
export async function fixPaths(paths: readonly string[], accept: (f: Finding) => boolean = () => true, options: AssessOptions = {}): Promise<FixOutcome> {
  const scan = await scanPaths(paths);
  const originals = new Map(scan.documents.map((d) => [d.uri, d.text]));
  const applied = new Map<string, number>();
  let documents: TemplateDocument[] = scan.documents;
  let findings: Finding[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const models = linkDocuments(documents, scan.tfvarsFor);
    findings = models.flatMap((m) => assess(m, options).resources.flatMap((r) => r.findings));
    const { selected } = selectFixes(findings, accept);
    if (selected.length === 0) break;
    const edits = new Map<string, typeof selected[number]['fix']['edits']>();
    for (const { finding, fix } of selected) {
      applied.set(finding.ruleId, (applied.get(finding.ruleId) ?? 0) + 1);
      for (const e of fix.edits) edits.set(e.uri, [...(edits.get(e.uri) ?? []), e]);
    }
    documents = documents.map((doc) => {
      const fileEdits = edits.get(doc.uri);
      if (!fileEdits) return doc;
      const outcome = parseFile(doc.uri, applyEdits(doc.text, fileEdits));
      // A fix that breaks the file would be a bug; keeping the previous text keeps the user's file intact.
      if (outcome.kind !== 'template' || outcome.document.errors.some((e) => e.severity === 'error' && !doc.errors.some((o) => o.message === e.message))) return doc;
      return outcome.document;
    });
  }
  const changed = new Map<string, { before: string; after: string }>();
  for (const doc of documents) {
    const before = originals.get(doc.uri) ?? '';
    if (before !== doc.text) changed.set(doc.uri, { before, after: doc.text });
  }
  return { changed, applied, remaining: findings.filter((f) => !f.suppressed && accept(f)), scan };
}
