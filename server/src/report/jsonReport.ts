import { isAbsolute, relative, sep } from 'node:path';
import { assess, type AssessOptions } from '../assess/assess';
import type { CellStatus, ResourceAssessment } from '../assess/assessment';
import type { AspectId, ControlCategory, Owner, ServiceModelOrMixed } from '../knowledge/types';
import type { Diagnostic, Resource, TemplateDocument, TemplateFormat } from '../model/document';
import type { Range } from '../model/range';
import { ruleById } from '../rules';
import type { Finding, RuleReferences, Severity } from '../rules/rule';
import type { ScanResult } from '../workspace/scan';
import type { ModuleCall } from '../link/moduleCalls';
import type { LinkedModel } from '../link/linkedModel';
import { toolInfo } from '../version';
import { fingerprintOf } from './fingerprint';
import type { ReportHead, ReportSink, Write } from './reportSink';
import { renderElement, STREAMED, StreamedJsonArray } from './streamedJson';

/**
 * The shape of `srm-lens scan --format json`, documented in docs/cli.md.
 * Fields are only ever added, never removed or renamed: pipelines parse this.
 */
export interface JsonReport {
  tool: { name: string; version: string };
  summary: {
    files: number;
    resources: number;
    errors: number;
    ignoredFiles: number;
    findings: number;
    suppressed: number;
    /** Of `findings`, those a `--baseline` records. */
    baselined: number;
    /** Terraform `module` blocks whose module was built with the call's arguments, and those SRM Lens could not follow. */
    moduleCalls: { followed: number; notFollowed: number };
  };
  files: JsonFile[];
  errors: { path: string; message: string }[];
}

export interface JsonFile {
  path: string;
  format: TemplateFormat;
  /** Resources of the file, then those its `module` blocks build (with `module` set). */
  resources: JsonResource[];
  errors: { message: string; severity: Diagnostic['severity']; range: Range }[];
  /** Terraform only: the `module` blocks of the file and of the modules they call, each followed or with the reason it is not. */
  moduleCalls?: JsonModuleCall[];
}

export interface JsonModuleCall {
  /** `module.logs`, `module.a.module.b`. */
  address: string;
  source?: string;
  /** `cannot-tell`: the module was not followed; `reason` says why (e.g. not downloaded yet). */
  status: 'followed' | 'cannot-tell';
  reason?: string;
  /** The directory the module was read from. */
  directory?: string;
  /** The `module` block in this file that the call goes through. */
  range: Range;
  /** Resources the call builds (its own, not those of the modules it calls). */
  resources: number;
}

export interface JsonResource {
  id: string;
  type: string;
  /** For a module's resource: the range of the `module` block in this file that builds it. */
  range: Range;
  /** Set for a resource a `module` block builds: the outermost call in this file, and where the resource is written. */
  module?: { call: string; path: string; range: Range };
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
  /** What the status rests on: the setting that meets the aspect, the value that cannot be told, the gap. */
  evidence?: { message: string; range: Range }[];
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
  /** Stable across line moves and message wording: the file, the rule, the resource and the finding's place among that rule's findings on it. */
  fingerprint: string;
  /** True when `--baseline` recorded this finding: it is reported but does not fail the run. */
  baselined?: boolean;
}

export interface ReportOptions {
  /** Severity per rule id from the configuration file, replacing the rule's own. */
  severities?: ReadonlyMap<string, Severity>;
  /** Paths in the report are relative to this folder (the current directory); absolute when omitted. */
  relativeTo?: string;
}

export function assessScan(scan: ScanResult, options: AssessOptions = {}): Map<Resource, ResourceAssessment> {
  const assessed = new Map<Resource, ResourceAssessment>();
  for (const model of scan.models) for (const ra of assess(model, options).resources) assessed.set(ra.resource, ra);
  return assessed;
}

export function buildJsonReport(scan: ScanResult, assessed = assessScan(scan), options: ReportOptions = {}): JsonReport {
  const shown = (path: string) => displayPath(path, options.relativeTo);
  const files = jsonFilesOf(scan.documents, scan.models, assessed, options);
  return {
    tool: toolInfo(),
    summary: summaryOf(files.map(tallyOf), scan.errors.length, scan.ignored, 0),
    files,
    errors: scan.errors.map((e) => ({ path: shown(e.path), message: e.message })),
  };
}

/**
 * The report's entries for scanned documents, in their order: all of a scan,
 * or one unit's when the scan streams (`models` are the documents' linked
 * models, `assessed` their assessments).
 */
export function jsonFilesOf(documents: readonly TemplateDocument[], models: readonly LinkedModel[], assessed: ReadonlyMap<Resource, ResourceAssessment>, options: ReportOptions = {}): JsonFile[] {
  // Every resource of a file shows the file's path: worked out once per path.
  const paths = new Map<string, string>();
  const shown = (path: string) => {
    let display = paths.get(path);
    if (display === undefined) paths.set(path, (display = displayPath(path, options.relativeTo)));
    return display;
  };
  const moduleResources = new Map<string, Resource[]>();
  for (const r of assessed.keys()) {
    const top = r.module?.calls[0];
    if (!top) continue;
    const list = moduleResources.get(top.uri);
    if (list) list.push(r);
    else moduleResources.set(top.uri, [r]);
  }
  const calls = moduleCallsByFile(models);
  return documents.map((doc) => ({
    path: shown(doc.uri),
    format: doc.format,
    resources: [...doc.resources, ...(moduleResources.get(doc.uri) ?? [])].map((r) => resourceEntry(r, assessed.get(r), shown(doc.uri), shown, options)),
    errors: doc.errors.map((e) => ({ message: e.message, severity: e.severity, range: e.range })),
    ...(calls.has(doc.uri) ? { moduleCalls: calls.get(doc.uri) } : {}),
  }));
}

