import assert from 'node:assert/strict';
import Module, { createRequire } from 'node:module';
import { afterEach, describe, test } from 'node:test';
import type { MatrixParams, MatrixResult } from '../../server/src/protocol/matrix';
import { escapeHtml, toCsv, toHtml, toMarkdown } from '../../client/src/matrixExport';
import { makeNonce, matrixHtml } from '../../client/src/matrixHtml';
import type * as PanelModule from '../../client/src/matrixPanel';
import { sampleMatrix } from '../matrixFixture';

describe('matrix export', () => {
  const roots = ['file:///w'];

  test('CSV: one row per resource with category words and relative paths, RFC 4180 quoting, formulas defused, summary rows', () => {
    const data = sampleMatrix();
    data.rows[0].resourceId = 'Logs, "main"';
    data.rows[1].resourceId = '=cmd|"/c calc"!A1';
    data.rows[2].resourceId = 'multi\nline';
    const lines = toCsv(data, roots).split('\r\n');
    assert.equal(lines[0], 'File,Resource,Part of,Type,Service,Model,Gaps,Server-side encryption (at rest),"Resilience: backup, multi-AZ, replication",Physical and environmental security');
    assert.equal(lines[1], 'a.yaml,"Logs, ""main""",,AWS::S3::Bucket,Amazon S3,abstract,1,shared: AWS default,shared: gap,inherited: n/a');
    assert.match(lines[2], /^a\.yaml,"'=cmd\|""\/c calc""!A1",/);
    assert.ok(toCsv(data, roots).includes('"multi\nline"'));
    const summary = readCsv(toCsv(data, roots)).filter((r) => r[0].startsWith('Summary: '));
    assert.deepEqual(summary.map((r) => [r[0], r[1], r[6]]), [
      ['Summary: All files', 'Yours: 11% of aspects, shared 56%, inherited from AWS 33%, across 3 resources; 2 gaps (1 error, 1 warning)', '2'],
      ['Summary: a.yaml', 'Yours: 0% of aspects, shared 67%, inherited from AWS 33%, across 2 resources; 1 gap (1 warning)', '1'],
      ['Summary: b c/main.tf', 'Yours: 33% of aspects, shared 33%, inherited from AWS 33%, across 1 resource; 1 gap (1 error)', '1'],
    ]);
  });

  test('an aspect a type does not bear reads "not borne" and counts for nobody', async () => {
    const data = sampleMatrix();
    data.cells[1][0] = { ...data.cells[1][0], applies: false, status: 'not-applicable' };
    const rows = readCsv(toCsv(data, roots));
    assert.equal(rows[2][7], 'not borne');
    assert.match(rows.find((r) => r[0] === 'Summary: All files')![1], /^Yours: 13% of aspects, shared 50%, inherited from AWS 38%, across 3 resources/);
    const { JSDOM } = await import('jsdom');
    const doc = new JSDOM(toHtml(data, 't', roots)).window.document;
    assert.deepEqual([...doc.querySelectorAll('td.not-borne')].map((td) => td.textContent), ['not borne']);
  });

  test("the customer's columns come first, companions name their parent", () => {
    const data = sampleMatrix();
    data.cells[0][2] = { ...data.cells[0][2], owner: 'customer', category: 'customer-specific' };
    data.rows[1].parent = 'Logs';
    const [header, , second] = readCsv(toCsv(data, roots));
    assert.deepEqual(header.slice(7), ['Physical and environmental security', 'Server-side encryption (at rest)', 'Resilience: backup, multi-AZ, replication']);
    assert.equal(second[2], 'Logs');
    assert.equal(second[7], 'inherited: n/a');
  });

  test('Markdown: a summary, then a table whose pipes, backslashes and newlines cannot break it', () => {
    const data = sampleMatrix();
    data.rows[0].resourceId = 'a|b\\c\nd';
    const md = toMarkdown(data, roots);
    const lines = md.trim().split('\n');
    assert.deepEqual(lines.slice(0, 6), [
      '## Summary',
      '',
      '- All files: Yours: 11% of aspects, shared 56%, inherited from AWS 33%, across 3 resources; 2 gaps (1 error, 1 warning)',
      '- a.yaml: Yours: 0% of aspects, shared 67%, inherited from AWS 33%, across 2 resources; 1 gap (1 warning)',
      '- b c/main.tf: Yours: 33% of aspects, shared 33%, inherited from AWS 33%, across 1 resource; 1 gap (1 error)',
      '',
    ]);
    const table = lines.slice(lines.indexOf('## Matrix') + 2);
    assert.equal(table.length, 5);
    assert.match(table[2], /^\| a\.yaml \| a\\\|b\\\\c d \|/);
    assert.match(table[3], /&lt;img src=x onerror=alert\(1\)>/);
    for (const line of table) assert.equal((line.match(/(?<!\\)\|/g) ?? []).length, 11, line);
  });

  test('HTML: every text is escaped; standalone (no script, no external resource); printable on A4 landscape; styled like the page', async () => {
    const html = toHtml(sampleMatrix(), undefined, roots);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.doesNotMatch(html, /url\(|@import/i, 'no external resource from the stylesheet');
    assert.match(html, /@page \{ size: A4 landscape;/);
    assert.match(html, /thead \{ display: table-header-group; \}/, 'the header repeats on every printed page');
    const { JSDOM } = await import('jsdom');
    const doc = new JSDOM(html).window.document;
    assert.equal(doc.querySelectorAll('script, link, img, a, iframe, object, [src], [href]').length, 0, 'no script, no external resource');
    assert.deepEqual([...doc.querySelectorAll('thead th[scope="colgroup"]')].map((th) => th.textContent), ['Shared', 'Inherited from AWS (security of the cloud)']);
    assert.deepEqual([...doc.querySelectorAll('th.file-name .path')].map((n) => n.textContent), ['a.yaml', 'b c/main.tf']);
    assert.equal(doc.querySelector('.overview .summary')!.textContent, 'Yours: 11% of aspects, shared 56%, inherited from AWS 33%, across 3 resources; 2 gaps (1 error, 1 warning)');
    assert.equal(doc.querySelectorAll('svg.owner-bar').length, 3);
    assert.deepEqual([...doc.querySelectorAll('td.customer-specific')].map((td) => td.textContent), ['Yours: gap']);
  });
});

describe('matrix webview page', () => {
  test('a strict CSP with a nonce; the script carries it; no inline anything', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual(nonce, makeNonce());
    const html = matrixHtml('vscode-webview://abc', 'vscode-webview://abc/matrix.js', 'vscode-webview://abc/matrix.css', nonce);
    const csp = /content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="vscode-webview://abc/matrix.js"></script>`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
});

/** A strict RFC 4180 reader, to check that what toCsv writes reads back as the same fields. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      assert.equal(field, '', 'a quote may only open a field');
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      assert.ok(ch !== '\r' && ch !== '\n', `bare line break at ${i} outside quotes`);
      field += ch;
    }
    i++;
  }
  assert.equal(quoted, false);
  assert.equal(field + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

describe('matrix export: hostile text round-trips as text', () => {
  const hostile = ['Logs, "main"', 'line\r\nbreak', 'cr\ronly', '=1+2', '+SUM(A1)', '-2+3', '@cmd', '\t=tab', 'a|b', '<b>&amp;</b>', "it's", 'safe-id'];
  const matrix = (): MatrixResult => {
    const base = sampleMatrix();
    const data: MatrixResult = { aspects: base.aspects, rows: [], cells: [] };
    hostile.forEach((id, i) => {
      data.rows.push({ ...base.rows[i % 3], resourceId: id });
      data.cells.push(base.cells[i % 3]);
    });
    return data;
  };

  test('CSV: every field reads back; formula starters get a quote prefix and nothing else changes', () => {
    const all = readCsv(toCsv(matrix()));
    for (const row of all) assert.equal(row.length, 10);
    const rows = all.filter((r) => !r[0].startsWith('Summary: '));
    assert.equal(rows.length, hostile.length + 1);
    const ids = rows.slice(1).map((r) => r[1]);
    assert.deepEqual(
      ids,
      hostile.map((id) => (/^[=+\-@\t\r]/.test(id) ? `'${id}` : id)),
    );
    for (const row of rows) for (const field of row) assert.doesNotMatch(field, /^[=+\-@\t\r]/, field);
    assert.equal(rows[1][7], 'shared: AWS default');
    assert.equal(rows[0][8], 'Resilience: backup, multi-AZ, replication');
  });

  test('Markdown: one line per resource, nine column breaks each, and no live markup', () => {
    const data = matrix();
    data.rows[0].resourceId = '`code` *bold* [link](javascript:alert(1)) a\\|b';
    const all = toMarkdown(data).trimEnd().split('\n');
    const lines = all.slice(all.indexOf('## Matrix') + 2);
    assert.equal(lines.length, hostile.length + 2);
    for (const line of lines) assert.equal((line.match(/(?<!\\)(?:\\\\)*\|/g) ?? []).length, 11, line);
    assert.equal(lines[2].split(' | ')[1], '\\`code\\` \\*bold\\* \\[link\\](javascript:alert(1)) a\\\\\\|b');
    const body = lines.slice(2).join('\n');
    assert.ok(body.includes('line break'));
    assert.ok(body.includes('&lt;b>&amp;amp;&lt;/b>'));
    assert.doesNotMatch(body, /<b>/);
  });

  test('HTML: the parsed document has the original text in its cells and no element from data', async () => {
    const { JSDOM } = await import('jsdom');
    const data = matrix();
    const html = toHtml(data, '<title>x</title> & "report"');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    const doc = new JSDOM(html).window.document;
    assert.equal(doc.title, '<title>x</title> & "report"');
    const rows = [...doc.querySelectorAll('tbody tr:not(.file-row)')];
    assert.equal(rows.length, hostile.length);
    assert.deepEqual(
      rows.map((r) => r.querySelector('th[scope="row"]')!.firstChild!.textContent).sort(),
      hostile.map((h) => h.replace(/\r\n?/g, '\n')).sort(),
    );
    assert.equal(doc.querySelectorAll('b, img, script').length, 0);
    assert.equal(doc.querySelectorAll('thead th[scope="col"]').length, 6);
    assert.equal(escapeHtml(`& < > " '`), '&amp; &lt; &gt; &quot; &#39;');
  });
});

