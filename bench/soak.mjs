// Soak: replays many edits against the real language server (in process,
// over streams, debounce 0) and reports latency percentiles and the heap over
// time. Run with `npm run soak` (SOAK_EDITS changes the count, default 10,000).
// Memory must stay flat: the run fails if the heap after the last edit is
// more than 25% above the heap after the first thousand.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startServer } = require(join(root, 'out/server/src/server.js'));
const { createConnection } = require('vscode-languageserver/node');
const protocol = require('vscode-languageserver-protocol/node');

const EDITS = Number(process.env.SOAK_EDITS ?? 10_000);
const SAMPLE_EVERY = Math.max(1, Math.floor(EDITS / 10));
if (!global.gc) throw new Error('run with node --expose-gc (npm run soak does)');

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const heap = () => (global.gc(), process.memoryUsage().heapUsed);

function template(resources) {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Env: { Type: String, Default: dev }', 'Resources:'];
  for (let i = 0; i < resources; i++) {
    parts.push(`  Bucket${i}:`, '    Type: AWS::S3::Bucket', '    Properties:', `      BucketName: !Sub "data-${i}-\${Env}"`, '      VersioningConfiguration:', '        Status: Suspended');
    parts.push(`  Queue${i}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      QueueName: q-${i}`);
  }
  return parts.join('\n') + '\n';
}

const toServer = new PassThrough();
const toClient = new PassThrough();
startServer(createConnection(new protocol.StreamMessageReader(toServer), new protocol.StreamMessageWriter(toClient)), { readFile: () => undefined, listDirectory: () => [] });
const client = protocol.createProtocolConnection(new protocol.StreamMessageReader(toClient), new protocol.StreamMessageWriter(toServer));
const waiting = new Map();
client.onNotification(protocol.PublishDiagnosticsNotification.type, (p) => waiting.get(p.version)?.(p));
client.listen();
await client.sendRequest(protocol.InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { settings: { debounceMs: 0 } } });
await client.sendNotification(protocol.InitializedNotification.type, {});

const uri = 'file:///soak/template.yaml';
let text = template(30);
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
let pending = published(1);
await client.sendNotification(protocol.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
await pending;

// Each edit is an incremental change as an editor sends it: type or delete one character of a bucket name.
const target = text.indexOf('data-7-');
const position = (offset) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
};
const latencies = [];
const hovers = [];
const heapSamples = [];
const started = performance.now();
for (let v = 2; v <= EDITS + 1; v++) {
  const typing = v % 2 === 0;
  const at = position(target + 5);
  const change = typing ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
  text = typing ? text.slice(0, target + 5) + 'x' + text.slice(target + 5) : text.slice(0, target + 5) + text.slice(target + 6);
  pending = published(v);
  const t = performance.now();
  await client.sendNotification(protocol.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
  await pending;
  latencies.push(performance.now() - t);
  waiting.delete(v);
  if (v % 50 === 0) {
    const h = performance.now();
    await client.sendRequest(protocol.HoverRequest.type, { textDocument: { uri }, position: { line: at.line - 3, character: 4 } });
    hovers.push(performance.now() - h);
  }
  if ((v - 1) % SAMPLE_EVERY === 0) heapSamples.push({ edits: v - 1, heap: heap() });
}
const seconds = (performance.now() - started) / 1000;
client.dispose();

console.log(`Soak: ${EDITS.toLocaleString('en')} incremental edits to a ${text.split('\n').length}-line CloudFormation template in ${seconds.toFixed(1)} s, each awaited until its diagnostics were published.`);
console.log();
console.log(`Edit → diagnostics: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms; hover during the run: p50 ${percentile(hovers, 50).toFixed(2)} ms, p99 ${percentile(hovers, 99).toFixed(2)} ms.`);
console.log();
console.log('| edits | heap after GC |');
console.log('| ---: | ---: |');
for (const s of heapSamples) console.log(`| ${s.edits.toLocaleString('en')} | ${mb(s.heap)} |`);
const baseline = heapSamples.find((s) => s.edits >= SAMPLE_EVERY) ?? heapSamples[0];
const last = heapSamples[heapSamples.length - 1];
const growth = last.heap / baseline.heap - 1;
console.log();
console.log(`Heap growth from ${baseline.edits.toLocaleString('en')} to ${last.edits.toLocaleString('en')} edits: ${(growth * 100).toFixed(1)}% (limit 25%).`);
if (growth > 0.25) {
  console.error('The heap grows with the number of edits: a leak.');
  process.exit(1);
}
