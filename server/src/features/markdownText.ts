import type { HoverCommand } from '../protocol/matrix';

/**
 * Markdown made from template text. Hovers render Markdown, and a logical
 * ID, a Terraform name or a value is written by whoever wrote the template:
 * every such string goes through `text` or `code` so it can never become a
 * link, an image, HTML or emphasis. Command links are built only here, only
 * for commands on the allow-list the client also trusts.
 */

/** CommonMark lets a backslash escape any ASCII punctuation: escaping all of it leaves nothing to start markup, autolinks included. */
export function text(value: string): string {
  return value.replace(/\r\n|\r|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A code span that holds any text literally: the fence is longer than any backtick run inside. */
export function code(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * At most `max` characters, cut at a word boundary with an ellipsis, never
 * inside a word; a single word longer than `max` is kept whole.
 */
export function shorten(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace <= 0) {
    const end = flat.indexOf(' ', max);
    return end < 0 ? flat : `${flat.slice(0, end).replace(/[\s,;:.(-]+$/, '')}…`;
  }
  return `${cut.slice(0, lastSpace).replace(/[\s,;:.(-]+$/, '')}…`;
}


/** `[label](command:id?args "title")`; the label is escaped, the arguments are JSON then percent-encoded. */
export function commandLink(label: string, command: HoverCommand, args: readonly unknown[], title: string): string {
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](command:${command}?${query} "${title.replace(/["\\]/g, '')}")`;
}

/** A link to documentation we chose (an AWS page); only https URLs are linked. */
export function webLink(label: string, url: string): string {
  return /^https:\/\/[^\s()<>"]+$/.test(url) ? `[${text(label)}](${url})` : text(label);
}
