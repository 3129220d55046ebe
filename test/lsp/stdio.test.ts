import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

/** The bundled server as another editor starts it: `node dist/server.js --stdio`. */
const server = join(repoRoot, 'dist', 'server.js');
let child: ChildProcess;
let client: ProtocolConnection;

before(async () => {
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` before the LSP tests`);
  child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  client = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
  await client.sendNotification(InitializedNotification.type, {});
});

after(() => {
  client.dispose();
  child.kill();
});

test('the bundled server over stdio publishes findings and answers hovers', async () => {
  const uri = 'file:///stdio/template.json';
  const text = JSON.stringify({ Resources: { Data: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Suspended' } } } } }, null, 2);
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => client.onNotification(PublishDiagnosticsNotification.type, (p) => p.uri === uri && resolve(p)));
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version: 1, text } });
  const published = await diagnostics;
  assert.ok(published.diagnostics.some((d) => d.code === 's3-bucket-versioning'));
  const hover = await client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
  assert.match(JSON.stringify(hover?.contents), /abstract/);
});
