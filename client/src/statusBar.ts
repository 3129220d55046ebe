import * as vscode from 'vscode';
import { gapCode } from './gapCode';

/**
 * The gaps of the active file, in the status bar; a click opens the matrix.
 * Counts come from the diagnostics the server already published, so the
 * status bar never asks the server for anything. The server publishes one
 * diagnostic with a rule id per gap (an open finding, features/gaps.ts), the
 * same count the code lens and the hover give; parse problems have no code,
 * and a "give a reason" note is not a gap of its own.
 */
export class GapStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('srmLens.gaps', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly source: string) {
    this.item.name = 'SRM Lens gaps';
    this.item.command = 'srmLens.showMatrix';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refresh();
      }),
    );
    this.refresh();
  }

  refresh(): void {
    const editor = vscode.window.activeTextEditor;
    const ours = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === this.source) : [];
    if (!editor || (ours.length === 0 && !this.isTemplateLanguage(editor.document))) {
      this.item.hide();
      return;
    }
    const gaps = ours.filter((d) => gapCode(d.code) !== undefined).length;
    this.item.text = gaps ? `$(shield) ${gaps} gap${gaps === 1 ? '' : 's'}` : '$(shield) no gaps';
    this.item.tooltip = gaps ? `SRM Lens: ${gaps} customer-owned gap${gaps === 1 ? '' : 's'} in this file — open the responsibility matrix` : 'SRM Lens: open the responsibility matrix';
    this.item.show();
  }

  private isTemplateLanguage(doc: vscode.TextDocument): boolean {
    return doc.languageId === 'terraform' || /\.(tf|tf\.json)$/i.test(doc.uri.path);
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