// ---------------------------------------------------------------------------
// The panel, against a small fake of the vscode API (the real one exists only
// inside the extension host). Checks the wiring: options, CSP page, messages.

class FakeUri {
  constructor(readonly value: string) {}
  static parse(value: string, strict?: boolean): FakeUri {
    if (strict && !/^[a-z][a-z0-9+.-]*:/i.test(value)) throw new Error(`not a URI: ${value}`);
    return new FakeUri(value);
  }
  static file(path: string): FakeUri {
    return new FakeUri(`file://${path}`);
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri([base.value.replace(/\/$/, ''), ...parts].join('/'));
  }
  get scheme(): string {
    return this.value.split(':')[0];
  }
  get path(): string {
    return this.value.replace(/^[a-z]+:\/\/[^/]*/, '');
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return this.value;
  }
}

class FakeRange {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

interface FakePanel {
  viewType: string;
  title: string;
  options: unknown;
  visible: boolean;
  viewColumn: number;
  revealed: number;
  posted: unknown[];
  webview: { html: string; options: unknown; cspSource: string; asWebviewUri(u: FakeUri): FakeUri; postMessage(m: unknown): Promise<boolean>; onDidReceiveMessage(l: (m: unknown) => unknown): { dispose(): void } };
  receive(message: unknown): Promise<void>;
  reveal(): void;
  onDidDispose(l: () => void): { dispose(): void };
  dispose(): void;
}

const fake = {
  panels: [] as FakePanel[],
  shown: [] as { uri: string; selection: FakeRange; viewColumn?: number }[],
  saveTarget: undefined as FakeUri | undefined,
  saveDialogs: [] as unknown[],
  written: [] as { uri: string; text: string }[],
  messages: [] as string[],
  reset() {
    for (const p of this.panels) p.dispose();
    this.panels = [];
    this.shown = [];
    this.saveTarget = undefined;
    this.saveDialogs = [];
    this.written = [];
    this.messages = [];
  },
};

function fakePanel(viewType: string, title: string, options: unknown): FakePanel {
  let listener: ((m: unknown) => unknown) | undefined;
  const disposeListeners: (() => void)[] = [];
  let disposed = false;
  const panel: FakePanel = {
    viewType,
    title,
    options,
    visible: true,
    viewColumn: 2,
    revealed: 0,
    posted: [],
    webview: {
      html: '',
      options: undefined,
      cspSource: 'https://fake.vscode-cdn.net',
      asWebviewUri: (u) => new FakeUri(`https://fake.vscode-cdn.net${u.path}`),
      postMessage: async (m) => {
        if (!panel.visible || disposed) return false;
        panel.posted.push(JSON.parse(JSON.stringify(m)));
        return true;
      },
      onDidReceiveMessage: (l) => {
        listener = l;
        return { dispose: () => (listener = undefined) };
      },
    },
    async receive(message) {
      await listener?.(message);
      // Let the handler's awaited calls settle.
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    },
    reveal() {
      panel.revealed++;
    },
    onDidDispose(l) {
      disposeListeners.push(l);
      return { dispose: () => undefined };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const l of disposeListeners) l();
    },
  };
  fake.panels.push(panel);
  return panel;
}

