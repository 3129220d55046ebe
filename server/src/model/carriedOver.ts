import type { TemplateDocument } from './document';

/**
 * What a partial re-parse carried over from the previous parse of the same
 * file: every resource but `reparsed` is the previous one, its positions on
 * line `from` or below moved by `delta` lines. Whoever compares the two
 * documents after the edit can then skip walking those resources' values.
 */
export interface CarriedOver {
  reparsed: string;
  from: number;
  delta: number;
}

interface Origin extends CarriedOver {
  /** The previous document, by a number: a document never keeps its predecessors alive. */
  previous: number;
}

const origins = new WeakMap<TemplateDocument, Origin>();
const numbers = new WeakMap<TemplateDocument, number>();
let count = 0;

function numberOf(document: TemplateDocument): number {
  let n = numbers.get(document);
  if (n === undefined) numbers.set(document, (n = ++count));
  return n;
}

export function noteCarriedOver(document: TemplateDocument, previous: TemplateDocument, carried: CarriedOver): void {
  origins.set(document, { ...carried, previous: numberOf(previous) });
}

/** What `document` carried over from `previous`, when it was re-parsed from it in part. */
export function carriedOver(document: TemplateDocument, previous: TemplateDocument): CarriedOver | undefined {
  const origin = origins.get(document);
  return origin && origin.previous === numbers.get(previous) ? origin : undefined;
}
