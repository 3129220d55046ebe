import { assess, type AssessOptions } from '../assess/assess';
import type { LinkedModel } from '../link/linkedModel';
import type { TemplateDocument } from '../model/document';
import { parseFile } from '../parse';
import type { Finding, TextEdit } from '../rules/rule';
import { applyEdits } from './applyEdits';
import { selectFixes } from './fixSelection';

const MAX_PASSES = 12;

export interface FixPassesResult {
  documents: TemplateDocument[];
  /** Fixes applied, by rule id. */
  applied: Map<string, number>;
  /** Findings of the last pass that `accept` took (no fix was left for them). */
  remaining: Finding[];
}

/**
 * Applies fixes in passes, in memory: a fix is computed against the text the
 * previous one left, so each pass assesses again, applies the fixes that do
 * not interfere, and parses the changed files. A fix that would break a file
 * is dropped and the file keeps its previous text. Used by `srm-lens fix` and
 * the editor's fix-all.
 */
export function applyFixesInPasses(
  documents: TemplateDocument[],
  link: (docs: TemplateDocument[]) => LinkedModel[],
  options: AssessOptions,
  accept: (f: Finding) => boolean,
): FixPassesResult {
  const applied = new Map<string, number>();
  let current = documents;
  let findings: Finding[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    findings = link(current).flatMap((m) => assess(m, options).resources.flatMap((r) => r.findings));
    const { selected } = selectFixes(findings, accept);
    if (selected.length === 0) break;
    const edits = new Map<string, TextEdit[]>();
    for (const { finding, fix } of selected) {
      applied.set(finding.ruleId, (applied.get(finding.ruleId) ?? 0) + 1);
      for (const e of fix.edits) edits.set(e.uri, [...(edits.get(e.uri) ?? []), e]);
    }
    current = current.map((doc) => {
      const fileEdits = edits.get(doc.uri);
      if (!fileEdits) return doc;
      const outcome = parseFile(doc.uri, applyEdits(doc.text, fileEdits), doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
      const broken = outcome.kind !== 'template' || outcome.document.errors.some((e) => e.severity === 'error' && !doc.errors.some((o) => o.message === e.message));
      return broken || outcome.kind !== 'template' ? doc : outcome.document;
    });
  }
  return { documents: current, applied, remaining: findings.filter((f) => !f.suppressed && accept(f)) };
}
