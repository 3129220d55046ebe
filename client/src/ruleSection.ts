/**
 * One rule's section of the shipped rule reference (docs/rules.md): from its
 * `## <id>` heading to the next heading of the same level. Pure, so it is
 * tested without VS Code. Undefined when the reference has no such rule.
 */
export function ruleSection(reference: string, ruleId: string): string | undefined {
  const lines = reference.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${ruleId}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^##? /.test(lines[end])) end++;
  return lines.slice(start, end).join('\n').trim() + '\n';
}

/** A rule id as SRM Lens writes them (kebab-case): anything else is refused before it reaches a file name or URI. */
export function isRuleId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 100;
}

/** Problems shows a diagnostic's `codeDescription.href`; this one opens the rendered section instead of the raw file. */
export function ruleCommandUri(ruleId: string): string {
  return `command:srmLens.showRule?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}
