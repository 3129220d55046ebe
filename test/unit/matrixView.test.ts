import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import type { MatrixResult } from '../../server/src/protocol/matrix';
import { repoRoot } from '../helpers';
import { sampleMatrix } from '../matrixFixture';

interface View {
  apply(): boolean[];
  focusCell(uri: string, resourceId: string, col: number): boolean;
  rows: HTMLTableRowElement[];
  table: HTMLTableElement;
  search: HTMLInputElement;
  owner: HTMLSelectElement;
  status: HTMLSelectElement;
  service: HTMLSelectElement;
  file: HTMLSelectElement;
  summary: HTMLElement;
}

interface MatrixApi {
  render(doc: Document, root: HTMLElement, data: unknown, title: string, post: (m: unknown) => void, state?: unknown, options?: { roots?: string[] }): View;
  summary(data: MatrixResult, visible?: boolean[]): string;
  relativePath(uri: string, roots: string[]): string;
  columnGroups(data: MatrixResult): Record<string, number[]>;
}

interface FakeVsCode {
  posted: unknown[];
  states: unknown[];
  state: unknown;
}

const source = readFileSync(join(repoRoot, 'client/media/matrix.js'), 'utf8');
const css = readFileSync(join(repoRoot, 'client/media/matrix.css'), 'utf8');

/** Objects made inside the jsdom window have its prototypes; compare their data. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const hidden = (rows: HTMLTableRowElement[]) => Array.from(rows, (r) => r.hidden);
const ofType = (messages: unknown[], type: string) => plain(messages.filter((m) => (m as { type: string }).type === type));

/** Loads client/media/matrix.js into a fresh jsdom window, as the webview would (without acquireVsCodeApi: the test drives render). */
function load(): { window: JSDOM['window']; api: MatrixApi; root: HTMLElement; messages: unknown[] } {
  const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>', { runScripts: 'outside-only' });
  dom.window.eval(source);
  const api = (dom.window as unknown as { SrmLensMatrix: MatrixApi }).SrmLensMatrix;
  return { window: dom.window, api, root: dom.window.document.getElementById('app')!, messages: [] };
}

/** Loads the page as VS Code runs it: acquireVsCodeApi exists, data arrives by message. */
function loadPage(savedState?: unknown): { window: JSDOM['window']; vscode: FakeVsCode; send(message: unknown): void } {
  const dom = new JSDOM('<!DOCTYPE html><main id="app"><p class="empty">Loading…</p></main>', { runScripts: 'outside-only' });
  const vscode: FakeVsCode = { posted: [], states: [], state: savedState };
  let acquired = 0;
  (dom.window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
    assert.equal(++acquired, 1, 'acquireVsCodeApi may be called only once');
    return {
      postMessage: (m: unknown) => vscode.posted.push(plain(m)),
      getState: () => vscode.state,
      setState: (s: unknown) => {
        vscode.state = plain(s);
        vscode.states.push(vscode.state);
      },
    };
  };
  dom.window.eval(source);
  const send = (message: unknown) => dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data: message }));
  return { window: dom.window, vscode, send };
}

