import { CodeActionKind, type CodeAction, type CodeActionContext, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { suppressionEdit } from '../edit/suppressionEdit';
import { fixDocument } from '../edit/fixDocument';
import type { Fix } from '../rules/rule';
import { SOURCE, type DiagnosticData } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.srm-lens`;

/**
 * Quick fixes for the diagnostics in the request, looked up by the key the
 * diagnostic carries — never by its message. A diagnostic from another
 * document version gets no edit: its ranges no longer mean what they meant.
 */
export function codeActions(analysis: Analysis, uri: string, _range: Range, context: CodeActionContext, currentVersion: number | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const stale = analysis.versions.get(uri) !== currentVersion;
  if (wants(CodeActionKind.QuickFix) && !stale) {
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      if (!data || data.version !== currentVersion) continue;
      const finding = analysis.finding(data.key);
      if (!finding) continue;
      for (const fix of finding.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit: workspaceEdit(fix.edits) });
      }
      const suppress = suppressionEdit(analysis, finding);
      if (suppress) {
        actions.push({ title: `Suppress ${finding.ruleId} with a reason`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit([suppress]) });
      }
    }
  }
  // Source actions are offered only when asked for (on save, or from the Source Action menu).
  const fixAllRequested = context.only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`)) ?? false;
  if (fixAllRequested && !stale) {
    const edit = fixDocument(analysis.model, uri, analysis.options);
    if (edit) actions.push({ title: 'Fix all SRM Lens findings', kind: FIX_ALL_KIND, edit: workspaceEdit([edit]) });
  }
  return actions;
}

function workspaceEdit(edits: Fix['edits']): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

