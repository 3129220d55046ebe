import { writeFileSync } from 'node:fs';
import { applyBaseline, BaselineError, readBaseline, writeBaseline } from '../report/baseline';
import { renderCsv } from '../report/csvReport';
import { allFindings, type JsonReport } from '../report/jsonReport';
import { renderMarkdown } from '../report/markdownReport';
import { packagedRulesDoc } from '../report/packageDocs';
import { buildSarif } from '../report/sarifReport';
import { renderText } from '../report/textReport';
import { EXIT, single, UsageError, type Output, type ParsedArgs } from './args';
import { runScan, scanSetup } from './scanSession';

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
  const { report, unreadableInputs } = await runScan(setup);
  if (baseline) applyBaseline(report, baseline);
  if (writeBaselinePath) {
    writeBaseline(writeBaselinePath, report);
    // What was just recorded is accepted for this run too.
    applyBaseline(report, new Set([...allFindings(report)].map(({ finding }) => finding.fingerprint)));
  }
  const severities = new Map(setup.job.severities);
  const text =
    format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : format === 'sarif'
        ? JSON.stringify(buildSarif(report, { rulesUrl, baselineApplied: baseline !== undefined || writeBaselinePath !== undefined, severities }), null, 2) + '\n'
        : format === 'markdown'
          ? renderMarkdown(report)
          : format === 'csv'
            ? renderCsv(report)
            : renderText(report, { colour: terminal.colour && !output });
  if (output) writeFileSync(output, text);
  else write(text);
  return unreadableInputs.length ? EXIT.usage : exitCode(report, failOn as (typeof FAIL_ON)[number]);
}

export function exitCode(report: JsonReport, failOn: (typeof FAIL_ON)[number]): number {
  if (failOn === 'none' || failOn === 'never') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  for (const { finding } of allFindings(report)) {
    if (!finding.suppressed && !finding.baselined && SEVERITY_RANK[finding.severity] >= threshold) return EXIT.findings;
  }
  return EXIT.ok;
}
