import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResults } from '../vscode/index';
import { ROOT, launchChromium, startCodeServer } from './codeServer';

export interface HostRun {
  /** Suite name known to test/vscode/index.ts. */
  suite: string;
  /** Folder under test/fixtures/workspaces. */
  workspace: string;
  trusted: boolean;
}

/** The extension-host suite, as three runs: each workspace needs its own window. */
export const HOST_RUNS: HostRun[] = [
  { suite: 'quiet', workspace: 'quiet', trusted: true },
  { suite: 'templates', workspace: 'templates', trusted: true },
  { suite: 'templates', workspace: 'templates', trusted: false },
];

const RESULTS_TIMEOUT_MS = Number(process.env.SRM_LENS_VSCODE_TIMEOUT_MS ?? 240_000);

/**
 * Runs test/vscode inside code-server's extension host: the web workbench
 * takes `extensionDevelopmentPath` and `extensionTestsPath` through its
 * `payload` parameter. The suite writes its results to a file; no file
 * within the timeout is a failure that says where to look.
 */
export async function runInCodeServer(run: HostRun): Promise<RunResults> {
  const scratch = mkdtempSync(join(tmpdir(), `srm-lens-${run.suite}-`));
  // A copy: the suite edits documents.
  const workspace = join(scratch, run.workspace);
  cpSync(join(ROOT, 'test', 'fixtures', 'workspaces', run.workspace), workspace, { recursive: true });
  const resultsFile = join(scratch, 'results.json');
  const server = await startCodeServer({
    trusted: run.trusted,
    env: { SRM_LENS_VSCODE_SUITE: run.suite, SRM_LENS_VSCODE_RESULTS: resultsFile, SRM_LENS_VSCODE_TRUST: run.trusted ? 'trusted' : 'restricted' },
  });
  const browser = await launchChromium();
  const consoleLog: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
    await page.goto(
      server.url(workspace, [
        ['extensionDevelopmentPath', server.remote(ROOT)],
        ['extensionTestsPath', server.remote(join(ROOT, 'out', 'test', 'vscode', 'index'))],
      ]),
    );
    const deadline = Date.now() + RESULTS_TIMEOUT_MS;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        const tail = consoleLog.filter((l) => !/ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED|marketplace|gallery/i.test(l)).slice(-15).join('\n  ');
        throw new Error(`No results from the ${run.suite} suite (${run.trusted ? 'trusted' : 'Restricted Mode'}) after ${RESULTS_TIMEOUT_MS / 1000} s: ${resultsFile} never appeared.\n  code-server log: ${server.log}\n  browser console (last lines):\n  ${tail}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
  } finally {
    await browser.close();
    await server.stop();
  }
}
