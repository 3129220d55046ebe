import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A check to run between units of a long scan: a full garbage collection
 * once the heap holds more than `bytes`. Left alone, V8 sizes the heap by
 * how fast the scan allocates, not by what it keeps (a few tens of MB), and
 * a repository ten times the corpus grew past 400 MB of resident memory
 * (docs/performance.md). Between units almost everything is garbage, so the
 * collection is short; it only runs as often as the ceiling is reached.
 */
export function heapCeiling(bytes: number): () => void {
  // `gc` is only handed to contexts created after the flag is set.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => undefined;
  return () => {
    if (getHeapStatistics().used_heap_size > bytes) gc();
  };
}
