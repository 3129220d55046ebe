import { STATUS_SHORT, type MatrixResult } from '../../server/src/protocol/matrix';
import { standalonePage } from '../../server/src/protocol/standalonePage';
import { applies, CATEGORY_LABEL, CATEGORY_ORDER, CATEGORY_WORD, categoryOf, columnGroups, columnOrder, percents, relativePath, summaryLine, tally, type MatrixTally } from './matrixColumns';

/**
 * The responsibility matrix as files people share: CSV for spreadsheets,
 * Markdown for pull requests and wikis, HTML for a standalone, printable
 * report. One row per resource (companions right after the resource they
 * configure, naming it); paths relative to the workspace folder; each aspect
 * cell reads "<category>: <status>" in the model's words; the summary (owners
 * and gaps by severity) comes with every format. Pure functions, tested
 * without VS Code.
 */
const OWNER: Record<string, string> = { customer: 'Yours', shared: 'Shared', aws: 'AWS' };

function gapCount(data: MatrixResult, i: number): number {
  const g = data.rows[i].gaps;
  return g ? g.error + g.warning + g.info : data.cells[i].filter((c) => c.status === 'gap').length;
}

function table(data: MatrixResult, roots: readonly string[]): string[][] {
  const order = columnOrder(data);
  const header = ['File', 'Resource', 'Part of', 'Type', 'Service', 'Model', 'Gaps', ...order.map((j) => data.aspects[j].title)];
  const rows = data.rows.map((row, i) => [
    relativePath(row.uri, roots),
    row.resourceId,
    row.parent ?? '',
    row.type,
    row.serviceName,
    row.model,
    String(gapCount(data, i)),
    ...order.map((j) => {
      const c = data.cells[i][j];
      return applies(c) ? `${CATEGORY_WORD[categoryOf(c)]}: ${STATUS_SHORT[c.status] ?? c.status}` : 'not borne';
    }),
  ]);
  return [header, ...rows];
}

/** Summary lines: the whole matrix, then each file. */
function summaries(data: MatrixResult, roots: readonly string[]): { label: string; text: string; tally: MatrixTally }[] {
  const all = tally(data);
  const out = [{ label: 'All files', text: summaryLine(all), tally: all }];
  const files = [...new Set(data.rows.map((r) => r.uri))];
  if (files.length > 1) {
    for (const uri of files) {
      const t = tally(data, (i) => data.rows[i].uri === uri);
      out.push({ label: relativePath(uri, roots), text: summaryLine(t), tally: t });
    }
  }
  return out;
}

/**
 * RFC 4180 fields, and no formulas: a leading = + - @ (or tab/CR, which some
 * spreadsheets skip before one) would make a spreadsheet evaluate text someone
 * else wrote, so it gets a `'` prefix. Then fields with a comma, quote, CR or LF
 * are quoted, with inner quotes doubled.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table, then one `Summary: <scope>` row per scope (the summary line, the gap count; same number of fields, so spreadsheets read one rectangle). */
