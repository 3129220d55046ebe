import { BaselineError, readBaseline, writeBaselineEntries } from '../report/baseline';
import { csvReportSink } from '../report/csvReport';
import { jsonReportSink } from '../report/jsonReport';
import { markdownReportSink } from '../report/markdownReport';
import { packagedRulesDoc } from '../report/packageDocs';
import type { ReportHead, ReportSink } from '../report/reportSink';
import { sarifReportSink } from '../report/sarifReport';
import { textReportSink } from '../report/textReport';
import { EXIT, single, UsageError, type Output, type ParsedArgs } from './args';
import { reportOutput } from './reportOutput';
import { runStreamedScan, scanSetup } from './scanSession';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'csv'] as const;
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;
/** `never` is the older spelling of `none`. */
const FAIL_ON = ['error', 'warning', 'info', 'none', 'never'] as const;

export interface Terminal {
  /** Whether standard output is a terminal and colours are welcome (see `useColour`). */
  colour: boolean;
}

/**
 * `srm-lens scan <paths…>`: the report in one of five formats, and the exit
 * code a pipeline gates on — 0 when nothing at or above `--fail-on` is left
 * (suppressed and baseline findings do not count), 1 when something is,
 * 2 when a path named on the command line could not be read.
 */
export async function scanCommand(args: ParsedArgs, write: Output, terminal: Terminal = { colour: false }): Promise<number> {
  const format = single(args, '--format', FORMATS) ?? 'text';
  const failOn = single(args, '--fail-on', FAIL_ON) ?? 'error';
  const output = single(args, '--output');
  const baselinePath = single(args, '--baseline');
  const writeBaselinePath = single(args, '--write-baseline');
  const rulesUrl = single(args, '--rules-url') ?? packagedRulesDoc();
  const setup = scanSetup(args, 'scan');
  let baseline: Set<string> | undefined;
  try {
    baseline = baselinePath ? readBaseline(baselinePath) : undefined;
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
  const severities = new Map(setup.job.severities);
  const baselineApplied = baseline !== undefined || writeBaselinePath !== undefined;
  // Spooled entries can then be written as they were rendered (a baseline marks findings, so they are rendered at the end).
  if (format === 'json' && !baselineApplied) setup.job.jsonReport = true;
  let out: ReturnType<typeof reportOutput> | undefined;
  const sink = (head: ReportHead): ReportSink => {
    // Opened only once the scan is done, so a scan that fails leaves no half-written file.
    const stream = (out = reportOutput(output, write));
    const text = (t: string) => stream.write(t);
    return format === 'json'
      ? jsonReportSink(head, text)
      : format === 'sarif'
        ? sarifReportSink(head, text, { rulesUrl, baselineApplied, severities })
        : format === 'markdown'
          ? markdownReportSink(head, text)
          : format === 'csv'
            ? csvReportSink(head, text)
            : textReportSink(head, text, { colour: terminal.colour && !output });
  };
  let outcome;
  try {
    outcome = await runStreamedScan(setup, sink, { baseline, collectBaseline: writeBaselinePath !== undefined });
  } finally {
    out?.close();
  }
  if (writeBaselinePath) writeBaselineEntries(writeBaselinePath, outcome.baseline);
  if (outcome.unreadableInputs.length) return EXIT.usage;
  if (failOn === 'none' || failOn === 'never' || outcome.worstOpen === undefined) return EXIT.ok;
  return SEVERITY_RANK[outcome.worstOpen] >= SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK] ? EXIT.findings : EXIT.ok;
}
