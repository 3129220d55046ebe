import type { JsonReport, JsonResource } from './jsonReport';

/** A listing for people: per file, per resource, with 1-based line numbers as editors show them. */
export function renderText(report: JsonReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    out.push(`${file.path}  (${file.format}, ${plural(file.resources.length, 'resource')})`);
    const idWidth = Math.min(40, Math.max(0, ...file.resources.map((r) => r.id.length)));
    const typeWidth = Math.min(44, Math.max(0, ...file.resources.map((r) => r.type.length)));
    for (const r of file.resources) {
      out.push(`  ${r.id.padEnd(idWidth)}  ${r.type.padEnd(typeWidth)}  line ${String(r.range.start.line + 1).padEnd(5)} ${ownership(r)}`);
      for (const f of r.findings) {
        const mark = f.suppressed ? 'accepted' : f.severity;
        out.push(`      ${mark}: ${f.message} [${f.rule}] line ${f.range.start.line + 1}${f.fixes.length ? ` — fix: ${f.fixes[0].title}` : ''}`);
      }
    }
    for (const c of file.moduleCalls ?? []) if (c.status !== 'followed') out.push(`  cannot tell: ${c.address} line ${c.range.start.line + 1}: ${c.reason}`);
    for (const e of file.errors) out.push(`  ${e.severity}: line ${e.range.start.line + 1}: ${e.message}`);
  }
  for (const e of report.errors) out.push(`${e.path}: ${e.message}`);
  const s = report.summary;
  out.push('');
  out.push(`${plural(s.files, 'file')}, ${plural(s.resources, 'resource')}, ${plural(s.findings, 'finding')}${s.suppressed ? ` (${s.suppressed} accepted)` : ''}, ${plural(s.errors, 'file')} with errors, ${s.ignoredFiles} not templates.${moduleSummary(s.moduleCalls)}`);
  return out.join('\n') + '\n';
}

function moduleSummary(calls: { followed: number; notFollowed: number }): string {
  if (!calls.followed && !calls.notFollowed) return '';
  return ` ${plural(calls.followed, 'module call')} followed${calls.notFollowed ? `, ${calls.notFollowed} not followed (cannot tell)` : ''}.`;
}

/** `abstract: Customer 5 · Shared 6 · AWS 5`, or why there is nothing to say. */
function ownership(r: JsonResource): string {
  if (!r.model) return '(not an AWS resource)';
  const count = (owner: string) => r.cells.filter((c) => c.owner === owner).length;
  return `${r.model}: Customer ${count('customer')} · Shared ${count('shared')} · AWS ${count('aws')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : /(s|x|sh|ch)$/.test(word) ? 'es' : 's'}`;
}
