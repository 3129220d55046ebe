import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { JSDOM } from 'jsdom';
import type { MatrixResult } from '../../server/src/protocol/matrix';
import { repoRoot } from '../helpers';
import { sampleMatrix } from '../matrixFixture';

interface MatrixApi {
  render(doc: Document, root: HTMLElement, data: MatrixResult, title: string, post: (m: unknown) => void, state?: unknown): {
    apply(): boolean[];
    rows: HTMLTableRowElement[];
    table: HTMLTableElement;
    search: HTMLInputElement;
    owner: HTMLSelectElement;
    status: HTMLSelectElement;
    service: HTMLSelectElement;
    summary: HTMLElement;
  };
}

/** Objects made inside the jsdom window have its prototypes; compare their data. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const hidden = (rows: HTMLTableRowElement[]) => Array.from(rows, (r) => r.hidden);

/** Loads client/media/matrix.js into a fresh jsdom window, as the webview would. */
function load(): { window: JSDOM['window']; api: MatrixApi; root: HTMLElement; messages: unknown[] } {
  const dom = new JSDOM('<!DOCTYPE html><main id="app"></main>', { runScripts: 'outside-only' });
  dom.window.eval(readFileSync(join(repoRoot, 'client/media/matrix.js'), 'utf8'));
  const api = (dom.window as unknown as { SrmLensMatrix: MatrixApi }).SrmLensMatrix;
  return { window: dom.window, api, root: dom.window.document.getElementById('app')!, messages: [] };
}

describe('matrix webview rendering', () => {
  test('a real table: caption, column headers with scope, row headers, grouped by file', () => {
    const { window, api, root, messages } = load();
    api.render(window.document, root, sampleMatrix(), 'Matrix of a.yaml', (m) => messages.push(m));
    const table = root.querySelector('table')!;
    assert.equal(table.querySelector('caption')!.textContent, 'Matrix of a.yaml');
    const cols = [...table.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')]);
    assert.deepEqual(cols, [['Resource', 'col'], ['At rest', 'col'], ['Resilience', 'col'], ['Physical', 'col']]);
    assert.equal(table.querySelectorAll('tbody').length, 2);
    assert.deepEqual([...table.querySelectorAll('th.file-name')].map((th) => th.textContent), ['/w/a.yaml', '/w/b c/main.tf']);
    assert.equal(table.querySelectorAll('th[scope="row"]').length, 3);
    const first = table.querySelector('td.cell')!;
    assert.equal(first.querySelector('.badge')!.textContent, 'Shared');
    assert.match(first.querySelector('.status')!.textContent!, /AWS default/);
    assert.match(first.getAttribute('title')!, /SSE-S3 since 2023-01-05/);
  });

  test('template text is inserted as text: no element is created from a resource id', () => {
    const { window, api, root } = load();
    api.render(window.document, root, sampleMatrix(), 't', () => undefined);
    assert.equal(root.querySelectorAll('img').length, 0);
    assert.ok([...root.querySelectorAll('.id')].some((n) => n.textContent === '<img src=x onerror=alert(1)>'));
  });

  test('filters hide rows, the summary follows, and filter state is reported', () => {
    const { window, api, root, messages } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', (m) => messages.push(m));
    assert.match(view.summary.textContent!, /across 3 resources; 2 gaps$/);
    view.status.value = 'gap';
    view.status.dispatchEvent(new window.Event('change'));
    assert.deepEqual(hidden(view.rows), [false, true, false]);
    assert.match(view.summary.textContent!, /across 2 resources; 2 gaps$/);
    view.status.value = '';
    view.owner.value = 'customer';
    view.owner.dispatchEvent(new window.Event('change'));
    assert.deepEqual(hidden(view.rows), [true, true, false]);
    view.owner.value = '';
    view.search.value = 'sqs';
    view.search.dispatchEvent(new window.Event('input'));
    assert.deepEqual(hidden(view.rows), [true, false, true]);
    assert.deepEqual(plain(messages[messages.length - 1]), { type: 'state', filters: { text: 'sqs', owner: '', status: '', service: '', file: '' } });
  });

  test('restores saved filters', () => {
    const { window, api, root } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', () => undefined, { filters: { service: 'Amazon RDS' } });
    assert.deepEqual(hidden(view.rows), [true, true, false]);
  });

  test('keyboard: arrows move the focus between cells, Enter reveals the resource', () => {
    const { window, api, root, messages } = load();
    const view = api.render(window.document, root, sampleMatrix(), 't', (m) => messages.push(m));
    const start = view.table.querySelector('th.resource-name') as HTMLElement;
    assert.equal(start.tabIndex, 0);
    start.focus();
    const key = (k: string) => window.document.activeElement!.dispatchEvent(new window.KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowRight');
    assert.equal((window.document.activeElement as HTMLElement).dataset.col, '0');
    key('ArrowDown');
    assert.equal((window.document.activeElement as HTMLElement).dataset.row, '1');
    key('Enter');
    assert.deepEqual(plain(messages.filter((m) => (m as { type: string }).type === 'reveal')), [{ type: 'reveal', uri: 'file:///w/a.yaml', range: sampleMatrix().rows[1].range }]);
  });

  test('export buttons ask the extension for a file', () => {
    const { window, api, root, messages } = load();
    api.render(window.document, root, sampleMatrix(), 't', (m) => messages.push(m));
    for (const b of root.querySelectorAll('button.export')) (b as HTMLButtonElement).click();
    assert.deepEqual(plain(messages.filter((m) => (m as { type: string }).type === 'export')), [
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'markdown' },
      { type: 'export', format: 'html' },
    ]);
  });

  test('2,000 resources render with one row each', () => {
    const { window, api, root } = load();
    const base = sampleMatrix();
    const data: MatrixResult = { aspects: base.aspects, rows: [], cells: [] };
    for (let i = 0; i < 2000; i++) {
      data.rows.push({ ...base.rows[i % 3], resourceId: `R${i}`, uri: `file:///w/f${i % 40}.yaml` });
      data.cells.push(base.cells[i % 3]);
    }
    const view = api.render(window.document, root, data, 't', () => undefined);
    assert.equal(view.rows.length, 2000);
    assert.equal(root.querySelectorAll('td.cell').length, 6000);
  });
});
