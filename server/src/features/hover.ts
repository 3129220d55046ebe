import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { Cell, CellStatus, ResourceAssessment } from '../assess/assessment';
import { aspect } from '../knowledge/aspects';
import { awsDefaultsFor } from '../knowledge/awsDefaults';
import { aspectOfProperty, pascalCase } from '../knowledge/propertyAspects';
import { propertyDocumentation } from '../knowledge/resourceTypes';
import { isTerraform } from '../model/document';
import { containsPosition } from '../model/range';
import type { MapEntry, Value } from '../model/value';
import type { Settings } from '../settings';
import { moduleHover } from './moduleHover';

const OWNER = { aws: 'AWS', shared: 'Shared', customer: 'Customer' } as const;
export const STATUS_LABEL: Record<CellStatus, string> = {
  gap: 'gap',
  'cannot-tell': 'cannot tell',
  'not-checked': 'not checked',
  'accepted-risk': 'accepted risk',
  met: 'met',
  'aws-default': 'AWS default',
  'outside-template': 'outside the template',
  'not-applicable': '—',
};
const STATUS_ORDER: CellStatus[] = ['gap', 'cannot-tell', 'not-checked', 'accepted-risk', 'met', 'aws-default', 'outside-template', 'not-applicable'];
const OWNER_ORDER = { customer: 0, shared: 1, aws: 2 } as const;

/** Hover on a resource's name, type or Terraform header: the owner table; on a property: what it serves. */
export function hover(analysis: Analysis, uri: string, position: Position, settings: Settings): Hover | null {
  const onModule = moduleHover(analysis, uri, position);
  if (onModule) return onModule;
  for (const ra of analysis.resourcesIn(uri)) {
    const r = ra.resource;
    const onHeader = containsPosition(r.idRange, position) || containsPosition(r.typeRange, position) || (isTerraform(r.format) && position.line === r.range.start.line);
    if (onHeader) return ra.info ? { contents: { kind: MarkupKind.Markdown, value: resourceHover(ra, settings) }, range: containsPosition(r.idRange, position) ? r.idRange : r.typeRange } : null;
    if (containsPosition(r.body.range, position)) {
      const path = pathAt(r.body.entries, position);
      if (path.length && ra.info) return { contents: { kind: MarkupKind.Markdown, value: propertyHover(ra, path, position) }, range: path[path.length - 1].keyRange };
      return null;
    }
  }
  return null;
}

function resourceHover(ra: ResourceAssessment, settings: Settings): string {
  const info = ra.info!;
  const r = ra.resource;
  const model = ra.model === 'mixed' || !ra.model ? `mixed (${info.serviceInfo.decidedBy ?? 'decided by a setting'})` : ra.model;
  const lines = [`**${escape(r.id)}** · \`${r.type}\` — ${escape(info.serviceInfo.name)}, *${model}* model${ra.modelReason ? ` (${escape(ra.modelReason)})` : ''}`];
  if (info.role) lines.push('', `Configures ${escape(info.role)}.`);
  lines.push('', escape(info.serviceInfo.rationale));
  const cells = [...ra.cells].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || OWNER_ORDER[a.owner] - OWNER_ORDER[b.owner]);
  const shown = settings.hoverDetail === 'full' ? cells : cells.filter((c) => c.owner !== 'aws' && c.status !== 'not-applicable');
  lines.push('', '| Aspect | Owner | Status |', '| --- | --- | --- |');
  for (const c of shown) lines.push(`| ${aspect(c.aspect).title} | ${c.applies ? OWNER[c.owner] : '—'} | ${statusText(c)} |`);
  const hidden = cells.filter((c) => !shown.includes(c) && c.applies);
  if (hidden.length) lines.push('', `AWS owns: ${hidden.map((c) => aspect(c.aspect).short).join(', ')}.`);
  const absent = cells.filter((c) => !shown.includes(c) && !c.applies);
  if (absent.length) lines.push('', `Not borne by this type: ${absent.map((c) => aspect(c.aspect).short).join(', ')}.`);
  const counts = countOwners(ra.cells);
  lines.push('', `Customer ${counts.customer} · Shared ${counts.shared} · AWS ${counts.aws}`);
  const source = info.serviceInfo.sourceConfirmed ? `[${escape(info.serviceInfo.name)} security](${info.serviceInfo.source})` : `[AWS security documentation](${info.serviceInfo.source})`;
  lines.push('', source);
  return lines.join('\n');
}

