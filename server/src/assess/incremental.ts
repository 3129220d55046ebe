import { layoutOf } from '../edit/sourceLayout';
import type { LinkedModel, ReadLog } from '../link/linkedModel';
import { isCloudFormation, type Resource, type TemplateDocument } from '../model/document';
import { carriedOver } from '../model/carriedOver';
import type { Range } from '../model/range';
import type { Finding } from '../rules/rule';
import { assessResource, type AssessOptions } from './assess';
import type { Assessment, Cell, ResourceAssessment } from './assessment';
import { lineChange, moveRange, touches, type LineChange } from './lineChange';
import { sameContent, type MoveRange } from './sameContent';
import { MAX_LINES_ABOVE } from './suppression';

/**
 * What one resource's assessment read of its unit, by resource identity
 * (`<unit index>|<id>`, then a NUL and the occurrence for a repeated id), so it outlives the model it was
 * read from.
 */
interface Reads {
  /** `<unit index>|<id>` of each lookup by id, found or not. */
  lookups: readonly string[];
  /** Resources read through references. */
  read: readonly string[];
  /** Resources whose incoming, or outgoing, references it asked for. */
  incoming: readonly string[];
  outgoing: readonly string[];
  /** Units whose every resource it walked. */
  everything: readonly number[];
  /**
   * Per file, the first and last line of every range the assessment holds
   * (findings, fixes, evidence): when an edit leaves them all in place, the
   * assessment is kept without walking it.
   */
  extents: readonly Extent[];
}

interface Extent {
  uri: string;
  first: number;
  last: number;
}

/** An assessment that remembers what each resource's verdicts read, so the next one can keep those still valid. */
export interface RecordedAssessment extends Assessment {
  units: LinkedModel[];
  options: AssessOptions;
  /** Each resource's identity, and each identity's index in `resources`. */
  keys: Map<Resource, string>;
  indexOf: Map<string, number>;
  reads: Reads[];
  /** How many resource assessments were carried over from the previous assessment (moved to their new lines). */
  reused: number;
}

const NONE: readonly never[] = [];

/**
 * `assess(model)`, keeping from `previous` (the assessment of the same unit
 * before an edit) every resource's assessment whose inputs did not change:
 * its own content, the resources it looked up or reached through references,
 * the references pointing at or from the resources it asked about, every
 * resource when it walked them all, and, for all of them at once, the
 * unit's parameters, conditions, mappings, Globals, variables, locals,
 * module calls, tfvars and the file layout fixes follow. A kept assessment
 * moves with its lines; one with anything written on a changed line (a
 * finding, a fix, evidence, the resource itself or a suppression comment
 * above it) is computed again. The result equals a fresh `assess(model)`.
 */
export function assessIncrementally(model: LinkedModel, options: AssessOptions, previous?: RecordedAssessment): RecordedAssessment {
  const units = model.units();
  const keys = identities(units);
  const carry = previous && sameFrame(previous, units, options) ? new Carry(previous, units, keys) : undefined;
  const out: RecordedAssessment = { resources: [], units, options, keys, indexOf: new Map(), reads: [], reused: 0 };
  for (const unit of units) {
    for (const resource of unit.resources) {
      const key = keys.get(resource) as string;
      const kept = carry?.keep(key, resource);
      if (kept) {
        out.resources.push(kept.assessment);
        out.reads.push(kept.reads);
        out.reused++;
      } else {
        const log: ReadLog = { lookups: new Set(), read: new Set(), incoming: new Set(), outgoing: new Set(), everything: new Set() };
        units.forEach((u, i) => u.recordReads(log, i));
        try {
          out.resources.push(assessResource(resource, unit, options));
        } finally {
          for (const u of units) u.recordReads(undefined);
        }
        out.reads.push(toReads(log, keys, out.resources[out.resources.length - 1]));
      }
      out.indexOf.set(key, out.resources.length - 1);
    }
  }
  return out;
}