const fakeVscode = {
  Uri: FakeUri,
  Range: FakeRange,
  ViewColumn: { One: 1, Beside: -2 },
  window: {
    createWebviewPanel: (viewType: string, title: string, _column: number, options: unknown) => fakePanel(viewType, title, options),
    showTextDocument: async (uri: FakeUri, options: { selection: FakeRange; viewColumn?: number }) => {
      fake.shown.push({ uri: uri.toString(), selection: options.selection, viewColumn: options.viewColumn });
    },
    showSaveDialog: async (options: unknown) => {
      fake.saveDialogs.push(options);
      return fake.saveTarget;
    },
    showInformationMessage: async (m: string) => void fake.messages.push(m),
    showErrorMessage: async (m: string) => void fake.messages.push(`error: ${m}`),
    visibleTextEditors: [] as unknown[],
  },
  workspace: {
    workspaceFolders: [{ uri: new FakeUri('file:///w') }],
    fs: {
      writeFile: async (uri: FakeUri, bytes: Uint8Array) => void fake.written.push({ uri: uri.toString(), text: new TextDecoder().decode(bytes) }),
    },
  },
};

/** Loads the compiled matrixPanel.js with `vscode` resolved to the fake. */
function loadPanelModule(): typeof PanelModule {
  const internals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = internals._load;
  internals._load = function (request, parent, isMain) {
    return request === 'vscode' ? fakeVscode : original.call(this, request, parent, isMain);
  };
  try {
    return createRequire(__filename)('../../client/src/matrixPanel') as typeof PanelModule;
  } finally {
    internals._load = original;
  }
}

