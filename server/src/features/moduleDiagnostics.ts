import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { moduleCallsIn } from './moduleCallSummary';

/**
 * A `module` block SRM Lens could not follow, or that calls one it could
 * not follow, says so on the block: its resources are not assessed, and
 * that must never look like "no findings".
 */
export function moduleDiagnostics(analysis: Analysis, uri: string, source: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { call, notFollowed } of moduleCallsIn(analysis, uri)) {
    const reasons = call.instance ? notFollowed.map((c) => `${c.address}: ${c.reason ?? 'not followed'}`) : [`${call.address}: ${call.reason ?? 'not followed'}`];
    for (const reason of reasons) out.push({ range: call.block.nameRange, message: `Cannot tell: ${reason}`, severity: DiagnosticSeverity.Information, source });
  }
  return out;
}
