/** A mistake in how the command was called: reported with the usage text, exit code 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set([
  '--format',
  '--output',
  '--var-file',
  '--rule',
  '--fail-on',
  '--enable-rule',
  '--disable-rule',
  '--baseline',
  '--write-baseline',
  '--jobs',
  '--by',
  '--config',
  '--rules-url',
]);
const FLAG_OPTIONS = new Set(['--help', '-h', '--version', '-v', '--dry-run', '--no-config']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { command: undefined, positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-')) {
      const eq = arg.indexOf('=');
      const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
      if (FLAG_OPTIONS.has(name)) {
        parsed.flags.add(name);
        continue;
      }
      if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      parsed.options.set(name, [...(parsed.options.get(name) ?? []), value]);
      continue;
    }
    if (parsed.command === undefined) parsed.command = arg;
    else parsed.positional.push(arg);
  }
  return parsed;
}

/** An option given at most once, optionally from a fixed set of values. */
export function single(args: ParsedArgs, name: string, allowed?: readonly string[]): string | undefined {
  const values = args.options.get(name);
  if (!values) return undefined;
  if (values.length > 1) throw new UsageError(`${name} is given more than once`);
  if (allowed && !allowed.includes(values[0])) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, not "${values[0]}"`);
  return values[0];
}

/** Exit codes, documented in docs/cli.md. Unreadable input (a path named on the command line, a configuration file, a baseline) is a usage error. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** A positive whole number option such as `--jobs 4`. */
export function positiveInteger(args: ParsedArgs, name: string): number | undefined {
  const value = single(args, name);
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`${name} must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}

export type Output = (text: string) => void;