describe('matrix panel (against a fake vscode API)', () => {
  const { MatrixPanel, MatrixPanelSerializer, MATRIX_VIEW_TYPE, parseWebviewMessage, scopeFromState } = loadPanelModule();
  const extensionUri = new FakeUri('file:///ext') as unknown as import('vscode').Uri;
  const params: MatrixParams = { scope: 'document', uri: 'file:///w/a.yaml' };
  afterEach(() => fake.reset());

  test('one panel with safe options and a CSP page; the data goes only by message, after ready', async () => {
    const data = sampleMatrix();
    MatrixPanel.createOrShow(extensionUri, data, 'Responsibility matrix — a.yaml', params);
    assert.equal(fake.panels.length, 1);
    const panel = fake.panels[0];
    assert.equal(panel.viewType, 'srmLens.matrix');
    assert.equal(MATRIX_VIEW_TYPE, 'srmLens.matrix');
    const expected = { enableScripts: true, localResourceRoots: [new FakeUri('file:///ext/client/media')], retainContextWhenHidden: false };
    assert.deepEqual(panel.options, expected);
    assert.deepEqual(panel.webview.options, expected);
    const html = panel.webview.html;
    const nonce = /'nonce-([^']+)'/.exec(html)![1];
    assert.match(html, new RegExp(`content="default-src 'none'; style-src https://fake.vscode-cdn.net; script-src 'nonce-${nonce}'; img-src https://fake.vscode-cdn.net`));
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://fake.vscode-cdn.net/ext/client/media/matrix.js"></script>`));
    assert.match(html, /<link rel="stylesheet" href="https:\/\/fake.vscode-cdn.net\/ext\/client\/media\/matrix.css">/);
    assert.ok(!html.includes('aws_db_instance'), 'no data in the page');
    assert.deepEqual(panel.posted, []);
    await panel.receive({ type: 'ready' });
    assert.deepEqual(panel.posted, [{ type: 'matrix', data, title: 'Responsibility matrix — a.yaml', scope: params, roots: ['file:///w'] }]);
    assert.equal(panel.title, 'Matrix — a.yaml');

    // Reused, not duplicated.
    const next = sampleMatrix();
    next.rows.pop();
    next.cells.pop();
    const again = MatrixPanel.createOrShow(extensionUri, next, 'Responsibility matrix — workspace');
    await panel.receive(undefined);
    assert.equal(fake.panels.length, 1);
    assert.equal(again, MatrixPanel.currentPanel);
    assert.equal(panel.revealed, 1);
    assert.equal((panel.posted[1] as { data: MatrixResult }).data.rows.length, 2);

    // A new panel after closing gets a fresh nonce.
    panel.dispose();
    assert.equal(MatrixPanel.currentPanel, undefined);
    MatrixPanel.createOrShow(extensionUri, data);
    assert.notEqual(/'nonce-([^']+)'/.exec(fake.panels[1].webview.html)![1], nonce);
  });

  test('reveal opens only documents the matrix names, at the range sent', async () => {
    const data = sampleMatrix();
    data.cells[0][1].evidence.push({ message: 'm', uri: 'file:///w/other.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } });
    MatrixPanel.createOrShow(extensionUri, data, 't', params);
    const panel = fake.panels[0];
    const range = { start: { line: 3, character: 2 }, end: { line: 6, character: 0 } };
    await panel.receive({ type: 'reveal', uri: 'file:///w/a.yaml', range });
    await panel.receive({ type: 'reveal', uri: 'file:///w/other.yaml', range });
    await panel.receive({ type: 'reveal', uri: 'file:///etc/passwd', range });
    await panel.receive({ type: 'reveal', uri: 'command:workbench.action.terminal.new', range });
    await panel.receive({ type: 'reveal', uri: 'file:///w/a.yaml', range: { start: { line: -1, character: 0 }, end: range.end } });
    await panel.receive({ type: 'reveal', uri: 'file:///w/a.yaml' });
    assert.deepEqual(fake.shown, [
      { uri: 'file:///w/a.yaml', selection: new FakeRange(3, 2, 6, 0), viewColumn: 1 },
      { uri: 'file:///w/other.yaml', selection: new FakeRange(3, 2, 6, 0), viewColumn: 1 },
    ]);
  });

  test('export asks where to save and writes the chosen format; cancelling writes nothing', async () => {
    const data = sampleMatrix();
    MatrixPanel.createOrShow(extensionUri, data, 'Responsibility matrix — a.yaml', params);
    const panel = fake.panels[0];
    await panel.receive({ type: 'export', format: 'csv' });
    assert.equal(fake.written.length, 0);
    assert.deepEqual((fake.saveDialogs[0] as { defaultUri: FakeUri }).defaultUri, new FakeUri('file:///w/responsibility-matrix.csv'));
    fake.saveTarget = new FakeUri('file:///w/out.csv');
    await panel.receive({ type: 'export', format: 'csv' });
    fake.saveTarget = new FakeUri('file:///w/out.md');
    await panel.receive({ type: 'export', format: 'markdown' });
    fake.saveTarget = new FakeUri('file:///w/out.html');
    await panel.receive({ type: 'export', format: 'html' });
    await panel.receive({ type: 'export', format: 'exe' });
    assert.deepEqual(fake.written, [
      { uri: 'file:///w/out.csv', text: toCsv(data, ['file:///w']) },
      { uri: 'file:///w/out.md', text: toMarkdown(data, ['file:///w']) },
      { uri: 'file:///w/out.html', text: toHtml(data, 'Responsibility matrix — a.yaml', ['file:///w']) },
    ]);
    assert.equal(fake.saveDialogs.length, 4);
    assert.deepEqual(fake.messages, ['SRM Lens: matrix exported to /w/out.csv', 'SRM Lens: matrix exported to /w/out.md', 'SRM Lens: matrix exported to /w/out.html']);
  });

  test('the serializer restores the panel for the saved scope and asks for its data on ready', async () => {
    const asked: MatrixParams[] = [];
    const data = sampleMatrix();
    const serializer = new MatrixPanelSerializer(extensionUri, async (p) => {
      asked.push(p);
      return data;
    });
    const restored = fakePanel('srmLens.matrix', 'old', undefined);
    await serializer.deserializeWebviewPanel(restored as unknown as import('vscode').WebviewPanel, { scope: { scope: 'folder', uri: 'file:///w/infra' }, filters: {} });
    assert.match(restored.webview.html, /script-src 'nonce-/);
    assert.deepEqual(restored.webview.options, { enableScripts: true, localResourceRoots: [new FakeUri('file:///ext/client/media')], retainContextWhenHidden: false });
    await restored.receive({ type: 'ready', scope: { scope: 'document', uri: 'file:///elsewhere' } });
    assert.deepEqual(asked, [{ scope: 'folder', uri: 'file:///w/infra' }]);
    assert.deepEqual(restored.posted, [{ type: 'matrix', data, title: 'Responsibility matrix — infra', scope: { scope: 'folder', uri: 'file:///w/infra' }, roots: ['file:///w'] }]);
    assert.equal(restored.title, 'Matrix — infra');
    assert.deepEqual(scopeFromState(undefined), { scope: 'workspace' });
    assert.deepEqual(scopeFromState({ scope: { scope: 'document' } }), { scope: 'workspace' });
    assert.deepEqual(scopeFromState({ scope: { scope: 'evil', uri: 'x' } }), { scope: 'workspace' });
  });

  test('live refresh: deferred while hidden, skipped when nothing changed, latest answer wins', async () => {
    let answer = sampleMatrix();
    const pending: ((d: MatrixResult) => void)[] = [];
    let slow = false;
    let requests = 0;
    const requestData = (_p: MatrixParams) => {
      requests++;
      return slow ? new Promise<MatrixResult>((resolve) => pending.push(resolve)) : Promise.resolve(answer);
    };
    await MatrixPanel.show(extensionUri, params, requestData);
    const panel = fake.panels[0];
    await panel.receive({ type: 'ready' });
    assert.equal(requests, 1);
    assert.equal(panel.posted.length, 1);
    await MatrixPanel.refreshIfOpen();
    assert.equal(requests, 2);
    assert.equal(panel.posted.length, 1, 'same data: the page is not rebuilt');
    panel.visible = false;
    await MatrixPanel.refreshIfOpen();
    assert.equal(requests, 2, 'hidden: no request');
    panel.visible = true;
    answer = sampleMatrix();
    answer.rows[0].resourceId = 'Renamed';
    await panel.receive({ type: 'ready' });
    assert.equal(requests, 3, 'the reloaded page gets fresh data');
    assert.equal((panel.posted[1] as { data: MatrixResult }).data.rows[0].resourceId, 'Renamed');
    // Two overlapping refreshes: the older answer arriving last is dropped.
    slow = true;
    const first = MatrixPanel.refreshIfOpen();
    const second = MatrixPanel.refreshIfOpen();
    const newer = sampleMatrix();
    newer.rows[0].resourceId = 'Newer';
    pending[1](newer);
    await second;
    pending[0](sampleMatrix());
    await first;
    assert.equal((panel.posted[panel.posted.length - 1] as { data: MatrixResult }).data.rows[0].resourceId, 'Newer');
  });

  test('messages from the page are checked before use', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'html' }), { type: 'export', format: 'html' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', uri: 'file:///a', range }), { type: 'reveal', uri: 'file:///a', range });
    for (const bad of [null, 'ready', { type: 'export', format: 'pdf' }, { type: 'reveal', uri: 1, range }, { type: 'reveal', uri: 'file:///a', range: { start: { line: 0.5, character: 0 }, end: range.end } }, { type: 'run', command: 'x' }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
