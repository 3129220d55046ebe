// Cold start: spawn `node dist/server.js --stdio`, initialize, open a small
// template, and time until its first publishDiagnostics (and until the
// initialize answer). Whole processes, so the figures include Node's own
// start-up and loading the bundle. Also reports the CPU time of each run.
// Usage: node bench/coldStart.mjs [runs]   (prints markdown; run.mjs imports it)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'dist/server.js');

function frame(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Reads LSP frames from a stream and calls `onMessage` for each. */
function frames(stream, onMessage) {
  let buffer = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      onMessage(JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
      buffer = buffer.subarray(headerEnd + 4 + length);
    }
  });
}

/** User + system CPU of a live process so far (Linux /proc), or undefined elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return undefined;
  }
}

/** One cold start of the server on `file`; resolves with the milestones in ms from spawn. */
export function coldStart(file, languageId, extraArgs = []) {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...extraArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const result = {};
    const timeout = setTimeout(() => {
      child.kill();
      reject(new Error(`no diagnostics for ${file} within 20 s`));
    }, 20_000);
    frames(child.stdout, (m) => {
      if (m.id === 1 && m.result) {
        result.initialize = performance.now() - t0;
        child.stdin.write(frame({ method: 'initialized', params: {} }));
        child.stdin.write(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId, version: 1, text } } }));
      } else if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && result.diagnostics === undefined) {
        result.diagnostics = performance.now() - t0;
        result.count = m.params.diagnostics.length;
        result.cpu = cpuMs(child.pid);
        child.stdin.write(frame({ id: 2, method: 'shutdown' }));
      } else if (m.id === 2) {
        child.stdin.write(frame({ method: 'exit' }));
      }
    });
    child.on('exit', () => {
      clearTimeout(timeout);
      resolve(result);
    });
    // The folder is the workspace, as an editor opening it would say.
    child.stdin.write(
      frame({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dirname(file)).toString(), name: 'w' }] } }),
    );
  });
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

export async function coldStartMarkdown(runs = 7) {
  const cases = [
    ['60-line CloudFormation YAML', join(root, 'examples/cloudformation/storage.yaml'), 'yaml'],
    ['55-line Terraform', join(root, 'examples/terraform/main.tf'), 'terraform'],
  ];
  const out = ['Cold start: spawn `node dist/server.js --stdio` → `initialize` answered → first `publishDiagnostics` of the opened file (median of ' + runs + ' whole processes; CPU is user + system of the server process from spawn to those diagnostics, in 10 ms ticks):', '', '| file | initialize | first diagnostics | budget | server CPU to first diagnostics |', '| --- | --- | --- | --- | --- |'];
  for (const [name, file, lang] of cases) {
    await coldStart(file, lang); // warm the file system cache
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await coldStart(file, lang));
    const budget = lang === 'yaml' ? '< 300 ms' : '';
    out.push(`| ${name} | ${median(samples.map((s) => s.initialize)).toFixed(0)} ms | ${median(samples.map((s) => s.diagnostics)).toFixed(0)} ms | ${budget} | ${samples[0].cpu === undefined ? 'n/a' : median(samples.map((s) => s.cpu)).toFixed(0) + ' ms'} |`);
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).toString()) {
  console.log(await coldStartMarkdown(Number(process.argv[2] ?? 7)));
}
