import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { ROOT, launchChromium, startCodeServer, type CodeServer } from '../codeServer/codeServer';

/** Figures the UI tests read off the editor; the driver prints them. */
export const measurements: Record<string, number | string> = {};

export const VSIX = join(ROOT, 'srm-lens.vsix');
/** Where screenshots go: docs/images/e2e when refreshing the documentation, else a scratch folder. */
export const SCREENSHOTS = process.env.SRM_LENS_SCREENSHOTS ?? join(ROOT, '.vscode-test', 'screenshots');
export const WAIT_MS = 60_000;

/** code-server with the packaged .vsix installed, a copy of the templates workspace, one Chromium page at 1280×800. */
export class Session {
  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    readonly workspace: string,
  ) {}

  static async start(): Promise<Session> {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
    const workspace = join(mkdtempSync(join(tmpdir(), 'srm-lens-e2e-')), 'templates');
    cpSync(join(ROOT, 'test', 'fixtures', 'workspaces', 'templates'), workspace, { recursive: true });
    const server = await startCodeServer({ trusted: true, install: [VSIX] });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(server.url(workspace));
    await page.locator('.monaco-workbench .part.sidebar').waitFor();
    return new Session(server, browser, page, workspace);
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, name) });
  }

  /** Runs a command by its title from the command palette (F1). */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file through quick open, as a person would, and waits for its text. */
  async openFile(name: string, text: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.editorLine(text).waitFor();
  }

  editorLine(text: string) {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();
  }

  /** Page coordinates of the middle of `needle` inside the visible editor line holding it. */
  async pointAt(needle: string, offset = 1): Promise<{ x: number; y: number }> {
    await this.editorLine(needle).waitFor();
    return this.page.evaluate(
      ([n, o]) => {
        const line = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')].find((l) => l.textContent?.includes(n));
        if (!line) throw new Error(`no editor line shows ${n}`);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes: [Text, number][] = [];
        let length = 0;
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          nodes.push([t as Text, length]);
          length += (t as Text).data.length;
        }
        const at = (line.textContent ?? '').indexOf(n) + o;
        const [node, start] = nodes.filter(([, s]) => s <= at).pop()!;
        const range = document.createRange();
        range.setStart(node, at - start);
        range.setEnd(node, at - start + 1);
        const box = range.getBoundingClientRect();
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      },
      [needle, offset] as const,
    );
  }

  /**
   * Clicks inside `needle` and waits until the status bar shows the cursor on `line`.
   * Code lenses and squiggles can still shift the lines between measuring and clicking, so a click that lands elsewhere is measured and made again.
   */
  async placeCursor(needle: string, offset: number, line: number): Promise<void> {
    const status = this.page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col`) });
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      const point = await this.pointAt(needle, offset);
      await this.page.mouse.click(point.x, point.y);
      const landed = await status.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (landed) return;
      if (attempt === 3) {
        const shown = await this.page.locator('.statusbar-item').allInnerTexts();
        throw new Error(`three clicks on ${needle} did not put the cursor on line ${line}; the status bar shows: ${shown.join(' | ')}`);
      }
    }
  }

  /** The shown webview's outer frame; VS Code lays webviews over the workbench, outside the editor group. */
  webviewFrame() {
    return this.page.locator('iframe.webview.ready:visible');
  }

  /** The content frame of the shown webview (VS Code nests it: iframe.webview → #active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
  }

  /** The extension's own log (its output channel, as code-server writes it under the user data folder). */
  extensionLog(): string {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('SRM Lens.log')) found.push(readFileSync(path, 'utf8'));
      }
    };
    const logs = join(this.server.home, 'user', 'logs');
    if (existsSync(logs)) walk(logs);
    return found.join('\n');
  }
}

/** Polls a condition the editor exposes only through the file system; fails with `what` after WAIT_MS. */
export async function until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
