import { terminalSafe } from './escape';
import type { JsonFile, JsonFinding, JsonReport, JsonResource } from './jsonReport';
import { renderThrough, type ReportHead, type ReportSink, type Write } from './reportSink';

export interface TextOptions {
  /** ANSI colours: only for a terminal, never when NO_COLOR is set (decided by the caller, see `useColour`). */
  colour?: boolean;
}

/** Ids longer than this get a line of their own, so the columns after them stay aligned. */
const MAX_ID_COLUMN = 48;
const MAX_TYPE_COLUMN = 44;

const STYLE = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' } as const;

/** Whether to colour output written to a stream: a terminal, and NO_COLOR (https://no-color.org) absent or empty. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

/**
 * A listing for people, grouped by file: each resource with its model and
 * owner counts, its findings under it, 1-based lines as editors show them.
 * Everything that came from a template passes through `terminalSafe`, so a
 * resource name cannot carry escape sequences to the terminal.
 */
export function renderText(report: JsonReport, options: TextOptions = {}): string {
  return renderThrough(report, (head, write) => textReportSink(head, write, options));
}

/** `renderText` file by file. */
export function textReportSink(head: ReportHead, write: Write, options: TextOptions = {}): ReportSink {
  const paint = (style: keyof typeof STYLE, text: string) => (options.colour ? `\u001b[${STYLE[style]}m${text}\u001b[0m` : text);
  const line = (text: string) => write(text + '\n');
  return {
    file(file: JsonFile) {
      line(`${paint('bold', terminalSafe(file.path))}  (${file.format}, ${plural(file.resources.length, 'resource')})`);
      const ids = file.resources.map((r) => terminalSafe(r.id));
      const types = file.resources.map((r) => terminalSafe(r.type));
      const idWidth = Math.min(MAX_ID_COLUMN, Math.max(0, ...ids.filter((id) => id.length <= MAX_ID_COLUMN).map((id) => id.length)));
      const typeWidth = Math.min(MAX_TYPE_COLUMN, Math.max(0, ...types.map((t) => t.length)));
      file.resources.forEach((r, i) => {
        const rest = `${types[i].padEnd(typeWidth)}  line ${String(r.range.start.line + 1).padEnd(5)} ${ownership(r)}`;
        if (ids[i].length > idWidth) {
          line(`  ${paint('cyan', ids[i])}`);
          line(`  ${''.padEnd(idWidth)}  ${rest}`);
        } else line(`  ${paint('cyan', ids[i].padEnd(idWidth))}  ${rest}`);
        for (const f of r.findings) line(`      ${findingLine(f, paint)}`);
      });
      for (const c of file.moduleCalls ?? []) if (c.status !== 'followed') line(`  cannot tell: ${terminalSafe(c.address)} line ${c.range.start.line + 1}: ${terminalSafe(c.reason ?? '')}`);
      for (const e of file.errors) line(`  ${e.severity}: line ${e.range.start.line + 1}: ${terminalSafe(e.message)}`);
    },
    end() {
      for (const e of head.errors) line(`${terminalSafe(e.path)}: ${paint('red', 'error')}: ${terminalSafe(e.message)}`);
      const s = head.summary;
      line('');
      const accepted = [s.suppressed ? `${s.suppressed} accepted` : '', s.baselined ? `${s.baselined} in the baseline` : ''].filter(Boolean).join(', ');
      line(
        `${plural(s.files, 'file')}, ${plural(s.resources, 'resource')}, ${plural(s.findings, 'finding')}${accepted ? ` (${accepted})` : ''}, ${plural(s.errors, 'file')} with errors, ${s.ignoredFiles} not templates.${moduleSummary(s.moduleCalls)}`,
      );
    },
  };
}

function moduleSummary(calls: { followed: number; notFollowed: number }): string {
  if (!calls.followed && !calls.notFollowed) return '';
  return ` ${plural(calls.followed, 'module call')} followed${calls.notFollowed ? `, ${calls.notFollowed} not followed (cannot tell)` : ''}.`;
}

function findingLine(f: JsonFinding, paint: (style: keyof typeof STYLE, text: string) => string): string {
  const mark = f.suppressed ? paint('dim', 'accepted') : f.baselined ? paint('dim', 'baseline') : f.severity === 'error' ? paint('red', 'error') : f.severity === 'warning' ? paint('yellow', 'warning') : paint('green', 'info');
  const fix = f.fixes.length ? ` — fix: ${terminalSafe(f.fixes[0].title)}` : '';
  const why = f.suppressed && f.suppressionReason ? ` — reason: ${terminalSafe(f.suppressionReason)}` : '';
  return `${mark}: ${terminalSafe(f.message)} [${f.rule}] line ${f.range.start.line + 1}${fix}${why}`;
}

/** `abstract: 4 customer-specific · 9 shared · 5 inherited` (the controls the type bears), or why there is nothing to say. */
function ownership(r: JsonResource): string {
  if (!r.model) return '(not an AWS resource)';
  const count = (category: string) => r.cells.filter((c) => c.applies !== false && c.category === category).length;
  return `${r.model}: ${count('customer-specific')} customer-specific · ${count('shared')} shared · ${count('inherited')} inherited`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : /(s|x|sh|ch)$/.test(word) ? 'es' : 's'}`;
}
