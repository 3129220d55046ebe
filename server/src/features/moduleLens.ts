import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { plural } from '../report/textReport';
import { SHOW_MATRIX_COMMAND } from './codeLens';
import { moduleCallsIn } from './moduleCallSummary';

/** Above each `module` block: `module.logs: 3 resources — 1 gap`, or why SRM Lens cannot tell. */
export function moduleLenses(analysis: Analysis, uri: string): CodeLens[] {
  return moduleCallsIn(analysis, uri).map(({ call, resources, gaps, notFollowed }) => {
    const line = call.block.range.start;
    const title = call.instance
      ? `${call.address}: ${plural(resources.length, 'resource')}${gaps ? ` — ${plural(gaps, 'gap')}` : ''}${notFollowed.length ? ` — ${notFollowed.length} module ${notFollowed.length === 1 ? 'call' : 'calls'} not followed` : ''}`
      : `${call.address}: cannot tell — ${call.reason ?? 'not followed'}`;
    return { range: { start: line, end: line }, command: { title, command: SHOW_MATRIX_COMMAND, arguments: [uri, call.address] } };
  });
}
