// Runs the tests that need a real VS Code here, in code-server on 127.0.0.1:
// the extension-host suite (test/vscode, three runs: quiet workspace,
// templates trusted, templates in Restricted Mode) and the UI tests
// (test/e2e, the packaged .vsix driven through Chromium). `host` or `e2e` on
// the command line narrows the run. Ends with "N passed, N failed"; exits
// non-zero on any failure, a missing prerequisite, a timeout or missing results.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const out = join(process.cwd(), 'out', 'test');
const parts = process.argv.slice(2).length ? process.argv.slice(2) : ['host', 'e2e'];
if (!existsSync(join(out, 'codeServer', 'codeServer.js'))) {
  console.error('The tests are not compiled: run `npx tsc -b` first.');
  process.exit(1);
}
const { missingPrerequisites } = require(join(out, 'codeServer', 'codeServer.js'));
const missing = missingPrerequisites();
if (missing.length) {
  console.error(`Cannot run the VS Code tests:\n  ${missing.join('\n  ')}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const measured = {};

if (parts.includes('host')) {
  const { HOST_RUNS, runInCodeServer } = require(join(out, 'codeServer', 'hostRuns.js'));
  for (const run of HOST_RUNS) {
    const label = `extension host · ${run.suite} · ${run.trusted ? 'trusted' : 'Restricted Mode'}`;
    console.log(`\n${label}`);
    try {
      const results = await runInCodeServer(run);
      console.log(`  VS Code ${results.vscodeVersion} (${results.appHost})`);
      for (const t of results.tests) {
        console.log(`  ${t.state === 'passed' ? '✓' : '✗'} ${t.title} (${t.durationMs} ms)`);
        if (t.error) console.log(`      ${t.error.split('\n').slice(0, 8).join('\n      ')}`);
      }
      if (results.tests.length === 0) {
        console.log('  ✗ the suite reported no tests');
        failed++;
      }
      passed += results.passed;
      failed += results.failed;
      Object.assign(measured, results.measurements);
    } catch (error) {
      console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
      failed++;
    }
  }
}

if (parts.includes('e2e')) {
  console.log('\nUI tests (test/e2e, packaged .vsix in code-server through Chromium)');
  const Mocha = require('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 180_000, reporter: 'spec', grep: process.env.SRM_LENS_E2E_GREP });
  const { readdirSync } = await import('node:fs');
  const dir = join(out, 'e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort() : [];
  if (files.length === 0) {
    console.log(`  ✗ no compiled UI tests in ${dir}`);
    failed++;
  }
  for (const f of files) mocha.addFile(join(dir, f));
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  passed += stats.passes;
  failed += stats.failures;
  const { measurements } = require(join(dir, 'session.js'));
  Object.assign(measured, measurements);
}

if (Object.keys(measured).length) {
  console.log('\nMeasured (recorded in docs/performance.md by hand; not pass/fail):');
  for (const [name, value] of Object.entries(measured)) console.log(`  ${name}: ${value}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
