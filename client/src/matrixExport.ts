import type { MatrixResult } from '../../server/src/protocol/matrix';

/**
 * The responsibility matrix as files people share: CSV for spreadsheets,
 * Markdown for pull requests and wikis, HTML for a standalone report. One
 * row per resource; each aspect column reads "Owner: status". Pure
 * functions, so they are tested without VS Code.
 */
const OWNER: Record<string, string> = { aws: 'AWS', shared: 'Shared', customer: 'Customer' };
const STATUS: Record<string, string> = {
  met: 'met',
  gap: 'gap',
  'aws-default': 'AWS default',
  'cannot-tell': 'cannot tell',
  'not-checked': 'not checked',
  'accepted-risk': 'accepted risk',
  'not-applicable': 'n/a',
  'outside-template': 'outside template',
};

function table(data: MatrixResult): string[][] {
  const header = ['File', 'Resource', 'Type', 'Service', 'Model', ...data.aspects.map((a) => a.title)];
  const rows = data.rows.map((row, i) => [
    row.uri,
    row.resourceId,
    row.type,
    row.serviceName,
    row.model,
    ...data.cells[i].map((c) => `${OWNER[c.owner] ?? c.owner}: ${STATUS[c.status] ?? c.status}`),
  ]);
  return [header, ...rows];
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

export function toCsv(data: MatrixResult): string {
  return table(data).map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
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
    .replace(/([|`*[\]])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

export function toMarkdown(data: MatrixResult): string {
  const [header, ...rows] = table(data);
  const line = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function toHtml(data: MatrixResult, title = 'SRM Lens responsibility matrix'): string {
  const [header, ...rows] = table(data);
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr><td>${escapeHtml(r[0])}</td><th scope="row">${escapeHtml(r[1])}</th>${r.slice(2).map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif}table{border-collapse:collapse}th,td{border:1px solid #999;padding:2px 6px;text-align:left;font-size:13px}</style>
</head>
<body>
<table>
<caption>${escapeHtml(title)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}
