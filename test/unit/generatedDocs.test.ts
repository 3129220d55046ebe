import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers';

test('docs/responsibility-model.md and docs/rules.md match the knowledge base and the rules', () => {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'generateDocs.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `generated docs are stale: ${result.stderr}`);
});