function keyOn(window: JSDOM['window']) {
  return (key: string, init: { ctrlKey?: boolean } = {}) =>
    window.document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

const active = (window: JSDOM['window']) => {
  const node = window.document.activeElement as HTMLElement;
  return { row: node.parentElement!.dataset.row, col: node.dataset.col };
};

/** A matrix where every text a template author controls is markup. */
function hostileMatrix(): MatrixResult {
  const data = sampleMatrix();
  data.aspects[0].short = '<b id=short>x</b>';
  data.aspects[0].title = '<script>alert(1)</script>';
  data.rows[0].uri = 'file:///w/<svg onload=alert(1)>.yaml';
  data.rows[0].type = '<iframe src=javascript:alert(1)>';
  data.rows[0].serviceName = '<img src=x onerror=alert(2)>';
  data.rows[0].model = '"><img src=x>';
  data.cells[0][0].note = '<img src=x onerror=alert(3)>';
  return data;
}

describe('matrix webview rendering', () => {
  test('a real table: caption, category group headers, column headers with scope, row headers, grouped by file', () => {
    const { window, api, root, messages } = load();
    api.render(window.document, root, sampleMatrix(), 'Matrix of a.yaml', (m) => messages.push(m));
    const table = root.querySelector('table')!;
    assert.equal(table.querySelector('caption')!.textContent, 'Matrix of a.yaml');
    // Customer's columns first, then shared, then the inherited group folded into one column.
    const groups = [...table.querySelectorAll('thead tr.groups th.group')].map((th) => [th.getAttribute('data-category'), th.getAttribute('scope'), (th as HTMLTableCellElement).colSpan, th.querySelector('.group-label')!.textContent]);
    assert.deepEqual(groups, [
      ['shared', 'colgroup', 2, 'Shared'],
      ['inherited', 'colgroup', 1, 'Inherited from AWS (security of the cloud)'],
    ]);
    const cols = [...table.querySelectorAll('thead tr.aspects th')].map((th) => [th.textContent, th.getAttribute('scope')]);
    assert.deepEqual(cols, [['At rest', 'col'], ['Resilience', 'col'], ['AWS ×1', 'col']]);
    assert.equal(table.querySelector('thead th.corner')!.getAttribute('scope'), 'col');
    const aspect = table.querySelectorAll('thead tr.aspects th')[1];
    assert.equal(aspect.getAttribute('title'), 'Resilience: backup, multi-AZ, replication');
    assert.equal(aspect.getAttribute('aria-label'), 'Resilience: backup, multi-AZ, replication');
    assert.equal(table.querySelectorAll('tbody').length, 2);
    assert.deepEqual([...table.querySelectorAll('th.file-name .path')].map((th) => th.textContent), ['/w/a.yaml', '/w/b c/main.tf']);
    const rowHeads = [...table.querySelectorAll('th[scope="row"]')];
    assert.equal(rowHeads.length, 3);
    assert.deepEqual([...rowHeads[2].querySelectorAll('span')].map((s) => s.textContent), ['aws_db_instance.main', 'aws_db_instance', 'container model']);
    const first = table.querySelector('td.cell')!;
    assert.equal(first.querySelector('.badge')!.textContent, 'Shared');
    assert.match(first.querySelector('.status')!.textContent!, /AWS default/);
    assert.match(first.getAttribute('title')!, /SSE-S3 since 2023-01-05/);
    assert.equal(first.getAttribute('aria-label'), 'Server-side encryption (at rest): Shared, AWS default — SSE-S3 since 2023-01-05');
    const folded = table.querySelector('td.cell.collapsed')!;
    assert.equal(folded.getAttribute('aria-label'), 'Inherited from AWS: Physical and environmental security');
  });

  test('owners differ by text and shape class; every status has its words', () => {
    const { window, api, root } = load();
    const data = sampleMatrix();
    const statuses = ['met', 'gap', 'aws-default', 'cannot-tell', 'not-checked', 'accepted-risk', 'not-applicable', 'outside-template'] as const;
    data.rows = statuses.map((_s, i) => ({ ...data.rows[0], resourceId: `R${i}` }));
    data.cells = statuses.map((status, i) =>
      data.aspects.map((_a, j) => {
        const owner = (['aws', 'shared', 'customer'] as const)[(i + j) % 3];
        return { owner, category: ({ aws: 'inherited', shared: 'shared', customer: 'customer-specific' } as const)[owner], status, findings: [], evidence: [] };
      }),
    );
    api.render(window.document, root, data, 't', () => undefined);
    const badges = [...root.querySelectorAll('.badge')];
    const byText = new Map(badges.map((b) => [b.textContent, b.className]));
    assert.deepEqual([...byText.keys()].sort(), ['AWS', 'Shared', 'Yours']);
    assert.equal(byText.get('AWS'), 'badge owner-aws');
    assert.equal(byText.get('Shared'), 'badge owner-shared');
    assert.equal(byText.get('Yours'), 'badge owner-customer');
    const words = [...root.querySelectorAll('tr.resource')].map((tr) => tr.querySelector('td.cell:not(.collapsed) .status')!.textContent);
    assert.deepEqual(words, ['✓ met', '✗ gap', '✓ AWS default', '? cannot tell', '… not checked', '! accepted risk', '– n/a', '· outside template']);
    // Each owner has its own shape in the stylesheet, not only a colour.
    for (const owner of ['aws', 'shared', 'customer']) assert.match(css, new RegExp(`\\.owner-${owner}::before \\{\\s*content: "[^"]+" / "";`), owner);
    assert.match(css, /\.owner-shared \{[^}]*border-style: dashed/);
  });

  test('template text is inserted as text: no element is created from any field', () => {
    const { window, api, root } = load();
    api.render(window.document, root, sampleMatrix(), 't', () => undefined);
    assert.equal(root.querySelectorAll('img').length, 0);
    assert.ok([...root.querySelectorAll('.id')].some((n) => n.textContent === '<img src=x onerror=alert(1)>'));

    const again = load();
    again.api.render(again.window.document, again.root, hostileMatrix(), '<img src=x onerror=alert(4)>', () => undefined);
    // The only SVG is the page's own owner bars.
    assert.equal(again.root.querySelectorAll('img, script, iframe, b, svg:not(.owner-bar)').length, 0);
    assert.equal(again.root.querySelector('caption')!.textContent, '<img src=x onerror=alert(4)>');
    assert.equal(again.root.querySelector('thead th.aspect')!.textContent, '<b id=short>x</b>');
    assert.equal(again.root.querySelectorAll('svg rect').length > 0, true, 'the owner bars are drawn');
    for (const node of again.root.querySelectorAll('svg, svg *')) assert.deepEqual(node.getAttributeNames().filter((n) => /^on|^style$|href/i.test(n)), []);
    assert.ok([...again.root.querySelectorAll('select.filter-service option')].some((o) => o.textContent === '<img src=x onerror=alert(2)>'));
    assert.match(again.root.querySelector('td.cell')!.getAttribute('title')!, /<img src=x onerror=alert\(3\)>$/);
    // The source never parses strings as markup.
    assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  test('filters hide rows, the summary follows, and filter state is reported', () => {
    const { window, api, root, messages } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', (m) => messages.push(m));
    assert.equal(view.summary.textContent, 'Yours: 11% of aspects, shared 56%, inherited from AWS 33%, across 3 resources; 2 gaps (1 error, 1 warning)');
    assert.deepEqual([...root.querySelectorAll('.overview .gap-counts span')].map((n) => [n.className, n.textContent]), [['gap-error', '1 error'], ['gap-warning', '1 warning']]);
    view.status.value = 'gap';
    view.status.dispatchEvent(new window.Event('change'));
    assert.deepEqual(hidden(view.rows), [false, true, false]);
    assert.match(view.summary.textContent!, /across 2 resources; 2 gaps \(1 error, 1 warning\)$/);
    view.status.value = '';
    view.owner.value = 'customer';
    view.owner.dispatchEvent(new window.Event('change'));
    assert.deepEqual(hidden(view.rows), [true, true, false]);
    assert.match(view.summary.textContent!, /^Yours: 33% of aspects.* across 1 resource; 1 gap \(1 error\)$/);
    assert.match(root.querySelector('.overview svg.owner-bar')!.getAttribute('aria-label')!, /^Yours 33%, shared 33%, inherited from AWS 33%$/);
    view.owner.value = '';
    view.search.value = 'sqs';
    view.search.dispatchEvent(new window.Event('input'));
    assert.deepEqual(hidden(view.rows), [true, false, true]);
    assert.deepEqual(plain(messages[messages.length - 1]), { type: 'state', filters: { text: 'sqs', owner: '', status: '', service: '', file: '' }, inheritedExpanded: false });
  });

  test('owner and status filters combine on the same cell; search reads notes; the file filter hides whole groups', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', () => undefined);
    const change = (select: HTMLSelectElement, value: string) => {
      select.value = value;
      select.dispatchEvent(new window.Event('change'));
    };
    change(view.owner, 'customer');
    change(view.status, 'met');
    assert.deepEqual(hidden(view.rows), [true, true, true], 'no customer-owned aspect is met');
    assert.equal(view.summary.textContent, 'No resources match the filters.');
    change(view.owner, '');
    change(view.status, '');
    view.search.value = '  VERSIONING  ';
    view.search.dispatchEvent(new window.Event('input'));
    assert.deepEqual(hidden(view.rows), [false, true, true]);
    view.search.value = '';
    view.search.dispatchEvent(new window.Event('input'));
    assert.deepEqual([...view.file.options].map((o) => [o.value, o.textContent]), [
      ['', 'Any file'],
      ['file:///w/a.yaml', '/w/a.yaml'],
      ['file:///w/b%20c/main.tf', '/w/b c/main.tf'],
    ]);
    change(view.file, 'file:///w/b%20c/main.tf');
    assert.deepEqual(hidden(view.rows), [true, true, false]);
    const bodies = [...view.table.tBodies];
    assert.deepEqual(bodies.map((b) => b.hidden), [true, false]);
    change(view.service, 'Amazon S3');
    assert.deepEqual(hidden(view.rows), [true, true, true]);
    assert.deepEqual(bodies.map((b) => b.hidden), [true, true]);
  });

  test('restores saved filters, ignoring values that no longer exist', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', () => undefined, { filters: { service: 'Amazon RDS' } });
    assert.deepEqual(hidden(view.rows), [true, true, false]);
    assert.equal(view.service.value, 'Amazon RDS');
    const other = load();
    const gone = other.api.render(other.window.document, other.root, sampleMatrix(), 't', () => undefined, { filters: { service: 'Amazon Nothing', status: 7 } });
    assert.equal(gone.service.value, '');
    assert.equal(gone.status.value, '');
    assert.deepEqual(hidden(gone.rows), [false, false, false]);
  });

  test('keyboard: arrows move the focus between cells, Enter reveals the resource', () => {
    const { window, api, root, messages } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', (m) => messages.push(m));
    const start = view.table.querySelector('th.resource-name') as HTMLElement;
    assert.equal(start.tabIndex, 0);
    assert.equal(view.table.querySelectorAll('[tabindex="0"]').length, 1);
    start.focus();
    const key = keyOn(window);
    key('ArrowRight');
    assert.deepEqual(active(window), { row: '0', col: '0' });
    assert.equal(view.table.querySelectorAll('[tabindex="0"]').length, 1, 'one tab stop (roving tabindex)');
    key('ArrowDown');
    assert.deepEqual(active(window), { row: '1', col: '0' });
    key('Enter');
    assert.deepEqual(ofType(messages, 'reveal'), [{ type: 'reveal', uri: 'file:///w/a.yaml', range: sampleMatrix().rows[1].range }]);
  });

  test('keyboard: edges clamp, Home/End and Ctrl+Home/End jump, hidden rows are skipped', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', () => undefined);
    (view.table.querySelector('th.resource-name') as HTMLElement).focus();
    const key = keyOn(window);
    key('ArrowUp');
    key('ArrowLeft');
    assert.deepEqual(active(window), { row: '0', col: undefined });
    key('End');
    assert.deepEqual(active(window), { row: '0', col: '2' });
    key('ArrowRight');
    assert.deepEqual(active(window), { row: '0', col: '2' });
    key('End', { ctrlKey: true });
    assert.deepEqual(active(window), { row: '2', col: '2' });
    key('Home', { ctrlKey: true });
    assert.deepEqual(active(window), { row: '0', col: undefined });
    // Hide the middle row: Down goes from the first straight to the last.
    view.search.value = 'a';
    view.status.value = 'gap';
    view.status.dispatchEvent(new window.Event('change'));
    assert.deepEqual(hidden(view.rows), [false, true, false]);
    (view.rows[0].firstChild as HTMLElement).focus();
    key('ArrowDown');
    assert.deepEqual(active(window), { row: '2', col: undefined });
    key('PageUp');
    assert.deepEqual(active(window), { row: '0', col: undefined });
  });

  test('when the focused row is filtered away, the tab stop moves to a visible row', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', () => undefined);
    assert.equal(view.rows[0].firstElementChild!.getAttribute('tabindex'), '0');
    view.service.value = 'Amazon RDS';
    view.service.dispatchEvent(new window.Event('change'));
    const stops = [...view.table.querySelectorAll('[tabindex="0"]')];
    assert.equal(stops.length, 1);
    assert.equal((stops[0].parentElement as HTMLElement).dataset.row, '2');
  });

  test('Enter on a cell with evidence reveals the evidence; clicks reveal too', () => {
    const { window, api, root, messages } = load();
    const data = sampleMatrix();
    const evidence = { message: 'VersioningConfiguration is missing', uri: 'file:///w/a.yaml', range: { start: { line: 5, character: 4 }, end: { line: 5, character: 20 } } };
    data.cells[0][1].evidence.push(evidence);
    const view = api.render(window.document, root, data, 't', (m) => messages.push(m));
    const cell = view.rows[0].children[2] as HTMLElement;
    cell.tabIndex = -1;
    cell.focus();
    keyOn(window)('Enter');
    (view.rows[2].children[1] as HTMLElement).querySelector('.badge')!.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    assert.deepEqual(ofType(messages, 'reveal'), [
      { type: 'reveal', uri: evidence.uri, range: evidence.range },
      { type: 'reveal', uri: 'file:///w/b%20c/main.tf', range: data.rows[2].range },
    ]);
    assert.deepEqual(active(window), { row: '2', col: '0' }, 'a click moves the tab stop');
  });

  test('export buttons ask the extension for a file', () => {
    const { window, api, root, messages } = load();
    api.render(window.document, root, sampleMatrix(), 't', (m) => messages.push(m));
    const buttons = [...root.querySelectorAll('button.export')] as HTMLButtonElement[];
    assert.deepEqual(buttons.map((b) => [b.textContent, b.type]), [['Export CSV', 'button'], ['Export Markdown', 'button'], ['Export HTML', 'button']]);
    for (const b of buttons) b.click();
    assert.deepEqual(ofType(messages, 'export'), [
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'markdown' },
      { type: 'export', format: 'html' },
    ]);
  });

  test('malformed data shows a message instead of throwing; no resources says so', () => {
    const { window, api, root } = load();
    for (const bad of [undefined, null, {}, { aspects: [], rows: [{}], cells: [] }, { aspects: [{}], rows: [], cells: 'x' }]) {
      assert.equal(api.render(window.document, root, bad, 't', () => undefined), undefined);
      assert.equal(root.textContent, 'The matrix data could not be read.');
    }
    api.render(window.document, root, { aspects: sampleMatrix().aspects, rows: [], cells: [] }, 't', () => undefined);
    assert.equal(root.querySelector('table'), null);
    assert.match(root.querySelector('.empty-state')!.textContent!, /No AWS resources here yet\.Open a CloudFormation template .* or a Terraform file .*Show Responsibility Matrix/);
  });

  test('2,000 resources: one row each, filtering toggles hidden on the same rows (timings are indicative)', (t) => {
    const { window, api, root } = load();
    const base = sampleMatrix();
    const aspects = Array.from({ length: 16 }, (_v, j) => ({ ...base.aspects[j % 3], id: `a${j}` }));
    const data: MatrixResult = { aspects, rows: [], cells: [] };
    for (let i = 0; i < 2000; i++) {
      data.rows.push({ ...base.rows[i % 3], resourceId: `R${i}`, uri: `file:///w/f${i % 40}.yaml` });
      data.cells.push(aspects.map((_a, j) => base.cells[i % 3][j % 3]));
    }
    let started = performance.now();
    const view = api.render(window.document, root, data, 't', () => undefined);
    const renderMs = performance.now() - started;
    assert.equal(view.rows.length, 2000);
    // Aspects 2, 5, 8, 11, 14 are AWS's in every row: folded into one column (11 shared columns + 1).
    assert.equal(root.querySelectorAll('td.cell').length, 2000 * 12);
    assert.equal(view.table.tBodies.length, 40, 'one group per file, even when the rows interleave files');
    const before = view.rows.slice();
    started = performance.now();
    view.status.value = 'gap';
    view.status.dispatchEvent(new window.Event('change'));
    view.search.value = 'r19';
    view.search.dispatchEvent(new window.Event('input'));
    const filterMs = performance.now() - started;
    assert.deepEqual(
      Array.from(view.rows, (r, i) => (r.hidden ? -1 : i)).filter((i) => i >= 0),
      [19, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 1900, 1901, 1902, 1903, 1904, 1905, 1906, 1907, 1908, 1909, 1910, 1911, 1912, 1913, 1914, 1915, 1916, 1917, 1918, 1919, 1920, 1921, 1922, 1923, 1924, 1925, 1926, 1927, 1928, 1929, 1930, 1931, 1932, 1933, 1934, 1935, 1936, 1937, 1938, 1939, 1940, 1941, 1942, 1943, 1944, 1945, 1946, 1947, 1948, 1949, 1950, 1951, 1952, 1953, 1954, 1955, 1956, 1957, 1958, 1959, 1960, 1961, 1962, 1963, 1964, 1965, 1966, 1967, 1968, 1969, 1970, 1971, 1972, 1973, 1974, 1975, 1976, 1977, 1978, 1979, 1980, 1981, 1982, 1983, 1984, 1985, 1986, 1987, 1988, 1989, 1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999].filter(
        (i) => i % 3 !== 1,
      ),
    );
    assert.ok(view.rows.every((r, i) => r === before[i] && r.isConnected), 'rows are not rebuilt by filtering');
    t.diagnostic(`jsdom, 2,000 resources × 16 aspects: render ${renderMs.toFixed(0)} ms, two filter passes ${filterMs.toFixed(0)} ms (indicative only)`);
  });
});

