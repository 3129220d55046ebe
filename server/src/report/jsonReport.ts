import { assess, type AssessOptions } from '../assess/assess';
import type { CellStatus, ResourceAssessment } from '../assess/assessment';
import type { AspectId, ControlCategory, Owner, ServiceModelOrMixed } from '../knowledge/types';
import type { Diagnostic, Resource, TemplateFormat } from '../model/document';
import type { Range } from '../model/range';
import { ruleById } from '../rules';
import type { Finding, RuleReferences, Severity } from '../rules/rule';
import type { ScanResult } from '../workspace/scan';
import { toolInfo } from '../version';

/**
 * The shape of `srm-lens scan --format json`, documented in docs/cli.md.
 * Fields are only ever added, never removed or renamed: pipelines parse this.
 */
export interface JsonReport {
  tool: { name: string; version: string };
  summary: { files: number; resources: number; errors: number; ignoredFiles: number; findings: number; suppressed: number };
  files: JsonFile[];
  errors: { path: string; message: string }[];
}

export interface JsonFile {
  path: string;
  format: TemplateFormat;
  resources: JsonResource[];
  errors: { message: string; severity: Diagnostic['severity']; range: Range }[];
}

export interface JsonResource {
  id: string;
  type: string;
  range: Range;
  /** Knowledge-base service key; absent for types outside AWS (`random_id`). */
  service?: string;
  model?: ServiceModelOrMixed;
  modelReason?: string;
  cells: JsonCell[];
  findings: JsonFinding[];
}

export interface JsonCell {
  aspect: AspectId;
  owner: Owner;
  /** inherited (AWS's alone: security of the cloud), shared, or customer-specific (security in the cloud). */
  category: ControlCategory;
  /** False when the type does not bear the aspect: status `not-applicable`, owner kept but not to be shown. */
  applies: boolean;
  status: CellStatus;
  note?: string;
}

export interface JsonFinding {
  rule: string;
  aspect: AspectId;
  severity: Severity;
  message: string;
  range: Range;
  references: RuleReferences;
  fixes: { title: string }[];
  suppressed: boolean;
  suppressionReason?: string;
}

export function assessScan(scan: ScanResult, options: AssessOptions = {}): Map<Resource, ResourceAssessment> {
  const assessed = new Map<Resource, ResourceAssessment>();
  for (const model of scan.models) for (const ra of assess(model, options).resources) assessed.set(ra.resource, ra);
  return assessed;
}

export function buildJsonReport(scan: ScanResult, assessed = assessScan(scan)): JsonReport {
  const files: JsonFile[] = scan.documents.map((doc) => ({
    path: doc.uri,
    format: doc.format,
    resources: doc.resources.map((r) => resourceEntry(r, assessed.get(r))),
    errors: doc.errors.map((e) => ({ message: e.message, severity: e.severity, range: e.range })),
  }));
  const findings = files.flatMap((f) => f.resources.flatMap((r) => r.findings));
  return {
    tool: toolInfo(),
    summary: {
      files: files.length,
      resources: files.reduce((n, f) => n + f.resources.length, 0),
      errors: scan.errors.length,
      ignoredFiles: scan.ignored,
      findings: findings.filter((f) => !f.suppressed).length,
      suppressed: findings.filter((f) => f.suppressed).length,
    },
    files,
    errors: scan.errors,
  };
}

function resourceEntry(r: Resource, ra: ResourceAssessment | undefined): JsonResource {
  return {
    id: r.id,
    type: r.type,
    range: r.range,
    service: ra?.info?.service,
    model: ra?.model,
    modelReason: ra?.modelReason,
    cells: (ra?.cells ?? []).map((c) => ({ aspect: c.aspect, owner: c.owner, category: c.category, applies: c.applies, status: c.status, ...(c.note ? { note: c.note } : {}) })),
    findings: (ra?.findings ?? []).map(findingEntry),
  };
}

function findingEntry(f: Finding): JsonFinding {
  return {
    rule: f.ruleId,
    aspect: f.aspect,
    severity: f.severity,
    message: f.message,
    range: f.range,
    references: ruleById(f.ruleId)?.references ?? {},
    fixes: f.fixes.map((x) => ({ title: x.title })),
    suppressed: !!f.suppressed,
    ...(f.suppressed ? { suppressionReason: f.suppressed.reason } : {}),
  };
}
