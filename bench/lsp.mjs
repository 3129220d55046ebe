// Editor-path benchmarks: hover from the cache, edit → publishDiagnostics over
// the real server (no debounce), and the whole corpus opened at once.
// Prints markdown; bench/run.mjs includes it in docs/performance.md.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (p) => require(join(root, 'out/server/src', p));
const { LanguageService } = out('languageService.js');
const { startServer } = out('server.js');
const { initTerraformParser } = out('parse/index.js');
const { diskHost } = out('workspace/workspaceHost.js');
const { createConnection } = require('vscode-languageserver/node');
const protocol = require('vscode-languageserver-protocol/node');

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (v) => `${v.toFixed(2)} ms`;

function yamlTemplate(lines) {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env: { Type: String, Default: dev }', 'Resources:'];
  for (let i = 0; parts.length < lines; i++) {
    parts.push(
      `  Bucket${i}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      `      BucketName: !Sub "data-${i}-\${Env}"`,
      '      VersioningConfiguration:',
      `        Status: ${i % 2 ? 'Enabled' : 'Suspended'}`,
      '      PublicAccessBlockConfiguration:',
      '        BlockPublicAcls: true',
      `  Queue${i}:`,
      '    Type: AWS::SQS::Queue',
    );
  }
  return parts.join('\n') + '\n';
}

function terraformFile(lines) {
  const parts = ['variable "env" {', '  default = "dev"', '}', ''];
  for (let i = 0; parts.length < lines; i++) {
    parts.push(
      `resource "aws_s3_bucket" "b${i}" {`,
      `  bucket = "data-${i}-\${var.env}"`,
      '}',
      '',
      `resource "aws_s3_bucket_versioning" "b${i}" {`,
      `  bucket = aws_s3_bucket.b${i}.id`,
      '  versioning_configuration {',
      `    status = "${i % 2 ? 'Enabled' : 'Suspended'}"`,
      '  }',
      '}',
      '',
    );
  }
  return parts.join('\n') + '\n';
}

const lines = [];
const log = (s = '') => {
  lines.push(s);
  console.log(s);
};

await initTerraformParser();

// --- hover on a 10,000-line template, served from the cache -------------------------
{
  const text = yamlTemplate(10_000);
  const uri = 'file:///bench/big.yaml';
  const service = new LanguageService({ readFile: () => undefined, listDirectory: () => [] });
  service.openDocument(uri, 1, text);
  const t0 = performance.now();
  service.diagnostics(uri);
  const first = performance.now() - t0;
  const resourceLines = text.split('\n').map((l, i) => (/^  \w+:$/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let i = 0; i < 200; i++) service.hover(uri, { line: resourceLines[i % resourceLines.length], character: 4 });
  const samples = [];
  for (let i = 0; i < 2000; i++) {
    const line = resourceLines[(i * 7919) % resourceLines.length];
    const t = performance.now();
    service.hover(uri, { line, character: 4 });
    samples.push(performance.now() - t);
  }
  log('## Editor');
  log();
  log(`Hover on a ${text.split('\n').length.toLocaleString('en')}-line CloudFormation template (${resourceLines.length} resources), 2,000 hovers after the first analysis (${ms(first)}): p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))} (budget p99 < 5 ms).`);
  log();
}

// --- edit → publishDiagnostics over the real server ---------------------------------
async function editLatency(name, languageId, text, edit) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new protocol.StreamMessageReader(toServer), new protocol.StreamMessageWriter(toClient)), { readFile: () => undefined, listDirectory: () => [] });
  const client = protocol.createProtocolConnection(new protocol.StreamMessageReader(toClient), new protocol.StreamMessageWriter(toServer));
  const waiting = new Map();
  client.onNotification(protocol.PublishDiagnosticsNotification.type, (p) => waiting.get(p.version)?.(p));
  client.listen();
  await client.sendRequest(protocol.InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
  await client.sendNotification(protocol.InitializedNotification.type, {});
  const uri = `file:///bench/${name}`;
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  let p = published(1);
  await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  await p;
  const samples = [];
  let current = text;
  for (let v = 2; v < 32; v++) {
    current = edit(current, v);
    p = published(v);
    const t = performance.now();
    await client.sendNotification(protocol.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
    await p;
    samples.push(performance.now() - t);
  }
  client.dispose();
  return samples;
}

{
  const yaml = yamlTemplate(5_000);
  const ySamples = await editLatency('edit.yaml', 'yaml', yaml, (t, v) => t.replace(/BucketName: !Sub "data-0-[^"]*"/, `BucketName: !Sub "data-0-${v}"`));
  const tf = terraformFile(2_000);
  const tSamples = await editLatency('edit.tf', 'terraform', tf, (t, v) => t.replace(/bucket = "data-0-[^"]*"/, `bucket = "data-0-${v}"`));
  log('Edit → fresh `publishDiagnostics` over LSP (debounce 0, full-text change, 30 edits):');
  log();
  log('| file | p50 | p99 | budget |');
  log('| --- | --- | --- | --- |');
  log(`| ${yaml.split('\n').length.toLocaleString('en')}-line CloudFormation YAML | ${ms(percentile(ySamples, 50))} | ${ms(percentile(ySamples, 99))} | < 50 ms |`);
  log(`| ${tf.split('\n').length.toLocaleString('en')}-line Terraform | ${ms(percentile(tSamples, 50))} | ${ms(percentile(tSamples, 99))} | < 50 ms |`);
  log();
}

// --- the corpus, opened at once --------------------------------------------------------
const corpus = join(root, '..', 'shared', 'corpus');
if (existsSync(corpus)) {
  const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  const files = walk(corpus).filter((p) => /\.(ya?ml|json|template|tf)$/.test(p));
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const service = new LanguageService(diskHost);
  const t = performance.now();
  let diagnostics = 0;
  for (const f of files) {
    const uri = pathToFileURL(f).toString();
    service.openDocument(uri, 1, readFileSync(f, 'utf8'));
  }
  for (const f of files) diagnostics += service.diagnostics(pathToFileURL(f).toString()).length;
  const elapsed = performance.now() - t;
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  log(`Whole corpus opened in the language service (${files.length} files, ${diagnostics} diagnostics): ${(elapsed / 1000).toFixed(2)} s; heap ${(heap / 2 ** 20).toFixed(0)} MB (${((heap - before) / 2 ** 20).toFixed(0)} MB for the documents and analyses; budget < 150 MB).`);
} else {
  log(`Corpus not opened: ${corpus} is absent.`);
}

export const markdown = lines.join('\n');
