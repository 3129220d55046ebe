import type { Cell, ResourceAssessment } from '../assess/assessment';
import { aspect } from '../knowledge/aspects';
import type { ControlCategory, ServiceModelEntry } from '../knowledge/types';
import { ruleById } from '../rules';
import type { Finding } from '../rules/rule';
import { gapsOf } from './gaps';
import { code, commandLink, shorten, text, webLink } from './markdownText';
import { STATUS_LABEL } from '../protocol/matrix';

/**
 * The resource hover in the model's words, short enough to read at a glance
 * (about 12 lines): a header line, the gaps first, then one line per control
 * category, statuses inline. The full table (every aspect, every note whole)
 * is one "Full table" link away, or always shown with `srmLens.hoverDetail: full`.
 */


/** How each category is named for people, with the model's "of / in the cloud" where it applies. */
export const CATEGORY_WORDS: Record<ControlCategory, { label: string; plain: string }> = {
  inherited: { label: 'Inherited from AWS (security of the cloud)', plain: 'inherited' },
  shared: { label: 'Shared', plain: 'shared' },
  'customer-specific': { label: 'Yours (security in the cloud)', plain: 'yours' },
};
const CATEGORY_ORDER: ControlCategory[] = ['inherited', 'shared', 'customer-specific'];
const MAX_GAP_LINES = 3;
/** Room for a short note in a category line; the full table has every note whole. */
const NOTE_LENGTH = 32;
/** Keeps a gap on one line of a hover beside the editor. */
const FIX_TITLE_LENGTH = 60;

/** Cells per category; aspects the type does not bear have no owner to count. */
export function categoryCounts(cells: readonly Cell[]): Record<ControlCategory, number> {
  const counts: Record<ControlCategory, number> = { inherited: 0, shared: 0, 'customer-specific': 0 };
  for (const c of cells) if (c.applies) counts[c.category]++;
  return counts;
}

/** `Yours 3 · Shared 8 · AWS 5`: the lens and the hover header count the same way. */
export function countsLine(cells: readonly Cell[]): string {
  const n = categoryCounts(cells);
  return `Yours ${n['customer-specific']} · Shared ${n.shared} · AWS ${n.inherited}`;
}

function modelWords(ra: ResourceAssessment): string {
  const info = ra.info!;
  if (ra.model && ra.model !== 'mixed') return `${ra.model} model${ra.modelReason ? ` (${ra.modelReason})` : ''}`;
  return `mixed model (${info.serviceInfo.decidedBy ?? 'decided by a setting'})`;
}

function aspectName(c: Cell): string {
  const short = aspect(c.aspect).short;
  // Acronyms stay as they are; other short names read as words in a sentence.
  return /^[A-Z]{2,}$/.test(short) ? short : short.toLowerCase();
}

/**
 * "resilience (cannot tell: VersioningConfiguration.Status…)": the status
 * inline; only the notes that ask something of the reader (why a value is
 * unknown, why a risk was accepted) come along, shortened at a word boundary.
 */
function inline(c: Cell): string {
  const name = text(aspectName(c));
  if (c.category === 'inherited' && (c.status === 'not-applicable' || c.status === 'not-checked')) return name;
  const note = (c.status === 'cannot-tell' || c.status === 'accepted-risk') && c.note ? `: ${text(shorten(c.note, NOTE_LENGTH))}` : '';
  const status = c.status === 'gap' ? '**gap**' : STATUS_LABEL[c.status];
  return `${name} (${status}${note})`;
}

function categoryLine(category: ControlCategory, cells: readonly Cell[]): string | undefined {
  const mine = cells.filter((c) => c.category === category && c.applies);
  if (mine.length === 0) return undefined;
  const folded = category === 'inherited' ? [] : mine.filter((c) => c.status === 'not-checked' || c.status === 'not-applicable');
  const shown = mine.filter((c) => !folded.includes(c));
  const notChecked = folded.filter((c) => c.status === 'not-checked').length;
  const notApplicable = folded.length - notChecked;
  const tail = [notChecked ? `${notChecked} not checked` : '', notApplicable ? `${notApplicable} not applicable` : ''].filter(Boolean).join(', ');
  const list = shown.map(inline).join(', ');
  return `**${CATEGORY_WORDS[category].label}:** ${list}${list && tail ? '; ' : ''}${tail}.`;
}

function ruleLink(ruleId: string): string {
  return ruleById(ruleId) ? commandLink(code(ruleId), 'srmLens.showRule', [ruleId], `Open the documentation of ${ruleId}`) : code(ruleId);
}

