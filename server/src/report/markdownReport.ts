import type { ControlCategory } from '../knowledge/types';
import { markdownText } from './escape';
import type { JsonFile, JsonReport } from './jsonReport';
import { renderThrough, type ReportHead, type ReportSink, type Write } from './reportSink';
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
  return renderThrough(report, markdownReportSink);
}

/**
 * `renderMarkdown` file by file: the counts come first in the comment, so
 * the sink keeps the counts and the first `MAX_ROWS` rows of each table,
 * and writes at the end.
 */
export function markdownReportSink(head: ReportHead, write: Write): ReportSink {
  const open = { rows: [] as string[], count: 0, error: 0, warning: 0, info: 0 };
  const accepted = { rows: [] as string[], count: 0 };
  const baselined = { rows: [] as string[], count: 0 };
  const owners = { rows: [] as string[], left: 0 };
  const keep = (list: { rows: string[]; count: number }, row: () => string) => {
    if (list.count++ < MAX_ROWS) list.rows.push(row());
  };
  return {
    file(file: JsonFile) {
      for (const resource of file.resources) {
        for (const finding of resource.findings) {
          if (!finding.suppressed && !finding.baselined) {
            open[finding.severity]++;
            keep(
              open,
              () =>
                `| ${finding.severity} | \`${finding.rule}\` | ${markdownText(resource.id)} | ${markdownText(file.path)} | ${finding.range.start.line + 1} | ${markdownText(finding.message)} | ${finding.fixes.length ? markdownText(finding.fixes[0].title) : '—'} |`,
            );
          }
          if (finding.suppressed) {
            keep(
              accepted,
              () =>
                `| \`${finding.rule}\` | ${markdownText(resource.id)} | ${markdownText(file.path)} | ${finding.range.start.line + 1} | ${finding.suppressionReason ? markdownText(finding.suppressionReason) : '(no reason given)'} |`,
            );
          }
          if (finding.baselined) keep(baselined, () => `| \`${finding.rule}\` | ${markdownText(resource.id)} | ${markdownText(file.path)} | ${finding.range.start.line + 1} |`);
        }
      }
      for (const r of file.resources) {
        if (!r.model) continue;
        if (owners.rows.length >= MAX_ROWS) {
          owners.left++;
          continue;
        }
        const count = (c: ControlCategory) => r.cells.filter((x) => x.applies !== false && x.category === c).length;
        const gaps = r.findings.filter((f) => !f.suppressed && !f.baselined).length;
        owners.rows.push(`| ${markdownText(file.path)} | ${markdownText(r.id)} | ${markdownText(r.type)} | ${r.model} | ${CATEGORY_ORDER.map((c) => count(c)).join(' | ')} | ${gaps} |`);
      }
    },
    end() {
      const s = head.summary;
      const out: string[] = [];
      out.push(`### SRM Lens: ${open.count ? `${plural(open.count, 'open gap')} in the customer’s share` : 'no open gaps in the customer’s share'}`, '');
      out.push(
        `${plural(s.files, 'file')}, ${plural(s.resources, 'resource')} · ${open.error} error, ${open.warning} warning, ${open.info} info` +
          `${accepted.count ? ` · ${accepted.count} accepted risk${accepted.count === 1 ? '' : 's'}` : ''}${baselined.count ? ` · ${baselined.count} in the baseline` : ''}` +
          `${head.errors.length ? ` · **${plural(head.errors.length, 'file')} could not be read**` : ''}`,
        '',
      );
      if (open.count) {
        out.push('| Severity | Rule | Resource | File | Line | Gap | Fix |', '| --- | --- | --- | --- | --- | --- | --- |', ...open.rows);
        if (open.count > MAX_ROWS) out.push('', `…and ${open.count - MAX_ROWS} more (see the SARIF or JSON report).`);
        out.push('');
      }
      out.push('<details><summary>Who owns what, per resource (the controls each bears)</summary>', '');
      out.push(`| File | Resource | Type | Model | ${CATEGORY_ORDER.map((c) => CATEGORY_LABEL[c]).join(' | ')} | Gaps |`, '| --- | --- | --- | --- | --- | --- | --- | --- |', ...owners.rows);
      if (owners.left) out.push('', `…and ${plural(owners.left, 'more resource')}.`);
      out.push('', 'Customer-specific: the customer’s alone (security *in* the cloud). Shared: each side in its own context. Inherited: AWS’s alone (security *of* the cloud).', '', '</details>', '');
      if (accepted.count) {
        out.push(`<details><summary>Accepted risks (${accepted.count})</summary>`, '', '| Rule | Resource | File | Line | Reason |', '| --- | --- | --- | --- | --- |', ...accepted.rows);
        out.push('', '</details>', '');
      }
      if (baselined.count) {
        out.push(`<details><summary>In the baseline (${baselined.count})</summary>`, '', '| Rule | Resource | File | Line |', '| --- | --- | --- | --- |', ...baselined.rows);
        out.push('', '</details>', '');
      }
      if (head.errors.length) {
        out.push(`<details><summary>Files that could not be read (${head.errors.length})</summary>`, '');
        for (const e of head.errors.slice(0, MAX_ROWS)) out.push(`- ${markdownText(e.path)}: ${markdownText(e.message)}`);
        out.push('', '</details>', '');
      }
      out.push(`<sub>${markdownText(head.tool.name)} ${markdownText(head.tool.version)}</sub>`);
      write(out.join('\n') + '\n');
    },
  };
}
