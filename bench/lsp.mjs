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

/** The YAML template's resources as a JSON template of about `lines` lines (as `JSON.stringify` indents it). */
function jsonTemplate(lines) {
  const resources = {};
  for (let i = 0; ; i++) {
    resources[`Bucket${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: { 'Fn::Sub': `data-${i}-\${Env}` }, VersioningConfiguration: { Status: i % 2 ? 'Enabled' : 'Suspended' }, PublicAccessBlockConfiguration: { BlockPublicAcls: true } },
    };
    resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue' };
    // 17 lines a pair, 10 around them.
    if (17 * (i + 1) + 10 >= lines) break;
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Env: { Type: 'String', Default: 'dev' } }, Resources: resources }, null, 2) + '\n';
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
// The first edits after opening run code the JIT has not compiled yet (and pay the collection of the
// opening's garbage): they are measured on their own, then 100 edits after 10 unmeasured ones.
const WARM_UP_EDITS = 10;
const MEASURED_EDITS = 100;

async function editLatency(name, languageId, text, edit, siblings = []) {
  const { client, uri, published } = await openOverLsp(name, languageId, text, siblings, 0);
  let p;
  const samples = [];
  const cpu = [];
  let current = text;
  let first;
  for (let v = 2; v < 2 + WARM_UP_EDITS + MEASURED_EDITS; v++) {
    current = edit(current, v);
    p = published(v);
    const t = performance.now();
    const c = process.cpuUsage();
    await client.sendNotification(protocol.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
    await p;
    samples.push(performance.now() - t);
    // Client and server share this process, so its CPU time is the edit's cost without the time spent waiting for a core.
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (v === 2) first = { wall: samples[0], cpu: cpu[0] };
    if (v === 1 + WARM_UP_EDITS) {
      samples.length = 0;
      cpu.length = 0;
    }
  }
  client.dispose();
  samples.cpu = cpu;
  samples.first = first;
  return samples;
}

/** A server over in-memory streams with `name` open (and its `siblings`, other files of its module), after its first diagnostics. */
async function openOverLsp(name, languageId, text, siblings, debounceMs) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(new protocol.StreamMessageReader(toServer), new protocol.StreamMessageWriter(toClient)), { readFile: () => undefined, listDirectory: () => [] });
  const client = protocol.createProtocolConnection(new protocol.StreamMessageReader(toClient), new protocol.StreamMessageWriter(toServer));
  const waiting = new Map();
  client.onNotification(protocol.PublishDiagnosticsNotification.type, (p) => waiting.get(p.version)?.(p));
  client.listen();
  await client.sendRequest(protocol.InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs } } });
  await client.sendNotification(protocol.InitializedNotification.type, {});
  const uri = `file:///bench/${name}`;
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  for (const s of siblings) {
    await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri: `file:///bench/${s.name}`, languageId, version: 0, text: s.text } });
  }
  const p = published(1);
  await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  await p;
  return { client, uri, published };
}

