/**
 * Glob matching for exclusion settings (`**`, `*`, `?`), in time linear in
 * the path for a given pattern. A pattern comes from settings a repository
 * may write, so it must never be compiled into a backtracking regular
 * expression (`*a*a*a*a*b` would take minutes on a long path).
 *
 * The pattern is matched against the whole path or any suffix that starts
 * after a `/`, so `*.tf` excludes `a/b/main.tf` and `cdk.out/**` excludes
 * `app/cdk.out/x.json`.
 */
export type GlobMatcher = (path: string) => boolean;

interface Step {
  test: (c: string) => boolean;
  /** A step that may consume any number of characters (including none). */
  repeat: boolean;
}

const notSlash = (c: string): boolean => c !== '/';
const anything = (): boolean => true;

export function compileGlob(glob: string): GlobMatcher {
  const steps: Step[] = [];
  // `**/` may match no directory at all: an extra empty move past its two steps.
  const skips = new Map<number, number>();
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        skips.set(steps.length, steps.length + 2);
        steps.push({ test: anything, repeat: true }, { test: (x) => x === '/', repeat: false });
      } else {
        steps.push({ test: anything, repeat: true });
      }
    } else if (c === '*') steps.push({ test: notSlash, repeat: true });
    else if (c === '?') steps.push({ test: notSlash, repeat: false });
    else steps.push({ test: (x) => x === c, repeat: false });
  }
  const end = steps.length;
  const close = (state: number, into: Set<number>): void => {
    if (into.has(state)) return;
    into.add(state);
    if (state < end && steps[state].repeat) close(state + 1, into);
    const skip = skips.get(state);
    if (skip !== undefined) close(skip, into);
  };
  const start = new Set<number>();
  close(0, start);
  return (path) => {
    let current = new Set(start);
    for (let i = 0; i < path.length; i++) {
      const c = path[i];
      if (current.size === 0) {
        // Nothing alive: only a new start after the next `/` can match.
        const slash = path.indexOf('/', i);
        if (slash < 0) return false;
        i = slash;
        current = new Set(start);
        continue;
      }
      const next = new Set<number>();
      for (const state of current) {
        if (state === end || !steps[state].test(c)) continue;
        if (!steps[state].repeat) close(state + 1, next);
        else {
          // Staying in a repeat: its continuation is open, but not a `**/` skip, which only applies before it.
          next.add(state);
          close(state + 1, next);
        }
      }
      if (c === '/') for (const s of start) next.add(s);
      current = next;
    }
    return current.has(end);
  };
}

const cache = new Map<string, GlobMatcher>();

export function matchesGlob(path: string, glob: string): boolean {
  let matcher = cache.get(glob);
  if (!matcher) {
    matcher = compileGlob(glob);
    if (cache.size > 256) cache.clear();
    cache.set(glob, matcher);
  }
  return matcher(path);
}
