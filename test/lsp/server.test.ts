import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { applyEdits } from '../../server/src/edit/applyEdits';
import { MATRIX_REQUEST, type MatrixResult } from '../../server/src/protocol/matrix';
import { startServer } from '../../server/src/server';
import { repoRoot } from '../helpers';

interface Transport {
  name: string;
  /** Starts a server and returns the client side of its connection, and how to stop it. */
  connect(): { client: ProtocolConnection; stop: () => void };
}

const inProcess: Transport = {
  name: 'in process, over streams',
  connect() {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    return { client, stop: () => client.dispose() };
  },
};

const stdio: Transport = {
  name: 'the bundled server over stdio (node dist/server.js --stdio)',
  connect() {
    const server = join(repoRoot, 'dist', 'server.js');
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` before the LSP tests`);
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return { client, stop: () => (client.dispose(), child.kill()) };
  },
};

for (const transport of [inProcess, stdio]) describeServer(transport);

/**
 * The real server, as an editor talks to it, with no sleeping: each step
 * waits for the notification it needs.
 */
function describeServer(transport: Transport): void {
describe(`language server: ${transport.name}`, () => {
  let client: ProtocolConnection;
  let stop: () => void;
  let settings: Record<string, unknown> = { debounceMs: 0 };
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'srm-lens-lsp-'));
  const uri = (name: string) => URI.file(join(dir, name)).toString();

  /** Resolves with the first diagnostics for `u` (published already or later) that satisfy `match`. */
  function diagnosticsFor(u: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = [...published].reverse().find((p) => p.uri === u && match(p));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${u} within 10 s`)), 10_000);
      waiters.push({ match: (p) => p.uri === u && match(p), resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  function edit(text: string, edits: TextEdit[], u: string): string {
    return applyEdits(text, edits.map((e) => ({ uri: u, ...e })));
  }

  before(async () => {
    ({ client, stop } = transport.connect());
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      published.push(p);
      for (const w of [...waiters]) if (w.match(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    });
    client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
    client.onRequest(RegistrationRequest.type, () => undefined);
    client.listen();
    const init = await client.sendRequest(InitializeRequest.type, {
      // No processId: the server would otherwise poll it and keep this test process alive.
      processId: null,
      rootUri: URI.file(dir).toString(),
      workspaceFolders: [{ uri: URI.file(dir).toString(), name: 'w' }],
      capabilities: { workspace: { configuration: true } },
    });
    assert.equal(init.capabilities.hoverProvider, true);
    assert.ok(init.capabilities.codeActionProvider);
    await client.sendNotification(InitializedNotification.type, {});
  });

  after(() => stop());

  const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs\n';

  test('open → diagnostics; hover; quick fix applied → diagnostics update', async () => {
    const u = uri('template.yaml');
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'yaml', version: 1, text: TEMPLATE } });
    const first = await diagnosticsFor(u, (p) => p.version === 1);
    const versioning = first.diagnostics.find((d) => d.code === 's3-bucket-versioning') as Diagnostic;
    assert.ok(versioning, JSON.stringify(first.diagnostics.map((d) => d.code)));

    const hover = await client.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line: 2, character: 3 } });
    assert.match(JSON.stringify(hover?.contents), /Amazon S3/);

    const actions = await client.sendRequest(CodeActionRequest.type, { textDocument: { uri: u }, range: versioning.range, context: { diagnostics: [versioning] } });
    // Versioning bills stored versions: offered one by one, its cost in the title.
    const fix = actions?.find((a) => 'edit' in a && a.edit?.changes && a.title.endsWith('(costs: every overwritten version is stored)'));
    assert.ok(fix && 'edit' in fix && fix.edit?.changes, 'no versioning fix naming its cost');
    const text = edit(TEMPLATE, fix.edit!.changes![u], u);
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: 2 }, contentChanges: [{ text }] });
    const second = await diagnosticsFor(u, (p) => p.version === 2);
    assert.ok(!second.diagnostics.some((d) => d.code === 's3-bucket-versioning'));
  });

  test('fix-all (safe fixes only), code lenses, symbols and the matrix', async () => {
    const u = uri('all.yaml');
    const WITH_QUEUE = `${TEMPLATE}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      SqsManagedSseEnabled: false\n`;
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'yaml', version: 1, text: WITH_QUEUE } });
    await diagnosticsFor(u, (p) => p.version === 1);
    const actions = await client.sendRequest(CodeActionRequest.type, { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.srm-lens'] } });
    const fixAll = actions?.[0];
    assert.ok(fixAll && 'edit' in fixAll, 'no fix-all action');
    const text = edit(WITH_QUEUE, fixAll.edit!.changes![u], u);
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: u, version: 2 }, contentChanges: [{ text }] });
    const after = await diagnosticsFor(u, (p) => p.version === 2);
    const codes = after.diagnostics.map((d) => String(d.code));
    assert.ok(!codes.includes('sqs-queue-encrypted'), 'the safe fix was applied');
    assert.ok(codes.includes('s3-bucket-versioning') && codes.includes('s3-bucket-secure-transport'), 'fixes that cost or change behaviour stay one by one');

    const lenses = await client.sendRequest(CodeLensRequest.type, { textDocument: { uri: u } });
    assert.match(lenses?.[0].command?.title ?? '', /^Yours \d+ · Shared \d+ · AWS \d+ — \d+ gaps?$/);
    const symbols = await client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: u } });
    assert.ok(symbols?.some((s) => s.name === 'Logs'));
    const m = await client.sendRequest<MatrixResult>(MATRIX_REQUEST, { scope: 'document', uri: u });
    assert.equal(m.aspects.length, 18);
    assert.ok(m.rows.some((r) => r.resourceId === 'Logs' && r.model === 'abstract'));
  });

  test('a two-file Terraform module: a change in one file updates the other file\'s diagnostics', async () => {
    const mod = join(dir, 'mod');
    mkdirSync(mod);
    const main = URI.file(join(mod, 'main.tf')).toString();
    const ver = URI.file(join(mod, 'versioning.tf')).toString();
    const mainText = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
    const enabled = 'resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n';
    writeFileSync(join(mod, 'main.tf'), mainText);
    writeFileSync(join(mod, 'versioning.tf'), enabled);
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: main, languageId: 'terraform', version: 1, text: mainText } });
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: ver, languageId: 'terraform', version: 1, text: enabled } });
    const before = await diagnosticsFor(main, (p) => p.version === 1);
    assert.ok(!before.diagnostics.some((d) => d.code === 's3-bucket-versioning'));
    await client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: ver, version: 2 }, contentChanges: [{ text: enabled.replace('Enabled', 'Suspended') }] });
    const updated = await diagnosticsFor(main, (p) => p.diagnostics.some((d) => d.code === 's3-bucket-versioning'));
    const d = updated.diagnostics.find((x) => x.code === 's3-bucket-versioning')!;
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === ver), 'the finding points at the versioning resource');
  });

  test('changing settings re-publishes: a disabled rule disappears', async () => {
    const u = uri('settings.yaml');
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'yaml', version: 1, text: TEMPLATE } });
    await diagnosticsFor(u, (p) => p.diagnostics.some((d) => d.code === 's3-bucket-versioning'));
    settings = { debounceMs: 0, rules: { 's3-bucket-versioning': { enabled: false } } };
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await diagnosticsFor(u, (p) => !p.diagnostics.some((d) => d.code === 's3-bucket-versioning'));
  });

  test('the workspace’s .srm-lens.yaml applies, under the editor settings, and is reloaded when it changes', async () => {
    settings = { debounceMs: 0 };
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const u = uri('configured.yaml');
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId: 'yaml', version: 1, text: TEMPLATE } });
    await diagnosticsFor(u, (p) => p.diagnostics.some((d) => d.code === 's3-bucket-secure-transport' && d.severity === 2));
    const config = join(dir, '.srm-lens.yaml');
    writeFileSync(config, 'rules:\n  s3-bucket-secure-transport:\n    severity: error\n');
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(config).toString(), type: 1 }] });
    await diagnosticsFor(u, (p) => p.diagnostics.some((d) => d.code === 's3-bucket-secure-transport' && d.severity === 1));
    // The editor's own setting wins over the file.
    settings = { debounceMs: 0, rules: { 's3-bucket-secure-transport': { severity: 'info' } } };
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await diagnosticsFor(u, (p) => p.diagnostics.some((d) => d.code === 's3-bucket-secure-transport' && d.severity === 3));
    rmSync(config);
    settings = { debounceMs: 0 };
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: URI.file(config).toString(), type: 3 }] });
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await diagnosticsFor(u, (p) => p.diagnostics.some((d) => d.code === 's3-bucket-secure-transport' && d.severity === 2));
  });
});
}
