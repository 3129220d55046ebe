import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers';

const page = readFileSync(join(repoRoot, 'client/README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  contributes: { commands: { command: string; title: string; category: string }[]; configuration: { properties: Record<string, unknown> } };
};

describe("the extension's page", () => {
  test('speaks to users: every setting and command, privacy, no developer instructions', () => {
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(page.includes(`\`${key}\``), `setting ${key} is documented`);
    for (const c of manifest.contributes.commands) assert.ok(page.includes(`${c.category}: ${c.title}`), `command "${c.title}" is documented`);
    assert.match(page, /## Privacy and safety\n\nSRM Lens reads your templates and nothing else\. It sends nothing anywhere/);
    assert.doesNotMatch(page, /npm (ci|start|test|run)|CONTRIBUTING|tsc -b/, 'development detail lives in CONTRIBUTING.md');
    assert.match(page, /Inherited\*\* controls are AWS's alone: \*security of the cloud\*/);
    assert.match(page, /\*\*Yours\*\* — the customer-specific controls — are \*security in the cloud\*/);
  });

  test('packaged with its images inlined, so they render from the .vsix; no image file ships', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'srm-lens-readme-')), 'README.md');
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/packageReadme.mjs'), '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const packaged = readFileSync(out, 'utf8');
    const images = [...packaged.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.equal(images.length, [...page.matchAll(/!\[[^\]]*\]\(/g)].length);
    assert.ok(images.length >= 2, 'screenshots of the hover and the matrix');
    for (const src of images) assert.match(src, /^data:image\/png;base64,iVBORw0KGgo/, 'a PNG inlined as data: (the page allows https: and data: images only)');
    assert.equal(packaged.replace(/\(data:[^)]+\)/g, '()'), page.replace(/!\[([^\]]*)\]\([^)]+\)/g, '![$1]()'), 'nothing else changes');
    assert.match(manifest.scripts.package, /node scripts\/packageReadme\.mjs && vsce package .*--readme-path dist\/README\.md/);
    const ignore = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!'));
    assert.deepEqual(ignore.filter((l) => /\.(png|jpe?g|gif)$|images/.test(l) && !l.startsWith('!client/media')), [], 'no screenshot file in the .vsix');
    assert.ok(!ignore.includes('!README.md'), 'the repository README is not the extension page');
  });

  test('the repository README keeps its two commands for a fresh clone', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm ci && npm test/);
    assert.match(readFileSync(join(repoRoot, 'CONTRIBUTING.md'), 'utf8'), /\| `npm run package` \|/);
  });
});