{
  const yaml = yamlTemplate(5_000);
  const ySamples = await editLatency('edit.yaml', 'yaml', yaml, (t, v) => t.replace(/BucketName: !Sub "data-0-[^"]*"/, `BucketName: !Sub "data-0-${v}"`));
  // A line added, then removed again, in the first resource: every resource below moves.
  const tagLine = '      Tags: [{ Key: team, Value: data }]\n';
  const yMoved = await editLatency('moved.yaml', 'yaml', yaml, (t, v) => (v % 2 ? t.replace('      BucketName: !Sub "data-0-', `${tagLine}      BucketName: !Sub "data-0-`) : t.replace(tagLine, '')));
  const json = jsonTemplate(5_000);
  const jSamples = await editLatency('edit.json', 'json', json, (t, v) => t.replace(/"Fn::Sub": "data-0-[^"]*"/, `"Fn::Sub": "data-0-${v}"`));
  const jsonTag = '        "Tags": [ { "Key": "team", "Value": "data" } ],\n';
  const jMoved = await editLatency('moved.json', 'json', json, (t, v) => (v % 2 ? t.replace('        "BucketName": {', `${jsonTag}        "BucketName": {`) : t.replace(jsonTag, '')));
  const tf = terraformFile(2_000);
  const tSamples = await editLatency('edit.tf', 'terraform', tf, (t, v) => t.replace(/bucket = "data-0-[^"]*"/, `bucket = "data-0-${v}"`));
  const cpuOf = (x) => `${ms(percentile(x.cpu, 50))} / ${ms(percentile(x.cpu, 99))}`;
  const firstOf = (x) => `${ms(x.first.wall)} (CPU ${ms(x.first.cpu)})`;
  log(`Edit → fresh \`publishDiagnostics\` over LSP (debounce 0, full-text change; ${MEASURED_EDITS} edits after ${WARM_UP_EDITS} unmeasured ones, and the first edit after opening on its own); CPU is the process CPU time per edit (client and server in one process, so it includes encoding and decoding the messages):`);
  log();
  log('| file | p50 | p99 | budget | CPU p50 / p99 | first edit after opening |');
  log('| --- | --- | --- | --- | --- | --- |');
  log(`| ${yaml.split('\n').length.toLocaleString('en')}-line CloudFormation YAML | ${ms(percentile(ySamples, 50))} | ${ms(percentile(ySamples, 99))} | < 50 ms | ${cpuOf(ySamples)} | ${firstOf(ySamples)} |`);
  log(`| the same, a line added or removed at the top (every resource below moves) | ${ms(percentile(yMoved, 50))} | ${ms(percentile(yMoved, 99))} | < 50 ms | ${cpuOf(yMoved)} | ${firstOf(yMoved)} |`);
  log(`| ${json.split('\n').length.toLocaleString('en')}-line CloudFormation JSON (buckets and queues as above) | ${ms(percentile(jSamples, 50))} | ${ms(percentile(jSamples, 99))} | < 50 ms | ${cpuOf(jSamples)} | ${firstOf(jSamples)} |`);
  log(`| the same, a line added or removed at the top | ${ms(percentile(jMoved, 50))} | ${ms(percentile(jMoved, 99))} | < 50 ms | ${cpuOf(jMoved)} | ${firstOf(jMoved)} |`);
  log(`| ${tf.split('\n').length.toLocaleString('en')}-line Terraform | ${ms(percentile(tSamples, 50))} | ${ms(percentile(tSamples, 99))} | < 50 ms | ${cpuOf(tSamples)} | ${firstOf(tSamples)} |`);
  const moduleDir = join(root, '..', 'shared', 'corpus', 'terraform', 'terraform-aws-lambda');
  if (existsSync(moduleDir)) {
    const siblings = readdirSync(moduleDir)
      .filter((n) => n.endsWith('.tf') && n !== 'main.tf')
      .map((n) => ({ name: n, text: readFileSync(join(moduleDir, n), 'utf8') }));
    const main = readFileSync(join(moduleDir, 'main.tf'), 'utf8');
    const lines = main.split('\n').length + siblings.reduce((n, s) => n + s.text.split('\n').length, 0);
    // Each edit changes a value inside a resource (the first `description = ` line's text).
    const editMain = (t, v) => t.replace(/(\n\s*description\s*=\s*)[^\n]*/, `$1"edit ${v}"`);
    const mSamples = await editLatency('main.tf', 'terraform', main, editMain, siblings);
    log(`| six-file \`terraform-aws-lambda\` module (${lines.toLocaleString('en')} lines; edits in main.tf) | ${ms(percentile(mSamples, 50))} | ${ms(percentile(mSamples, 99))} | < 50 ms | ${cpuOf(mSamples)} | ${firstOf(mSamples)} |`);
    log();
    // Hovers while edits stream in: the editor's own debounce (150 ms), a hover right after each change.
    const { client, uri, published } = await openOverLsp('main.tf', 'terraform', main, siblings, 150);
    const resourceLine = main.split('\n').findIndex((l) => /^resource "aws_lambda_function"/.test(l));
    const hovers = [];
    let current = main;
    let last;
    for (let v = 2; v < 42; v++) {
      current = editMain(current, v);
      last = published(v);
      await client.sendNotification(protocol.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
      const t = performance.now();
      await client.sendRequest(protocol.HoverRequest.type, { textDocument: { uri }, position: { line: resourceLine, character: 12 } });
      hovers.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 40));
    }
    await last;
    client.dispose();
    log(`Hover on the module's \`aws_lambda_function\` while edits stream in (a hover right after each of 40 changes, 40 ms apart, debounce 150 ms): p50 ${ms(percentile(hovers, 50))}, p99 ${ms(percentile(hovers, 99))} (budget p99 < 20 ms).`);
  } else {
    log(`(The six-file module was not measured: ${moduleDir} is absent.)`);
  }
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
  for (const f of files) service.closeDocument(pathToFileURL(f).toString());
  global.gc?.();
  const closed = process.memoryUsage().heapUsed;
  log(`Whole corpus opened in the language service (${files.length} files, ${diagnostics} diagnostics): ${(elapsed / 1000).toFixed(2)} s; heap ${(heap / 2 ** 20).toFixed(0)} MB (${((heap - before) / 2 ** 20).toFixed(0)} MB for the documents and analyses; budget < 150 MB). After closing every document: heap ${(closed / 2 ** 20).toFixed(0)} MB (${Math.max(0, (closed - before) / 2 ** 20).toFixed(0)} MB kept).`);
} else {
  log(`Corpus not opened: ${corpus} is absent.`);
}

export const markdown = lines.join('\n');
