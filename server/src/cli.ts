import { writeFileSync } from 'node:fs';
import { allResourceTypes, resourceType } from './knowledge/resourceTypes';
import { buildJsonReport } from './report/jsonReport';
import { renderTypeCard, typeEntry } from './report/typesReport';
import { renderText } from './report/textReport';
import { scanPaths } from './workspace/scan';
import { toolInfo } from './version';

/** Exit codes, documented in docs/cli.md. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

class UsageError extends Error {}

const USAGE = `Usage: srm-lens <command> [options]

Commands:
  scan <paths...>      Read CloudFormation templates and Terraform modules and report their resources.
  types [TYPE...]      Show the service, model and owner of each aspect for resource types
                       (all known types without arguments).

Options for scan:
  --format <text|json> Output format (default: text)
  --output <file>      Write the report to a file instead of standard output
  --var-file <file>    Also load this Terraform variables file (repeatable)

Options for types:
  --format <text|json> Output format (default: text; json lists every type when none is named)

  -h, --help           Show this help
  -v, --version        Show the version
`;

interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set(['--format', '--output', '--var-file']);
const FLAG_OPTIONS = new Set(['--help', '-h', '--version', '-v']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { command: undefined, positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
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

function single(args: ParsedArgs, name: string, allowed?: readonly string[]): string | undefined {
  const values = args.options.get(name);
  if (!values) return undefined;
  if (values.length > 1) throw new UsageError(`${name} is given more than once`);
  if (allowed && !allowed.includes(values[0])) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, not "${values[0]}"`);
  return values[0];
}

async function scanCommand(args: ParsedArgs, write: (text: string) => void): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('scan needs at least one file or directory');
  const format = single(args, '--format', ['text', 'json']) ?? 'text';
  const output = single(args, '--output');
  const scan = await scanPaths(args.positional, { extraTfvars: args.options.get('--var-file') });
  const report = buildJsonReport(scan);
  const text = format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderText(report);
  if (output) writeFileSync(output, text);
  else write(text);
  return EXIT.ok;
}

function typesCommand(args: ParsedArgs, write: (text: string) => void): number {
  const format = single(args, '--format', ['text', 'json']) ?? 'text';
  const unknown = args.positional.filter((t) => !resourceType(t));
  if (unknown.length) throw new UsageError(`unknown resource type ${unknown.join(', ')} (use a CloudFormation type like AWS::S3::Bucket or a Terraform type like aws_s3_bucket)`);
  const infos = args.positional.length ? args.positional.map((t) => resourceType(t)!) : allResourceTypes();
  if (format === 'json') write(JSON.stringify(infos.map(typeEntry), null, 2) + '\n');
  else if (args.positional.length) write(infos.map(renderTypeCard).join('\n'));
  else write(infos.map((i) => `${i.type.padEnd(60)} ${i.model.padEnd(15)} ${i.serviceInfo.name}`).join('\n') + '\n');
  return EXIT.ok;
}

/** Runs the CLI and returns its exit code; streams are parameters so tests can call it in-process. */
export async function runCli(argv: readonly string[], write = (t: string) => process.stdout.write(t), writeError = (t: string) => process.stderr.write(t)): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--version') || args.flags.has('-v')) {
      write(`${toolInfo().version}\n`);
      return EXIT.ok;
    }
    if (args.flags.has('--help') || args.flags.has('-h') || args.command === undefined) {
      (args.command === undefined && !args.flags.size ? writeError : write)(USAGE);
      return args.command === undefined && !args.flags.size ? EXIT.usage : EXIT.ok;
    }
    switch (args.command) {
      case 'scan':
        return await scanCommand(args, write);
      case 'types':
        return typesCommand(args, write);
      default:
        throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(`srm-lens: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    writeError(`srm-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
