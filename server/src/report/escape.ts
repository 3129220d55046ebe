/**
 * Making text that came from a template (resource ids, property values,
 * file names) safe in each output format. Anyone who can open a pull
 * request can choose those strings, so every renderer passes them through
 * one of these.
 */

/** HTML text and attribute values; control characters (invalid in HTML, and escape sequences to a terminal that prints the file) become `?`. */
export function escapeHtml(value: string): string {
  return terminalSafe(value, true)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A CSV field (RFC 4180) that a spreadsheet shows as text: a leading
 * `=`, `+`, `-` or `@` (or a tab or carriage return some spreadsheets skip
 * before one) would start a formula, so it gets a `'` prefix; then a field
 * with a comma, quote or line break is quoted with inner quotes doubled.
 * Control characters other than line breaks become `?`.
 */
export function csvField(value: string): string {
  const text = terminalSafe(value, true);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/**
 * Text inside a Markdown table cell or paragraph that renders as itself:
 * backslash first, then the characters that would start code, emphasis,
 * links, headings or a column break; `&` and `<` so no HTML gets through;
 * line breaks become spaces (a table row is one line).
 */
export function markdownText(value: string): string {
  return terminalSafe(value)
    .replace(/\\/g, '\\\\')
    .replace(/([|`*_[\]#~!])/g, '\\$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ');
}

/**
 * Text for a terminal: C0 and C1 control characters (escape sequences that
 * could recolour, move the cursor or set the window title), DEL and the
 * bidirectional overrides become a visible `?`. Tabs and newlines are kept
 * only where the caller says so.
 */
export function terminalSafe(value: string, keepNewlines = false): string {
  const pattern = keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g : /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
  return value.replace(pattern, '?');
}
