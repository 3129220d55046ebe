import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { Cell, ResourceAssessment } from '../assess/assessment';
import { aspect } from '../knowledge/aspects';
import { awsDefaultsFor } from '../knowledge/awsDefaults';
import { aspectOfProperty, pascalCase } from '../knowledge/propertyAspects';
import { propertyDocumentation } from '../knowledge/resourceTypes';
import { isTerraform } from '../model/document';
import { containsPosition } from '../model/range';
import type { MapEntry, Value } from '../model/value';
import type { Settings } from '../settings';
import { moduleHover } from './moduleHover';
import { companionsByParent } from './companions';
import { code, text, webLink } from './markdownText';
import { STATUS_LABEL } from '../protocol/matrix';
import { fullTable, resourceSummary, summaryLinks } from './resourceSummary';

const OWNER = { aws: 'AWS', shared: 'Shared', customer: 'Yours' } as const;

/** Hover on a resource's name, type or Terraform header: the owner table; on a property: what it serves. */
export function hover(analysis: Analysis, uri: string, position: Position, settings: Settings): Hover | null {
  const onModule = moduleHover(analysis, uri, position);
  if (onModule) return onModule;
  for (const ra of analysis.resourcesIn(uri)) {
    const r = ra.resource;
    const onHeader = containsPosition(r.idRange, position) || containsPosition(r.typeRange, position) || (isTerraform(r.format) && position.line === r.range.start.line);
    if (onHeader) return ra.info ? { contents: { kind: MarkupKind.Markdown, value: resourceHover(analysis, ra, settings) }, range: containsPosition(r.idRange, position) ? r.idRange : r.typeRange } : null;
    if (containsPosition(r.body.range, position)) {
      const path = pathAt(r.body.entries, position);
      if (path.length && ra.info) return { contents: { kind: MarkupKind.Markdown, value: propertyHover(ra, path, position) }, range: path[path.length - 1].keyRange };
      return null;
    }
  }
  return null;
}

/**
 * The resource hover: the short summary (resourceSummary.ts), then the full
 * table when `srmLens.hoverDetail` is `full`, else a "Full table" link.
 * Module calls and other non-resource blocks can add their own hover next
 * to this one (a feature file per kind) without changing it.
 */
function resourceHover(analysis: Analysis, ra: ResourceAssessment, settings: Settings): string {
  const companions = companionsByParent(analysis).get(ra) ?? [];
  const lines = resourceSummary(ra, companions);
  const full = settings.hoverDetail === 'full';
  if (full) lines.push('', ...fullTable(ra));
  lines.push('', summaryLinks(ra, !full, companions));
  return lines.join('\n');
}

function statusText(c: Cell): string {
  const label = c.status === 'gap' ? '**gap**' : STATUS_LABEL[c.status];
  return `${label}${c.note && c.status !== 'not-applicable' ? ` — ${text(c.note)}` : ''}`;
}

function propertyHover(ra: ResourceAssessment, path: MapEntry[], position: Position): string {
  const info = ra.info!;
  const key = path[path.length - 1].key;
  const evidenceCell = ra.cells.find((c) => c.evidence.some((e) => containsPosition(e.range, position)));
  const aspectId = evidenceCell?.aspect ?? aspectOfProperty(key);
  const lines = [`**${text(key)}**`];
  const doc = documentationFor(ra, path.map((p) => p.key));
  if (doc) lines.push('', text(doc));
  if (aspectId) {
    const cell = ra.cells.find((c) => c.aspect === aspectId)!;
    lines.push('', `Serves **${aspect(aspectId).title}** — owner: ${OWNER[cell.owner]}, status: ${statusText(cell)}.`);
    const defaults = awsDefaultsFor(info.cloudformationEquivalent ?? info.type).filter((d) => d.aspect === aspectId);
    for (const d of defaults) lines.push('', `${d.secure ? 'AWS default' : 'Not secure by default'}: ${text(d.summary)}${d.since ? ` (since ${d.since})` : ''} ${webLink('source', d.source)}`);
  }
  const findings = ra.findings.filter((f) => containsPosition(f.range, position));
  for (const f of findings) lines.push('', `${f.suppressed ? 'Accepted' : f.severity === 'error' ? 'Error' : f.severity === 'warning' ? 'Warning' : 'Note'} ${code(f.ruleId)}: ${text(f.message)}`);
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
