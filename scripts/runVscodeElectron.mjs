// Runs the extension-host suite (test/vscode) in desktop VS Code through
// @vscode/test-electron, on the oldest VS Code that package.json accepts
// (1.95.0) and on stable. It downloads VS Code from Microsoft into
// .vscode-test/, so it needs a machine that can reach update.code.visualstudio.com;
// where that is not possible, `npm run test:vscode` runs the same suite in
// code-server. Ends with "N passed, N failed"; exits non-zero on any failure
// or missing results.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..');
const versions = process.env.SRM_LENS_VSCODE_VERSIONS ? process.env.SRM_LENS_VSCODE_VERSIONS.split(',') : ['1.95.0', 'stable'];
const runs = [
  { suite: 'quiet', workspace: 'quiet', trusted: true },
  { suite: 'templates', workspace: 'templates', trusted: true },
  { suite: 'templates', workspace: 'templates', trusted: false },
];
const entry = join(root, 'out', 'test', 'vscode', 'index.js');
if (!existsSync(entry) || !existsSync(join(root, 'dist', 'extension.js'))) {
  console.error('Build first: `npx tsc -b && npm run build`.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const version of versions) {
  for (const run of runs) {
    console.log(`\nVS Code ${version} · ${run.suite} · ${run.trusted ? 'trusted' : 'Restricted Mode'}`);
    const scratch = mkdtempSync(join(tmpdir(), `srm-lens-electron-${run.suite}-`));
    const workspace = join(scratch, run.workspace);
    cpSync(join(root, 'test', 'fixtures', 'workspaces', run.workspace), workspace, { recursive: true });
    const userData = join(scratch, 'user');
    mkdirSync(join(userData, 'User'), { recursive: true });
    // Without an answer to the trust prompt the folder stays in Restricted Mode.
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.startupPrompt': 'never', 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }));
    const resultsFile = join(scratch, 'results.json');
    const launchArgs = [workspace, '--disable-extensions', '--user-data-dir', userData];
    if (run.trusted) launchArgs.push('--disable-workspace-trust');
    try {
      await runTests({
        version,
        extensionDevelopmentPath: root,
        extensionTestsPath: entry,
        launchArgs,
        extensionTestsEnv: { SRM_LENS_VSCODE_SUITE: run.suite, SRM_LENS_VSCODE_RESULTS: resultsFile, SRM_LENS_VSCODE_TRUST: run.trusted ? 'trusted' : 'restricted' },
      });
    } catch (error) {
      console.log(`  VS Code ended with a failure: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!existsSync(resultsFile)) {
      console.log(`  ✗ no results: ${resultsFile} was never written (VS Code did not start, or the suite did not load)`);
      failed++;
      continue;
    }
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    for (const t of results.tests) {
      console.log(`  ${t.state === 'passed' ? '✓' : '✗'} ${t.title}`);
      if (t.error) console.log(`      ${t.error.split('\n').slice(0, 8).join('\n      ')}`);
    }
    if (results.tests.length === 0) failed++;
    passed += results.passed;
    failed += results.failed;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
