import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { measurements } from './helpers';

/** Which suite files a run loads: each needs its own workspace (see test/fixtures/workspaces). */
const SUITES: Record<string, string[]> = {
  templates: ['templates.vscode.js'],
  quiet: ['quiet.vscode.js'],
};

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface RunResults {
  suite: string;
  vscodeVersion: string;
  appHost: string;
  passed: number;
  failed: number;
  tests: TestOutcome[];
  measurements: Record<string, number>;
}

/**
 * The entry VS Code calls inside the extension host (`extensionTestsPath`),
 * under @vscode/test-electron and under code-server alike. The browser that
 * drives code-server sees no exit code, so the outcome is also written to
 * the file named by SRM_LENS_VSCODE_RESULTS, which the driver waits for.
 */
export async function run(): Promise<void> {
  // Loaded here, not at the top: the suites import 'vscode', which exists only inside the extension host.
  const vscode = await import('vscode');
  const suite = process.env.SRM_LENS_VSCODE_SUITE ?? '';
  const files = SUITES[suite];
  const resultsFile = process.env.SRM_LENS_VSCODE_RESULTS;
  const tests: TestOutcome[] = [];
  const write = (extra: Partial<RunResults> = {}) => {
    if (!resultsFile) return;
    const results: RunResults = {
      suite,
      vscodeVersion: vscode.version,
      appHost: vscode.env.appHost,
      passed: tests.filter((t) => t.state === 'passed').length,
      failed: tests.filter((t) => t.state === 'failed').length,
      tests,
      measurements,
      ...extra,
    };
    writeFileSync(`${resultsFile}.partial`, JSON.stringify(results, null, 2));
    // Renamed into place so the driver never reads half a file.
    renameSync(`${resultsFile}.partial`, resultsFile);
  };
  if (!files) {
    tests.push({ title: 'suite selection', state: 'failed', durationMs: 0, error: `SRM_LENS_VSCODE_SUITE is "${suite}"; expected one of ${Object.keys(SUITES).join(', ')}` });
    write();
    throw new Error(tests[0].error);
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  for (const file of files) mocha.addFile(join(__dirname, file));
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error?.stack ?? String(error) }));
  });
  write();
  const failed = tests.filter((t) => t.state === 'failed').length;
  if (failed > 0) throw new Error(`${failed} of ${tests.length} extension-host tests failed`);
  if (tests.length === 0) throw new Error('no extension-host tests ran');
}
