import * as vscode from 'vscode';

/**
 * Read-only Markdown documents SRM Lens shows in the Markdown preview: a
 * rule's section of the reference, a resource's full owner table. They live
 * under the `srm-lens:` scheme, so nothing is written to disk and nothing
 * can be edited.
 */
export const SCHEME = 'srm-lens';

export class SrmLensDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Puts `markdown` at `srm-lens:/<path>` and opens it rendered beside the editor. */
  async show(path: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${path}` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      // Without the built-in Markdown extension, the text itself is still readable.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
