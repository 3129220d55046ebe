import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { MATRIX_REQUEST, type MatrixParams, type MatrixResult } from '../../server/src/protocol/matrix';
import { MATRIX_VIEW_TYPE, MatrixPanel } from './matrixPanel';
import { GapStatusBar } from './statusBar';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let matrixRefresh: NodeJS.Timeout | undefined;

/**
 * Activation: start the language server (IPC), register the commands, the
 * status bar and the matrix panel. Everything security-relevant happens in
 * the server; the client executes nothing from the workspace.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  output = vscode.window.createOutputChannel('SRM Lens');
  context.subscriptions.push(output);
  client = createClient(context);
  context.subscriptions.push(new GapStatusBar('srm-lens'));
  context.subscriptions.push(
    vscode.commands.registerCommand('srmLens.restartServer', () => restart(context)),
    vscode.commands.registerCommand('srmLens.showMatrix', (uri?: string, resourceId?: string) => showMatrix(context, { scope: 'document', uri: uri ?? vscode.window.activeTextEditor?.document.uri.toString() }, resourceId)),
    vscode.commands.registerCommand('srmLens.showWorkspaceMatrix', () => showMatrix(context, { scope: 'workspace' })),
    vscode.commands.registerCommand('srmLens.showOutput', () => output?.show()),
    vscode.window.registerWebviewPanelSerializer(MATRIX_VIEW_TYPE, MatrixPanel.serializer(context.extensionUri, requestMatrix)),
    // The server republishes diagnostics after every analysis: the open matrix follows, once per burst.
    vscode.languages.onDidChangeDiagnostics(() => {
      clearTimeout(matrixRefresh);
      matrixRefresh = setTimeout(() => void MatrixPanel.refreshIfOpen(), 400);
    }),
  );
  // The server starts in the background: activation returns without waiting for it.
  const activated = Date.now() - started;
  void startClient().then(() => output?.appendLine(`Activated in ${activated} ms; language server ready after ${Date.now() - started} ms.`));
  output.appendLine(`SRM Lens ${context.extension.packageJSON.version} activating (${activated} ms).`);
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Every YAML and JSON file goes to the server, which decides what is a template: Kubernetes manifests stay quiet.
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml' },
      { language: 'json' },
      { language: 'jsonc', pattern: '**/*.template' },
      { language: 'terraform' },
      { pattern: '**/*.tf' },
      { pattern: '**/*.tf.json' },
    ],
    synchronize: {
      configurationSection: 'srmLens',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{tf,tf.json,tfvars,tfvars.json}'),
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { settings: vscode.workspace.getConfiguration('srmLens') },
  };
  const created = new LanguageClient('srmLens', 'SRM Lens', serverOptions, clientOptions);
  context.subscriptions.push(created);
  return created;
}

async function startClient(): Promise<void> {
  try {
    await client?.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output?.appendLine(`SRM Lens language server failed to start: ${message}`);
    const choice = await vscode.window.showErrorMessage(`SRM Lens could not start its language server: ${message}`, 'Show Output', 'Restart');
    if (choice === 'Show Output') output?.show();
    if (choice === 'Restart') await client?.restart();
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (!client) client = createClient(context);
  output?.appendLine('Restarting the SRM Lens language server.');
  await client.restart();
}

async function requestMatrix(params: MatrixParams): Promise<MatrixResult | undefined> {
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage('SRM Lens: the language server is not running. Run "SRM Lens: Restart Server".');
    return undefined;
  }
  return client.sendRequest<MatrixResult>(MATRIX_REQUEST, params);
}

async function showMatrix(context: vscode.ExtensionContext, params: MatrixParams, focusResource?: string): Promise<void> {
  if (params.scope === 'document' && !params.uri) {
    void vscode.window.showInformationMessage('SRM Lens: open a CloudFormation template or Terraform file first.');
    return;
  }
  const data = await requestMatrix(params);
  if (!data) return;
  if (data.rows.length === 0) {
    void vscode.window.showInformationMessage(params.scope === 'document' ? 'SRM Lens: this file has no AWS resources to show.' : 'SRM Lens: no CloudFormation templates or Terraform files with AWS resources were found.');
    return;
  }
  output?.appendLine(`Matrix: ${data.rows.length} resources${focusResource ? ` (from the code lens of ${focusResource})` : ''}.`);
  await MatrixPanel.show(context.extensionUri, params, requestMatrix, data);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
