import { writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { plural } from '../report/textReport';
import { fixPaths } from '../workspace/fixWorkspace';
import { EXIT, UsageError, type Output, type ParsedArgs } from './args';
import { assessOptions, ruleIds } from './ruleOptions';

/**
 * `srm-lens fix <paths…>`: applies every available fix (or those of the
 * rules named with --rule). `--dry-run` prints a unified diff and writes nothing.
 */
export async function fixCommand(args: ParsedArgs, write: Output, writeError: Output): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('fix needs at least one file or directory');
  const only = ruleIds(args, '--rule');
  const dryRun = args.flags.has('--dry-run');
  const outcome = await fixPaths(args.positional, (f) => !only || only.has(f.ruleId), assessOptions(args));
  for (const [path, { before, after }] of [...outcome.changed].sort(([a], [b]) => a.localeCompare(b))) {
    if (dryRun) write(createTwoFilesPatch(path, path, before, after, '', '', { context: 3 }));
    else writeFileSync(path, after);
  }
  const total = [...outcome.applied.values()].reduce((a, b) => a + b, 0);
  const byRule = [...outcome.applied].map(([rule, n]) => `${rule} ×${n}`).join(', ');
  const summary = `${dryRun ? 'Would apply' : 'Applied'} ${plural(total, 'fix')} in ${plural(outcome.changed.size, 'file')}${byRule ? ` (${byRule})` : ''}; ${plural(outcome.remaining.length, 'finding')} left without a fix.\n`;
  (dryRun ? writeError : write)(summary);
  return EXIT.ok;
}