export function toCsv(data: MatrixResult, roots: readonly string[] = []): string {
  const rows = table(data, roots);
  const width = rows[0].length;
  for (const s of summaries(data, roots)) {
    const row = [`Summary: ${s.label}`, s.text, '', '', '', '', String(s.tally.gaps.error + s.tally.gaps.warning + s.tally.gaps.info)];
    rows.push([...row, ...Array<string>(Math.max(0, width - row.length)).fill('')]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * A Markdown table cell that stays one cell and renders as the text it was:
 * backslash first, then the pipe (a column break), the characters that would
 * start code, emphasis or a link, and `&`/`<` (no raw HTML in rendered Markdown).
 * Newlines become spaces: a table row is one line.
 */
function markdownCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/([|`*_[\]])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

export function toMarkdown(data: MatrixResult, roots: readonly string[] = []): string {
  const [header, ...rows] = table(data, roots);
  const line = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const summary = summaries(data, roots).map((s) => `- ${markdownCell(s.label)}: ${markdownCell(s.text)}`);
  return ['## Summary', '', ...summary, '', '## Matrix', '', line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The stacked bar of owners as inline SVG (no script, no external resource). */
function ownerBar(t: MatrixTally, className: string): string {
  const total = t.cells['customer-specific'] + t.cells.shared + t.cells.inherited;
  const p = percents(t);
  let x = 0;
  const rects = CATEGORY_ORDER.map((c) => {
    const width = total ? (t.cells[c] / total) * 100 : 0;
    const rect = width > 0 ? `<rect class="fill-${c}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="6"/>` : '';
    x += width;
    return rect;
  }).join('');
  const label = `Yours ${p['customer-specific']}%, shared ${p.shared}%, inherited from AWS ${p.inherited}%`;
  return `<svg class="${className}" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${label}">${rects}</svg>`;
}

function gapChips(t: MatrixTally): string {
  const total = t.gaps.error + t.gaps.warning + t.gaps.info;
  if (!total) return '<span class="gap-none">no gaps</span>';
  return (['error', 'warning', 'info'] as const)
    .filter((s) => t.gaps[s])
    .map((s) => `<span class="gap-${s}">${t.gaps[s]} ${s}${t.gaps[s] === 1 ? '' : 's'}</span>`)
    .join(' ');
}

const HTML_STYLE = `
@page { size: A4 landscape; margin: 10mm; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 12px; color: #1f1f1f; background: #fff; margin: 16px; }
h1 { font-size: 16px; margin: 0 0 8px; }
.overview p { margin: 2px 0; color: #444; }
.owner-bar { width: 240px; height: 10px; border: 1px solid #888; vertical-align: middle; }
.file-head .owner-bar { width: 100px; height: 8px; }
.fill-customer-specific { fill: #1a73e8; } .fill-shared { fill: #8e44ad; } .fill-inherited { fill: #e67e22; }
.legend span { margin-right: 10px; }
.key-customer-specific::before { content: "● "; color: #1a73e8; } .key-shared::before { content: "◆ "; color: #8e44ad; } .key-inherited::before { content: "■ "; color: #e67e22; }
.gap-error { color: #b3261e; font-weight: 600; } .gap-warning { color: #8a5a00; font-weight: 600; } .gap-info { color: #1a5fb4; } .gap-none { color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
thead { display: table-header-group; }
th.group-customer-specific { border-top: 3px solid #1a73e8; } th.group-shared { border-top: 3px dashed #8e44ad; } th.group-inherited { border-top: 3px solid #e67e22; }
th.aspect { font-size: 10px; }
th.file-name { background: #e8e8e8; }
th.file-name .path { margin-right: 10px; }
tr.companion th[scope="row"] { padding-left: 16px; }
tr.companion th[scope="row"]::before { content: "↳ "; color: #666; }
th[scope="row"] .type { display: block; color: #555; font-weight: normal; font-size: 10px; }
td { font-size: 10px; white-space: nowrap; }
td.customer-specific { border-left: 3px solid #1a73e8; } td.shared { border-left: 3px dashed #8e44ad; } td.inherited { color: #666; }
td.gap { color: #b3261e; font-weight: 600; }
td.not-borne { color: #999; }
tr { break-inside: avoid; }
@media print { body { margin: 0; font-size: 10px; } td, th.aspect { font-size: 8px; } }
`;

/**
 * A standalone report: styled like the page (category groups, owner bars,
 * gap counts, nested companions), no script and no external resource (its
 * CSP forbids both), printable on A4 landscape. Every text from a template
 * is escaped.
 */
export function toHtml(data: MatrixResult, title = 'SRM Lens responsibility matrix', roots: readonly string[] = []): string {
  const groups = columnGroups(data);
  const order = columnOrder(data);
  const groupHeads = CATEGORY_ORDER.filter((c) => groups[c].length)
    .map((c) => `<th scope="colgroup" class="group-${c}" colspan="${groups[c].length}">${escapeHtml(CATEGORY_LABEL[c])}</th>`)
    .join('');
  const aspectHeads = order.map((j) => `<th scope="col" class="aspect" title="${escapeHtml(data.aspects[j].title)}">${escapeHtml(data.aspects[j].title)}</th>`).join('');
  const width = order.length + 3;
  const files = [...new Set(data.rows.map((r) => r.uri))];
  const bodies = files.map((uri) => {
    const t = tally(data, (i) => data.rows[i].uri === uri);
    const head = `<tr class="file-row"><th scope="rowgroup" class="file-name" colspan="${width}"><span class="path">${escapeHtml(relativePath(uri, roots))}</span> ${ownerBar(t, 'owner-bar')} ${gapChips(t)}</th></tr>`;
    const rows = data.rows
      .map((row, i) => ({ row, i }))
      .filter(({ row }) => row.uri === uri)
      .map(({ row, i }) => {
        const cells = order
          .map((j) => {
            const c = data.cells[i][j];
            if (!applies(c)) return '<td class="not-borne">not borne</td>';
            const category = categoryOf(c);
            const note = c.note ? ` title="${escapeHtml(c.note)}"` : '';
            return `<td class="${category}${c.status === 'gap' ? ' gap' : ''}"${note}>${escapeHtml(`${OWNER[c.owner] ?? c.owner}: ${STATUS_SHORT[c.status] ?? c.status}`)}</td>`;
          })
          .join('');
        const part = row.parent ? ` class="companion" data-parent="${escapeHtml(row.parent)}"` : '';
        return `<tr${part}><th scope="row">${escapeHtml(row.resourceId)}<span class="type">${escapeHtml(row.type)}</span></th><td>${escapeHtml(row.model)}</td><td>${gapCount(data, i)}</td>${cells}</tr>`;
      })
      .join('\n');
    return `<tbody>\n${head}\n${rows}\n</tbody>`;
  });
  const s = summaries(data, roots);
  const legend = CATEGORY_ORDER.map((c) => `<span class="key-${c}">${escapeHtml(CATEGORY_LABEL[c])}</span>`).join('');
  return standalonePage(
    escapeHtml(title),
    HTML_STYLE,
    `<section class="overview">
<p class="summary">${escapeHtml(s[0].text)}</p>
<p>${ownerBar(s[0].tally, 'owner-bar')} <span class="legend">${legend}</span> ${gapChips(s[0].tally)}</p>
</section>
<table>
<thead>
<tr><th scope="col" rowspan="2">Resource</th><th scope="col" rowspan="2">Model</th><th scope="col" rowspan="2">Gaps</th>${groupHeads}</tr>
<tr>${aspectHeads}</tr>
</thead>
${bodies.join('\n')}
</table>`,
  );
}
