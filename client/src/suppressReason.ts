import type { SuppressArguments } from '../../server/src/protocol/matrix';

/**
 * The suppression quick fix asks for a reason, then writes it where the
 * placeholder was. Pure functions (no vscode import), so they are tested
 * directly; `extension.ts` wires them to an input box.
 */
/** Checks what the server sent before anything is written. */
export function parseSuppressArguments(value: unknown): SuppressArguments | undefined {
  const a = value as Partial<SuppressArguments> | undefined;
  if (!a || typeof a !== 'object' || typeof a.uri !== 'string' || typeof a.ruleId !== 'string' || typeof a.placeholder !== 'string' || !a.placeholder) return undefined;
  if (a.syntax !== 'comment' && a.syntax !== 'json') return undefined;
  const e = a.edit;
  if (!e || typeof e.uri !== 'string' || typeof e.newText !== 'string' || !e.range || !e.newText.includes(a.placeholder)) return undefined;
  return a as SuppressArguments;
}

/** Why a reason is refused, or undefined when it will do (the same test the server applies: words, and not the placeholder). */
export function reasonProblem(reason: string, placeholder: string): string | undefined {
  const text = reason.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return 'Say why this risk is accepted, so a reviewer can judge it.';
  if (text.toLowerCase() === placeholder.toLowerCase()) return 'Replace the placeholder with the actual reason.';
  return undefined;
}

/** The edit's text with the reason in place of the placeholder: one line in a comment, a valid string in JSON. */
export function withReason(args: SuppressArguments, reason: string): string {
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  const written = args.syntax === 'json' ? JSON.stringify(oneLine).slice(1, -1) : oneLine;
  return args.edit.newText.replace(args.placeholder, () => written);
}