describe('matrix webview page wiring (acquireVsCodeApi)', () => {
  test('asks for data when loaded, renders only matrix messages, persists scope and filters', () => {
    const { window, vscode, send } = loadPage();
    assert.deepEqual(vscode.posted, [{ type: 'ready' }]);
    send({ type: 'something-else', data: sampleMatrix() });
    send('matrix');
    assert.equal(window.document.querySelector('table'), null);
    assert.equal(window.document.getElementById('app')!.textContent, 'Loading…');
    const scope = { scope: 'document', uri: 'file:///w/a.yaml' };
    send({ type: 'matrix', data: sampleMatrix(), title: 'Matrix of a.yaml', scope });
    assert.equal(window.document.querySelector('caption')!.textContent, 'Matrix of a.yaml');
    assert.deepEqual(vscode.state, { scope, filters: { text: '', owner: '', status: '', service: '', file: '' }, inheritedExpanded: false });
    const status = window.document.querySelector('select.filter-status') as HTMLSelectElement;
    status.value = 'gap';
    status.dispatchEvent(new window.Event('change'));
    assert.deepEqual(vscode.state, { scope, filters: { text: '', owner: '', status: 'gap', service: '', file: '' }, inheritedExpanded: false });
    assert.equal(ofType(vscode.posted, 'state').length, 0, 'filter state stays in the webview');
    (window.document.querySelector('button.export') as HTMLButtonElement).click();
    (window.document.querySelector('th.resource-name') as HTMLElement).focus();
    keyOn(window)('Enter');
    assert.deepEqual(vscode.posted.slice(1), [
      { type: 'export', format: 'csv' },
      { type: 'reveal', uri: 'file:///w/a.yaml', range: sampleMatrix().rows[0].range },
    ]);
  });

  test('after a reload the saved scope goes with ready and the saved filters come back', () => {
    const scope = { scope: 'folder', uri: 'file:///w' };
    const { window, vscode, send } = loadPage({ scope, filters: { text: 'rds', owner: '', status: '', service: '', file: '' } });
    assert.deepEqual(vscode.posted, [{ type: 'ready', scope }]);
    send({ type: 'matrix', data: sampleMatrix(), title: 't' });
    assert.equal((window.document.querySelector('input.search') as HTMLInputElement).value, 'rds');
    assert.deepEqual(
      [...window.document.querySelectorAll('tr.resource')].map((r) => (r as HTMLElement).hidden),
      [true, true, false],
    );
  });

  test('a live refresh keeps the filters and the focused cell', () => {
    const { window, send } = loadPage();
    send({ type: 'matrix', data: sampleMatrix(), title: 't' });
    const search = window.document.querySelector('input.search') as HTMLInputElement;
    search.value = 'aws_db';
    search.dispatchEvent(new window.Event('input'));
    const cell = window.document.querySelectorAll('tr.resource')[2].children[3] as HTMLElement;
    cell.tabIndex = -1;
    cell.focus();
    // The refreshed data has one more resource in front: the focus follows the resource, not the index.
    const next = sampleMatrix();
    next.rows.unshift({ ...next.rows[0], resourceId: 'NewBucket' });
    next.cells.unshift(next.cells[0]);
    send({ type: 'matrix', data: next, title: 't' });
    assert.equal((window.document.querySelector('input.search') as HTMLInputElement).value, 'aws_db');
    assert.deepEqual(active(window), { row: '3', col: '2' });
    assert.equal(window.document.querySelectorAll('[tabindex="0"]').length, 1);
  });
});

