import * as vscode from 'vscode';
import type { MatrixParams, MatrixResult } from '../../server/src/protocol/matrix';
import { toCsv, toHtml, toMarkdown } from './matrixExport';
import { makeNonce, matrixHtml } from './matrixHtml';

export const MATRIX_VIEW_TYPE = 'srmLens.matrix';

type RequestData = (params: MatrixParams) => Promise<MatrixResult | undefined>;

interface FromWebview {
  type: 'ready' | 'reveal' | 'export';
  uri?: string;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  format?: 'csv' | 'markdown' | 'html';
}

/**
 * The one matrix panel: created on demand, reused, restored after a reload.
 * The page is static; the data goes in with postMessage and the page sends
 * back only reveal and export requests.
 */
export class MatrixPanel {
  private static current: MatrixPanel | undefined;
  private data: MatrixResult | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static async show(extensionUri: vscode.Uri, params: MatrixParams, requestData: RequestData): Promise<void> {
    if (MatrixPanel.current) {
      MatrixPanel.current.params = params;
      MatrixPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      await MatrixPanel.current.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, 'Responsibility Matrix', vscode.ViewColumn.Beside, MatrixPanel.options(extensionUri));
    MatrixPanel.current = new MatrixPanel(panel, extensionUri, params, requestData);
  }

  /** Re-sends fresh data when documents change, so the open matrix stays live. */
  static async refreshIfOpen(): Promise<void> {
    await MatrixPanel.current?.refresh();
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'client', 'media')], retainContextWhenHidden: false };
  }

  constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private params: MatrixParams,
    private readonly requestData: RequestData,
  ) {
    MatrixPanel.current = this;
    const webview = panel.webview;
    webview.options = MatrixPanel.options(extensionUri);
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'media', name)).toString();
    webview.html = matrixHtml(webview.cspSource, media('matrix.js'), media('matrix.css'), makeNonce());
    webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m), undefined, this.disposables);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  private async onMessage(message: FromWebview): Promise<void> {
    if (message.type === 'ready') await this.refresh();
    else if (message.type === 'reveal' && typeof message.uri === 'string' && message.range) {
      const r = message.range;
      const selection = new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection, viewColumn: vscode.ViewColumn.One });
    } else if (message.type === 'export' && this.data && message.format) await this.export(message.format);
  }

  private async refresh(): Promise<void> {
    const data = await this.requestData(this.params);
    if (!data) return;
    this.data = data;
    const title = this.params.scope === 'document' && this.params.uri ? `Responsibility matrix — ${vscode.Uri.parse(this.params.uri).path.split('/').pop()}` : 'Responsibility matrix — workspace';
    this.panel.title = title.replace('Responsibility matrix', 'Matrix');
    await this.panel.webview.postMessage({ type: 'matrix', data, title, scope: this.params });
  }

  private async export(format: 'csv' | 'markdown' | 'html'): Promise<void> {
    const ext = format === 'markdown' ? 'md' : format;
    const target = await vscode.window.showSaveDialog({ filters: { [format.toUpperCase()]: [ext] }, defaultUri: vscode.Uri.file(`responsibility-matrix.${ext}`) });
    if (!target || !this.data) return;
    const text = format === 'csv' ? toCsv(this.data) : format === 'markdown' ? toMarkdown(this.data) : toHtml(this.data);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`SRM Lens: matrix exported to ${target.fsPath}`);
  }

  private dispose(): void {
    MatrixPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }

  /** Restores the panel after a window reload, with the scope the page remembered. */
  static serializer(extensionUri: vscode.Uri, requestData: RequestData): vscode.WebviewPanelSerializer {
    return {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const scope = (state as { scope?: MatrixParams } | undefined)?.scope ?? { scope: 'workspace' };
        new MatrixPanel(panel, extensionUri, scope, requestData);
      },
    };
  }
}
