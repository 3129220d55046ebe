import { EXIT, parseArgs, UsageError, type Output } from './commands/args';
import { fixCommand } from './commands/fixCommand';
import { rulesCommand } from './commands/rulesCommand';
import { scanCommand } from './commands/scanCommand';
import { typesCommand } from './commands/typesCommand';
import { toolInfo } from './version';

const USAGE = `Usage: srm-lens <command> [options]

Commands:
  scan <paths...>      Assess CloudFormation templates and Terraform modules: resources, owners, findings.
  fix <paths...>       Apply the fixes of the findings (all, or those of --rule).
  rules                List every rule with its aspect, severity, references and fixable syntaxes.
  types [TYPE...]      Show the service, model and owner of each aspect for resource types
                       (all known types without arguments).

Options for scan:
  --format <text|json>     Output format (default: text)
  --output <file>          Write the report to a file instead of standard output
  --var-file <file>        Also load this Terraform variables file (repeatable)
  --fail-on <level>        Exit 1 when an unsuppressed finding is at least error, warning or info (default: never)
Options for fix:
  --rule <id>              Only fixes of this rule (repeatable, or comma-separated)
  --dry-run                Print a unified diff instead of writing files
Options for scan and fix:
  --enable-rule <id>       Turn on an opt-in rule;  --disable-rule <id>  turn a rule off
Options for rules and types:
  --format <text|json>     Output format (default: text)

  -h, --help               Show this help
  -v, --version            Show the version
`;

/** Runs the CLI and returns its exit code; the streams are parameters so tests can call it in-process. */
export async function runCli(argv: readonly string[], write: Output = (t) => process.stdout.write(t), writeError: Output = (t) => process.stderr.write(t)): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--version') || args.flags.has('-v')) {
      write(`${toolInfo().version}\n`);
      return EXIT.ok;
    }
    if (args.flags.has('--help') || args.flags.has('-h')) {
      write(USAGE);
      return EXIT.ok;
    }
    switch (args.command) {
      case 'scan':
        return await scanCommand(args, write);
      case 'fix':
        return await fixCommand(args, write, writeError);
      case 'rules':
        return rulesCommand(args, write);
      case 'types':
        return typesCommand(args, write);
      case undefined:
        throw new UsageError('a command is needed');
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
