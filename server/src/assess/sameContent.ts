import type { Range } from '../model/range';

/** Where a range of a file is after an edit; undefined when it lies on a changed line. */
export type MoveRange = (uri: string, range: Range) => Range | undefined;

/**
 * Whether two parsed things say the same: values, resources, parameters,
 * blocks compared field by field. Without `move`, positions (`range` and
 * every `…Range`) are ignored; with it, each position of `a` moved by the
 * edit (in the file named by the nearest `uri` around it) must be the
 * position of `b`, so `b` is `a` moved, untouched.
 */
export function sameContent(a: unknown, b: unknown, move?: MoveRange, uri = ''): boolean {
  if (a === b && !move) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i], move, uri)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const here = typeof x.uri === 'string' ? x.uri : uri;
  // One value object in both documents (a parser kept it) whose range the edit leaves in place: so is all inside it.
  if (a === b && move && isRange(x.range) && move(here, x.range) === x.range) return true;
  for (const key in x) {
    if (isPosition(key)) {
      if (move && !samePlace(move(here, x[key] as Range), y[key] as Range | undefined)) return false;
      continue;
    }
    if (!sameContent(x[key], y[key], move, here)) return false;
  }
  // A key only `b` has (with a value) differs; `undefined` and absent are the same.
  for (const key in y) {
    if (!(key in x) && y[key] !== undefined) return false;
  }
  return true;
}

function isPosition(key: string): boolean {
  return key === 'range' || key.endsWith('Range');
}

function isRange(r: unknown): r is Range {
  return typeof r === 'object' && r !== null && 'start' in r && 'end' in r;
}

function samePlace(a: Range | undefined, b: Range | undefined): boolean {
  if (!a || !b) return a === b;
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
