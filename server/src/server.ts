import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { projectConfigForFolders } from './config/serverConfig';
import { FIX_ALL_KIND } from './features/codeActions';
import { LanguageService } from './languageService';
import { LspFrameFilter } from './lspFrames';
import { initTerraformParser } from './parse';
import { MATRIX_REQUEST, RESOURCE_DETAIL_REQUEST, type MatrixParams, type ResourceDetailParams } from './protocol/matrix';
import { normalizeSettings } from './settings';
import { collectFiles } from './workspace/collectFiles';
import { boundedHost } from './workspace/boundedHost';
import { diskHost, directoryOf, type WorkspaceHost } from './workspace/workspaceHost';

/**
 * The LSP entry: capabilities and one flat list of handlers, each a few
 * lines over the language service. Works over IPC (the VS Code client) and
 * `--stdio` (any editor).
 */
export function startServer(connection: Connection, host: WorkspaceHost = diskHost): void {
  const documents = new TextDocuments(TextDocument);
  const roots = () => (folders.length ? folders : documents.keys().map((u) => directoryOf(u)));
  const service = new LanguageService(boundedHost(host, roots));
  // Tree-sitter (two WebAssembly modules) is loaded when a Terraform file first needs it, not at start-up:
  // a CloudFormation template's first diagnostics do not wait for it.
  const ready = (uri?: string): Promise<void> => (uri === undefined || needsTerraformParser(uri) ? initTerraformParser() : Promise.resolve());
  const timers = new Map<string, NodeJS.Timeout>();
  let folders: string[] = [];
  let pullConfiguration = false;
  let folderEvents = false;

  const publish = (uri: string) => {
    for (const u of service.unitDocuments(uri)) {
      if (!service.isOpen(u)) continue;
      connection.sendDiagnostics({ uri: u, version: service.version(u), diagnostics: service.diagnostics(u) });
    }
  };
  // A new edit restarts the wait, so analysis runs once for a burst of keystrokes, on the latest text only.
  const schedule = (uri: string) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => ready(uri).then(() => publish(uri)), service.getSettings().debounceMs));
  };
  const republishAll = () => Promise.all(documents.all().map((d) => ready(d.uri).then(() => publish(d.uri))));
  // The repository's .srm-lens.yaml, from the workspace folder up; a broken file is reported and ignored, never half-applied.
  const loadProjectConfig = () => {
    const { config, problem } = projectConfigForFolders(folders);
    if (problem) void connection.window.showWarningMessage(`SRM Lens: ${problem}`);
    service.setProjectConfig(config);
  };
  const loadSettings = async () => {
    if (pullConfiguration) service.setSettings(normalizeSettings(await connection.workspace.getConfiguration('srmLens')));
    await republishAll();
  };

  connection.onInitialize((params): InitializeResult => {
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    service.setSettings(normalizeSettings(params.initializationOptions?.settings));
    service.askReason = params.initializationOptions?.askReason === true;
    loadProjectConfig();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'srm-lens' },
    };
  });
  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'srmLens' });
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.srm-lens.{yaml,yml,json}' }] }).catch(() => undefined);
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = [...folders.filter((f) => !e.removed.some((r) => r.uri === f)), ...e.added.map((a) => a.uri)];
        loadProjectConfig();
        void republishAll();
      });
    }
    void loadSettings();
  });
  connection.onDidChangeConfiguration(() => void loadSettings());
  documents.onDidOpen(({ document }) => {
    service.openDocument(document.uri, document.version, document.getText());
    void ready(document.uri).then(() => publish(document.uri));
  });
  documents.onDidChangeContent(({ document }) => {
    service.updateDocument(document.uri, document.version, document.getText());
    schedule(document.uri);
  });
  documents.onDidClose(({ document }) => {
    service.closeDocument(document.uri);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    for (const sibling of service.unitDocuments(document.uri)) schedule(sibling);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) service.fileChanged(c.uri);
    if (changes.some((c) => /\/\.srm-lens\.(ya?ml|json)$/.test(c.uri))) loadProjectConfig();
    void republishAll();
  });
  // Each request is checked for the document it names and answered in words when it cannot be served.
  const onDocument =
    <P extends { textDocument: { uri: string } }, R>(answer: (p: P) => R) =>
    async (p: P): Promise<R | ResponseError<void>> => {
      if (typeof p?.textDocument?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'SRM Lens: the request names no document (textDocument.uri).');
      return guarded(() => answer(p), p.textDocument.uri);
    };
  const guarded = async <R>(answer: () => R | Promise<R>, uri?: string): Promise<R | ResponseError<void>> => {
    await ready(uri);
    try {
      return await answer();
    } catch (error) {
      console.error('SRM Lens: a request failed:', error);
      return new ResponseError(ErrorCodes.InternalError, 'SRM Lens could not answer this request (an internal error, written to its log).');
    }
  };
  // Hovers and lenses answer from the last analysis at once, never behind a re-analysis of the text being typed.
  connection.onHover(onDocument((p) => service.hover(p.textDocument.uri, p.position, 'last')));
  connection.onCodeAction(onDocument((p) => service.codeActions(p.textDocument.uri, p.range, p.context)));
  connection.onCodeLens(onDocument((p) => service.codeLenses(p.textDocument.uri, 'last')));
  connection.onDocumentSymbol(onDocument((p) => service.symbols(p.textDocument.uri)));
  connection.onRequest(RESOURCE_DETAIL_REQUEST, (p: ResourceDetailParams) =>
    p && typeof p === 'object' && typeof p.uri === 'string' && typeof p.resourceId === 'string'
      ? guarded(() => service.resourceDetail(p) ?? null)
      : new ResponseError(ErrorCodes.InvalidParams, 'SRM Lens: the resource detail request needs a uri and a resourceId.'),
  );
  connection.onRequest(MATRIX_REQUEST, (p: MatrixParams) =>
    p && typeof p === 'object' && ['document', 'folder', 'workspace'].includes(p.scope)
      ? guarded(() => service.matrixInSlices(p, () => workspaceUris(folders, documents.keys())), p.scope === 'document' ? p.uri : undefined)
      : new ResponseError(ErrorCodes.InvalidParams, 'SRM Lens: the matrix request needs a scope (document, folder or workspace).'),
  );

  documents.listen(connection);
  connection.listen();
}

/** Terraform configuration (and its variables) is parsed by tree-sitter, with its module's other files. */
function needsTerraformParser(uri: string): boolean {
  return /\.(tf|tfvars)(\.json)?$/i.test(uri);
}

/** Every candidate file in the workspace folders (on disk), plus open documents of any scheme. */
function workspaceUris(folders: string[], open: string[]): string[] {
  const paths = folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  const onDisk = collectFiles(paths).files.map((p) => URI.file(p).toString());
  return [...new Set([...open, ...onDisk])];
}

/** `--stdio` reads through a filter that survives malformed input; IPC (the VS Code client) frames messages itself. */
function connectionFromArguments(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout);
  const filter = new LspFrameFilter(
    (message) => process.stderr.write(`SRM Lens: ${message}\n`),
    (reply) => void writer.write(reply as Parameters<typeof writer.write>[0]),
  );
  return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin.pipe(filter)), writer);
}

if (require.main === module) startServer(connectionFromArguments());
