import type { ControlCategory } from '../knowledge/types';
import { markdownText } from './escape';
import { allFindings, type JsonReport } from './jsonReport';
import { CATEGORY_LABEL, CATEGORY_ORDER } from './labels';
import { plural } from './textReport';

/** GitHub refuses comments over 65,536 characters; tables stop well before, with a count of what is left out. */
const MAX_ROWS = 100;

/**
 * `srm-lens scan --format markdown`: a pull-request comment. A summary line,
 * the open gaps as a table, and the rest (ownership per resource, accepted
 * risks, baseline entries, unreadable files) folded in `<details>`.
 * Every template-derived string is escaped with `markdownText`.
 */
export function renderMarkdown(report: JsonReport): string {
  const open = [...allFindings(report)].filter(({ finding }) => !finding.suppressed && !finding.baselined);
  const accepted = [...allFindings(report)].filter(({ finding }) => finding.suppressed);
  const baselined = [...allFindings(report)].filter(({ finding }) => finding.baselined);
  const bySeverity = (s: string) => open.filter(({ finding }) => finding.severity === s).length;
  const s = report.summary;
  const out: string[] = [];
  out.push(`### SRM Lens: ${open.length ? `${plural(open.length, 'open gap')} in the customer’s share` : 'no open gaps in the customer’s share'}`, '');
  out.push(
    `${plural(s.files, 'file')}, ${plural(s.resources, 'resource')} · ${bySeverity('error')} error, ${bySeverity('warning')} warning, ${bySeverity('info')} info` +
      `${accepted.length ? ` · ${accepted.length} accepted risk${accepted.length === 1 ? '' : 's'}` : ''}${baselined.length ? ` · ${baselined.length} in the baseline` : ''}` +
      `${report.errors.length ? ` · **${plural(report.errors.length, 'file')} could not be read**` : ''}`,
    '',
  );
  if (open.length) {
    out.push('| Severity | Rule | Resource | File | Line | Gap | Fix |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const { file, resource, finding } of open.slice(0, MAX_ROWS)) {
      out.push(
        `| ${finding.severity} | \`${finding.rule}\` | ${markdownText(resource.id)} | ${markdownText(file.path)} | ${finding.range.start.line + 1} | ${markdownText(finding.message)} | ${finding.fixes.length ? markdownText(finding.fixes[0].title) : '—'} |`,
      );
    }
    if (open.length > MAX_ROWS) out.push('', `…and ${open.length - MAX_ROWS} more (see the SARIF or JSON report).`);
    out.push('');
  }
  out.push('<details><summary>Who owns what, per resource (the controls each bears)</summary>', '');
  out.push(`| File | Resource | Type | Model | ${CATEGORY_ORDER.map((c) => CATEGORY_LABEL[c]).join(' | ')} | Gaps |`, '| --- | --- | --- | --- | --- | --- | --- | --- |');
  let rows = 0;
  let left = 0;
  for (const file of report.files) {
    for (const r of file.resources) {
      if (!r.model) continue;
      if (rows++ >= MAX_ROWS) {
        left++;
        continue;
      }
      const count = (c: ControlCategory) => r.cells.filter((x) => x.applies !== false && x.category === c).length;
      const gaps = r.findings.filter((f) => !f.suppressed && !f.baselined).length;
      out.push(`| ${markdownText(file.path)} | ${markdownText(r.id)} | ${markdownText(r.type)} | ${r.model} | ${CATEGORY_ORDER.map((c) => count(c)).join(' | ')} | ${gaps} |`);
    }
  }
  if (left) out.push('', `…and ${plural(left, 'more resource')}.`);
  out.push('', 'Customer-specific: the customer’s alone (security *in* the cloud). Shared: each side in its own context. Inherited: AWS’s alone (security *of* the cloud).', '', '</details>', '');
  if (accepted.length) {
    out.push(`<details><summary>Accepted risks (${accepted.length})</summary>`, '', '| Rule | Resource | File | Line | Reason |', '| --- | --- | --- | --- | --- |');
    for (const { file, resource, finding } of accepted.slice(0, MAX_ROWS)) {
      out.push(`| \`${finding.rule}\` | ${markdownText(resource.id)} | ${markdownText(file.path)} | ${finding.range.start.line + 1} | ${finding.suppressionReason ? markdownText(finding.suppressionReason) : '(no reason given)'} |`);
    }
    out.push('', '</details>', '');
  }
  if (baselined.length) {
    out.push(`<details><summary>In the baseline (${baselined.length})</summary>`, '', '| Rule | Resource | File | Line |', '| --- | --- | --- | --- |');
    for (const { file, resource, finding } of baselined.slice(0, MAX_ROWS)) {
      out.push(`| \`${finding.rule}\` | ${markdownText(resource.id)} | ${markdownText(file.path)} | ${finding.range.start.line + 1} |`);
    }
    out.push('', '</details>', '');
  }
  if (report.errors.length) {
    out.push(`<details><summary>Files that could not be read (${report.errors.length})</summary>`, '');
    for (const e of report.errors.slice(0, MAX_ROWS)) out.push(`- ${markdownText(e.path)}: ${markdownText(e.message)}`);
    out.push('', '</details>', '');
  }
  out.push(`<sub>${markdownText(report.tool.name)} ${markdownText(report.tool.version)}</sub>`);
  return out.join('\n') + '\n';
}