/** One line a gap: the rule (its link opens the rule's documentation) and the fix's title; the fix's cost is in the quick fix itself. */
function gapLine(f: Finding): string {
  const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
  const fixWords = fix ? ` — fix: ${text(shorten(fix.title, FIX_TITLE_LENGTH))}` : ' — no automatic fix';
  return `- ${ruleLink(f.ruleId)}${fixWords}`;
}

/**
 * The short hover: a header line ending with the gap count (as the lens
 * says it), the gaps, one line per category. Every line counts: VS Code
 * shows about 250 px of a hover before it scrolls.
 */
export function resourceSummary(ra: ResourceAssessment, companions: readonly ResourceAssessment[] = []): string[] {
  const info = ra.info!;
  const r = ra.resource;
  const gaps = gapsOf(ra, ...companions);
  const gapWords = gaps.length === 0 ? 'no gaps' : gaps.length === 1 ? '**1 gap**' : `**${gaps.length} gaps**`;
  const lines = [`**${text(r.id)}** · ${code(r.type)} · ${text(info.serviceInfo.name)} · ${text(modelWords(ra))} — ${countsLine(ra.cells)} — ${gapWords}`];
  if (info.role) lines.push('', `Configures ${text(info.role)}.`);
  if (gaps.length) {
    lines.push('');
    for (const f of gaps.slice(0, MAX_GAP_LINES)) lines.push(gapLine(f));
    if (gaps.length > MAX_GAP_LINES) lines.push(`- and ${gaps.length - MAX_GAP_LINES} more (Problems panel)`);
  }
  // One paragraph with hard line breaks: paragraph margins alone would push the hover past what VS Code shows unscrolled.
  const owners = CATEGORY_ORDER.map((category) => categoryLine(category, ra.cells)).filter((line): line is string => line !== undefined);
  const absent = ra.cells.filter((c) => !c.applies);
  if (absent.length) owners.push(`Not borne by this type: ${absent.map((c) => text(aspectName(c))).join(', ')}.`);
  if (owners.length) lines.push('', owners.join('  \n'));
  return lines;
}

/** The links under the summary: the full table (naming the companions it includes) and the service's security chapter. */
export function summaryLinks(ra: ResourceAssessment, withFullTableLink: boolean, companions: readonly ResourceAssessment[] = []): string {
  const info = ra.info!;
  const links: string[] = [];
  const names = companions.map((c) => code(c.resource.id)).join(', ');
  if (withFullTableLink) links.push(`${commandLink('Full table', 'srmLens.showResourceDetail', [ra.resource.uri, ra.resource.id], 'Every aspect with its owner, status and note')}${names ? ` with ${names}` : ''}`);
  else if (names) links.push(`Configured with ${names}`);
  links.push(webLink(sourceTitle(info.serviceInfo), info.serviceInfo.source));
  return links.join(' · ');
}

/** Every aspect in one table, notes whole; for the "Full table" view and `hoverDetail: full`. */
export function fullTable(ra: ResourceAssessment): string[] {
  const cell = (value: string) => text(value);
  const lines = ['| Aspect | Category | Status | Note |', '| --- | --- | --- | --- |'];
  const order = (c: Cell) => CATEGORY_ORDER.indexOf(c.category);
  for (const c of [...ra.cells].sort((a, b) => Number(b.applies) - Number(a.applies) || order(b) - order(a))) {
    const category = c.applies ? CATEGORY_WORDS[c.category].plain : '—';
    const status = c.applies ? STATUS_LABEL[c.status] : 'not borne by this type';
    lines.push(`| ${cell(aspect(c.aspect).title)} | ${category} | ${status} | ${c.note && c.applies ? cell(c.note) : ''} |`);
  }
  return lines;
}

/** The page behind "Full table": the summary's header, the rationale, the table, the source. */
export function resourceDetail(ra: ResourceAssessment, companions: readonly ResourceAssessment[] = []): string {
  const info = ra.info!;
  const lines = [`# ${text(ra.resource.id)}`, '', ...resourceSummary(ra, companions), '', text(info.serviceInfo.rationale), '', ...fullTable(ra)];
  for (const c of companions) lines.push('', `## ${text(c.resource.id)}`, '', ...fullTable(c));
  lines.push('', summaryLinks(ra, false, companions));
  return lines.join('\n');
}

/** The link's words say what the page is: the security chapter, another page of the guide, or the API reference. */
function sourceTitle(s: ServiceModelEntry): string {
  if (!s.sourceConfirmed) return 'AWS security documentation';
  if (s.sourceKind === 'service-guide') return `${s.name} guide`;
  if (s.sourceKind === 'api-reference') return `${s.name} API reference`;
  return `${s.name} security`;
}
