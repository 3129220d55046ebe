import raw from './data/supportCalendars.json';

/**
 * AWS's published support calendars (Lambda runtime deprecations, EKS and
 * database engine end of standard support), as dated, sourced data in
 * data/supportCalendars.json. The file is validated when first read, so a
 * malformed edit fails loudly instead of silently dropping a version.
 */

export interface CalendarEntry {
  version: string;
  /** ISO date standard support ends (Lambda: the deprecation date). */
  endOfSupport: string;
  /** confirmed: announced (or passed) as is; projected: a future date AWS has moved before. */
  status: 'confirmed' | 'projected';
  source: string;
  confirmedBy?: string;
  checked: string;
}

export interface Calendar {
  what: string;
  source: string;
  /** Whether versions older than the oldest entry are past support too (majors that end in order). */
  olderArePast: boolean;
  entries: CalendarEntry[];
}

export type CalendarId = 'lambda' | 'eks' | 'rds-postgres' | 'aurora-postgresql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws with the offending path when the data does not have the documented shape. */
export function validateCalendars(data: unknown): Record<string, Calendar> {
  const fail = (where: string, what: string): never => {
    throw new Error(`supportCalendars.json: ${where}: ${what}`);
  };
  const calendars = (data as { calendars?: unknown })?.calendars;
  if (!calendars || typeof calendars !== 'object') fail('calendars', 'missing');
  for (const [id, c] of Object.entries(calendars as Record<string, Partial<Calendar>>)) {
    if (typeof c.what !== 'string' || typeof c.source !== 'string' || !c.source.startsWith('https://')) fail(id, 'needs what and an https source');
    if (typeof c.olderArePast !== 'boolean') fail(id, 'needs olderArePast');
    if (!Array.isArray(c.entries) || c.entries.length === 0) fail(id, 'needs entries');
    const seen = new Set<string>();
    for (const [i, e] of (c.entries as Partial<CalendarEntry>[]).entries()) {
      const at = `${id}.entries[${i}]`;
      if (typeof e.version !== 'string' || !e.version) fail(at, 'needs a version');
      if (seen.has(e.version!)) fail(at, `duplicate version ${e.version}`);
      seen.add(e.version!);
      if (!ISO_DATE.test(e.endOfSupport ?? '')) fail(at, 'endOfSupport must be YYYY-MM-DD');
      if (!ISO_DATE.test(e.checked ?? '')) fail(at, 'checked must be YYYY-MM-DD');
      if (e.status !== 'confirmed' && e.status !== 'projected') fail(at, 'status must be confirmed or projected');
      if (typeof e.source !== 'string' || !e.source.startsWith('https://')) fail(at, 'needs an https source');
      if (e.confirmedBy !== undefined && !e.confirmedBy.startsWith('https://')) fail(at, 'confirmedBy must be an https URL');
    }
  }
  return calendars as Record<string, Calendar>;
}

let calendars: Record<string, Calendar> | undefined;

export function calendar(id: CalendarId): Calendar {
  calendars ??= validateCalendars(raw);
  const c = calendars[id];
  if (!c) throw new Error(`supportCalendars.json has no calendar "${id}"`);
  return c;
}

let override: string | undefined;

/**
 * The day versions are judged on: today, unless set. Tests set it so that a
 * verdict never depends on the wall clock; the CLI and server use today.
 */
export function referenceDate(): string {
  return override ?? new Date().toISOString().slice(0, 10);
}

export function setReferenceDate(date: string | undefined): void {
  if (date !== undefined && !ISO_DATE.test(date)) throw new Error(`reference date must be YYYY-MM-DD, got ${date}`);
  override = date;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type VersionStanding =
  | { kind: 'listed'; entry: CalendarEntry }
  | { kind: 'older'; than: CalendarEntry }
  | { kind: 'unlisted' };

/** Compares dotted numeric versions (1.29 < 1.30); non-numeric parts compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Where a version stands in a calendar: an entry of its own, older than every entry, or not there. */
export function standing(c: Calendar, version: string): VersionStanding {
  const entry = c.entries.find((e) => e.version === version);
  if (entry) return { kind: 'listed', entry };
  if (c.olderArePast && /^\d+(\.\d+)*$/.test(version)) {
    const oldest = [...c.entries].sort((a, b) => compareVersions(a.version, b.version))[0];
    if (compareVersions(version, oldest.version) < 0) return { kind: 'older', than: oldest };
  }
  return { kind: 'unlisted' };
}
