/**
 * Limits that keep hostile input from hanging or crashing the engine. Each
 * one, when hit, becomes a diagnostic that says which limit and why, and the
 * rest of the document is still analysed.
 */
/** 8 MB: eight times CloudFormation's own 1 MB template limit, and well under what a language server can parse while a person waits. */
export const DEFAULT_MAX_FILE_MB = 8;
/** The most `srmLens.maxFileSizeMB` may raise the limit to. */
export const LARGEST_MAX_FILE_MB = 20;

export const LIMITS: {
  maxFileBytes: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxReportedErrors: number;
} = {
  /** Files larger than this are skipped with a message rather than parsed (the `srmLens.maxFileSizeMB` setting). */
  maxFileBytes: DEFAULT_MAX_FILE_MB * 1024 * 1024,
  /** Nesting deeper than this becomes an unknown value (protects the recursion). */
  maxDepth: 256,
  /** YAML aliases resolved per document; more is treated as an alias bomb. */
  maxAliases: 1000,
  /** Parse errors reported per document; the rest are counted, not listed. */
  maxReportedErrors: 20,
};

/** The file size limit is the one limit a user may choose; one process serves one user, so it is process-wide. */
export function setMaxFileMegabytes(mb: number): void {
  LIMITS.maxFileBytes = Math.round(Math.min(LARGEST_MAX_FILE_MB, Math.max(0.1, mb)) * 1024 * 1024);
}

/** "8 MB", for messages. */
export function maxFileSizeWords(): string {
  return `${(LIMITS.maxFileBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
