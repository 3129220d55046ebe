import * as vscode from 'vscode';
import type { MatrixParams, MatrixResult } from '../../server/src/protocol/matrix';
import { toCsv, toHtml, toMarkdown } from './matrixExport';
import { makeNonce, matrixHtml } from './matrixHtml';

/** The pure page builder lives in matrixHtml.ts (no vscode import, unit-tested); re-exported for convenience. */
export { makeNonce, matrixHtml };

/** The webview panel view type: `onWebviewPanel:srmLens.matrix` and `registerWebviewPanelSerializer` use it. */
export const MATRIX_VIEW_TYPE = 'srmLens.matrix';

/** Asks the language server for the matrix of a scope (the extension passes its request function). */
export type RequestData = (params: MatrixParams) => Promise<MatrixResult | undefined>;

type ExportFormat = 'csv' | 'markdown' | 'html';
interface Position {
  line: number;
  character: number;
}
interface RangeLike {
  start: Position;
  end: Position;
}
type FromWebview = { type: 'ready' } | { type: 'reveal'; uri: string; range: RangeLike } | { type: 'export'; format: ExportFormat };

const isPosition = (p: unknown): p is Position => {
  const o = p as Position | null;
  return !!o && typeof o === 'object' && Number.isInteger(o.line) && Number.isInteger(o.character) && o.line >= 0 && o.character >= 0;
};

/** The page is ours, but it renders template text: everything it sends back is checked before use. */
export function parseWebviewMessage(message: unknown): FromWebview | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'export' && (m.format === 'csv' || m.format === 'markdown' || m.format === 'html')) return { type: 'export', format: m.format };
  if (m.type === 'reveal' && typeof m.uri === 'string' && m.range && typeof m.range === 'object') {
    const r = m.range as Record<string, unknown>;
    if (isPosition(r.start) && isPosition(r.end)) return { type: 'reveal', uri: m.uri, range: { start: r.start, end: r.end } };
  }
  return undefined;
}

/** The scope a restored panel asks for again; anything unreadable means the workspace. */
export function scopeFromState(state: unknown): MatrixParams {
  const scope = (state as { scope?: Partial<MatrixParams> } | undefined)?.scope;
  if (scope && (scope.scope === 'document' || scope.scope === 'folder') && typeof scope.uri === 'string') return { scope: scope.scope, uri: scope.uri };
  return { scope: 'workspace' };
}

/** Workspace folder URIs: the page and the exports show paths relative to them. */
function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
}

function titleFor(params: MatrixParams | undefined): string {
  if (params && params.scope !== 'workspace' && params.uri) {
    const last = params.uri.replace(/\/+$/, '').split('/').pop() || params.uri;
    let name = last;
    try {
      name = decodeURIComponent(last);
    } catch {
      // not percent-encoded text: show it as it is
    }
    return `Responsibility matrix — ${name}`;
  }
  return 'Responsibility matrix — workspace';
}

/**
 * The one matrix panel: created on demand, reused, restored after a reload.
 * The page is static (strict CSP, fresh nonce, bundled files only); the data
 * goes in with postMessage, and the page sends back only `ready`, `reveal` and
 * `export` requests.
 */
export class MatrixPanel {
  private static current: MatrixPanel | undefined;
  private data: MatrixResult | undefined;
  private title: string;
  /** Data changed while the panel was hidden: ask again when the page comes back. */
  private stale = false;
  private sequence = 0;
  /** What the page shows now (JSON), so a refresh that changes nothing does not rebuild the page. */
  private shown: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** The open panel, if any (for tests and commands). */
  static get currentPanel(): MatrixPanel | undefined {
    return MatrixPanel.current;
  }