/** What one file adds to the report's summary. */
export interface FileTally {
  resources: number;
  /** Unsuppressed findings. */
  findings: number;
  suppressed: number;
  followed: number;
  notFollowed: number;
}

export function tallyOf(file: JsonFile): FileTally {
  const tally: FileTally = { resources: file.resources.length, findings: 0, suppressed: 0, followed: 0, notFollowed: 0 };
  for (const r of file.resources) for (const f of r.findings) if (f.suppressed) tally.suppressed++;
  else tally.findings++;
  for (const c of file.moduleCalls ?? []) if (c.status === 'followed') tally.followed++;
  else tally.notFollowed++;
  return tally;
}

/** The summary of a report whose files have these tallies. */
export function summaryOf(tallies: readonly FileTally[], errors: number, ignoredFiles: number, baselined: number): JsonReport['summary'] {
  const sum = (key: keyof FileTally) => tallies.reduce((n, t) => n + t[key], 0);
  return {
    files: tallies.length,
    resources: sum('resources'),
    errors,
    ignoredFiles,
    findings: sum('findings'),
    suppressed: sum('suppressed'),
    baselined,
    moduleCalls: { followed: sum('followed'), notFollowed: sum('notFollowed') },
  };
}

/** A path as people read it: relative to `base` with forward slashes (`../infra/main.tf` too), or as given. */
export function displayPath(path: string, base: string | undefined): string {
  if (base === undefined || !isAbsolute(path)) return path.split(sep).join('/');
  return (relative(base, path) || '.').split(sep).join('/');
}

/** Every finding of a report with the file and resource it belongs to. */
export function* allFindings(report: JsonReport): Generator<{ file: JsonFile; resource: JsonResource; finding: JsonFinding }> {
  for (const file of report.files) for (const resource of file.resources) for (const finding of resource.findings) yield { file, resource, finding };
}

/** Every module call of the scanned modules and of the modules they call, under the file of the outermost `module` block. */
function moduleCallsByFile(models: readonly LinkedModel[]): Map<string, JsonModuleCall[]> {
  const byFile = new Map<string, JsonModuleCall[]>();
  for (const model of models) {
    for (const unit of model.units()) {
      const top = unit.scope?.sites[0];
      for (const call of unit.moduleCalls) {
        const uri = top?.uri ?? call.block.uri;
        const entry = moduleCallEntry(call, top?.range ?? call.block.range);
        const list = byFile.get(uri);
        if (list) list.push(entry);
        else byFile.set(uri, [entry]);
      }
    }
  }
  return byFile;
}

function moduleCallEntry(call: ModuleCall<LinkedModel>, range: Range): JsonModuleCall {
  return {
    address: call.address,
    ...(call.source !== undefined ? { source: call.source } : {}),
    status: call.instance ? 'followed' : 'cannot-tell',
    ...(call.reason ? { reason: call.reason } : {}),
    ...(call.directory ? { directory: call.directory } : {}),
    range,
    resources: call.instance?.resources.length ?? 0,
  };
}

function resourceEntry(r: Resource, ra: ResourceAssessment | undefined, path: string, shown: (p: string) => string, options: ReportOptions): JsonResource {
  return {
    id: r.id,
    type: r.type,
    range: r.module ? r.module.calls[0].range : r.range,
    ...(r.module ? { module: { call: r.module.calls[0].address, path: shown(r.uri), range: r.range } } : {}),
    service: ra?.info?.service,
    model: ra?.model,
    modelReason: ra?.modelReason,
    cells: (ra?.cells ?? []).map((c) => ({
      aspect: c.aspect,
      owner: c.owner,
      category: c.category,
      applies: c.applies,
      status: c.status,
      ...(c.note ? { note: c.note } : {}),
      ...(c.evidence.length ? { evidence: c.evidence.map((e) => ({ message: e.message, range: e.range })) } : {}),
    })),
    findings: (ra?.findings ?? []).map((f) => findingEntry(f, path, options)),
  };
}

function findingEntry(f: Finding, path: string, options: ReportOptions): JsonFinding {
  return {
    rule: f.ruleId,
    aspect: f.aspect,
    severity: options.severities?.get(f.ruleId) ?? f.severity,
    message: f.message,
    range: f.range,
    references: ruleById(f.ruleId)?.references ?? {},
    fixes: f.fixes.map((x) => ({ title: x.title })),
    suppressed: !!f.suppressed,
    ...(f.suppressed ? { suppressionReason: f.suppressed.reason } : {}),
    fingerprint: fingerprintOf(path, f.key),
  };
}

/** `--format json` file by file: byte for byte `JSON.stringify(report, null, 2)` and a newline. */
/** A file's entry as the JSON report writes it, a resource at a time, rendered ahead (by a scan worker, say) for `fileParts`. */
export function renderJsonFile(file: JsonFile, write: Write): void {
  renderElement('files', file, 'resources', write);
}

export function jsonReportSink(head: ReportHead, write: Write): ReportSink {
  const out = new StreamedJsonArray<JsonFile>({ tool: head.tool, summary: head.summary, files: STREAMED, errors: head.errors }, write);
  return {
    // A file's resources are written one by one: a Terraform file whose module calls build thousands of resources is no one string.
    file: (file) => out.element(file, 'resources'),
    fileParts: (parts) => out.elementParts(parts),
    end: () => {
      out.end();
      write('\n');
    },
  };
}
