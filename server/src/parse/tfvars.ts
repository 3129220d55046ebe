import type { MapValue } from '../model/value';
import { parseJsonValues } from './jsonValues';
import { parseTerraform } from './terraform';

/**
 * Reads a variables file (`terraform.tfvars`, `*.auto.tfvars`, `.tfvars.json`)
 * into a map of variable name to value. Syntax errors leave the values that
 * could be read; nothing here throws.
 */
export function parseTfvars(uri: string, text: string): MapValue {
  const empty: MapValue = { kind: 'map', entries: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  if (uri.toLowerCase().endsWith('.json')) {
    const root = parseJsonValues(text).root;
    return root?.kind === 'map' ? root : empty;
  }
  return parseTerraform(uri, text).root ?? empty;
}

/** Terraform loads `terraform.tfvars`, then `*.auto.tfvars` in lexical order; later values win. */
export function isAutoLoadedTfvars(fileName: string): boolean {
  const name = fileName.toLowerCase();
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json');
}

export function tfvarsLoadOrder(a: string, b: string): number {
  const rank = (n: string) => (n.toLowerCase().startsWith('terraform.tfvars') ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
