import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { ruleById } from '../rules';
import type { Severity } from '../rules/rule';
import { readText } from '../workspace/readText';

/** The names SRM Lens looks for, in this order, in each folder from the scanned path up to the root. */
export const CONFIG_FILE_NAMES = ['.srm-lens.yaml', '.srm-lens.yml', '.srm-lens.json'] as const;

/** What happens when every fix of a file is applied at once (the editor's fix-all, `srm-lens fix` without `--rule`). */
export type FixAllPolicy = 'all' | 'off';

/**
 * A repository's `.srm-lens.yaml`: the options of the editor settings that
 * belong to the repository rather than to a person, read by the CLI and the
 * language server alike. Paths are resolved against the file's own folder.
 */
export interface ProjectConfig {
  /** The file this came from (absolute). */
  path: string;
  /** Glob patterns of files not analysed, as in the `srmLens.exclude` setting; matched against paths relative to the file's folder. */
  exclude: string[];
  rules: Record<string, { enabled?: boolean; severity?: Severity }>;
  /** Extra Terraform variables files, absolute (resolved against the configuration file's folder). */
  terraformVarFiles: string[];
  fixAll?: FixAllPolicy;
}

/** A problem in a configuration file, with the 1-based line it is on. */
export interface ConfigProblem {
  path: string;
  line: number;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.path}:${p.line}: ${p.message}`).join('\n'));
  }
}

const KEYS = ['exclude', 'rules', 'terraformVarFiles', 'fixAll'] as const;
const RULE_KEYS = ['enabled', 'severity'] as const;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const FIX_ALL: readonly FixAllPolicy[] = ['all', 'off'];

/** The configuration file that governs `start` (a file or folder): the nearest one walking up, or undefined. */
export function findProjectConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and validates a configuration file; every problem is reported at once, each with its line. */
export function loadProjectConfig(path: string): ProjectConfig {
  const read = readText(path);
  if (!read.ok) throw new ConfigError([{ path, line: 1, message: read.reason }]);
  return parseProjectConfig(path, read.text);
}

/** Parses configuration text (YAML, or JSON, which YAML reads with the same positions). */
export function parseProjectConfig(path: string, text: string): ProjectConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const problems: ConfigProblem[] = [];
  const lineOf = (node: Node | Pair | null | undefined, fallback = 1): number => {
    const range = node && 'range' in node ? node.range : node && 'key' in node && node.key && typeof node.key === 'object' && 'range' in node.key ? (node.key as Node).range : undefined;
    return range ? lines.linePos(range[0]).line : fallback;
  };
  for (const e of doc.errors) problems.push({ path, line: e.linePos?.[0].line ?? 1, message: e.message.split('\n')[0] });
  const config: ProjectConfig = { path, exclude: [], rules: {}, terraformVarFiles: [] };
  if (problems.length) throw new ConfigError(problems);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) throw new ConfigError([{ path, line: lineOf(root), message: `the file must be a mapping of options (${KEYS.join(', ')})` }]);
  const base = dirname(path);
  const stringList = (node: unknown, key: string, line: number): string[] => {
    if (!isSeq(node)) {
      problems.push({ path, line, message: `${key} must be a list of strings` });
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.length > 0) out.push(item.value);
      else problems.push({ path, line: lineOf(item as Node, line), message: `${key}: each entry must be a non-empty string` });
    }
    return out;
  };
  // Duplicate keys are found here rather than by the parser, so the message names the second one's line.
  const seen = new Map<string, number>();
  const duplicate = (key: string, line: number): boolean => {
    const first = seen.get(key);
    if (first !== undefined) problems.push({ path, line, message: `${key} is given twice (first on line ${first})` });
    else seen.set(key, line);
    return first !== undefined;
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = lineOf(pair.key as Node);
    if (duplicate(key, line)) continue;
    switch (key) {
      case 'exclude':
        config.exclude = stringList(pair.value, key, line);
        break;
      case 'terraformVarFiles':
        config.terraformVarFiles = stringList(pair.value, key, line).map((p) => (isAbsolute(p) ? p : resolve(base, p)));
        break;
      case 'fixAll': {
        const v = isScalar(pair.value) ? pair.value.value : undefined;
        if (typeof v === 'string' && (FIX_ALL as readonly string[]).includes(v)) config.fixAll = v as FixAllPolicy;
        else problems.push({ path, line: lineOf(pair.value as Node, line), message: `fixAll must be one of ${FIX_ALL.join(', ')}` });
        break;
      }
      case 'rules':
        readRules(pair.value, line);
        break;
      default:
        problems.push({ path, line, message: `unknown option "${key}" (known: ${KEYS.join(', ')})` });
    }
  }
  function readRules(node: unknown, line: number): void {
    if (!isMap(node)) {
      problems.push({ path, line, message: 'rules must map rule ids to { enabled, severity }' });
      return;
    }
    for (const pair of node.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      const at = lineOf(pair.key as Node, line);
      if (duplicate(`rules.${id}`, at)) continue;
      if (!ruleById(id)) {
        problems.push({ path, line: at, message: `unknown rule "${id}" (see \`srm-lens rules\`)` });
        continue;
      }
      if (!isMap(pair.value)) {
        problems.push({ path, line: at, message: `rules.${id} must be a mapping with enabled and/or severity` });
        continue;
      }
      const entry: { enabled?: boolean; severity?: Severity } = {};
      for (const option of pair.value.items) {
        const name = isScalar(option.key) ? String(option.key.value) : '';
        const value = isScalar(option.value) ? option.value.value : undefined;
        const optionLine = lineOf(option.key as Node, at);
        if (name === 'enabled' && typeof value === 'boolean') entry.enabled = value;
        else if (name === 'severity' && SEVERITIES.includes(value as Severity)) entry.severity = value as Severity;
        else if (name === 'enabled') problems.push({ path, line: optionLine, message: `rules.${id}.enabled must be true or false` });
        else if (name === 'severity') problems.push({ path, line: optionLine, message: `rules.${id}.severity must be one of ${SEVERITIES.join(', ')}` });
        else problems.push({ path, line: optionLine, message: `unknown option "${name}" for rules.${id} (known: ${RULE_KEYS.join(', ')})` });
      }
      config.rules[id] = entry;
    }
  }
  if (problems.length) throw new ConfigError(problems.sort((a, b) => a.line - b.line));
  return config;
}
