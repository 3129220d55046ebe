import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { aspect } from '../knowledge/aspects';
import { containsPosition } from '../model/range';
import { plural } from '../report/textReport';
import { gapsOf } from './gaps';
import { code, text } from './markdownText';
import { moduleCallsIn, type ModuleCallSummary } from './moduleCallSummary';
import { countsLine } from './resourceSummary';

/** The hover stays short: the rest is in the matrix, which lists every resource of the call. */
const MAX_ROWS = 8;

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
  const source = call.source !== undefined ? ` · ${code(call.source)}` : '';
  if (!call.instance) return [`**${text(call.address)}**${source}`, '', `Cannot tell: ${text(call.reason ?? 'not followed')}. Its resources are not assessed until SRM Lens can read the module.`].join('\n');
  const lines = [
    `**${text(call.address)}**${source} — ${plural(resources.length, 'resource')}${gaps ? `, ${plural(gaps, 'gap')}` : ''}`,
    '',
    `Assessed with this call's arguments${call.repetition ? ` (repeated with ${code(call.repetition)})` : ''}${call.downloaded ? ', from the module `terraform init` downloaded' : ''}.`,
    '',
  ];
  for (const ra of resources.slice(0, MAX_ROWS)) {
    const open = gapsOf(ra);
    const owners = ra.info ? countsLine(ra.cells) : 'not an AWS resource';
    const gapText = open.length ? ` — **${plural(open.length, 'gap')}**: ${[...new Set(open.map((f) => aspect(f.aspect).short))].join(', ')}` : '';
    lines.push(`- ${code(ra.resource.id)} — ${owners}${gapText}`);
  }
  if (resources.length > MAX_ROWS) lines.push(`- …and ${resources.length - MAX_ROWS} more in the matrix`);
  for (const c of notFollowed.slice(0, 3)) lines.push('', `Cannot tell: ${code(c.address)} — ${text(c.reason ?? 'not followed')}.`);
  if (notFollowed.length > 3) lines.push('', `…and ${notFollowed.length - 3} more calls not followed.`);
  return lines.join('\n');
}
