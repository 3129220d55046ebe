import { assess, type AssessOptions } from '../assess/assess';
import { LinkedModel } from '../link/linkedModel';
import type { TemplateDocument } from '../model/document';
import { parseFile } from '../parse';
import type { TextEdit } from '../rules/rule';
import { applyEdits } from './applyEdits';
import { selectFixes } from './fixSelection';
import { layoutOf } from './sourceLayout';

const MAX_PASSES = 12;

/**
 * Every fix of one document, applied pass after pass in memory (a fix can
 * only be computed against the text as the previous one left it), returned
 * as one minimal edit: the changed middle of the document, so the editor's
 * undo and cursor stay sensible.
 */
export function fixDocument(model: LinkedModel, uri: string, options: AssessOptions): TextEdit | undefined {
  let documents = model.documents;
  const original = documents.find((d) => d.uri === uri);
  if (!original) return undefined;
  let current: TemplateDocument = original;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const linked = new LinkedModel(documents, model.tfvars);
    const findings = assess(linked, options).resources.flatMap((r) => r.findings).filter((f) => f.uri === uri && f.fixes.some((x) => x.edits.every((e) => e.uri === uri)));
    const { selected } = selectFixes(findings);
    if (selected.length === 0) break;
    const outcome = parseFile(uri, applyEdits(current.text, selected.flatMap((s) => s.fix.edits)), uri.slice(uri.lastIndexOf('/') + 1));
    if (outcome.kind !== 'template' || outcome.document.errors.length > current.errors.length) break;
    current = outcome.document;
    documents = documents.map((d) => (d.uri === uri ? current : d));
  }
  if (current === original) return undefined;
  return minimalEdit(original, current.text);
}

function minimalEdit(doc: TemplateDocument, after: string): TextEdit {
  const before = doc.text;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const lines = layoutOf(doc).lines;
  return { uri: doc.uri, range: lines.rangeOf(start, endBefore), newText: after.slice(start, endAfter) };
}
