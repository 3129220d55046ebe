/**
 * Limits that keep hostile input from hanging or crashing the engine. Each
 * one, when hit, becomes a diagnostic that says which limit and why, and the
 * rest of the document is still analysed.
 */
export const LIMITS = {
  /** Files larger than this are skipped with a message rather than parsed. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Nesting deeper than this becomes an unknown value (protects the recursion). */
  maxDepth: 256,
  /** YAML aliases resolved per document; more is treated as an alias bomb. */
  maxAliases: 1000,
  /** Parse errors reported per document; the rest are counted, not listed. */
  maxReportedErrors: 20,
} as const;
