import type { CellStatus } from '../assess/assessment';
import { standalonePage } from '../protocol/standalonePage';
import { escapeHtml } from './escape';
import { CATEGORY_LABEL, CATEGORY_MEANING, CATEGORY_ORDER, OWNER_LABEL, STATUS_LABEL } from './labels';
import type { ControlMatrix, ControlRow, ResourceMatrix } from './matrixReport';

/**
 * The matrix as one HTML file to print or attach as audit evidence: no
 * script, no external resource (a Content-Security-Policy says so to the
 * browser), styles inline, readable on paper. Every string that came from a
 * template or a path goes through `escapeHtml`.
 */
export interface HtmlOptions {
  /** Shown under the title: what was scanned and when. */
  generatedAt?: string;
  scanned?: string[];
}

const STYLE = `
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 4px; break-after: avoid; }
p.meta, p.meaning { color: #555; margin: 2px 0 10px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { border: 1px solid #c8c8c8; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 0; padding-left: 16px; } li { margin: 0; }
.s-gap { background: #fde2e1; } .s-met { background: #e3f4e1; } .s-aws-default { background: #e6f0fb; }
.s-cannot-tell { background: #fff4d6; } .s-accepted-risk { background: #f1e6fa; } .s-not-checked, .s-outside-template, .s-not-applicable, .other { color: #666; }
code { font-size: 12px; }
@media print { body { margin: 0; font-size: 10px; } thead { display: table-header-group; } tr { break-inside: avoid; } h2 { break-before: auto; } }
`;

function unread(errors: { path: string; message: string }[]): string {
  if (!errors.length) return '';
  return `<h2>Files that could not be read</h2>\n<p class="meaning">The matrix says nothing about these files.</p>\n<ul>${errors.map((e) => `<li>${escapeHtml(e.path)}: ${escapeHtml(e.message)}</li>`).join('')}</ul>`;
}

function page(title: string, body: string, options: HtmlOptions): string {
  const meta = [options.scanned?.length ? `Scanned: ${options.scanned.map(escapeHtml).join(', ')}` : '', options.generatedAt ? `Generated ${escapeHtml(options.generatedAt)}` : ''].filter(Boolean).join(' · ');
  return standalonePage(escapeHtml(title), STYLE, `<p class="meta">${meta}</p>\n${body}`);
}

const statusCell = (status: CellStatus, note?: string) =>
  `<td class="s-${status}"${note ? ` title="${escapeHtml(note)}"` : ''}>${escapeHtml(STATUS_LABEL[status])}</td>`;

export function resourceMatrixHtml(m: ResourceMatrix, options: HtmlOptions = {}): string {
  const sections: string[] = [];
  for (const category of CATEGORY_ORDER) {
    const columns = m.aspects.map((a, i) => ({ a, i })).filter(({ i }) => m.rows.some((r) => r.cells[i]?.category === category));
    if (!columns.length) continue;
    const head = `<tr><th scope="col">Resource</th><th scope="col">Type</th><th scope="col">Model</th>${columns.map(({ a }) => `<th scope="col" title="${escapeHtml(a.title)}">${escapeHtml(a.short)}</th>`).join('')}</tr>`;
    const body = m.rows
      .filter((row) => row.cells.some((c) => c.category === category))
      .map((row) => {
        const cells = columns.map(({ i }) => (row.cells[i]?.category === category ? statusCell(row.cells[i].status, row.cells[i].note) : '<td class="other">·</td>')).join('');
        return `<tr><th scope="row">${escapeHtml(row.resource)}<br><small>${escapeHtml(row.path)}:${row.line}</small></th><td>${escapeHtml(row.type)}</td><td>${escapeHtml(row.model)}</td>${cells}</tr>`;
      })
      .join('\n');
    sections.push(`<h2>${CATEGORY_LABEL[category]} controls</h2>\n<p class="meaning">${escapeHtml(CATEGORY_MEANING[category])}. A dot marks an aspect that falls in another category for that resource.</p>\n<table><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`);
  }
  const intro = `<p>${m.rows.length} AWS resources × ${m.aspects.length} aspects of the AWS Shared Responsibility Model: who owns each aspect, and whether the code does the customer’s part.</p>`;
  return page('SRM Lens responsibility matrix', [intro, ...sections, unread(m.errors)].join('\n'), options);
}

export function controlMatrixHtml(m: ControlMatrix, options: HtmlOptions = {}): string {
  const sections: string[] = [];
  for (const category of CATEGORY_ORDER) {
    const rows = m.rows.filter((r) => r.category === category);
    if (!rows.length) continue;
    const head = '<tr><th scope="col">Control</th><th scope="col">Owner</th><th scope="col">Resources</th><th scope="col">Meeting</th><th scope="col">Gaps and where</th><th scope="col">Cannot tell</th><th scope="col">Accepted risks</th><th scope="col">Evidence</th></tr>';
    sections.push(`<h2>${CATEGORY_LABEL[category]} controls</h2>\n<p class="meaning">${escapeHtml(CATEGORY_MEANING[category])}.</p>\n<table><thead>${head}</thead><tbody>\n${rows.map(controlRow).join('\n')}\n</tbody></table>`);
  }
  const intro = `<p>The customer responsibility matrix for ${m.resources} AWS resources: for each control (an aspect of the AWS Shared Responsibility Model), whether it is inherited from AWS, shared, or the customer’s own; how many resources meet it; which gaps remain and where; and the evidence in the code.</p>`;
  return page('SRM Lens customer responsibility matrix', [intro, ...sections, unread(m.errors)].join('\n'), options);
}

function controlRow(r: ControlRow): string {
  const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '—');
  const at = (p: { resource: string; path: string; line: number }) => `${escapeHtml(p.resource)} <small>(${escapeHtml(p.path)}:${p.line})</small>`;
  const gaps = list(r.gaps.map((g) => `${at(g)}: <code>${escapeHtml(g.rule)}</code> ${escapeHtml(g.message)}${g.baselined ? ' <small>[baseline]</small>' : ''}`));
  const cannot = list(r.cannotTell.map((c) => `${at(c)}: ${escapeHtml(c.reason)}`));
  const accepted = list(r.acceptedRisks.map((a) => `${at(a)}: <code>${escapeHtml(a.rule)}</code> ${escapeHtml(a.reason)}`));
  const evidence = list(r.evidence.map((e) => `${at(e)}: ${escapeHtml(e.text)}`));
  const notChecked = r.statuses['not-checked'] ? `<br><small>${r.statuses['not-checked']} not checked</small>` : '';
  const outside = r.statuses['outside-template'] ? `<br><small>${r.statuses['outside-template']} outside the template</small>` : '';
  return `<tr><th scope="row">${escapeHtml(r.title)}${notChecked}${outside}</th><td>${OWNER_LABEL[r.owner]}</td><td class="num">${r.resources}</td><td class="num">${r.meeting}</td><td${r.gaps.length ? ' class="s-gap"' : ''}>${gaps}</td><td>${cannot}</td><td>${accepted}</td><td>${evidence}</td></tr>`;
}