/** Identity of every resource of the units, stable across edits: unit index, id, and the occurrence of a repeated id. */
function identities(units: LinkedModel[]): Map<Resource, string> {
  const keys = new Map<Resource, string>();
  units.forEach((unit, index) => {
    const seen = new Map<string, number>();
    for (const r of unit.resources) {
      // Terraform refuses one address twice in a module; the occurrence keeps such files apart all the same.
      const base = `${index}|${r.id}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      keys.set(r, n === 0 ? base : `${base}\u0000${n}`);
    }
  });
  return keys;
}

function toReads(log: ReadLog, keys: Map<Resource, string>, assessment: ResourceAssessment): Reads {
  // A resource outside the identities (none is expected) never matches, so whatever read it is computed again.
  const ids = (set: Set<Resource>): readonly string[] => (set.size ? [...set].map((r) => keys.get(r) ?? '?') : NONE);
  return {
    lookups: log.lookups.size ? [...log.lookups] : NONE,
    read: ids(log.read),
    incoming: ids(log.incoming),
    outgoing: ids(log.outgoing),
    everything: log.everything.size ? [...log.everything] : NONE,
    extents: extentsOf(assessment),
  };
}

function extentsOf(ra: ResourceAssessment): readonly Extent[] {
  const out: Extent[] = [];
  const add = (uri: string, range: Range): void => {
    const e = out.find((x) => x.uri === uri);
    if (!e) out.push({ uri, first: range.start.line, last: range.end.line });
    else {
      e.first = Math.min(e.first, range.start.line);
      e.last = Math.max(e.last, range.end.line);
    }
  };
  for (const cell of ra.cells) for (const e of cell.evidence) add(e.uri, e.range);
  for (const f of ra.findings) {
    add(f.uri, f.range);
    for (const r of f.related) add(r.uri, r.range);
    for (const fix of f.fixes) for (const e of fix.edits) add(e.uri, e.range);
    if (f.reasonMissing) add(f.reasonMissing.uri, f.reasonMissing.range);
  }
  return out.length ? out : NONE;
}

/**
 * Whether everything read by all resources at once is unchanged: the
 * options, the units and their module calls, and per file the parameters,
 * conditions, mappings and other non-resource sections, variables, locals,
 * data sources, transforms, tfvars and the indentation and line endings
 * fixes copy. Any difference and every resource is assessed again.
 */
function sameFrame(previous: RecordedAssessment, units: LinkedModel[], options: AssessOptions): boolean {
  if (!sameSet(previous.options.disabledRules, options.disabledRules) || !sameSet(previous.options.enabledRules, options.enabledRules)) return false;
  if (previous.units.length !== units.length) return false;
  return units.every((unit, i) => sameUnit(previous.units[i], unit));
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const x of a ?? []) if (!b?.has(x)) return false;
  return true;
}

function sameUnit(a: LinkedModel, b: LinkedModel): boolean {
  if (a.isCloudFormation !== b.isCloudFormation || a.calledElsewhere !== b.calledElsewhere) return false;
  const scope = (m: LinkedModel): unknown =>
    m.scope && { directory: m.scope.directory, keyPath: m.scope.keyPath, sites: m.scope.sites.map((s) => s.address), repeated: m.scope.repeated };
  if (!sameContent(scope(a), scope(b))) return false;
  const calls = (m: LinkedModel): unknown =>
    m.moduleCalls.map((c) => ({ name: c.name, address: c.address, source: c.source, status: c.status, reason: c.reason, directory: c.directory, downloaded: c.downloaded, repetition: c.repetition }));
  if (!sameContent(calls(a), calls(b))) return false;
  if (!sameContent(a.tfvars, b.tfvars)) return false;
  if (a.documents.length !== b.documents.length) return false;
  return a.documents.every((doc, i) => sameFrameOfDocument(doc, b.documents[i]));
}

function sameFrameOfDocument(a: TemplateDocument, b: TemplateDocument): boolean {
  if (a.uri !== b.uri || a.format !== b.format) return false;
  // Parsing is a function of the text: the same text, the same document.
  if (a === b || a.text === b.text) return true;
  if (!sameContent(a.inputs, b.inputs) || !sameContent(a.blocks, b.blocks) || !sameContent(a.transforms, b.transforms)) return false;
  // Rules read template sections other than Resources (SAM Globals, Parameters, Conditions, Mappings).
  // (A Terraform root is the whole file; what rules read of it besides resources is in inputs and blocks.)
  const sections = (d: TemplateDocument): unknown => (isCloudFormation(d.format) ? d.root?.entries.filter((e) => e.key !== 'Resources') : undefined);
  if (!sameContent(sections(a), sections(b))) return false;
  const la = layoutOf(a);
  const lb = layoutOf(b);
  return la.unit === lb.unit && la.eol === lb.eol;
}

/** What the previous assessment offers the next one, and the checks that decide what may be kept. */
class Carry {
  private readonly newByKey = new Map<string, Resource>();
  private readonly changes = new Map<string, LineChange>();
  private readonly changed = new Map<string, boolean>();
  private readonly unitChanged = new Map<number, boolean>();
  private readonly lookups = new Map<string, boolean>();
  private readonly incoming = new Map<string, boolean>();
  private readonly outgoing = new Map<string, boolean>();
  private readonly move: MoveRange = (uri, range) => moveRange(this.changes.get(uri), range);
  private readonly oldDocuments = new Map<string, TemplateDocument>();
  private readonly newDocuments = new Map<string, TemplateDocument>();

  constructor(
    private readonly previous: RecordedAssessment,
    private readonly units: LinkedModel[],
    private readonly keys: Map<Resource, string>,
  ) {
    for (const [r, key] of keys) this.newByKey.set(key, r);
    for (const unit of previous.units) for (const d of unit.documents) this.oldDocuments.set(d.uri, d);
    for (const unit of units) {
      for (const d of unit.documents) {
        this.newDocuments.set(d.uri, d);
        const before = this.oldDocuments.get(d.uri)?.text;
        if (before !== undefined && before !== d.text && !this.changes.has(d.uri)) this.changes.set(d.uri, lineChange(before, d.text));
      }
    }
  }

  keep(key: string, resource: Resource): { assessment: ResourceAssessment; reads: Reads } | undefined {
    const index = this.previous.indexOf.get(key);
    if (index === undefined || this.isChanged(key)) return undefined;
    // Module calls cache what a caller's argument or a module's output evaluated to, so a resource's
    // reads in another unit are noted only for the first resource that asked: any change there counts.
    if (this.units.length > 1 && this.otherUnitChanged(Number(key.slice(0, key.indexOf('|'))))) return undefined;
    const old = this.previous.resources[index];
    const reads = this.previous.reads[index];
    // Its lines, and the comment lines above it where a suppression may sit, must be untouched.
    const change = this.changes.get(old.resource.uri);
    if (touches(change, old.resource.range.start.line - MAX_LINES_ABOVE, old.resource.range.end.line)) return undefined;
    if (reads.everything.some((u) => this.isUnitChanged(u))) return undefined;
    if (reads.read.some((k) => this.isChanged(k))) return undefined;
    if (reads.lookups.some((l) => this.lookupDiffers(l))) return undefined;
    if (reads.incoming.some((k) => this.referencesDiffer(k, 'to'))) return undefined;
    if (reads.outgoing.some((k) => this.referencesDiffer(k, 'from'))) return undefined;
    // Nothing it holds moves (all before the edit, or after it with no line added or removed): the same objects.
    const inPlace = reads.extents.every((e) => {
      const change = this.changes.get(e.uri);
      return !change || e.last < change.startLine || (e.first > change.oldEndLine && change.delta === 0);
    });
    if (inPlace) return { assessment: onNewResource(old, resource, old.findings), reads };
    // When every range it holds in a file lies wholly after that file's changed lines (or wholly before them),
    // they all move by the same count: its findings move now (diagnostics read them all), its cells when
    // something first reads them (a hover; code lenses read them all, but after the diagnostics are out).
    const shifts = uniformShifts(reads.extents, this.changes);
    const assessment = shifts ? shiftedLater(old, resource, shifts) : moved(old, resource, this.move);
    // Its extents move with it: the next edit compares them with lines numbered as they are now.
    return assessment && { assessment, reads: { ...reads, extents: reads.extents.map((e) => this.movedExtent(e)) } };
  }

  private movedExtent(e: Extent): Extent {
    const change = this.changes.get(e.uri);
    if (!change || change.delta === 0 || e.last < change.startLine) return e;
    return { uri: e.uri, first: e.first > change.oldEndLine ? e.first + change.delta : e.first, last: e.last + change.delta };
  }

  /**
   * It is only on one side, or it is not the old one moved: its content
   * differs, or a position of it lies on a changed line or is not where the
   * edit moved it (fixes read the text around a resource, not only its values).
   */
  private isChanged(key: string): boolean {
    let changed = this.changed.get(key);
    if (changed === undefined) {
      const a = this.oldResource(key);
      const b = this.newByKey.get(key);
      changed = !a || !b || !(this.movedAsItStands(a, b) || sameContent(a, b, this.move));
      this.changed.set(key, changed);
    }
    return changed;
  }

  /**
   * `b` is `a` moved by the edit, known without comparing their values. A
   * resource's text lies within its lines, so one that lies off the changed
   * lines and is where the edit moved it has the same text; its values are
   * then the same when they follow from that text alone: in a JSON template
   * without errors (strict JSON reads the same wherever it stands), or when
   * the YAML re-parse carried the resource over from the previous parse,
   * moved as the edit moved its lines. Anything else is compared.
   */
  private movedAsItStands(a: Resource, b: Resource): boolean {
    if (a.uri !== b.uri || a.id !== b.id || a.type !== b.type || a.format !== b.format || a.repetition !== b.repetition) return false;
    const change = this.changes.get(a.uri);
    const before = this.oldDocuments.get(a.uri);
    const after = this.newDocuments.get(b.uri);
    if (!change || !before || !after) return false;
    const range = moveRange(change, a.range);
    if (!range || !samePlace(range, b.range)) return false;
    if (a.format === 'cloudformation-json') return before.errors.length === 0 && after.errors.length === 0;
    const carried = carriedOver(after, before);
    if (!carried || a.repetition !== undefined || a.id === carried.reparsed) return false;
    // The copy moved the lines from `carried.from` on; the edit those after `oldEndLine`: by the same count, on all of its lines.
    const { start, end } = a.range;
    return carried.delta === change.delta && ((start.line > change.oldEndLine && start.line >= carried.from) || (end.line < change.startLine && end.line < carried.from));
  }

  private isUnitChanged(unit: number): boolean {
    let changed = this.unitChanged.get(unit);
    if (changed === undefined) {
      const prefix = `${unit}|`;
      changed = [...this.previous.indexOf.keys(), ...this.newByKey.keys()].some((k) => k.startsWith(prefix) && this.isChanged(k));
      this.unitChanged.set(unit, changed);
    }
    return changed;
  }

  private otherUnitChanged(unit: number): boolean {
    return this.units.some((_, i) => i !== unit && this.isUnitChanged(i));
  }

  private oldResource(key: string): Resource | undefined {
    const index = this.previous.indexOf.get(key);
    return index === undefined ? undefined : this.previous.resources[index].resource;
  }

  /** A lookup by id that now finds another resource, or the same one changed. */
  private lookupDiffers(lookup: string): boolean {
    let differs = this.lookups.get(lookup);
    if (differs === undefined) {
      const bar = lookup.indexOf('|');
      const unit = Number(lookup.slice(0, bar));
      const id = lookup.slice(bar + 1);
      const a = this.previous.units[unit]?.resource(id);
      const b = this.units[unit]?.resource(id);
      const key = a && this.previous.keys.get(a);
      differs = !a || !b ? a !== b : key === undefined || key !== this.keys.get(b) || this.isChanged(key);
      this.lookups.set(lookup, differs);
    }
    return differs;
  }

  /** The references pointing at (`to`) or from (`from`) a resource are not the same as before (ends, attributes, properties, names). */
  private referencesDiffer(key: string, end: 'to' | 'from'): boolean {
    const memo = end === 'to' ? this.incoming : this.outgoing;
    let differs = memo.get(key);
    if (differs === undefined) {
      const a = this.oldResource(key);
      const b = this.newByKey.get(key);
      const unit = Number(key.slice(0, key.indexOf('|')));
      differs = !a || !b || signature(this.previous.units[unit], a, end, this.previous.keys) !== signature(this.units[unit], b, end, this.keys);
      memo.set(key, differs);
    }
    return differs;
  }
}

function samePlace(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function signature(model: LinkedModel | undefined, resource: Resource, end: 'to' | 'from', keys: Map<Resource, string>): string {
  if (!model) return '';
  const refs = end === 'to' ? model.referencesTo(resource) : model.referencesFrom(resource);
  return refs.map((ref) => [keys.get(end === 'to' ? ref.from : ref.to) ?? '?', ref.attribute ?? '', ref.property ?? '', ref.byName ?? ''].join('\u0001')).join('\u0002');
}

/**
 * The assessment on the resource's new object, every range moved (objects
 * are copied only where a range moves, the previous analysis keeps its own);
 * undefined when a range lies on a changed line.
 */
function moved(old: ResourceAssessment, resource: Resource, move: MoveRange): ResourceAssessment | undefined {
  const cells = movedCells(old.cells, move);
  const findings = cells && movedFindings(old.findings, move);
  return findings && rebuilt(old, resource, findings, cells);
}

function movedCells(cells: Cell[], move: MoveRange): Cell[] | undefined {
  let out = cells;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    const evidence = movedAll(cell.evidence, move);
    if (!evidence) return undefined;
    if (evidence === cell.evidence) continue;
    if (out === cells) out = [...cells];
    out[c] = { ...cell, evidence };
  }
  return out;
}

function movedFindings(findings: Finding[], move: MoveRange): Finding[] | undefined {
  let out = findings;
  for (let i = 0; i < findings.length; i++) {
    const f = movedFinding(findings[i], move);
    if (!f) return undefined;
    if (f === findings[i]) continue;
    if (out === findings) out = [...findings];
    out[i] = f;
  }
  return out;
}

/** Lines to add to every position in a file. */
interface Shift {
  uri: string;
  delta: number;
}

/**
 * Per file, how far every range the extents cover moves, when in each file
 * they lie wholly before or wholly after the changed lines; undefined when
 * the change falls within one (some ranges may move and others not, or lie
 * on a changed line).
 */
function uniformShifts(extents: readonly Extent[], changes: ReadonlyMap<string, LineChange>): readonly Shift[] | undefined {
  const out: Shift[] = [];
  for (const e of extents) {
    const change = changes.get(e.uri);
    if (!change || e.last < change.startLine) continue;
    if (e.first <= change.oldEndLine) return undefined;
    if (change.delta !== 0) out.push({ uri: e.uri, delta: change.delta });
  }
  return out;
}

/**
 * Cells whose evidence is still to be moved: the cells as computed (or last
 * moved) and, per file, the lines the edits since then added up to.
 */
interface PendingCells {
  cells: Cell[];
  shifts: readonly Shift[];
}

/** Where an assessment keeps its pending cells: a property of its own, not enumerated, not copied. */
const PENDING = Symbol('pending cells');
type WithPending = ResourceAssessment & { [PENDING]?: PendingCells };
const NO_CELLS: Cell[] = [];

function pendingOf(ra: ResourceAssessment): PendingCells | undefined {
  return (ra as WithPending)[PENDING];
}

/** One getter for every assessment with pending cells: moves them, then keeps them as a plain property. */
const LAZY_CELLS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: WithPending): Cell[] {
    const pending = this[PENDING] as PendingCells;
    const cells = movedCells(pending.cells, (uri, range) => shiftRange(range, deltaIn(pending.shifts, uri))) as Cell[];
    Object.defineProperty(this, 'cells', { value: cells, enumerable: true, writable: true, configurable: true });
    this[PENDING] = undefined;
    return cells;
  },
};

/** `old` on the resource's new object with these findings, its cells as they are (moved, or still to be). */
function onNewResource(old: ResourceAssessment, resource: Resource, findings: Finding[]): ResourceAssessment {
  const pending = pendingOf(old);
  return pending ? withPendingCells(old, resource, findings, pending) : rebuilt(old, resource, findings, old.cells);
}

/**
 * Every field of an assessment named (the type check fails when one is
 * added), so the cells are not read unless given; a type outside AWS has
 * no type information and no model, as `assessResource` leaves them out.
 */
function rebuilt(old: ResourceAssessment, resource: Resource, findings: Finding[], cells: Cell[]): ResourceAssessment {
  if (!old.info) return { resource, cells, findings };
  return { resource, info: old.info, model: old.model, modelReason: old.modelReason, cells, findings } satisfies Record<keyof ResourceAssessment, unknown>;
}

function shiftedLater(old: ResourceAssessment, resource: Resource, shifts: readonly Shift[]): ResourceAssessment {
  const move: MoveRange = (uri, range) => shiftRange(range, deltaIn(shifts, uri));
  const findings = movedFindings(old.findings, move) as Finding[];
  const before = pendingOf(old);
  const pending = before ? { cells: before.cells, shifts: addShifts(before.shifts, shifts) } : { cells: old.cells, shifts };
  return withPendingCells(old, resource, findings, pending);
}

function deltaIn(shifts: readonly Shift[], uri: string): number {
  for (const s of shifts) if (s.uri === uri) return s.delta;
  return 0;
}

function addShifts(a: readonly Shift[], b: readonly Shift[]): readonly Shift[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = a.map((s) => ({ uri: s.uri, delta: s.delta + deltaIn(b, s.uri) }));
  for (const s of b) if (!a.some((x) => x.uri === s.uri)) out.push(s);
  return out;
}

function shiftRange(range: Range, delta: number): Range {
  if (delta === 0) return range;
  return { start: { line: range.start.line + delta, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } };
}

function withPendingCells(old: ResourceAssessment, resource: Resource, findings: Finding[], pending: PendingCells): ResourceAssessment {
  const ra = rebuilt(old, resource, findings, NO_CELLS);
  Object.defineProperty(ra, PENDING, { value: pending, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(ra, 'cells', LAZY_CELLS);
  return ra;
}

/** Located things moved; the same array when none moves, undefined when one lies on a changed line. */
function movedAll<T extends { uri: string; range: Range }>(items: T[], move: MoveRange): T[] | undefined {
  let out = items;
  for (let i = 0; i < items.length; i++) {
    const range = move(items[i].uri, items[i].range);
    if (!range) return undefined;
    if (range === items[i].range) continue;
    if (out === items) out = [...items];
    out[i] = { ...items[i], range };
  }
  return out;
}

function movedFinding(f: Finding, move: MoveRange): Finding | undefined {
  const range = move(f.uri, f.range);
  const related = movedAll(f.related, move);
  if (!range || !related) return undefined;
  let fixes = f.fixes;
  for (let i = 0; i < f.fixes.length; i++) {
    const edits = movedAll(f.fixes[i].edits, move);
    if (!edits) return undefined;
    if (edits === f.fixes[i].edits) continue;
    if (fixes === f.fixes) fixes = [...f.fixes];
    fixes[i] = { ...f.fixes[i], edits };
  }
  let reasonMissing = f.reasonMissing;
  if (reasonMissing) {
    const at = move(reasonMissing.uri, reasonMissing.range);
    if (!at) return undefined;
    if (at !== reasonMissing.range) reasonMissing = { ...reasonMissing, range: at };
  }
  if (range === f.range && related === f.related && fixes === f.fixes && reasonMissing === f.reasonMissing) return f;
  const out = { ...f, range, related, fixes };
  if (reasonMissing) out.reasonMissing = reasonMissing;
  return out;
}
