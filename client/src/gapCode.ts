import { SUPPRESSION_REASON_CODE } from '../../server/src/protocol/matrix';

/**
 * The rule id a gap's diagnostic carries (a string, or `{ value, target }`
 * once the client links it to the rule's documentation); undefined for
 * anything that is not a gap: parse problems (no code) and the "give a
 * reason" note on a suppression. The status bar counts with it, so it counts
 * what the lens and the hover count. No vscode import, so it is tested directly.
 */
export function gapCode(code: string | number | { value: string | number } | undefined): string | undefined {
  const value = typeof code === 'object' && code !== null ? code.value : code;
  return typeof value === 'string' && value !== SUPPRESSION_REASON_CODE ? value : undefined;
}
