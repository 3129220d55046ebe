import { ruleById } from '../rules';
import { UsageError, type ParsedArgs } from './args';

/** `--rule`, `--enable-rule`, `--disable-rule`: every id must name a rule, so a typo is not a silent no-op. */
export function ruleIds(args: ParsedArgs, option: string): Set<string> | undefined {
  const ids = args.options.get(option);
  if (!ids) return undefined;
  const all = ids.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = all.filter((id) => !ruleById(id));
  if (unknown.length) throw new UsageError(`unknown rule ${unknown.join(', ')} (see \`srm-lens rules\`)`);
  return new Set(all);
}
