import { readFileSync, writeFileSync } from 'node:fs';
import { toolInfo } from '../version';
import { allFindings, type JsonReport } from './jsonReport';

/**
 * A baseline: the findings a team accepted when adopting SRM Lens on an
 * existing repository. A later scan reports them but fails only on new ones.
 * Matched by fingerprint, so they survive lines moving.
 */
export interface BaselineFile {
  tool: { name: string; version: string };
  /** What each fingerprint stood for when recorded, so a reviewer can read the file. */
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  resource: string;
  message: string;
}

export class BaselineError extends Error {}

export function readBaseline(path: string): Set<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BaselineError(`cannot read the baseline ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const findings = (parsed as Partial<BaselineFile> | null)?.findings;
  if (!Array.isArray(findings) || findings.some((f) => typeof f?.fingerprint !== 'string')) {
    throw new BaselineError(`${path} is not an SRM Lens baseline (expected { "findings": [{ "fingerprint": … }] }, as --write-baseline writes)`);
  }
  return new Set(findings.map((f) => f.fingerprint));
}

/** Records every unsuppressed finding of the report (suppressed ones already carry their reason in the code). */
export function writeBaseline(path: string, report: JsonReport): number {
  const findings: BaselineEntry[] = [];
  for (const { file, resource, finding } of allFindings(report)) {
    if (finding.suppressed) continue;
    findings.push({ fingerprint: finding.fingerprint, rule: finding.rule, path: file.path, resource: resource.id, message: finding.message });
  }
  return writeBaselineEntries(path, findings);
}

/** Writes a baseline of these findings (every unsuppressed one of a scan), sorted so that the file diffs well. */
export function writeBaselineEntries(path: string, entries: BaselineEntry[]): number {
  const findings = [...entries].sort((a, b) => a.path.localeCompare(b.path) || a.resource.localeCompare(b.resource) || a.fingerprint.localeCompare(b.fingerprint));
  const file: BaselineFile = { tool: toolInfo(), findings };
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
  return findings.length;
}

/** Marks the report's findings that the baseline records; returns how many. */
export function applyBaseline(report: JsonReport, fingerprints: ReadonlySet<string>): number {
  let count = 0;
  for (const { finding } of allFindings(report)) {
    if (finding.suppressed || !fingerprints.has(finding.fingerprint)) continue;
    finding.baselined = true;
    count++;
  }
  report.summary.baselined = count;
  return count;
}
