import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { readFile } from 'node:fs/promises';
import {
  HOVER_COMMANDS,
  MATRIX_REQUEST,
  RESOURCE_DETAIL_REQUEST,
  SUPPRESS_COMMAND,
  type MatrixParams,
  type MatrixResult,
  type ResourceDetailParams,
} from '../../server/src/protocol/matrix';
import { MATRIX_VIEW_TYPE, MatrixPanel } from './matrixPanel';
import { isRuleId, ruleCommandUri, ruleSection } from './ruleSection';
import { SCHEME, SrmLensDocuments } from './srmLensDocuments';
import { GapStatusBar } from './statusBar';
import { parseSuppressArguments, reasonProblem, withReason } from './suppressReason';

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
  const documents = new SrmLensDocuments();
  context.subscriptions.push(new GapStatusBar('srm-lens'), documents, vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents));
  context.subscriptions.push(
    vscode.commands.registerCommand('srmLens.showRule', (ruleId?: unknown) => showRule(context, documents, ruleId)),
    vscode.commands.registerCommand('srmLens.showResourceDetail', (uri?: unknown, resourceId?: unknown) => showResourceDetail(documents, uri, resourceId)),
    vscode.commands.registerCommand(SUPPRESS_COMMAND, (args?: unknown) => suppressWithReason(args)),
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
    // askReason: "Suppress with a reason" runs SUPPRESS_COMMAND, which asks for the reason, instead of writing a placeholder.
    initializationOptions: { settings: vscode.workspace.getConfiguration('srmLens'), askReason: true },
    // Hover Markdown is untrusted except for the server's own command links (rule documentation, full table).
    markdown: { isTrusted: { enabledCommands: [...HOVER_COMMANDS] }, supportHtml: false },
    middleware: {
      // Problems opens a rule id's link: the rendered section of that rule rather than the raw reference at line 1.
      handleDiagnostics(uri, diagnostics, next) {
        for (const d of diagnostics) {
          const code = d.code;
          if (typeof code === 'object' && code && typeof code.value === 'string' && isRuleId(code.value) && code.target.scheme === 'file') {
            d.code = { value: code.value, target: vscode.Uri.parse(ruleCommandUri(code.value)) };
          }
        }
        next(uri, diagnostics);
      },
    },
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

/** A rule's section of the shipped reference, rendered in the Markdown preview. */
async function showRule(context: vscode.ExtensionContext, documents: SrmLensDocuments, ruleId: unknown): Promise<void> {
  if (!isRuleId(ruleId)) return;
  const reference = await readFile(context.asAbsolutePath('docs/rules.md'), 'utf8').catch(() => undefined);
  const section = reference && ruleSection(reference, ruleId);
  if (!section) {
    void vscode.window.showWarningMessage(`SRM Lens: no documentation found for the rule ${ruleId}.`);
    return;
  }
  await documents.show(`rules/${ruleId}.md`, section);
}

/** The hover's "Full table": every aspect of one resource with its owner, status and whole note. */
async function showResourceDetail(documents: SrmLensDocuments, uri: unknown, resourceId: unknown): Promise<void> {
  if (typeof uri !== 'string' || typeof resourceId !== 'string' || !client?.isRunning()) return;
  const params: ResourceDetailParams = { uri, resourceId };
  const markdown = await client.sendRequest<string | null>(RESOURCE_DETAIL_REQUEST, params);
  if (!markdown) {
    void vscode.window.showInformationMessage(`SRM Lens: ${resourceId} is no longer in the file.`);
    return;
  }
  // The file name part is only a label; keep it to safe characters.
  await documents.show(`resources/${resourceId.replace(/[^\w.-]+/g, '_').slice(0, 80)}.md`, markdown);
}

/** "Suppress <rule> with a reason…": asks for the reason, refuses an empty one or the placeholder, then writes it. */
async function suppressWithReason(raw: unknown): Promise<void> {
  const args = parseSuppressArguments(raw);
  if (!args) return;
  const reason = await vscode.window.showInputBox({
    title: `Accept the risk of ${args.ruleId}`,
    prompt: 'Why is this risk accepted? The reason is written next to the suppression for reviewers.',
    placeHolder: args.placeholder,
    ignoreFocusOut: true,
    validateInput: (value) => reasonProblem(value, args.placeholder),
  });
  if (reason === undefined || reasonProblem(reason, args.placeholder)) return;
  const target = vscode.Uri.parse(args.edit.uri, true);
  const doc = await vscode.workspace.openTextDocument(target);
  if (args.version !== undefined && doc.version !== args.version) {
    void vscode.window.showWarningMessage('SRM Lens: the file changed since the quick fix was offered; try again.');
    return;
  }
  const r = args.edit.range;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(target, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), withReason(args, reason));
  await vscode.workspace.applyEdit(edit);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
