import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension under test, as package.json names it. */
export const EXTENSION_ID = 'srm-lens.srm-lens';
const SOURCE = 'srm-lens';

/** Upper bound for anything the tests wait for: a failure message, never a sleep. */
export const WAIT_MS = 60_000;

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opened no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

export async function open(relative: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The rule id a diagnostic carries (VS Code hands `code` back as `{ value, target }` when the rule has a link). */
export function ruleId(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function srmDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleIds(uri: vscode.Uri): string[] {
  return [...new Set(srmDiagnostics(uri).map(ruleId).filter((id): id is string => id !== undefined))].sort();
}

/**
 * Resolves with the document's SRM Lens diagnostics once `ready` holds,
 * checking now and on every `onDidChangeDiagnostics` for the document.
 * Rejects after `WAIT_MS` with what it waited for and what it last saw.
 */
export function waitForDiagnostics(uri: vscode.Uri, what: string, ready: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const now = srmDiagnostics(uri);
  if (ready(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`No diagnostics event within ${WAIT_MS} ms brought ${what} on ${vscode.workspace.asRelativePath(uri)}; last rule ids: [${ruleIds(uri).join(', ')}]`));
    }, WAIT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = srmDiagnostics(uri);
      if (!ready(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

export function hasRule(id: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((d) => ruleId(d) === id);
}

export function lacksRule(id: string): (diagnostics: vscode.Diagnostic[]) => boolean {
  return (diagnostics) => !diagnostics.some((d) => ruleId(d) === id);
}

/** The position of the first occurrence of `text` in the document (offset `within` characters into it). */
export function positionOf(doc: vscode.TextDocument, text: string, within = 1): vscode.Position {
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is not in ${vscode.workspace.asRelativePath(doc.uri)}`);
  return doc.positionAt(offset + within);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/**
 * The quick fixes offered on a diagnostic's range. VS Code's command hands
 * the actions back without their diagnostics, so callers tell them apart by
 * what they insert, never by their titles.
 */
export async function quickFixes(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/** What a suppression would write: its edit, or the edit it hands to the command that first asks for a reason. */
export function suppressionText(action: vscode.CodeAction): string {
  return `${insertedText(action.edit)}\n${JSON.stringify(action.command?.arguments ?? [])}`;
}

export function isSuppression(action: vscode.CodeAction): boolean {
  return suppressionText(action).includes('srm-lens:ignore');
}

/** Resolves once `ready` holds for the open tabs, checking now and on every tab change. */
export function waitForTabs(what: string, ready: (tabs: vscode.Tab[]) => boolean): Promise<vscode.Tab[]> {
  const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  if (ready(tabs())) return Promise.resolve(tabs());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`No tab change within ${WAIT_MS} ms brought ${what}; open tabs: ${tabs().map((t) => t.label).join(', ')}`));
    }, WAIT_MS);
    const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!ready(tabs())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(tabs());
    });
  });
}

/** Every text an edit inserts, to tell a fix from a suppression without reading titles. */
export function insertedText(edit: vscode.WorkspaceEdit | undefined): string {
  return (edit?.entries() ?? []).flatMap(([, edits]) => edits.map((e) => e.newText)).join('\n');
}

/** Figures the suites measure; the driver prints them and docs/performance.md records them. */
export const measurements: Record<string, number> = {};
