import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { JsonReport } from '../../server/src/report/jsonReport';
import { corpusPresent, corpusRoot, repoRoot } from '../helpers';

const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;

/**
 * The share of the customer's and shared cells that no check covers, measured
 * the way a user sees it: through `srm-lens scan --format json`. Cells whose
 * aspect the type does not bear (`applies: false`), inherited cells and cells
 * with nothing to check (`not-applicable`: a resource a module call does not
 * create, a rule that found nothing of its kind) are outside the figure.
 */
describe('not-checked share on the corpus', { skip }, () => {
  test('at most 25% of applicable customer and shared cells are not-checked', (t) => {
    const cli = join(repoRoot, 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
    const output = join(mkdtempSync(join(tmpdir(), 'srm-share-')), 'report.json');
    const run = spawnSync(process.execPath, [cli, 'scan', corpusRoot, '--format', 'json', '--fail-on', 'none', '--output', output], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(readFileSync(output, 'utf8')) as JsonReport;
    let applicable = 0;
    let inTemplate = 0;
    let notChecked = 0;
    let notApplying = 0;
    for (const file of report.files) {
      for (const resource of file.resources) {
        for (const cell of resource.cells) {
          if (cell.applies === false) {
            notApplying++;
            assert.equal(cell.status, 'not-applicable', `${resource.type} ${cell.aspect}: a cell that does not apply has no other status`);
            continue;
          }
          if (cell.owner === 'aws') continue;
          if (cell.status === 'not-applicable') {
            notApplying++;
            continue;
          }
          applicable++;
          if (cell.status !== 'outside-template') inTemplate++;
          if (cell.status === 'not-checked') notChecked++;
        }
      }
    }
    const share = notChecked / applicable;
    t.diagnostic(
      `${notChecked} of ${applicable} applicable customer and shared cells are not-checked (${(100 * share).toFixed(1)}%); ` +
        `${(100 * (notChecked / inTemplate)).toFixed(1)}% of the ${inTemplate} a template can say something about; ${notApplying} cells do not apply or have nothing to check`,
    );
    assert.ok(applicable > 5000, `only ${applicable} applicable cells: the corpus scan found too little`);
    assert.ok(share <= 0.25, `${(100 * share).toFixed(1)}% of applicable customer and shared cells are not-checked`);
  });
});
