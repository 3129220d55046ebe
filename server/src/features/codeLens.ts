import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { countOwners } from './hover';
import { plural } from '../report/textReport';
import { moduleLenses } from './moduleLens';

/** The client command that opens the matrix on a resource (client/src/extension.ts registers it). */
export const SHOW_MATRIX_COMMAND = 'srmLens.showMatrix';

/** Above each AWS resource: `Customer 6 · Shared 3 · AWS 7 — 2 gaps`, opening the matrix on it. */
export function codeLenses(analysis: Analysis, uri: string): CodeLens[] {
  return [...resourceLenses(analysis, uri), ...moduleLenses(analysis, uri)];
}

function resourceLenses(analysis: Analysis, uri: string): CodeLens[] {
  return analysis.resourcesIn(uri)
    .filter((ra) => ra.info)
    .map((ra) => {
      const c = countOwners(ra.cells);
      const gaps = ra.cells.filter((cell) => cell.status === 'gap').length;
      const title = `Customer ${c.customer} · Shared ${c.shared} · AWS ${c.aws}${gaps ? ` — ${plural(gaps, 'gap')}` : ''}`;
      const line = ra.resource.range.start;
      return {
        range: { start: line, end: line },
        command: { title, command: SHOW_MATRIX_COMMAND, arguments: [uri, ra.resource.id] },
      };
    });
}