  static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'client', 'media')], retainContextWhenHidden: false };
  }

  /**
   * Shows `data` in the panel, creating it or revealing and updating the open one.
   * With `params` and `requestData`, the panel can also refresh itself (after a
   * reload of the page, or from `refreshIfOpen`).
   */
  static createOrShow(extensionUri: vscode.Uri, data: MatrixResult, title?: string, params?: MatrixParams, requestData?: RequestData): MatrixPanel {
    const existing = MatrixPanel.current;
    if (existing) {
      if (params) existing.params = params;
      if (requestData) existing.requestData = requestData;
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside);
      void existing.update(data, title);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, 'Responsibility Matrix', vscode.ViewColumn.Beside, MatrixPanel.options(extensionUri));
    const created = new MatrixPanel(panel, extensionUri, params, requestData, title);
    // The page asks with `ready` once loaded; until then the data waits here.
    created.data = data;
    created.panel.title = created.tabTitle();
    return created;
  }

  /**
   * Opens (or reuses) the panel for a scope and fetches its data. Pass `data`
   * when you already have it, to save a second request.
   */
  static async show(extensionUri: vscode.Uri, params: MatrixParams, requestData: RequestData, data?: MatrixResult): Promise<void> {
    if (data) {
      MatrixPanel.createOrShow(extensionUri, data, titleFor(params), params, requestData);
      return;
    }
    const existing = MatrixPanel.current;
    if (existing) {
      existing.params = params;
      existing.requestData = requestData;
      existing.title = titleFor(params);
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside);
      await existing.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, 'Responsibility Matrix', vscode.ViewColumn.Beside, MatrixPanel.options(extensionUri));
    new MatrixPanel(panel, extensionUri, params, requestData);
  }

  /** Re-requests the data when templates change, so the open matrix stays live (deferred while hidden). */
  static async refreshIfOpen(): Promise<void> {
    const panel = MatrixPanel.current;
    if (!panel) return;
    if (!panel.panel.visible) {
      panel.stale = true;
      return;
    }
    await panel.refresh();
  }

  /** A serializer that restores the panel after a window reload (register it for MATRIX_VIEW_TYPE). */
  static serializer(extensionUri: vscode.Uri, requestData: RequestData): vscode.WebviewPanelSerializer {
    return new MatrixPanelSerializer(extensionUri, requestData);
  }

  constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private params: MatrixParams | undefined,
    private requestData: RequestData | undefined,
    title?: string,
  ) {
    MatrixPanel.current?.panel.dispose();
    MatrixPanel.current = this;
    this.title = title ?? titleFor(params);
    const webview = panel.webview;
    webview.options = MatrixPanel.options(extensionUri);
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'media', name)).toString();
    // A fresh nonce for every page load.
    webview.html = matrixHtml(webview.cspSource, media('matrix.js'), media('matrix.css'), makeNonce());
    panel.title = this.tabTitle();
    webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), undefined, this.disposables);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
  }

  /** Replaces the data and sends it to the page. Returns false when the page could not take it (hidden: it asks again with `ready`). */
  async update(data: MatrixResult, title?: string): Promise<boolean> {
    this.sequence++;
    this.data = data;
    if (title) this.title = title;
    this.stale = false;
    return this.post();
  }

  private tabTitle(): string {
    return this.title.replace(/^Responsibility matrix/, 'Matrix');
  }

  private async post(force = true): Promise<boolean> {
    if (!this.data) return false;
    const message = { type: 'matrix', data: this.data, title: this.title, scope: this.params, roots: workspaceRoots() };
    const text = JSON.stringify(message);
    if (!force && text === this.shown) return true;
    this.panel.title = this.tabTitle();
    const delivered = await this.panel.webview.postMessage(message);
    this.shown = delivered ? text : undefined;
    return delivered;
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    try {
      if (message.type === 'ready') {
        // A (re)loaded page: cached data when it is current, else ask the server.
        if (this.data && !this.stale) await this.post();
        else await this.refresh(true);
      } else if (message.type === 'reveal') await this.reveal(message.uri, message.range);
      else if (message.type === 'export') await this.export(message.format);
    } catch (error) {
      void vscode.window.showErrorMessage(`SRM Lens: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Asks the server again; posts only when something changed, unless `force` (a freshly loaded page). */
  private async refresh(force = false): Promise<void> {
    if (!this.requestData || !this.params) {
      if (this.data) await this.post(force);
      return;
    }
    const ticket = ++this.sequence;
    const data = await this.requestData(this.params);
    // A newer request (or update) has won; and nothing to show means keep what is shown.
    if (!data || ticket !== this.sequence) return;
    this.data = data;
    this.stale = false;
    this.title = titleFor(this.params);
    await this.post(force);
  }

  /** Opens only documents the matrix itself names: the page cannot make the extension open anything else. */
  private knownUri(uri: string): boolean {
    const data = this.data;
    if (!data) return false;
    return data.rows.some((r) => r.uri === uri) || data.cells.some((row) => row.some((c) => c.evidence.some((e) => e.uri === uri)));
  }

  private async reveal(uri: string, range: RangeLike): Promise<void> {
    if (!this.knownUri(uri)) return;
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const target = vscode.Uri.parse(uri, true);
    const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
    await vscode.window.showTextDocument(target, { selection, viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  }

  private async export(format: ExportFormat): Promise<void> {
    const data = this.data;
    if (!data) return;
    const ext = format === 'markdown' ? 'md' : format;
    const label = format === 'markdown' ? 'Markdown' : format.toUpperCase();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Export the responsibility matrix as ${label}`,
      filters: { [label]: [ext] },
      defaultUri: folder ? vscode.Uri.joinPath(folder, `responsibility-matrix.${ext}`) : undefined,
    });
    if (!target) return;
    const roots = workspaceRoots();
    const text = format === 'csv' ? toCsv(data, roots) : format === 'markdown' ? toMarkdown(data, roots) : toHtml(data, this.title, roots);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`SRM Lens: matrix exported to ${target.scheme === 'file' ? target.fsPath : target.toString()}`);
  }

  private dispose(): void {
    if (MatrixPanel.current === this) MatrixPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * Restores the matrix panel after a window reload. The page's state (kept with
 * `setState`) carries the scope; the panel re-requests the data for it through
 * `requestData` when the restored page says `ready`.
 */
export class MatrixPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly requestData: RequestData,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    new MatrixPanel(panel, this.extensionUri, scopeFromState(state), this.requestData);
  }
}
