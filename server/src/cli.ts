import { EXIT, parseArgs, UsageError, type Output } from './commands/args';
import { fixCommand } from './commands/fixCommand';
import { matrixCommand } from './commands/matrixCommand';
import { rulesCommand } from './commands/rulesCommand';
import { scanCommand } from './commands/scanCommand';
import { typesCommand } from './commands/typesCommand';
import { useColour } from './report/textReport';
import { toolInfo } from './version';

const USAGE = `Usage: srm-lens <command> [options]

Commands:
  scan <paths...>      Assess CloudFormation templates and Terraform modules: resources, owners, findings.
  matrix <paths...>    The responsibility matrix as a report: resources × aspects, or one row per control.
  fix <paths...>       Apply the fixes of the findings (all, or those of --rule).
  rules                List every rule with its aspect, severity, references and fixable syntaxes.
  types [TYPE...]      Show the service, model and owner of each aspect for resource types
                       (all known types without arguments).

Options for scan:
  --format <text|json|sarif|markdown|csv>   Output format (default: text)
  --fail-on <error|warning|info|none>       Exit 1 when an open finding is at this level or above (default: error)
  --baseline <file>        Report the findings recorded in this baseline but do not fail on them
  --write-baseline <file>  Record the current findings as the baseline
  --rules-url <url>        Where the rules reference lives, for SARIF help links (default: the installed docs/rules.md)
Options for matrix:
  --format <markdown|csv|html|json>         Output format (default: markdown)
  --by <resource|control>  Rows per resource (default), or the customer responsibility matrix per control
Options for scan and matrix:
  --output <file>          Write the report to a file instead of standard output
  --var-file <file>        Also load this Terraform variables file (repeatable)
  --jobs <n|auto>          Worker threads (default: auto, one thread for small scans)
Options for fix:
  --rule <id>              Only fixes of this rule (repeatable, or comma-separated)
  --dry-run                Print a unified diff instead of writing files
Options for scan, matrix and fix:
  --enable-rule <id>       Turn on an opt-in rule;  --disable-rule <id>  turn a rule off
  --config <file>          Use this configuration file instead of the nearest .srm-lens.yaml
  --no-config              Use no configuration file
Options for rules and types:
  --format <text|json>     Output format (default: text)

  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage error or unreadable input.
`;

/** Runs the CLI and returns its exit code; the streams are parameters so tests can call it in-process. */
export async function runCli(
  argv: readonly string[],
  write: Output = (t) => process.stdout.write(t),
  writeError: Output = (t) => process.stderr.write(t),
  colour = false,
): Promise<number> {
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
        return await scanCommand(args, write, { colour });
      case 'matrix':
        return await matrixCommand(args, write, writeError);
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
  // A reader that stops early (`| head`) is not an error of the scan.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  runCli(process.argv.slice(2), undefined, undefined, useColour(process.stdout)).then((code) => {
    process.exitCode = code;
  });
}
