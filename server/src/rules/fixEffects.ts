import data from './fixEffects.json';

/**
 * What applying a rule's fix costs or changes, from `fixEffects.json`
 * (schema: `fixEffects.schema.json`). Safe fixes are the only ones the
 * fix-all source action applies; the others are offered one by one with
 * their cost or change in the title.
 */
export interface FixEffect {
  safe?: true;
  /** What it bills ("CloudWatch Logs ingestion and storage"). */
  cost?: string;
  /** What stops working or changes ("deletes fail until it is turned off"). */
  behaviour?: string;
}

const EFFECTS: Readonly<Record<string, FixEffect>> = (data as { rules: Record<string, FixEffect> }).rules;

/** The declared effect of a rule's fixes; undefined when the rule is not listed (then it is not safe). */
export function fixEffect(ruleId: string): FixEffect | undefined {
  return Object.prototype.hasOwnProperty.call(EFFECTS, ruleId) ? EFFECTS[ruleId] : undefined;
}

/** Safe only when declared safe: an unlisted rule never rides along in fix-all. */
export function isSafeFix(ruleId: string): boolean {
  return fixEffect(ruleId)?.safe === true;
}

/** "costs: backup storage", "changes: replaces the database", both joined, or "effects not declared". */
export function effectWords(ruleId: string): string | undefined {
  const e = fixEffect(ruleId);
  if (!e) return 'effects not declared';
  if (e.safe) return undefined;
  return [e.cost ? `costs: ${e.cost}` : '', e.behaviour ? `changes: ${e.behaviour}` : ''].filter(Boolean).join('; ');
}

export function listedRules(): string[] {
  return Object.keys(EFFECTS);
}
