import type { CellStatus } from '../assess/assessment';
import { ASPECTS } from '../knowledge/aspects';
import type { AspectId, ControlCategory, Owner, ServiceModelOrMixed } from '../knowledge/types';
import type { JsonCell, JsonFile, JsonReport } from './jsonReport';
import type { ReportHead } from './reportSink';
import { CATEGORY_ORDER } from './labels';

/** One AWS resource as a matrix row: a cell per aspect, in the order of the aspects. */
export interface MatrixRow {
  path: string;
  /** 1-based, as editors show it. */
  line: number;
  resource: string;
  type: string;
  service?: string;
  model: ServiceModelOrMixed;
  cells: JsonCell[];
}

/** `srm-lens matrix`: resources × aspects, each cell with owner, category and status. */
export interface ResourceMatrix {
  tool: { name: string; version: string };
  aspects: { id: AspectId; title: string; short: string }[];
  rows: MatrixRow[];
  /** Files that could not be read: the matrix says nothing about them, and says so. */
  errors: { path: string; message: string }[];
}

export function resourceMatrix(report: JsonReport): ResourceMatrix {
  return resourceMatrixOf(report, report.files.flatMap(matrixRowsOf));
}

/** The resource matrix of a report whose rows were taken file by file (`matrixRowsOf`). */
export function resourceMatrixOf(head: ReportHead, rows: MatrixRow[]): ResourceMatrix {
  return { tool: head.tool, aspects: ASPECTS.map((a) => ({ id: a.id, title: a.title, short: a.short })), rows, errors: head.errors };
}

/** One file's rows of the resource matrix. */
export function matrixRowsOf(file: JsonFile): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const r of file.resources) {
    // Types outside AWS (random_id, null_resource) have no share to describe.
    if (!r.model) continue;
    const byAspect = new Map(r.cells.map((c) => [c.aspect, c]));
    rows.push({ path: file.path, line: r.range.start.line + 1, resource: r.id, type: r.type, service: r.service, model: r.model, cells: ASPECTS.map((a) => byAspect.get(a.id)!).filter(Boolean) });
  }
  return rows;
}

/** Where something is: a resource and its line in a file. */
export interface Place {
  resource: string;
  path: string;
  line: number;
}

/**
 * One row of the customer responsibility matrix: one control (aspect) in one
 * category. An aspect whose owner differs between resource types (the guest
 * OS is the customer's on EC2 and AWS's on RDS) has a row per category.
 */
export interface ControlRow {
  aspect: AspectId;
  title: string;
  category: ControlCategory;
  owner: Owner;
  /** Resources this row covers. */
  resources: number;
  /** How many cells have each status. */
  statuses: Partial<Record<CellStatus, number>>;
  /** Met, or done by AWS by default. */
  meeting: number;
  gaps: (Place & { rule: string; message: string; baselined: boolean })[];
  cannotTell: (Place & { reason: string })[];
  acceptedRisks: (Place & { rule: string; reason: string })[];
  /** The settings that meet the control, and the AWS defaults that do. */
  evidence: (Place & { text: string })[];
}

export interface ControlMatrix {
  tool: { name: string; version: string };
  /** How many AWS resources the matrix covers. */
  resources: number;
  rows: ControlRow[];
  errors: { path: string; message: string }[];
}

/** `srm-lens matrix --by control`: the customer responsibility matrix, one row per control and category, the customer's first. */
export function controlMatrix(report: JsonReport): ControlMatrix {
  const builder = controlMatrixBuilder();
  for (const file of report.files) builder.add(file);
  return builder.matrix(report);
}

/** The customer responsibility matrix taken file by file. */
export function controlMatrixBuilder(): { add(file: JsonFile): void; matrix(head: ReportHead): ControlMatrix } {
  const rows = new Map<string, ControlRow>();
  let resources = 0;
  return {
    add(file) {
      resources += file.resources.filter((r) => r.model).length;
      addControlRows(rows, file);
    },
    matrix(head) {
      const aspectOrder = new Map(ASPECTS.map((a, i) => [a.id, i]));
      const sorted = [...rows.values()].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) || aspectOrder.get(a.aspect)! - aspectOrder.get(b.aspect)!);
      return { tool: head.tool, resources, rows: sorted, errors: head.errors };
    },
  };
}

function addControlRows(rows: Map<string, ControlRow>, file: JsonFile): void {
  for (const r of file.resources) {
    if (!r.model) continue;
    for (const cell of r.cells) {
      // An aspect the type does not bear (no network exposure on a log group) is no control for that resource.
      if (!cell.applies) continue;
      const key = `${cell.category}\0${cell.aspect}`;
      let row = rows.get(key);
      if (!row) {
        const aspect = ASPECTS.find((a) => a.id === cell.aspect)!;
        row = { aspect: cell.aspect, title: aspect.title, category: cell.category, owner: cell.owner, resources: 0, statuses: {}, meeting: 0, gaps: [], cannotTell: [], acceptedRisks: [], evidence: [] };
        rows.set(key, row);
      }
      const place = { resource: r.id, path: file.path, line: r.range.start.line + 1 };
      row.resources++;
      row.statuses[cell.status] = (row.statuses[cell.status] ?? 0) + 1;
      if (cell.status === 'met' || cell.status === 'aws-default') row.meeting++;
      const findings = r.findings.filter((f) => f.aspect === cell.aspect);
      for (const f of findings) {
        const at = { ...place, line: f.range.start.line + 1 };
        if (f.suppressed) row.acceptedRisks.push({ ...at, rule: f.rule, reason: f.suppressionReason || '(no reason given)' });
        else row.gaps.push({ ...at, rule: f.rule, message: f.message, baselined: f.baselined === true });
      }
      if (cell.status === 'cannot-tell') {
        const e = cell.evidence?.[0];
        row.cannotTell.push({ ...place, line: e ? e.range.start.line + 1 : place.line, reason: cell.note ?? e?.message ?? 'the value cannot be known from the files' });
      }
      if (cell.status === 'met') {
        const shown = cell.evidence?.length ? cell.evidence : [{ message: cell.note ?? 'met', range: r.range }];
        for (const e of shown) row.evidence.push({ ...place, line: e.range.start.line + 1, text: e.message });
      }
      if (cell.status === 'aws-default') row.evidence.push({ ...place, text: cell.note ?? 'AWS does this by default' });
    }
  }
}