function statusText(c: Cell): string {
  const label = c.status === 'gap' ? '**gap**' : STATUS_LABEL[c.status];
  const note = c.note && c.status !== 'not-applicable' ? ` — ${escape(truncate(c.note, 110))}` : '';
  return `${label}${note}`;
}

function propertyHover(ra: ResourceAssessment, path: MapEntry[], position: Position): string {
  const info = ra.info!;
  const key = path[path.length - 1].key;
  const evidenceCell = ra.cells.find((c) => c.evidence.some((e) => containsPosition(e.range, position)));
  const aspectId = evidenceCell?.aspect ?? aspectOfProperty(key);
  const lines = [`**${escape(key)}**`];
  const doc = documentationFor(ra, path.map((p) => p.key));
  if (doc) lines.push('', escape(doc));
  if (aspectId) {
    const cell = ra.cells.find((c) => c.aspect === aspectId)!;
    lines.push('', `Serves **${aspect(aspectId).title}** — owner: ${OWNER[cell.owner]}, status: ${statusText(cell)}.`);
    const defaults = awsDefaultsFor(info.cloudformationEquivalent ?? info.type).filter((d) => d.aspect === aspectId);
    for (const d of defaults) lines.push('', `${d.secure ? 'AWS default' : 'Not secure by default'}: ${escape(d.summary)}${d.since ? ` (since ${d.since})` : ''} [source](${d.source})`);
  }
  const findings = ra.findings.filter((f) => containsPosition(f.range, position));
  for (const f of findings) lines.push('', `${f.suppressed ? 'Accepted' : f.severity === 'error' ? 'Error' : f.severity === 'warning' ? 'Warning' : 'Note'} \`${f.ruleId}\`: ${escape(f.message)}`);
  return lines.join('\n');
}

function documentationFor(ra: ResourceAssessment, keys: string[]): string | undefined {
  const info = ra.info!;
  if (!info.cloudformationEquivalent) return undefined;
  if (!isTerraform(ra.resource.format)) return propertyDocumentation(info.cloudformationEquivalent, keys);
  const path = keys.map(pascalCase);
  return propertyDocumentation(info.cloudformationEquivalent, info.cloudformationProperty ? [info.cloudformationProperty, ...path] : path);
}

/** The chain of entries from the body down to the key or value under the cursor. */
function pathAt(entries: MapEntry[], position: Position): MapEntry[] {
  for (const e of entries) {
    if (containsPosition(e.keyRange, position)) return [e];
    if (containsPosition(e.value.range, position)) {
      const inner = childEntries(e.value);
      const deeper = inner ? pathAt(inner, position) : [];
      return deeper.length ? [e, ...deeper] : [e];
    }
  }
  return [];
}

function childEntries(v: Value): MapEntry[] | undefined {
  if (v.kind === 'map') return v.entries;
  if (v.kind === 'list') return v.items.flatMap((i) => childEntries(i) ?? []);
  if (v.kind === 'intrinsic') return childEntries(v.argument);
  return undefined;
}

export function countOwners(cells: readonly Cell[]): Record<'aws' | 'shared' | 'customer', number> {
  const counts = { aws: 0, shared: 0, customer: 0 };
  // Aspects the type does not bear have no owner to count.
  for (const c of cells) if (c.applies) counts[c.owner]++;
  return counts;
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/g, '\\$1');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

