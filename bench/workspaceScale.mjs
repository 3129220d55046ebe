// A generated workspace of 5,000 files (templates, Terraform modules,
// unrelated files, a symbolic link loop, a link to a device, unreadable
// files) opened in the real server: time and heap for the workspace matrix,
// and how long a hover waits while it is computed. Run with
// `npm run bench:workspace` (WORKSPACE_FILES changes the count).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startServer } = require(join(root, 'out/server/src/server.js'));
const { MATRIX_REQUEST } = require(join(root, 'out/server/src/protocol/matrix.js'));
const { createConnection } = require('vscode-languageserver/node');
const protocol = require('vscode-languageserver-protocol/node');

const FILES = Number(process.env.WORKSPACE_FILES ?? 5000);
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const heap = () => (global.gc?.(), process.memoryUsage().heapUsed);

const dir = mkdtempSync(join(tmpdir(), 'srm-lens-workspace-'));
let made = 0;
for (let m = 0; made < FILES; m++) {
  const folder = join(dir, `service${m}`);
  mkdirSync(join(folder, 'infra'), { recursive: true });
  writeFileSync(join(folder, 'template.yaml'), `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: data-${m}\n  Queue:\n    Type: AWS::SQS::Queue\n`);
  writeFileSync(join(folder, 'infra', 'main.tf'), `resource "aws_s3_bucket" "logs" {\n  bucket = "logs-${m}"\n}\n`);
  writeFileSync(join(folder, 'infra', 'versioning.tf'), `resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`);
  writeFileSync(join(folder, 'package.json'), '{ "name": "x" }\n');
  writeFileSync(join(folder, 'deployment.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
  writeFileSync(join(folder, 'README.md'), '# service\n');
  writeFileSync(join(folder, 'secret.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
  chmodSync(join(folder, 'secret.yaml'), 0);
  made += 7;
}
symlinkSync(dir, join(dir, 'service0', 'loop'));
symlinkSync('/dev/zero', join(dir, 'service0', 'zero.yaml'));

const toServer = new PassThrough();
const toClient = new PassThrough();
startServer(createConnection(new protocol.StreamMessageReader(toServer), new protocol.StreamMessageWriter(toClient)));
const client = protocol.createProtocolConnection(new protocol.StreamMessageReader(toClient), new protocol.StreamMessageWriter(toServer));
client.listen();
const folderUri = pathToFileURL(dir).toString();
await client.sendRequest(protocol.InitializeRequest.type, { processId: null, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'w' }], capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
await client.sendNotification(protocol.InitializedNotification.type, {});
const open = pathToFileURL(join(dir, 'service1', 'template.yaml')).toString();
await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri: open, languageId: 'yaml', version: 1, text: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Data:\n    Type: AWS::S3::Bucket\n` } });
await client.sendRequest(protocol.HoverRequest.type, { textDocument: { uri: open }, position: { line: 2, character: 3 } });

const before = heap();
const t = performance.now();
const matrix = client.sendRequest(MATRIX_REQUEST, { scope: 'workspace' });
const h = performance.now();
await client.sendRequest(protocol.HoverRequest.type, { textDocument: { uri: open }, position: { line: 2, character: 3 } });
const hoverWait = performance.now() - h;
const result = await matrix;
const elapsed = performance.now() - t;
const after = heap();
client.dispose();
rmSync(dir, { recursive: true, force: true });

console.log(`Workspace of ${made.toLocaleString('en')} generated files (a link loop, a link to /dev/zero, ${Math.ceil(made / 7)} templates with mode 000, which only a non-root user cannot read): workspace matrix of ${result.rows.length.toLocaleString('en')} resources in ${(elapsed / 1000).toFixed(2)} s; a hover sent meanwhile waited ${hoverWait.toFixed(0)} ms; heap ${mb(before)} before, ${mb(after)} after (budget 150 MB).`);
