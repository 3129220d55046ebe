import type { AssessOptions } from '../assess/assess';
import type { LinkedModel } from '../link/linkedModel';
import type { TemplateDocument } from '../model/document';
import type { Finding, TextEdit } from '../rules/rule';
import { applyFixesInPasses } from './fixPasses';
import { layoutOf } from './sourceLayout';

/**
 * Every fix of one document (those whose edits stay in it) that `accept`
 * takes, returned as one minimal edit: the changed middle of the document,
 * so the editor's undo and cursor stay sensible.
 */
export function fixDocument(model: LinkedModel, uri: string, options: AssessOptions, accept: (f: Finding) => boolean = () => true): TextEdit | undefined {
  const original = model.documents.find((d) => d.uri === uri);
  if (!original) return undefined;
  const { documents } = applyFixesInPasses(
    model.documents,
    (docs) => [model.withDocuments(docs)],
    options,
    (f) => f.uri === uri && accept(f) && f.fixes.some((x) => x.edits.every((e) => e.uri === uri)),
  );
  const fixed = documents.find((d) => d.uri === uri);
  return fixed && fixed !== original ? minimalEdit(original, fixed.text) : undefined;
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
  return { uri: doc.uri, range: layoutOf(doc).lines.rangeOf(start, endBefore), newText: after.slice(start, endAfter) };
}
