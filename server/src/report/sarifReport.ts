import { resourceType } from '../knowledge/resourceTypes';
import { categoryOf, type ControlCategory, type Owner } from '../knowledge/types';
import type { Range } from '../model/range';
import { RULES } from '../rules';
import type { Rule, Severity } from '../rules/rule';
import { allFindings, type JsonFile, type JsonFinding, type JsonReport, type JsonResource } from './jsonReport';
import type { ReportHead, ReportSink, Write } from './reportSink';
import { STREAMED, StreamedJsonArray } from './streamedJson';

/**
 * `srm-lens scan --format sarif`: SARIF 2.1.0 for code scanning. One
 * reporting descriptor per rule (help text, a link to its documentation,
 * and the aspect, owner, category and references as properties); one result
 * per finding with its precise region, a fingerprint that survives line
 * moves, and SARIF suppressions for accepted risks and baseline entries.
 */
export interface SarifOptions {
  /** Where the rules reference lives; each rule links to `<url>#<rule-id>`. */
  rulesUrl?: string;
  /** True when `--baseline` was given: results then carry `baselineState`. */
  baselineApplied?: boolean;
  /** Severity per rule id from the configuration file. */
  severities?: ReadonlyMap<string, Severity>;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** The name of the partial fingerprint; the `/v1` changes only if the fingerprint's recipe does. */
export const FINGERPRINT_NAME = 'srmLensFinding/v1';

export function buildSarif(report: JsonReport, options: SarifOptions = {}): object {
  const results: object[] = [];
  const resultOf = sarifResultBuilder(options);
  for (const { file, resource, finding } of allFindings(report)) results.push(resultOf(file, resource, finding));
  return sarifDocument(report, results, options);
}

/** `--format sarif` file by file: byte for byte `JSON.stringify(buildSarif(report), null, 2)` and a newline. */
export function sarifReportSink(head: ReportHead, write: Write, options: SarifOptions = {}): ReportSink {
  const out = new StreamedJsonArray<object>(sarifDocument(head, STREAMED, options), write);
  const resultOf = sarifResultBuilder(options);
  return {
    file(file: JsonFile) {
      for (const resource of file.resources) for (const finding of resource.findings) out.element(resultOf(file, resource, finding));
    },
    end() {
      out.end();
      write('\n');
    },
  };
}

function sarifResultBuilder(options: SarifOptions): (file: JsonFile, resource: JsonResource, finding: JsonFinding) => object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return (file, resource, finding) => {
    const cell = resource.cells.find((c) => c.aspect === finding.aspect);
    return {
      ruleId: finding.rule,
      ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule) } : {}),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: uriReference(file.path) }, region: region(finding.range) },
          logicalLocations: [{ fullyQualifiedName: resource.id, kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_NAME]: finding.fingerprint },
      ...suppressions(finding),
      ...(options.baselineApplied ? { baselineState: finding.baselined ? 'unchanged' : 'new' } : {}),
      properties: {
        resource: resource.id,
        resourceType: resource.type,
        aspect: finding.aspect,
        ...(cell ? { owner: cell.owner, category: cell.category } : {}),
        ...(finding.fixes.length ? { fixes: finding.fixes.map((f) => f.title) } : {}),
      },
    };
  };
}

function sarifDocument(head: ReportHead, results: object[] | string, options: SarifOptions): object {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'SRM Lens',
            version: head.tool.version,
            semanticVersion: head.tool.version.replace(/^(\d+\.\d+\.\d+).*$/, '$1'),
            rules: RULES.map((r) => descriptor(r, options)),
          },
        },
        invocations: [
          {
            executionSuccessful: head.errors.length === 0,
            toolExecutionNotifications: head.errors.map((e) => ({
              level: 'error',
              message: { text: `${e.path}: ${e.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: uriReference(e.path) } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function descriptor(rule: Rule, options: SarifOptions): object {
  const { owner, category } = ownershipOf(rule);
  const refs = rule.references;
  const referenceLines = [
    refs.securityHub?.length ? `AWS Security Hub: ${refs.securityHub.join(', ')}` : '',
    refs.checkov?.length ? `Checkov: ${refs.checkov.join(', ')}` : '',
    refs.cis?.length ? `CIS: ${refs.cis.join(', ')}` : '',
  ].filter(Boolean);
  const help = [`Why: ${rule.docs.why}`, `Who owns it: ${rule.docs.owner}`, `Fix: ${rule.docs.fix}`, rule.docs.mayBreak ? `May break: ${rule.docs.mayBreak}` : '', ...referenceLines].filter(Boolean);
  const base = options.rulesUrl;
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.why },
    help: { text: help.join('\n'), markdown: help.map((l) => `- ${l}`).join('\n') },
    ...(base ? { helpUri: `${base}#${rule.id}` } : {}),
    defaultConfiguration: { level: LEVEL[options.severities?.get(rule.id) ?? rule.severity], enabled: rule.defaultEnabled !== false },
    properties: {
      tags: ['security', 'aws', `aspect:${rule.aspect}`, `category:${category}`],
      aspect: rule.aspect,
      owner,
      category,
      references: refs,
    },
  };
}

/**
 * Who owns the rule's aspect on the types it reads. The same aspect can have
 * different owners on different types (the guest OS of EC2 against RDS);
 * the rule names the owner on most of its types, and each result carries its
 * own resource's owner and category.
 */
function ownershipOf(rule: Rule): { owner: Owner; category: ControlCategory } {
  const counts = new Map<Owner, number>();
  for (const type of [...rule.appliesTo.cloudformation, ...rule.appliesTo.terraform]) {
    const owner = resourceType(type)?.owners[rule.aspect];
    if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  const owner = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'customer';
  return { owner, category: categoryOf(owner) };
}

function suppressions(f: JsonFinding): object {
  if (f.suppressed) return { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppressionReason || 'no reason given' }] };
  if (f.baselined) return { suppressions: [{ kind: 'external', status: 'accepted', justification: 'recorded in the SRM Lens baseline' }] };
  return {};
}

/** SARIF regions are 1-based; the end column points just past the last character, as the LSP end does. */
function region(range: Range): object {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** A path as a relative URI reference: each segment percent-encoded, so spaces and `#` survive. */
function uriReference(path: string): string {
  return path.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}
