import type { AssessOptions } from './assess/assess';
import { DEFAULT_MAX_FILE_MB, LARGEST_MAX_FILE_MB } from './parse/limits';
import type { FixAllPolicy, ProjectConfig } from './config/projectConfig';
import type { Severity } from './rules/rule';

/** The `srmLens.*` settings, as the client sends them (see package.json contributes.configuration). */
export interface Settings {
  /** Per rule: `{ "s3-bucket-versioning": { "enabled": false, "severity": "info" } }`. */
  rules: Record<string, { enabled?: boolean; severity?: Severity }>;
  /** Glob patterns of files not to analyse (matched against the path). */
  exclude: string[];
  /** Extra Terraform variables files (paths relative to the module or absolute), loaded after the auto-loaded ones. */
  terraformVarFiles: string[];
  codeLens: boolean;
  /** `summary`: the short hover with a "Full table" link; `full`: the table under it too. */
  hoverDetail: 'summary' | 'full';

  /** Milliseconds to wait after a keystroke before analysing. */
  debounceMs: number;
  /** Files larger than this (in MB) are not analysed; the editor says so on the file's first line. */
  maxFileSizeMB: number;
  /** Whether the editor's fix-all source action is offered; from the repository's `.srm-lens.yaml`. */
  fixAll: FixAllPolicy;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  exclude: [],
  terraformVarFiles: [],
  codeLens: true,
  hoverDetail: 'summary',
  debounceMs: 150,
  maxFileSizeMB: DEFAULT_MAX_FILE_MB,
  fixAll: 'all',
};

/** Fills gaps and drops wrong types, so a hand-edited settings.json cannot break the server. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Settings['rules'] = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (!v || typeof v !== 'object') continue;
      const entry = v as { enabled?: unknown; severity?: unknown };
      rules[id] = {
        ...(typeof entry.enabled === 'boolean' ? { enabled: entry.enabled } : {}),
        ...(entry.severity === 'error' || entry.severity === 'warning' || entry.severity === 'info' ? { severity: entry.severity } : {}),
      };
    }
  }
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  return {
    rules,
    exclude: strings(r.exclude),
    terraformVarFiles: strings(r.terraformVarFiles),
    codeLens: typeof r.codeLens === 'boolean' ? r.codeLens : DEFAULT_SETTINGS.codeLens,
    // `compact` was the earlier name of the short hover.
    hoverDetail: r.hoverDetail === 'full' ? 'full' : 'summary',
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 ? r.debounceMs : DEFAULT_SETTINGS.debounceMs,
    maxFileSizeMB:
      typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 ? Math.min(r.maxFileSizeMB, LARGEST_MAX_FILE_MB) : DEFAULT_SETTINGS.maxFileSizeMB,
    fixAll: r.fixAll === 'off' ? 'off' : 'all',
  };
}

/**
 * The repository's `.srm-lens.yaml` under the person's editor settings: per
 * rule, the editor's enabled/severity win; exclusions of both apply; the
 * editor's variables files load after the repository's, so they win too.
 */
export function withProjectConfig(editor: Settings, config: ProjectConfig | undefined): Settings {
  if (!config) return editor;
  const rules: Settings['rules'] = { ...config.rules };
  for (const [id, v] of Object.entries(editor.rules)) rules[id] = { ...config.rules[id], ...v };
  return {
    ...editor,
    rules,
    exclude: [...new Set([...config.exclude, ...editor.exclude])],
    terraformVarFiles: [...config.terraformVarFiles, ...editor.terraformVarFiles],
    fixAll: config.fixAll ?? editor.fixAll,
  };
}

export function assessOptionsFrom(settings: Settings): AssessOptions {
  const enabled = new Set<string>();
  const disabled = new Set<string>();
  for (const [id, v] of Object.entries(settings.rules)) {
    if (v.enabled === true) enabled.add(id);
    if (v.enabled === false) disabled.add(id);
  }
  return { enabledRules: enabled, disabledRules: disabled };
}

export { matchesGlob } from './workspace/glob';
