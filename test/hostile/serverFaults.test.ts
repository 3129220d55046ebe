import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LinkedModel } from '../../server/src/link/linkedModel';
import { assess } from '../../server/src/assess/assess';
import { initTerraformParser, parseFile } from '../../server/src/parse';
import { rulesFor } from '../../server/src/rules';
import { repoRoot } from '../helpers';

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Logs:\n    Type: AWS::S3::Bucket\n';
const URI = 'file:///faults/template.yaml';

interface Message {
  id?: number | null;
  method?: string;
  params?: { uri?: string; diagnostics?: { code?: string }[] };
  result?: unknown;
  error?: { code: number; message: string };
}

/** The bundled server over stdio, driven byte by byte as a faulty client would. */
class RawClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  readonly received: Message[] = [];
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  stderr = '';

  constructor() {
    const bundle = join(repoRoot, 'dist', 'server.js');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` before these tests`);
    this.child = spawn(process.execPath, [bundle, '--stdio']);
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.stdout.on('data', (d: Buffer) => this.read(d));
  }

  raw(text: string): void {
    this.child.stdin.write(text);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  next(match: (m: Message) => boolean): Promise<Message> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  response(id: number): Promise<Message> {
    return this.next((m) => m.id === id && m.method === undefined);
  }

  get alive(): boolean {
    return this.child.exitCode === null;
  }

  stop(): void {
    this.child.kill();
  }

  private read(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.received.push(message);
      for (const w of [...this.waiters]) {
        if (w.match(message)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(message);
        }
      }
    }
  }
}

describe('the language server survives a faulty client', { timeout: 120_000 }, () => {
  let client: RawClient;
  before(async () => {
    client = new RawClient();
    client.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    await client.response(1);
    client.send({ method: 'initialized', params: {} });
  });
  after(() => client.stop());

  test('malformed frames and bodies are answered or dropped, and the next request is served', async () => {
    client.raw('{"jsonrpc":"2.0","id":99,"method":"shutdown"}');
    client.raw('Content-Length: 5\r\n\r\n{bad}');
    const parseError = await client.next((m) => m.id === null && m.error?.code === -32700);
    assert.match(parseError.error!.message, /not valid JSON/);
    client.raw('Content-Type: x\r\n\r\n');
    client.send({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } } });
    assert.equal((await client.response(2)).result, null, 'a document nobody opened has no hover');
    assert.match(client.stderr, /dropped/);
  });

  test('requests with null or missing params get an error in words, never internals', async () => {
    client.send({ id: 3, method: 'textDocument/hover', params: null });
    client.send({ id: 4, method: 'textDocument/codeLens', params: { textDocument: {} } });
    client.send({ id: 5, method: 'srm-lens/matrix', params: { scope: 7 } });
    for (const id of [3, 4, 5]) {
      const r = await client.response(id);
      assert.ok(r.error, `request ${id} is refused`);
      assert.doesNotMatch(r.error.message, /Cannot read prop|workDoneToken|undefined|TypeError/);
    }
  });

  test('out-of-order changes and a cancellation storm leave the server answering', async () => {
    client.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEMPLATE } } });
    await client.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === URI);
    client.send({ method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: 5 }, contentChanges: [{ range: { start: { line: 40, character: 0 }, end: { line: 90, character: 3 } }, text: '#x\n' }] } });
    client.send({ method: 'textDocument/didChange', params: { textDocument: { uri: URI, version: 3 }, contentChanges: [{ text: TEMPLATE }] } });
    for (let id = 100; id < 300; id++) {
      client.send({ id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 2, character: 3 } } });
      client.send({ method: '$/cancelRequest', params: { id } });
    }
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => client.response(100 + i)));
    assert.equal(answers.length, 200, 'every request gets a response, cancelled or not');
    client.send({ id: 400, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 2, character: 3 } } });
    const hover = await client.response(400);
    assert.match(JSON.stringify(hover.result), /S3/);
    assert.ok(client.alive);
  });
});

describe('a crash inside one rule', () => {
  before(() => initTerraformParser());

  test('takes only that rule out, says so in words, and the others still report', () => {
    const outcome = parseFile('file:///r.yaml', TEMPLATE);
    assert.equal(outcome.kind, 'template');
    if (outcome.kind !== 'template') return;
    const [victim, ...others] = rulesFor('AWS::S3::Bucket');
    const original = victim.check;
    const errors: unknown[] = [];
    const consoleError = console.error;
    victim.check = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    };
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const [ra] = assess(new LinkedModel([outcome.document])).resources;
      const cell = ra.cells.find((c) => c.aspect === victim.aspect)!;
      assert.match(cell.note ?? '', new RegExp(`could not analyse this part: rule ${victim.id} failed`));
      assert.doesNotMatch(cell.note ?? '', /Cannot read/);
      assert.ok(errors.length > 0, 'the failure is logged');
      assert.ok(others.some((r) => ra.findings.some((f) => f.ruleId === r.id)), 'other rules still report');
    } finally {
      victim.check = original;
      console.error = consoleError;
    }
  });
});
