import { csvLine, markdownText } from './escape';
import { CATEGORY_LABEL, CATEGORY_MEANING, CATEGORY_ORDER, OWNER_LABEL, STATUS_LABEL } from './labels';
import type { ControlMatrix, ControlRow, ResourceMatrix } from './matrixReport';

/**
 * The matrix as CSV and Markdown. CSV is long-form (one line per resource
 * and aspect, or per control), which spreadsheets filter and pivot; Markdown
 * is one table per category, the customer's first.
 */
export function resourceMatrixCsv(m: ResourceMatrix): string {
  let out = csvLine(['Category', 'File', 'Line', 'Resource', 'Type', 'Model', 'Aspect', 'Owner', 'Status', 'Note']);
  for (const category of CATEGORY_ORDER) {
    for (const row of m.rows) {
      row.cells.forEach((c, i) => {
        if (c.category !== category) return;
        out += csvLine([CATEGORY_LABEL[c.category], row.path, String(row.line), row.resource, row.type, row.model, m.aspects[i].title, OWNER_LABEL[c.owner], STATUS_LABEL[c.status], c.note ?? '']);
      });
    }
  }
  return out;
}

export function resourceMatrixMarkdown(m: ResourceMatrix): string {
  const out = ['# Responsibility matrix', '', `${m.rows.length} AWS resources × ${m.aspects.length} aspects. Each table holds the cells of one category; a dot marks an aspect that falls in another category for that resource.`, ''];
  for (const category of CATEGORY_ORDER) {
    const columns = m.aspects.map((a, i) => ({ a, i })).filter(({ i }) => m.rows.some((r) => r.cells[i]?.category === category));
    if (!columns.length) continue;
    out.push(`## ${CATEGORY_LABEL[category]} controls`, '', `${capitalise(CATEGORY_MEANING[category])}.`, '');
    out.push(`| File | Resource | Type | ${columns.map(({ a }) => markdownText(a.short)).join(' | ')} |`, `| --- | --- | --- | ${columns.map(() => '---').join(' | ')} |`);
    for (const row of m.rows) {
      if (!row.cells.some((c) => c.category === category)) continue;
      const cells = columns.map(({ i }) => (row.cells[i]?.category === category ? STATUS_LABEL[row.cells[i].status] : '·'));
      out.push(`| ${markdownText(row.path)}:${row.line} | ${markdownText(row.resource)} | ${markdownText(row.type)} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  return out.concat(unread(m.errors)).join('\n');
}

function unread(errors: { path: string; message: string }[]): string[] {
  if (!errors.length) return [];
  return ['## Files that could not be read', '', 'The matrix says nothing about these files.', '', ...errors.map((e) => `- ${markdownText(e.path)}: ${markdownText(e.message)}`), ''];
}

export function controlMatrixCsv(m: ControlMatrix): string {
  let out = csvLine(['Category', 'Control', 'Owner', 'Resources', 'Meeting', 'Gaps', 'Cannot tell', 'Accepted risk', 'Not checked', 'Outside the template', 'Gaps where', 'Cannot tell where', 'Accepted risks', 'Evidence']);
  for (const r of m.rows) {
    out += csvLine([
      CATEGORY_LABEL[r.category],
      r.title,
      OWNER_LABEL[r.owner],
      String(r.resources),
      String(r.meeting),
      String(r.gaps.length),
      String(r.cannotTell.length),
      String(r.acceptedRisks.length),
      String(r.statuses['not-checked'] ?? 0),
      String(r.statuses['outside-template'] ?? 0),
      r.gaps.map((g) => `${g.resource} (${g.path}:${g.line}) ${g.rule}: ${g.message}${g.baselined ? ' [baseline]' : ''}`).join('\n'),
      r.cannotTell.map((c) => `${c.resource} (${c.path}:${c.line}): ${c.reason}`).join('\n'),
      r.acceptedRisks.map((a) => `${a.resource} (${a.path}:${a.line}) ${a.rule}: ${a.reason}`).join('\n'),
      r.evidence.map((e) => `${e.resource} (${e.path}:${e.line}): ${e.text}`).join('\n'),
    ]);
  }
  return out;
}

/** Lists in a Markdown cell are cut at this many entries; the CSV, JSON and HTML keep them all. */
const MARKDOWN_LIST = 10;

export function controlMatrixMarkdown(m: ControlMatrix): string {
  const out = ['# Customer responsibility matrix', '', `${m.resources} AWS resources. One row per control and category: who is responsible, how many resources meet the control, the gaps that remain and where, and the evidence.`, ''];
  for (const category of CATEGORY_ORDER) {
    const rows = m.rows.filter((r) => r.category === category);
    if (!rows.length) continue;
    out.push(`## ${CATEGORY_LABEL[category]} controls`, '', `${capitalise(CATEGORY_MEANING[category])}.`, '');
    out.push('| Control | Owner | Resources | Meeting | Gaps | Cannot tell | Where the gaps are | Evidence |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) out.push(controlMarkdownRow(r));
    out.push('');
  }
  return out.concat(unread(m.errors)).join('\n');
}

function controlMarkdownRow(r: ControlRow): string {
  const list = (items: string[]) => (items.length ? items.slice(0, MARKDOWN_LIST).join('<br>') + (items.length > MARKDOWN_LIST ? `<br>…and ${items.length - MARKDOWN_LIST} more` : '') : '—');
  const gaps = list(r.gaps.map((g) => `${markdownText(g.resource)} (${markdownText(g.path)}:${g.line}) \`${g.rule}\``));
  const evidence = list(r.evidence.map((e) => `${markdownText(e.resource)}: ${markdownText(e.text)}`));
  return `| ${markdownText(r.title)} | ${OWNER_LABEL[r.owner]} | ${r.resources} | ${r.meeting} | ${r.gaps.length} | ${r.cannotTell.length} | ${gaps} | ${evidence} |`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
