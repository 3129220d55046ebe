import { RULES } from '../rules';
import { EXIT, single, type Output, type ParsedArgs } from './args';

/** `srm-lens rules`: every rule with its metadata and the syntaxes it can fix. */
export function rulesCommand(args: ParsedArgs, write: Output): number {
  const format = single(args, '--format', ['text', 'json']) ?? 'text';
  if (format === 'json') {
    const entries = RULES.map((r) => ({
      id: r.id,
      title: r.title,
      aspect: r.aspect,
      severity: r.severity,
      enabledByDefault: r.defaultEnabled !== false,
      appliesTo: r.appliesTo,
      references: r.references,
      fixableSyntaxes: [
        ...(r.fixable.cloudformation ? ['cloudformation-yaml', 'cloudformation-json'] : []),
        ...(r.fixable.terraform ? ['terraform'] : []),
      ],
      docs: r.docs,
    }));
    write(JSON.stringify(entries, null, 2) + '\n');
    return EXIT.ok;
  }
  const width = Math.max(...RULES.map((r) => r.id.length));
  for (const r of RULES) {
    const fixes = [r.fixable.cloudformation ? 'CFN' : '', r.fixable.terraform ? 'TF' : ''].filter(Boolean).join('+') || 'no fix';
    write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.aspect.padEnd(24)}  ${fixes.padEnd(7)}  ${r.title}${r.defaultEnabled === false ? ' (opt-in)' : ''}\n`);
  }
  write(`\n${RULES.length} rules.\n`);
  return EXIT.ok;
}
