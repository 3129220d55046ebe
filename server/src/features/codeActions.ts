import { CodeActionKind, type CodeAction, type CodeActionContext, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { REASON_PLACEHOLDER, suppressionEdit } from '../edit/suppressionEdit';
import { fixDocument } from '../edit/fixDocument';
import { effectWords, isSafeFix } from '../rules/fixEffects';
import { SUPPRESS_COMMAND, type SuppressArguments } from '../protocol/matrix';
import type { Fix } from '../rules/rule';
import { SOURCE, type DiagnosticData } from './diagnostics';
import { isGap } from './gaps';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.srm-lens`;

export interface CodeActionOptions {
  /** The client asks for the reason itself (an input box); without it, the edit writes the placeholder and a diagnostic asks for a reason. */
  askReason?: boolean;
}

/**
 * Quick fixes for the diagnostics in the request, looked up by the key the
 * diagnostic carries — never by its message. A diagnostic from another
 * document version gets no edit: its ranges no longer mean what they meant.
 * A fix that costs money or changes behaviour says so in its title; only
 * safe fixes ride along in the fix-all source action.
 */
export function codeActions(analysis: Analysis, uri: string, _range: Range, context: CodeActionContext, currentVersion: number | undefined, options: CodeActionOptions = {}): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const stale = analysis.versions.get(uri) !== currentVersion;
  if (wants(CodeActionKind.QuickFix) && !stale) {
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      if (!data || data.version !== currentVersion) continue;
      const finding = analysis.finding(data.key);
      if (!finding || !isGap(finding)) continue;
      const effect = effectWords(finding.ruleId);
      for (const fix of finding.fixes) {
        actions.push({ title: effect ? `${fix.title} (${effect})` : fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true && !effect, edit: workspaceEdit(fix.edits) });
      }
      const suppress = suppressionEdit(analysis, finding);
      if (suppress) {
        const title = `Suppress ${finding.ruleId} with a reason…`;
        if (options.askReason) {
          const format = analysis.document(suppress.uri)?.format;
          const args: SuppressArguments = { uri, version: currentVersion, ruleId: finding.ruleId, edit: suppress, placeholder: REASON_PLACEHOLDER, syntax: format === 'cloudformation-json' ? 'json' : 'comment' };
          actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: SUPPRESS_COMMAND, arguments: [args] } });
        } else {
          actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit([suppress]) });
        }
      }
    }
  }
  // Source actions are offered only when asked for (on save, or from the Source Action menu).
  const fixAllRequested = context.only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`)) ?? false;
  if (fixAllRequested && !stale) {
    const edit = fixDocument(analysis.model, uri, analysis.options, (f) => isSafeFix(f.ruleId));
    if (edit) actions.push({ title: 'Fix all safe SRM Lens findings (no cost, no behaviour change)', kind: FIX_ALL_KIND, edit: workspaceEdit([edit]) });
  }
  return actions;
}

function workspaceEdit(edits: Fix['edits']): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}
