import { Alias, type Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import { lineIndexOf, LineIndex } from '../model/range';
import type { Diagnostic } from '../model/document';
import type { MapEntry, MapValue, Value } from '../model/value';
import { parseCommonYaml, YAML11_BOOLEANS } from './fastYaml';
import { intrinsicNameForTag } from './intrinsics';
import { LIMITS } from './limits';
import { longFormIntrinsic } from './longFormIntrinsic';

export interface YamlParseResult {
  root: Value | undefined;
  errors: Diagnostic[];
  lines: LineIndex;
}

/**
 * Parses CloudFormation YAML into model values with exact ranges. The `yaml`
 * library does the syntax of what the one-pass reader leaves to it; the walk
 * below maps its nodes to the model, turns short tags into intrinsics, and
 * defends against alias bombs and deep nesting without ever expanding the
 * whole document. `rootDepth` is the nesting of the text's root in a larger
 * document (one resource re-parsed alone), so depth limits apply as they
 * would there.
 */
export function parseCloudFormationYaml(text: string, rootDepth = 0): YamlParseResult {
  const lines = lineIndexOf(text);
  // Most templates are plain block YAML, which SRM Lens reads in one pass; the library reads the rest and gives the messages.
  const root = parseCommonYaml(text, lines, rootDepth);
  return root ? { root, errors: [], lines } : parseYamlWithLibrary(text, rootDepth);
}

/** The same result as `parseCloudFormationYaml`, always through the `yaml` library (the differential tests compare the two). */
export function parseYamlWithLibrary(text: string, rootDepth = 0): YamlParseResult {
  const lines = lineIndexOf(text);
  const errors: Diagnostic[] = [];
  // Every short-form tag (`!Sub`) makes the library build an unresolved-tag warning, an Error; capturing
  // their stack traces, which nobody reads, was a tenth of parsing a large template.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let doc: Document;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: false });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  for (const e of doc.errors) {
    errors.push({ message: yamlMessage(e.message), range: lines.rangeOf(e.pos[0], e.pos[1]), severity: 'error' });
  }
  for (const w of doc.warnings) {
    // Unknown tags are how CloudFormation's short forms arrive; they are handled below.
    if (w.code === 'TAG_RESOLVE_FAILED') continue;
    errors.push({ message: yamlMessage(w.message), range: lines.rangeOf(w.pos[0], w.pos[1]), severity: 'warning' });
  }
  const walker = new YamlWalker(doc, text, lines, errors);
  const root = doc.contents ? walker.convert(doc.contents as YamlNode, rootDepth) : undefined;
  return { root, errors, lines };
}

function yamlMessage(message: string): string {
  // The YAML library reports its own stack exhaustion as a document error; say what happened instead.
  if (/call stack/i.test(message)) return `SRM Lens could not read this part: nesting is deeper than it can follow (the limit is ${LIMITS.maxDepth} levels).`;
  // The library appends a code frame on some messages; the range already shows where.
  return message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
}

class YamlWalker {
  private aliasesResolved = 0;
  private aliasBudgetReported = false;
  private depthReported = false;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly errors: Diagnostic[],
  ) {}

  /** Alias expansion happens here, under its own budget, since the library's limit applies only to toJS(). */
  convert(node: YamlNode | null | undefined, depth: number): Value {
    if (!node) return { kind: 'null', range: this.lines.rangeOf(0, 0) };
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    if (depth > LIMITS.maxDepth) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.errors.push({
          message: `Nesting deeper than ${LIMITS.maxDepth} levels; the deeper part is not analysed.`,
          range: this.lines.rangeOf(start, valueEnd),
          severity: 'warning',
        });
      }
      return { kind: 'unknown', text: '', range: this.lines.rangeOf(start, valueEnd) };
    }
    if (isAlias(node)) return this.convertAlias(node, depth);
    const tag = node.tag;
    // Unknown local tags (`!Rain::Module`, a macro's own tag) keep their meaning as an opaque intrinsic
    // rather than silently becoming the plain value under them.
    const intrinsicName = tag ? (intrinsicNameForTag(tag) ?? (tag.startsWith('!') && !tag.startsWith('!!') ? tag.slice(1) : undefined)) : undefined;
    if (intrinsicName) {
      const tagStart = this.findTagStart(tag as string, start);
      const argument = this.convertUntagged(node, depth + 1);
      return { kind: 'intrinsic', name: intrinsicName, argument, shortForm: true, range: this.lines.rangeOf(tagStart, valueEnd) };
    }
    return this.convertUntagged(node, depth);
  }

  private convertUntagged(node: YamlNode, depth: number): Value {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    const range = this.lines.rangeOf(start, valueEnd);
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
        const keyRange = keyNode?.range ? this.lines.rangeOf(keyNode.range[0], keyNode.range[1]) : range;
        const valueNode = pair.value as YamlNode | null;
        // `Key:` with nothing after it is null, placed right after the key.
        const value = valueNode
          ? this.convert(valueNode, depth + 1)
          : { kind: 'null' as const, range: { start: keyRange.end, end: keyRange.end } };
        entries.push({ key, keyRange, value });
      }
      const map: MapValue = { kind: 'map', entries, range, flow: node.flow === true };
      return longFormIntrinsic(map) ?? map;
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => this.convert(item as YamlNode, depth + 1));
      return { kind: 'list', items, range, flow: node.flow === true };
    }
    if (isScalar(node)) return this.convertScalar(node, range);
    return { kind: 'unknown', text: this.text.slice(start, valueEnd), range };
  }

  private convertScalar(node: Scalar, range: Value['range']): Value {
    const v = node.value;
    // CloudFormation reads YAML 1.1: an unquoted yes/no/on/off is a boolean there, not only the string the 1.2 core schema gives.
    if (typeof v === 'string' && node.type === 'PLAIN' && YAML11_BOOLEANS.has(v)) return { kind: 'string', value: v, range, yaml11Boolean: YAML11_BOOLEANS.get(v) };
    if (typeof v === 'string') return { kind: 'string', value: v, range };
    if (typeof v === 'number') return { kind: 'number', value: v, range };
    if (typeof v === 'bigint') return { kind: 'number', value: Number(v), range };
    if (typeof v === 'boolean') return { kind: 'bool', value: v, range };
    if (v === null || v === undefined) return { kind: 'null', range };
    return { kind: 'string', value: String(v), range };
  }

  private convertAlias(node: Alias, depth: number): Value {
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    const range = this.lines.rangeOf(start, valueEnd);
    this.aliasesResolved++;
    if (this.aliasesResolved > LIMITS.maxAliases) {
      if (!this.aliasBudgetReported) {
        this.aliasBudgetReported = true;
        this.errors.push({
          message: `More than ${LIMITS.maxAliases} YAML aliases (a possible alias bomb); further aliases are not expanded.`,
          range,
          severity: 'error',
        });
      }
      return { kind: 'unknown', text: `*${node.source}`, range };
    }
    const target = this.findAnchor(node);
    if (!target) return { kind: 'unknown', text: `*${node.source}`, range };
    // The alias reads as its anchor's value but points at the alias text, so edits land where the user looks.
    const resolved = this.convert(target, depth + 1);
    return { ...resolved, range };
  }

  private findAnchor(alias: Alias): YamlNode | undefined {
    try {
      return (alias.resolve(this.doc) as YamlNode | undefined) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private findTagStart(tag: string, nodeStart: number): number {
    const idx = this.text.lastIndexOf(tag, nodeStart);
    return idx >= 0 && nodeStart - idx < 4096 ? idx : nodeStart;
  }
}
