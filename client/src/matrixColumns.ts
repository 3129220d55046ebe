import type { MatrixCategory, MatrixCell, MatrixResult } from '../../server/src/protocol/matrix';

/**
 * How the matrix groups its aspect columns by control category, for the
 * exports; client/media/matrix.js does the same in the page (a test checks
 * they agree). An aspect's owner can differ from one resource to the next,
 * so a column joins the category most of its cells have (ties go to the
 * customer's side), and the inherited group only when every cell the types
 * bear is inherited: folding that group never hides a shared or customer cell.
 */
export const CATEGORY_ORDER: readonly MatrixCategory[] = ['customer-specific', 'shared', 'inherited'];
export const CATEGORY_LABEL: Record<MatrixCategory, string> = {
  'customer-specific': 'Yours (security in the cloud)',
  shared: 'Shared',
  inherited: 'Inherited from AWS (security of the cloud)',
};
/** The model's name of each category, as the CSV and Markdown cells write it. */
export const CATEGORY_WORD: Record<MatrixCategory, string> = { 'customer-specific': 'customer-specific', shared: 'shared', inherited: 'inherited' };

/** False when the type does not bear the aspect (no owner); servers that send no flag mean it applies. */
export function applies(cell: MatrixCell): boolean {
  return cell.applies !== false;
}

export function categoryOf(cell: MatrixCell): MatrixCategory {
  if (cell.category === 'customer-specific' || cell.category === 'shared' || cell.category === 'inherited') return cell.category;
  return cell.owner === 'customer' ? 'customer-specific' : cell.owner === 'shared' ? 'shared' : 'inherited';
}

export function columnGroups(data: MatrixResult): Record<MatrixCategory, number[]> {
  const groups: Record<MatrixCategory, number[]> = { 'customer-specific': [], shared: [], inherited: [] };
  data.aspects.forEach((_a, j) => {
    const n: Record<MatrixCategory, number> = { 'customer-specific': 0, shared: 0, inherited: 0 };
    for (const row of data.cells) if (applies(row[j])) n[categoryOf(row[j])]++;
    const total = n['customer-specific'] + n.shared + n.inherited;
    const category: MatrixCategory = n.inherited === total ? (data.cells.length === 0 ? 'shared' : 'inherited') : n['customer-specific'] >= n.shared ? 'customer-specific' : 'shared';
    groups[category].push(j);
  });
  return groups;
}

/** Aspect indexes in display order: the customer's columns first, the inherited ones last. */
export function columnOrder(data: MatrixResult): number[] {
  const groups = columnGroups(data);
  return CATEGORY_ORDER.flatMap((c) => groups[c]);
}

export interface MatrixTally {
  resources: number;
  cells: Record<MatrixCategory, number>;
  gaps: { error: number; warning: number; info: number };
}

/** Cells per category and gaps by severity over the rows `only` keeps (all by default). */
export function tally(data: MatrixResult, only: (row: number) => boolean = () => true): MatrixTally {
  const t: MatrixTally = { resources: 0, cells: { 'customer-specific': 0, shared: 0, inherited: 0 }, gaps: { error: 0, warning: 0, info: 0 } };
  data.rows.forEach((row, i) => {
    if (!only(i)) return;
    t.resources++;
    for (const c of data.cells[i]) if (applies(c)) t.cells[categoryOf(c)]++;
    const g = row.gaps ?? { error: 0, warning: data.cells[i].filter((c) => c.status === 'gap').length, info: 0 };
    t.gaps.error += g.error;
    t.gaps.warning += g.warning;
    t.gaps.info += g.info;
  });
  return t;
}

export function percents(t: MatrixTally): Record<MatrixCategory, number> {
  const total = t.cells['customer-specific'] + t.cells.shared + t.cells.inherited;
  const pct = (n: number) => (total ? Math.round((n / total) * 100) : 0);
  return { 'customer-specific': pct(t.cells['customer-specific']), shared: pct(t.cells.shared), inherited: pct(t.cells.inherited) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 gaps (1 error, 1 warning)" or "no gaps". */
export function gapWords(gaps: MatrixTally['gaps']): string {
  const total = gaps.error + gaps.warning + gaps.info;
  if (!total) return 'no gaps';
  const parts = (['error', 'warning', 'info'] as const).filter((s) => gaps[s]).map((s) => plural(gaps[s], s));
  return `${plural(total, 'gap')} (${parts.join(', ')})`;
}

/** The one-line summary the page and the exports share. */
export function summaryLine(t: MatrixTally): string {
  if (t.resources === 0) return 'No AWS resources.';
  const p = percents(t);
  return `Yours: ${p['customer-specific']}% of aspects, shared ${p.shared}%, inherited from AWS ${p.inherited}%, across ${plural(t.resources, 'resource')}; ${gapWords(t.gaps)}`;
}

/** The path of a URI relative to the workspace folder holding it (the folder's name first when there are several), else its decoded path. */
export function relativePath(uri: string, roots: readonly string[] = []): string {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const list = roots.filter((r) => r.length > 0);
  for (const r of list) {
    const root = r.replace(/\/+$/, '');
    if (uri.startsWith(`${root}/`)) {
      const rest = decode(uri.slice(root.length + 1));
      return list.length > 1 ? `${decode(root).split('/').pop()}/${rest}` : rest;
    }
  }
  return decode(uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
}
