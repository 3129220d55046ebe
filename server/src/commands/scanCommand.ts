import { writeFileSync } from 'node:fs';
import { assessScan, buildJsonReport } from '../report/jsonReport';
import { renderText } from '../report/textReport';
import { scanPaths } from '../workspace/scan';
import { EXIT, single, UsageError, type Output, type ParsedArgs } from './args';
import { assessOptions } from './ruleOptions';

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;

export async function scanCommand(args: ParsedArgs, write: Output): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('scan needs at least one file or directory');
  const format = single(args, '--format', ['text', 'json']) ?? 'text';
  const failOn = single(args, '--fail-on', ['error', 'warning', 'info', 'never']) ?? 'never';
  const output = single(args, '--output');
  const options = assessOptions(args);
  const scan = await scanPaths(args.positional, { extraTfvars: args.options.get('--var-file') });
  const report = buildJsonReport(scan, assessScan(scan, options));
  const text = format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report);
  if (output) writeFileSync(output, text);
  else write(text);
  if (failOn === 'never') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK];
  const failing = report.files.some((f) => f.resources.some((r) => r.findings.some((x) => !x.suppressed && SEVERITY_RANK[x.severity] >= threshold)));
  return failing ? EXIT.findings : EXIT.ok;
}