describe('matrix stylesheet', () => {
  test('theme-aware: colours come only from VS Code theme variables', () => {
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(withoutComments, /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i);
    const vars = [...withoutComments.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]);
    assert.ok(vars.length > 10);
    for (const v of vars) assert.match(v, /^--vscode-/);
    for (const line of withoutComments.split('\n')) {
      const decl = /^\s*(color|background(?:-color)?|border(?:-color)?|outline)\s*:\s*(.+);/.exec(line);
      if (decl) assert.match(decl[2], /var\(--vscode-|currentColor|none|^\d+px (solid|dashed) currentColor$/, line);
    }
  });
});

/** Rows of one Terraform file: a bucket with two companions, an instance whose OS is the customer's. */
function workspaceMatrix(): MatrixResult {
  const data = sampleMatrix();
  const aspects = [
    ...data.aspects,
    { id: 'operating-system', title: 'Operating system', short: 'OS' },
    { id: 'hardware-infrastructure', title: 'Hardware and global infrastructure', short: 'Hardware' },
  ];
  const base = { type: 'aws_s3_bucket', service: 's3', serviceName: 'Amazon S3', model: 'abstract', gaps: { error: 0, warning: 0, info: 0 } };
  const range = (line: number) => ({ start: { line, character: 0 }, end: { line: line + 2, character: 1 } });
  const uri = 'file:///work/repo/infra/main.tf';
  const cell = (owner: 'aws' | 'shared' | 'customer', status: MatrixResult['cells'][number][number]['status']) => ({
    owner,
    category: ({ aws: 'inherited', shared: 'shared', customer: 'customer-specific' } as const)[owner],
    status,
    findings: [],
    evidence: [],
  });
  return {
    aspects,
    rows: [
      { ...base, uri, resourceId: 'aws_s3_bucket.logs', range: range(0), gaps: { error: 0, warning: 1, info: 1 } },
      { ...base, uri, resourceId: 'aws_s3_bucket_versioning.logs', type: 'aws_s3_bucket_versioning', range: range(4), parent: 'aws_s3_bucket.logs' },
      { ...base, uri, resourceId: 'aws_s3_bucket_policy.logs', type: 'aws_s3_bucket_policy', range: range(9), parent: 'aws_s3_bucket.logs' },
      { ...base, uri, resourceId: 'aws_instance.web', type: 'aws_instance', service: 'ec2', serviceName: 'Amazon EC2', model: 'infrastructure', range: range(14), gaps: { error: 1, warning: 0, info: 0 } },
    ],
    cells: [
      [cell('shared', 'aws-default'), cell('shared', 'gap'), cell('aws', 'not-applicable'), cell('aws', 'not-applicable'), cell('aws', 'not-applicable')],
      [cell('shared', 'not-checked'), cell('shared', 'met'), cell('aws', 'not-applicable'), cell('aws', 'not-applicable'), cell('aws', 'not-applicable')],
      [cell('shared', 'not-checked'), cell('shared', 'not-checked'), cell('aws', 'not-applicable'), cell('aws', 'not-applicable'), cell('aws', 'not-applicable')],
      [cell('customer', 'gap'), cell('shared', 'met'), cell('aws', 'not-applicable'), cell('customer', 'outside-template'), cell('aws', 'not-applicable')],
    ],
  };
}

