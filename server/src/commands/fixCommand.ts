import { createTwoFilesPatch } from 'diff';
import { plural } from '../report/textReport';
import { fixPaths } from '../workspace/fixWorkspace';
import { writeTextPreserving } from '../workspace/writeText';
import { EXIT, UsageError, type Output, type ParsedArgs } from './args';
import { ruleIds } from './ruleOptions';
import { scanFileList, scanSetup } from './scanSession';

/**
 * `srm-lens fix <paths…>`: applies every available fix (or those of the
 * rules named with --rule). `--dry-run` prints a unified diff and writes nothing.
 */
export async function fixCommand(args: ParsedArgs, write: Output, writeError: Output): Promise<number> {
  const setup = scanSetup(args, 'fix');
  const only = ruleIds(args, '--rule');
  if (!only && setup.config?.fixAll === 'off') throw new UsageError(`${setup.config.path} sets fixAll: off; name the rules to fix with --rule`);
  const dryRun = args.flags.has('--dry-run');
  const { kept, missing } = scanFileList(setup);
  if (missing.length) throw new UsageError(`no such file or directory: ${missing.join(', ')}`);
  const options = { enabledRules: new Set(setup.job.assess.enabledRules), disabledRules: new Set(setup.job.assess.disabledRules) };
  const outcome = await fixPaths(kept, (f) => !only || only.has(f.ruleId), options);
  const notWritten: string[] = [];
  for (const [path, { before, after }] of [...outcome.changed].sort(([a], [b]) => a.localeCompare(b))) {
    if (dryRun) {
      write(unifiedDiff(path, before, after));
      continue;
    }
    const written = writeTextPreserving(path, after);
    if (!written.ok) notWritten.push(`${path}: ${written.reason}`);
  }
  for (const line of notWritten) writeError(`${line}\n`);
  const total = [...outcome.applied.values()].reduce((a, b) => a + b, 0);
  const byRule = [...outcome.applied].map(([rule, n]) => `${rule} ×${n}`).join(', ');
  const summary = `${dryRun ? 'Would apply' : 'Applied'} ${plural(total, 'fix')} in ${plural(outcome.changed.size, 'file')}${byRule ? ` (${byRule})` : ''}; ${plural(outcome.remaining.length, 'finding')} left without a fix.\n`;
  (dryRun ? writeError : write)(summary);
  return notWritten.length ? EXIT.usage : EXIT.ok;
}

/**
 * A unified diff of one file. The line diff gives up after a bounded effort (thousands of
 * fixes in one file make it quadratic); the patch then replaces the changed middle whole,
 * which is still a correct patch.
 */
function unifiedDiff(path: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(path, path, before, after, '', '', { context: 3, maxEditLength: 5000 });
  if (patch !== undefined) return patch;
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const start = (lines: string[]): number => (lines.length ? head + 1 : head);
  const hunk = `@@ -${start(removed)},${removed.length} +${start(added)},${added.length} @@`;
  return [`Index: ${path}`, '='.repeat(67), `--- ${path}\t`, `+++ ${path}\t`, hunk, ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`), ''].join('\n');
}
