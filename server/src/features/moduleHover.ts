import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { aspect } from '../knowledge/aspects';
import { containsPosition } from '../model/range';
import { plural } from '../report/textReport';
import { moduleCallsIn, type ModuleCallSummary } from './moduleCallSummary';

const MAX_ROWS = 40;

/** Hover on a `module` block's first line: the resources it builds, their owners and gaps, or why SRM Lens cannot tell. */
export function moduleHover(analysis: Analysis, uri: string, position: Position): Hover | null {
  for (const summary of moduleCallsIn(analysis, uri)) {
    const block = summary.call.block;
    if (position.line !== block.range.start.line && !containsPosition(block.nameRange, position)) continue;
    return { contents: { kind: MarkupKind.Markdown, value: render(summary) }, range: block.nameRange };
  }
  return null;
}

function render({ call, resources, gaps, notFollowed }: ModuleCallSummary): string {
  const source = call.source !== undefined ? ` · \`${escape(call.source)}\`` : '';
  if (!call.instance) return [`**${call.address}**${source}`, '', `Cannot tell: ${escape(call.reason ?? 'not followed')}.`, '', 'Its resources are not assessed until SRM Lens can read the module.'].join('\n');
  const lines = [
    `**${call.address}**${source} — ${plural(resources.length, 'resource')}${gaps ? `, ${plural(gaps, 'gap')}` : ''}`,
    '',
    `Assessed with this call's arguments${call.repetition ? ` (repeated with \`${call.repetition}\`)` : ''}${call.downloaded ? ', from the module `terraform init` downloaded' : ''}.`,
    '',
    '| Resource | Customer · Shared · AWS | Gaps |',
    '| --- | --- | --- |',
  ];
  for (const ra of resources.slice(0, MAX_ROWS)) {
    const count = (owner: string) => ra.cells.filter((c) => c.owner === owner).length;
    const gapCells = ra.cells.filter((c) => c.status === 'gap');
    const gapText = gapCells.length ? `**${gapCells.length}**: ${gapCells.map((c) => aspect(c.aspect).short).join(', ')}` : ra.info ? '—' : 'not an AWS resource';
    lines.push(`| \`${escape(ra.resource.id)}\` | ${count('customer')} · ${count('shared')} · ${count('aws')} | ${gapText} |`);
  }
  if (resources.length > MAX_ROWS) lines.push('', `…and ${resources.length - MAX_ROWS} more in the matrix.`);
  for (const c of notFollowed) lines.push('', `Cannot tell: \`${c.address}\` — ${escape(c.reason ?? 'not followed')}.`);
  return lines.join('\n');
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/g, '\\$1');
}
