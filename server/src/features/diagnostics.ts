import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import type { Analysis } from '../analysis';
import { SUPPRESSION_REASON_CODE } from '../protocol/matrix';
import type { TemplateDocument } from '../model/document';
import { ruleById } from '../rules';
import type { Severity } from '../rules/rule';
import type { Settings } from '../settings';
import { moduleDiagnostics } from './moduleDiagnostics';
import { isGap } from './gaps';

export const SOURCE = 'srm-lens';

/** The rule reference shipped with SRM Lens (docs/rules.md), found next to the bundle or in the source tree. */
const RULES_DOC = (() => {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'docs', 'rules.md');
    if (existsSync(candidate)) return URI.file(candidate).toString();
  }
  return undefined;
})();

/** What a diagnostic carries so a code action can find its fixes without reading the message. */
export interface DiagnosticData {
  key: string;
  version: number | undefined;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * Parse problems of the document, then one diagnostic per gap (open finding)
 * in it, then an information diagnostic on each suppression that gives no
 * real reason (it does not accept the risk, so its finding is a gap too).
 */
export function diagnostics(doc: TemplateDocument, analysis: Analysis | undefined, settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = doc.errors.map((e) => ({
    range: e.range,
    message: e.message,
    source: SOURCE,
    severity: e.severity === 'error' ? DiagnosticSeverity.Error : e.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
  }));
  if (!analysis) return out;
  out.push(...moduleDiagnostics(analysis, doc.uri, SOURCE));
  const version = analysis.versions.get(doc.uri);
  for (const f of analysis.findingsIn(doc.uri)) {
    if (f.reasonMissing && f.reasonMissing.uri === doc.uri) {
      out.push({
        range: f.reasonMissing.range,
        message: `Give a reason to accept the risk of ${f.ruleId}: without one the finding stays open.`,
        source: SOURCE,
        code: SUPPRESSION_REASON_CODE,
        severity: DiagnosticSeverity.Information,
      });
    }
    if (!isGap(f)) continue;
    const severity = settings.rules[f.ruleId]?.severity ?? f.severity;
    const rule = ruleById(f.ruleId);
    const data: DiagnosticData = { key: f.key, version };
    out.push({
      range: f.range,
      message: f.message,
      source: SOURCE,
      code: f.ruleId,
      codeDescription: rule && RULES_DOC ? { href: `${RULES_DOC}#${rule.id}` } : undefined,
      severity: SEVERITY[severity],
      relatedInformation: f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })),
      data,
    });
  }
  return out;
}

/**
 * A template the engine refused (too large, binary) still says so in the editor: one
 * diagnostic on the first line instead of silence that would read as "nothing to fix".
 */
export function notAnalysedDiagnostic(reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    message: `SRM Lens did not analyse this file: ${reason}.`,
  };
}

/** A file of the same Terraform module that SRM Lens could not read: said on the first line of each file of the module. */
export function siblingNotReadDiagnostic(name: string, reason: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    message: `SRM Lens could not read ${name} in this module (${reason}); its resources are missing from this analysis, so findings that depend on them may be wrong.`,
  };
}
