// Renders the responsibility matrix page (client/media/matrix.js and
// matrix.css) on the examples in headless Chromium, outside VS Code, with a
// dark theme's variables: screenshots for the docs, and a measurement of the
// sticky header under a one-line and a two-line toolbar. Not a test: the real
// editor is driven by the VS Code suites.
//
//   node scripts/renderMatrixPage.mjs [--out docs/images] [--name matrix] [--width 600] [--media client/media]
//
// Needs the compiled engine (`tsc -b`), playwright-core and a Chromium
// (`CHROMIUM=/path`, default /usr/bin/chromium).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const out = resolve(arg('out', join(root, 'docs/images')));
const width = Number(arg('width', '600'));
const media = resolve(arg('media', join(root, 'client/media')));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}; set CHROMIUM to its path.`);
  process.exit(1);
}

const { LanguageService } = require(join(root, 'out/server/src/languageService.js'));
const { initTerraformParser } = require(join(root, 'out/server/src/parse/index.js'));
const { diskHost } = require(join(root, 'out/server/src/workspace/workspaceHost.js'));
await initTerraformParser();
const service = new LanguageService(diskHost);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) walk(path);
    else if (/\.(ya?ml|json|tf)$/.test(name.name)) files.push(path);
  }
};
walk(join(root, 'examples'));
for (const f of files) service.openDocument(pathToFileURL(f).href, 1, readFileSync(f, 'utf8'));
const data = service.matrix({ scope: 'workspace' }, () => files.map((f) => pathToFileURL(f).href));
const roots = [pathToFileURL(join(root, 'examples')).href];

// VS Code's Dark Modern values for the variables the page reads.
const theme = `:root {
  --vscode-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
  --vscode-input-foreground: #cccccc; --vscode-input-background: #313131; --vscode-input-border: #3c3c3c;
  --vscode-button-secondaryForeground: #cccccc; --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-focusBorder: #0078d4; --vscode-descriptionForeground: #9d9d9d; --vscode-editorWidget-border: #454545; --vscode-editorWidget-background: #202020;
  --vscode-panel-border: #2b2b2b; --vscode-sideBarSectionHeader-background: #181818; --vscode-list-hoverBackground: #2a2d2e;
  --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-blue: #3794ff; --vscode-charts-green: #89d185;
  --vscode-errorForeground: #f85149; --vscode-editorWarning-foreground: #cca700; --vscode-editorInfo-foreground: #3794ff; --vscode-testing-iconPassed: #73c991;
}`;
const page = (toolbarLines) => `<!DOCTYPE html><html><head><meta charset="utf-8">
<style>${theme}</style><link rel="stylesheet" href="${pathToFileURL(join(media, 'matrix.css')).href}">
${toolbarLines > 1 ? '<style>.toolbar input { flex-basis: 100% !important; min-width: 90% !important; }</style>' : ''}
</head><body><main id="app"></main>
<script>window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return {}; }, setState() {} });</script>
<script src="${pathToFileURL(join(media, 'matrix.js')).href}"></script>
<script>window.postMessage({ type: 'matrix', data: ${JSON.stringify(data)}, title: 'Responsibility matrix — examples', roots: ${JSON.stringify(roots)} }, '*');</script>
</body></html>`;

const { chromium: browserType } = require('playwright-core');
const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
mkdirSync(out, { recursive: true });
const results = [];
for (const lines of [1, 2]) {
  const html = join(tmpdir(), `srm-lens-matrix-${process.pid}-${lines}.html`);
  writeFileSync(html, page(lines));
  const tab = await browser.newPage({ viewport: { width, height: 640 }, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(html).href);
  await tab.waitForSelector('table.matrix');
  const measure = () =>
    tab.evaluate(() => {
      // An older page scrolls the whole document rather than a table box.
      const wrap = document.querySelector('.table-wrap') ?? document.scrollingElement;
      const head = document.querySelector('thead th.aspect').getBoundingClientRect();
      const box = wrap === document.scrollingElement ? { top: 0, left: 0 } : wrap.getBoundingClientRect();
      const toolbar = document.querySelector('.toolbar').getBoundingClientRect();
      const firstRow = document.querySelector('tr.resource:not([hidden])');
      const rowHead = firstRow.querySelector('th').getBoundingClientRect();
      // Whatever is drawn where the header's first cell is: the header itself when it sticks correctly.
      const x = Math.round(head.left + head.width / 2);
      const y = Math.round(head.top + 4);
      const atHeader = document.elementFromPoint(x, y);
      return {
        toolbarHeight: Math.round(toolbar.height),
        headerTopMinusBoxTop: Math.round(head.top - box.top),
        headerCovered: !!atHeader && !atHeader.closest('thead'),
        rowHeaderLeftMinusBoxLeft: Math.round(rowHead.left - box.left),
        scrollTop: wrap.scrollTop,
        scrollLeft: wrap.scrollLeft,
        columns: document.querySelectorAll('thead th.aspect').length,
      };
    });
  const before = await measure();
  if (lines === 1) await tab.screenshot({ path: join(out, `${arg('name', 'matrix')}.png`) });
  await tab.evaluate(() => {
    const wrap = document.querySelector('.table-wrap') ?? document.scrollingElement;
    wrap.scrollTop = 260;
    wrap.scrollLeft = 200;
  });
  const after = await measure();
  await tab.screenshot({ path: join(out, `${arg('name', 'matrix')}-scrolled-${lines}-line-toolbar.png`) });
  results.push({ toolbarLines: lines, before, afterScroll: after });
  await tab.close();
}
await browser.close();
console.log(JSON.stringify({ width, resources: data.rows.length, results }, null, 2));