/** jsdom with the page's stylesheet applied, so computed styles come from matrix.css. */
function loadStyled(): { window: JSDOM['window']; api: MatrixApi; root: HTMLElement } {
  const dom = new JSDOM(`<!DOCTYPE html><html><head><style>${css}</style></head><body><main id="app"></main></body></html>`, { runScripts: 'outside-only' });
  dom.window.eval(source);
  return { window: dom.window, api: (dom.window as unknown as { SrmLensMatrix: MatrixApi }).SrmLensMatrix, root: dom.window.document.getElementById('app')! };
}

describe('matrix webview layout: categories, companions, paths, header, narrow panel', () => {
  const roots = ['file:///work/repo'];

  test('columns grouped by category, the customer\'s first; inherited folded into one column until expanded', () => {
    const { window, api, root, messages } = load();
    const data = workspaceMatrix();
    api.render(window.document, root, data, 't', (m) => messages.push(m), {}, { roots });
    const heads = () => [...root.querySelectorAll('thead tr.aspects th')].map((th) => [th.textContent, th.getAttribute('data-category')]);
    // OS is AWS's in most rows but the customer's on the instance: it joins "Yours", since folding it would hide one of yours.
    const groups = [...root.querySelectorAll('thead th.group')].map((th) => th.getAttribute('data-category'));
    assert.deepEqual(groups, ['customer-specific', 'shared', 'inherited']);
    assert.deepEqual(heads(), [
      ['OS', 'customer-specific'],
      ['At rest', 'shared'],
      ['Resilience', 'shared'],
      ['AWS ×2', 'inherited'],
    ]);
    const toggle = root.querySelector('button.toggle-inherited') as HTMLButtonElement;
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(toggle.textContent, 'Show 2');
    toggle.click();
    assert.deepEqual(heads(), [
      ['OS', 'customer-specific'],
      ['At rest', 'shared'],
      ['Resilience', 'shared'],
      ['Physical', 'inherited'],
      ['Hardware', 'inherited'],
    ]);
    const again = root.querySelector('button.toggle-inherited') as HTMLButtonElement;
    assert.equal(again.getAttribute('aria-expanded'), 'true');
    assert.equal(window.document.activeElement, again, 'focus stays on the toggle');
    assert.equal(ofType(messages, 'state').pop().inheritedExpanded, true);
    // Every cell of a folded column is AWS's: folding hides no customer or shared cell.
    const groupsOf = api.columnGroups(data);
    for (const j of groupsOf.inherited) for (const row of data.cells) assert.equal(row[j].category, 'inherited');
  });

  test('companions are nested right under the resource they configure, and searchable by it', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, workspaceMatrix(), 't', () => undefined, {}, { roots });
    const rows = [...root.querySelectorAll('tr.resource')] as HTMLElement[];
    assert.deepEqual(rows.map((r) => [r.querySelector('.id')!.textContent, r.classList.contains('companion'), r.dataset.parent ?? '']), [
      ['aws_s3_bucket.logs', false, ''],
      ['aws_s3_bucket_versioning.logs', true, 'aws_s3_bucket.logs'],
      ['aws_s3_bucket_policy.logs', true, 'aws_s3_bucket.logs'],
      ['aws_instance.web', false, ''],
    ]);
    assert.match(rows[1].querySelector('th')!.getAttribute('title')!, /, configures aws_s3_bucket\.logs\. Enter opens it\.$/);
    assert.match(css, /tr\.companion th\.resource-name \{[^}]*padding-left/);
    view.search.value = 'aws_s3_bucket.logs';
    view.search.dispatchEvent(new window.Event('input'));
    assert.deepEqual(hidden(view.rows), [false, false, false, true]);
  });

  test('paths are relative to the workspace folder (with the folder name when there are several)', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, workspaceMatrix(), 't', () => undefined, {}, { roots });
    assert.deepEqual([...root.querySelectorAll('th.file-name .path')].map((n) => n.textContent), ['infra/main.tf']);
    assert.deepEqual([...view.file.options].map((o) => o.textContent), ['Any file', 'infra/main.tf']);
    assert.equal(api.relativePath('file:///work/repo/a%20b/t.yaml', ['file:///work/repo/']), 'a b/t.yaml');
    assert.equal(api.relativePath('file:///work/other/t.yaml', ['file:///work/repo', 'file:///work/other']), 'other/t.yaml');
    assert.equal(api.relativePath('file:///elsewhere/t.yaml', ['file:///work/repo']), '/elsewhere/t.yaml');
    assert.equal(api.relativePath('file:///work/repository/t.yaml', ['file:///work/repo']), '/work/repository/t.yaml', 'a folder name prefix is not a parent');
    // The page gets the roots with the data.
    const page = loadPage();
    page.send({ type: 'matrix', data: workspaceMatrix(), title: 't', roots });
    assert.equal(page.window.document.querySelector('th.file-name .path')!.textContent, 'infra/main.tf');
    assert.equal(page.window.document.querySelector('th.file-name')!.getAttribute('title'), '/work/repo/infra/main.tf');
  });

  test('each file and the workspace get a picture: a stacked owner bar (SVG attributes only) and gaps by severity', () => {
    const { window, api, root } = load();
    api.render(window.document, root, workspaceMatrix(), 't', () => undefined, {}, { roots });
    const fileBar = root.querySelector('th.file-name svg.owner-bar')!;
    assert.equal(fileBar.getAttribute('role'), 'img');
    assert.equal(fileBar.getAttribute('aria-label'), 'Yours 10%, shared 35%, inherited from AWS 55%');
    const rects = [...fileBar.querySelectorAll('rect')].map((r) => [r.getAttribute('class'), r.getAttribute('x'), r.getAttribute('width')]);
    assert.deepEqual(rects, [['fill-customer', '0.00', '10.00'], ['fill-shared', '10.00', '35.00'], ['fill-aws', '45.00', '55.00']]);
    assert.deepEqual([...root.querySelectorAll('th.file-name .gap-counts span')].map((n) => n.textContent), ['1 error', '1 warning', '1 info']);
    assert.equal(root.querySelectorAll('[style]').length, 0, 'no inline style: the CSP allows only the stylesheet');
  });

  test('the header needs no offset: the toolbar scrolls away above a table box that scrolls on its own, even on two lines', () => {
    const { window, api, root } = loadStyled();
    api.render(window.document, root, workspaceMatrix(), 't', () => undefined, {}, { roots });
    const toolbar = root.querySelector('header.toolbar') as HTMLElement;
    // Two lines of toolbar: whatever its height, nothing below reads it.
    toolbar.appendChild(window.document.createElement('br'));
    const wrap = root.querySelector('.table-wrap') as HTMLElement;
    const style = (node: Element) => window.getComputedStyle(node);
    assert.ok(!['sticky', 'fixed', 'absolute'].includes(style(toolbar).position), 'the toolbar is in the flow, never over the table');
    assert.ok(!wrap.contains(toolbar), 'the toolbar is outside the scrolling box');
    assert.equal(style(wrap).overflow, 'auto');
    assert.equal(style(root).display, 'flex');
    assert.equal(style(root).flexDirection, 'column');
    const thead = root.querySelector('thead')!;
    assert.equal(style(thead).position, 'sticky');
    assert.equal(style(thead).top, '0px');
    assert.ok(wrap.contains(thead));
    // No other offset anywhere in the stylesheet: a fixed `top` would assume a toolbar height.
    const tops = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(?<![-\w])top:\s*([^;]+);/g)].map((m) => m[1]);
    assert.deepEqual(tops, ['0']);
  });

  test('at 600 px: row headers stay frozen at the left, the customer\'s columns come first, inherited ones folded', () => {
    const { window, api, root } = loadStyled();
    (window as unknown as { innerWidth: number }).innerWidth = 600;
    api.render(window.document, root, workspaceMatrix(), 't', () => undefined, {}, { roots });
    const style = (node: Element) => window.getComputedStyle(node);
    for (const selector of ['th.corner', 'th.resource-name']) {
      const node = root.querySelector(selector)!;
      assert.equal(style(node).position, 'sticky', selector);
      assert.equal(style(node).left, '0px', selector);
    }
    assert.equal(style(root.querySelector('.file-head')!).position, 'sticky');
    const firstDataColumn = root.querySelector('tr.resource td.cell')!;
    assert.equal(root.querySelector('thead tr.aspects th')!.getAttribute('data-category'), 'customer-specific');
    assert.match(firstDataColumn.getAttribute('aria-label')!, /^Operating system: /);
    // Folded: 4 aspect columns for 5 aspects; the row header plus four narrow columns fit the panel.
    assert.equal(root.querySelectorAll('tr.resource')[0].children.length, 5);
    assert.match(css, /td\.cell \{[^}]*min-width: 4\.5em/);
    assert.match(css, /th\.resource-name \{[^}]*max-width: 16em/);
  });

  test('the inherited group\'s state survives a reload with the filters', () => {
    const { window, vscode, send } = loadPage({ scope: { scope: 'workspace' }, inheritedExpanded: true });
    send({ type: 'matrix', data: workspaceMatrix(), title: 't', roots });
    assert.equal(window.document.querySelector('button.toggle-inherited')!.getAttribute('aria-expanded'), 'true');
    assert.equal((vscode.state as { inheritedExpanded: boolean }).inheritedExpanded, true);
  });

  test('an aspect a type does not bear shows no owner, counts for nobody and never keeps a column out of the fold', () => {
    const { window, api, root } = load();
    const data = workspaceMatrix();
    // The instance does not bear "At rest" in this made-up case; the bucket rows do.
    data.cells[3][0] = { ...data.cells[3][0], applies: false, status: 'not-applicable' };
    // Nobody bears "Hardware" but the inherited rows: it stays folded.
    data.cells[3][4] = { ...data.cells[3][4], applies: false };
    const view = api.render(window.document, root, data, 't', () => undefined, {}, { roots });
    const cell = view.rows[3].querySelector('td.cell.by-none')!;
    assert.equal(cell.querySelector('.badge')!.textContent, '—');
    assert.equal(cell.getAttribute('aria-label'), 'Server-side encryption (at rest): not borne by this type');
    assert.equal(view.rows[3].querySelector('td.collapsed')!.getAttribute('aria-label'), 'Inherited from AWS: Physical and environmental security; not borne by this type: Hardware and global infrastructure');
    // 20 cells, 2 not borne: 18 counted.
    assert.equal(root.querySelector('.overview svg.owner-bar')!.getAttribute('aria-label'), 'Yours 6%, shared 39%, inherited from AWS 56%');
    view.owner.value = 'customer';
    view.owner.dispatchEvent(new window.Event('change'));
    assert.deepEqual(hidden(view.rows), [true, true, true, false], 'the instance still has a customer cell (OS)');
  });

  test('the MatrixColumns of the exports group exactly as the page does', async () => {
    const { columnGroups } = await import('../../client/src/matrixColumns');
    const { api } = load();
    const partly = workspaceMatrix();
    partly.cells[3][0] = { ...partly.cells[3][0], applies: false };
    partly.cells[3][3] = { ...partly.cells[3][3], applies: false };
    for (const data of [sampleMatrix(), workspaceMatrix(), hostileMatrix(), partly]) assert.deepEqual(plain(api.columnGroups(data)), columnGroups(data));
  });
});
