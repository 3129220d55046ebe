import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ResourceAssessment } from '../assess/assessment';
import { plural } from '../report/textReport';
import { moduleLenses } from './moduleLens';
import { companionLabel, companionParent, companionsByParent } from './companions';
import { gapsOf } from './gaps';
import { countsLine } from './resourceSummary';

/** The client command that opens the matrix on a resource (client/src/extension.ts registers it). */
export const SHOW_MATRIX_COMMAND = 'srmLens.showMatrix';

/**
 * Above a resource, only when it has something to say: `Yours 3 · Shared 8 ·
 * AWS 5 — 2 gaps`, or a setting the customer must decide (a value the engine
 * cannot tell). Companions fold into their parent's lens ("+ versioning,
 * policy") and get none of their own. Clicking opens the matrix on it.
 * Other kinds of blocks (module calls) can add lenses from their own file.
 */
export function codeLenses(analysis: Analysis, uri: string): CodeLens[] {
  return [...resourceLenses(analysis, uri), ...moduleLenses(analysis, uri)];
}

function resourceLenses(analysis: Analysis, uri: string): CodeLens[] {
  const companions = companionsByParent(analysis);
  const lenses: CodeLens[] = [];
  for (const ra of analysis.resourcesIn(uri)) {
    if (!ra.info || companionParent(analysis, ra)) continue;
    const title = lensTitle(ra, companions.get(ra) ?? []);
    if (!title) continue;
    const line = ra.resource.range.start;
    lenses.push({ range: { start: line, end: line }, command: { title, command: SHOW_MATRIX_COMMAND, arguments: [uri, ra.resource.id] } });
  }
  return lenses;
}

/** The lens text, or undefined when there is neither a gap nor anything to decide. */
export function lensTitle(ra: ResourceAssessment, companions: readonly ResourceAssessment[]): string | undefined {
  const gaps = gapsOf(ra, ...companions).length;
  const decide = [ra, ...companions].reduce((n, x) => n + x.cells.filter((c) => c.status === 'cannot-tell').length, 0);
  if (!gaps && !decide) return undefined;
  const says = [gaps ? plural(gaps, 'gap') : '', decide ? `${decide} to decide` : ''].filter(Boolean).join(', ');
  const folded = companions.length ? ` (+ ${[...new Set(companions.map(companionLabel))].join(', ')})` : '';
  return `${countsLine(ra.cells)} — ${says}${folded}`;
}
