/**
 * The V8 flags `srm-lens` sets for itself (`cliLauncher.ts`). V8 optimises a
 * function once it has run for a while; in a scan of a second or two most
 * of that compiling is never paid back, and it ran on other threads (40% of
 * the process's CPU for the CloudFormation corpus). Functions therefore run
 * four times longer than V8's default (66 KB of bytecode run) in the
 * baseline tiers before V8 optimises them (docs/performance.md has the
 * measurements). Flags are the process's, so worker threads have them too.
 *
 * `--expose-gc` is what `commands/heapCeiling.ts` sets to reach `gc` between
 * units; set from the start, the flags stay those the code cache was made
 * with (V8 refuses a cache made under other flags), and worker threads never
 * change flags under one another.
 */
export const CLI_V8_FLAGS = '--interrupt-budget=270336 --expose-gc';
