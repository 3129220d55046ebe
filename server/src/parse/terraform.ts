import type { Node, Tree } from 'web-tree-sitter';
import type { Diagnostic, InputDeclaration, NamedBlock, Resource, SuppressionComment, TemplateDocument } from '../model/document';
import { LineIndex, type Range } from '../model/range';
import type { ExpressionKind, ExpressionValue, ListValue, MapEntry, MapValue, Value } from '../model/value';
import { LIMITS } from './limits';
import { parseSuppression } from './suppressions';
import { IndexMap, terraformParser, type TerraformParserHandle } from './treeSitter';

/**
 * Terraform HCL (`.tf`) → model, through tree-sitter.
 *
 * Range conventions (the edit builders rely on them):
 * - block labels (`Resource.idRange`, `typeRange`, `NamedBlock.nameRange`,
 *   `InputDeclaration.nameRange`, the key of a `dynamic "x"` entry) cover the
 *   label text *inside* the quotes;
 * - the body map of a block (and every nested block map) spans from `{` to `}`
 *   inclusive; `Resource.range` spans from the `resource` keyword to `}`;
 * - an attribute's `keyRange` is its name, its value's range the expression;
 *   quoted object keys (`{ "a" = 1 }`) include their quotes;
 * - a parenthesised expression `(x)` is the value of `x`, with x's range.
 *
 * Error tolerance: an error-free file is converted in one pass. A file with
 * syntax errors is cut into top-level chunks (at column-0 `resource`, `data`,
 * … lines) that are parsed one by one, so a half-typed line damages only its
 * own block; within a damaged chunk the offending lines are blanked (same
 * length, so every offset stays valid) and the chunk re-parsed while that
 * reduces the errors. The errors are reported, the rest is modelled.
 */

/** Blocks that only make sense at the top level; found nested at column 0 they are a parser recovery artefact. */
const TOP_LEVEL_BLOCKS = new Set(['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform']);
const CHUNK_KEYWORDS = '(?:resource|data|module|variable|output|locals|provider|terraform|moved|import|removed|check)(?=[\\s"{])';
const CHUNK_START = new RegExp(`^${CHUNK_KEYWORDS}`, 'gm');
const CHUNK_HEADER = new RegExp(`^${CHUNK_KEYWORDS}`);
/** Re-parses allowed per damaged chunk while looking for lines to blank. */
const MAX_REPAIR_PARSES = 12;
const SUPPRESSION_MARK = 'srm-lens:ignore';

export function parseTerraform(uri: string, text: string): TemplateDocument {
  const parser = terraformParser();
  if (!parser) throw new Error('The Terraform parser is not loaded: await initTerraformParser() once before parseTerraform().');
  const doc: TemplateDocument = {
    uri,
    format: 'terraform',
    resources: [],
    inputs: [],
    blocks: [],
    errors: [],
    suppressions: [],
    transforms: [],
    size: text.length,
  };
  const builder = new DocumentBuilder(doc, text, parser);
  try {
    if (text.length > LIMITS.maxFileBytes) {
      builder.error(`The file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MB and is not analysed.`, 0, 0);
      return doc;
    }
    builder.build();
  } catch (error) {
    // Whatever survived is still useful; the message says the rest is missing.
    builder.error(`Internal error while reading Terraform: ${error instanceof Error ? error.message : String(error)}`, 0, 0);
  }
  builder.finish();
  return doc;
}

/** One syntax error before it becomes a diagnostic. */
interface SyntaxProblem {
  node: Node;
  missing: boolean;
}

class DocumentBuilder {
  readonly lines: LineIndex;
  readonly rootEntries: MapEntry[] = [];
  private readonly errorKeys = new Set<string>();
  private unlistedErrors = 0;
  depthReported = false;

  constructor(
    readonly doc: TemplateDocument,
    readonly text: string,
    readonly parser: TerraformParserHandle,
  ) {
    this.lines = new LineIndex(text);
  }

  build(): void {
    const tree = this.parse(this.text);
    if (!tree) return;
    try {
      if (!tree.rootNode.hasError) {
        new ChunkConverter(this, this.text, 0).convertFile(tree.rootNode);
        return;
      }
    } finally {
      tree.delete();
    }
    const starts = chunkStarts(this.text);
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const end = i + 1 < starts.length ? starts[i + 1] : this.text.length;
      this.buildChunk(start, this.text.slice(start, end));
    }
  }

  /** Parses one chunk, then blanks damaged lines one at a time while that lowers the error score. */
  private buildChunk(base: number, original: string): void {
    let src = original;
    let tree = this.parse(src);
    if (!tree) return;
    const headerEnd = CHUNK_HEADER.test(original) ? lineEndOffset(original, 0) : -1;
    const blanked: RepairLine[] = [];
    let parses = 0;
    try {
      while (tree.rootNode.hasError && parses < MAX_REPAIR_PARSES) {
        const problems = listProblems(tree.rootNode, 200);
        const score = errorScore(problems, src, this.parser);
        let accepted = false;
        for (const line of repairCandidates(problems, src, new IndexMap(src, this.parser.indexUnit), headerEnd, blanked)) {
          if (++parses > MAX_REPAIR_PARSES) break;
          const repaired = src.slice(0, line.start) + src.slice(line.start, line.end).replace(/[^\r\n]/g, ' ') + src.slice(line.end);
          const next = this.parse(repaired);
          if (!next) break;
          if (errorScore(listProblems(next.rootNode, 200), repaired, this.parser) < score) {
            blanked.push(line);
            tree.delete();
            tree = next;
            src = repaired;
            accepted = true;
            break;
          }
          next.delete();
        }
        if (!accepted) break;
      }
      for (const line of blanked) {
        const [from, to] = trimmedSpan(original, line.start, line.end);
        this.error(line.message, base + from, base + to);
      }
      new ChunkConverter(this, src, base).convertFile(tree.rootNode);
    } finally {
      tree.delete();
    }
  }

  private parse(src: string): Tree | null {
    const tree = this.parser.parse(src);
    if (!tree) this.error('The Terraform parser gave up on this file.', 0, 0);
    return tree;
  }

  error(message: string, start: number, end: number, severity: Diagnostic['severity'] = 'error'): void {
    const key = `${start}:${end}:${message}`;
    if (this.errorKeys.has(key)) return;
    this.errorKeys.add(key);
    if (this.doc.errors.length >= LIMITS.maxReportedErrors) {
      this.unlistedErrors++;
      return;
    }
    this.doc.errors.push({ message, range: this.lines.rangeOf(start, end), severity });
  }

  finish(): void {
    if (this.unlistedErrors > 0) {
      const last = this.doc.errors[this.doc.errors.length - 1];
      this.doc.errors.push({ message: `${this.unlistedErrors} more syntax errors are not listed.`, range: last.range, severity: 'error' });
    }
    const byStart = (a: { range: Range }, b: { range: Range }) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    // Hoisted blocks and chunks are converted out of order; consumers expect source order.
    this.doc.resources.sort(byStart);
    this.doc.blocks.sort(byStart);
    this.doc.inputs.sort(byStart);
    this.doc.suppressions.sort(byStart);
    const end = this.lines.positionAt(this.text.length);
    this.doc.root = { kind: 'map', entries: this.rootEntries, range: { start: { line: 0, character: 0 }, end } };
  }
}

/** Column-0 top-level keywords; the first chunk also holds whatever precedes the first one. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  CHUNK_START.lastIndex = 0;
  for (let m = CHUNK_START.exec(text); m; m = CHUNK_START.exec(text)) if (m.index > 0) starts.push(m.index);
  CHUNK_START.lastIndex = 0;
  return starts;
}

/** ERROR and MISSING nodes in source order, visiting only subtrees that contain errors. */
function listProblems(root: Node, limit: number): SyntaxProblem[] {
  const found: SyntaxProblem[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0 && found.length < limit) {
    const node = stack.pop()!;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && child.hasError) stack.push(child);
    }
    if (node.isMissing) found.push({ node, missing: true });
    else if (node.type === 'ERROR') found.push({ node, missing: false });
  }
  found.sort((a, b) => a.node.startIndex - b.node.startIndex);
  return found;
}

/**
 * How much of a text a parse failed to read: an attribute with an error in
 * it counts whole (an unclosed string or heredoc swallows the lines after
 * it, yet only invents one token), unparsed text by its length, any other
 * invented token as ten characters.
 */
function errorScore(problems: SyntaxProblem[], src: string, parser: TerraformParserHandle): number {
  const map = new IndexMap(src, parser.indexUnit);
  const damaged = new Set<number>();
  let score = 0;
  for (const p of problems) {
    let attribute: Node | null = p.node;
    while (attribute && attribute.type !== 'attribute') attribute = attribute.parent;
    if (attribute) {
      if (damaged.has(attribute.id)) continue;
      damaged.add(attribute.id);
      score += map.at(attribute.endIndex) - map.at(attribute.startIndex) + 1;
    } else score += p.missing ? 10 : map.at(p.node.endIndex) - map.at(p.node.startIndex) + 1;
  }
  return score;
}

interface RepairLine {
  start: number;
  end: number;
  message: string;
}

/**
 * Lines worth blanking, most likely first. An invented token marks where the
 * parser noticed a problem, not where it is: the attribute that contains it
 * is the half-typed line. An ERROR that swallowed a whole block points at the
 * first piece inside it that is not a well-formed attribute or block. Lines
 * with an odd number of quotes come last: an unclosed string derails the
 * parser a line or more after the line itself. A missing closing brace has
 * no line to blank, and the chunk's header line is never blanked (that would
 * lose the block).
 */
function repairCandidates(problems: SyntaxProblem[], src: string, map: IndexMap, headerEnd: number, blanked: RepairLine[]): RepairLine[] {
  const candidates: RepairLine[] = [];
  const taken = new Set(blanked.map((b) => b.start));
  const add = (offset: number, problem: SyntaxProblem | undefined): void => {
    const start = lineStartOffset(src, offset);
    if (start <= headerEnd || taken.has(start)) return;
    taken.add(start);
    const end = lineEndOffset(src, offset);
    candidates.push({ start, end, message: lineMessage(src.slice(start, end), problem, src, map) });
  };
  for (const p of problems) {
    let anchor: Node | null = p.node;
    if (p.missing) {
      while (anchor && anchor.type !== 'attribute') anchor = anchor.parent;
      if (anchor) add(map.at(anchor.startIndex), p);
      continue;
    }
    const start = map.at(p.node.startIndex);
    if (start > headerEnd) {
      add(start, p);
      continue;
    }
    for (const child of p.node.children) {
      if (!child || map.at(child.startIndex) <= headerEnd) continue;
      const t = child.type;
      if (t !== 'attribute' && t !== 'block' && t !== 'body' && t !== 'comment') {
        add(map.at(child.startIndex), p);
        break;
      }
    }
  }
  let lineStart = 0;
  while (lineStart < src.length) {
    const end = lineEndOffset(src, lineStart);
    if (quoteCount(src.slice(lineStart, end)) % 2 === 1) add(lineStart, undefined);
    lineStart = afterLineBreak(src, end);
    if (lineStart <= end) break;
  }
  return candidates;
}

function quoteCount(line: string): number {
  const code = line.replace(/\\./g, '').replace(/(?:^|\s)(?:#|\/\/).*$/, '');
  return code.split('"').length - 1;
}

/** Says what is wrong with a half-typed line in the words of the person typing it. */
function lineMessage(line: string, problem: SyntaxProblem | undefined, src: string, map: IndexMap): string {
  const name = /^\s*([A-Za-z_][\w-]*)\s*(=?)\s*$/.exec(line);
  if (name?.[2]) return `Expected a value after '${name[1]} ='`;
  if (name) return `Expected '=' or '{' after '${name[1]}'`;
  if (quoteCount(line) % 2 === 1) return `Missing closing '"'`;
  const closing = problem?.missing && /^(block_end|object_end|tuple_end|quoted_template_end|[)\]}"])$/.test(problem.node.type);
  if (problem && (!problem.missing || closing)) return problemMessage(problem, src, map);
  const code = line.trim();
  return `Cannot read '${code.length > 40 ? `${code.slice(0, 37)}...` : code}'`;
}

function problemMessage(problem: SyntaxProblem, src: string, map: IndexMap): string {
  const type = problem.node.type;
  if (!problem.missing) {
    const snippet = src.slice(map.at(problem.node.startIndex), map.at(problem.node.endIndex)).trim().split(/\r?\n|\r/)[0];
    return snippet ? `Unexpected text '${snippet.length > 40 ? `${snippet.slice(0, 37)}...` : snippet}'` : 'Unexpected text';
  }
  switch (type) {
    case 'quoted_template_end':
      return `Missing closing '"'`;
    case 'heredoc_identifier':
      return 'Missing the end marker of a heredoc';
    case 'block_end':
    case 'object_end':
      return "Missing '}'";
    case 'tuple_end':
      return "Missing ']'";
    case 'identifier':
      return 'Missing a name';
    case 'expression':
      return 'Missing a value';
    default:
      return /^[\w]+$/.test(type) ? `Missing ${type.replace(/_/g, ' ')}` : `Missing '${type}'`;
  }
}

function lineStartOffset(src: string, offset: number): number {
  let i = offset;
  while (i > 0 && src[i - 1] !== '\n' && src[i - 1] !== '\r') i--;
  return i;
}

function lineEndOffset(src: string, offset: number): number {
  let i = offset;
  while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
  return i;
}

function trimmedSpan(src: string, start: number, end: number): [number, number] {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(src[a])) a++;
  while (b > a && /\s/.test(src[b - 1])) b--;
  return [a, b];
}

/** False for tokens the parser invented (a MISSING node, or a wrapper around one, is empty). */
function present(node: Node | null | undefined): boolean {
  return !!node && node.endIndex > node.startIndex;
}

/** The parts of a `block` node: type, labels, braces and whatever sits between the braces. */
interface BlockParts {
  type: Node;
  labels: Node[];
  open?: Node;
  close?: Node;
  /** `body` nodes and ERROR nodes between the braces, in order. */
  inner: Node[];
}

function blockParts(node: Node): BlockParts | undefined {
  const children = node.children;
  const type = children[0];
  if (!type || type.type !== 'identifier') return undefined;
  const parts: BlockParts = { type, labels: [], inner: [] };
  for (let i = 1; i < children.length; i++) {
    const child = children[i];
    if (!child) continue;
    const t = child.type;
    if (!parts.open) {
      if (t === 'string_lit' || t === 'identifier') parts.labels.push(child);
      else if (t === 'block_start') parts.open = child;
    } else if (t === 'body' || t === 'ERROR') parts.inner.push(child);
    else if (t === 'block_end') parts.close = child;
  }
  return parts;
}

/**
 * Converts the nodes of one parsed text (the whole file or one chunk of it)
 * into model values. `src` is the text the tree was parsed from and `base`
 * its offset in the document; repaired chunks have blanked lines but the
 * same length, so offsets map straight onto the document.
 */
class ChunkConverter {
  private readonly map: IndexMap;
  private readonly lines: LineIndex;
  private readonly identity: boolean;
  /** Top-level blocks found nested (a recovery artefact), converted after their host. */
  private readonly hoisted: Node[] = [];
  /** Where the first hoisted block starts: hosts end before it. */
  private cutAt = -1;

  constructor(
    private readonly b: DocumentBuilder,
    private readonly src: string,
    private readonly base: number,
  ) {
    this.map = new IndexMap(src, b.parser.indexUnit);
    this.identity = b.parser.indexUnit === 'utf16';
    this.lines = b.lines;
  }

  private off(index: number): number {
    return this.base + (this.identity ? index : this.map.at(index));
  }

  private start(node: Node): number {
    return this.off(node.startIndex);
  }

  private end(node: Node): number {
    return this.off(node.endIndex);
  }

  private range(node: Node): Range {
    return this.lines.rangeOf(this.start(node), this.end(node));
  }

  private rangeOf(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  private text(node: Node): string {
    return this.src.slice(this.start(node) - this.base, this.end(node) - this.base);
  }

  /** The end of the last non-blank character before `offset`: where a truncated or unclosed construct really ends. */
  private trimBack(offset: number): number {
    let i = offset - this.base;
    while (i > 0 && /\s/.test(this.src[i - 1])) i--;
    return i + this.base;
  }

  private atColumnZero(node: Node): boolean {
    const s = this.start(node);
    const prev = this.b.text[s - 1];
    return s === 0 || prev === '\n' || prev === '\r';
  }

  convertFile(root: Node): void {
    for (const child of root.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'body') this.topBody(child);
      else if (t === 'ERROR') this.topRecover(child);
    }
    // Hoisting can nest (a hoisted block may itself have swallowed the next one).
    for (let i = 0; i < this.hoisted.length; i++) this.topBlock(this.hoisted[i]);
    this.reportProblems(root);
    this.collectSuppressions(root);
  }

  private topBody(body: Node): void {
    for (const child of body.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'block') this.topBlock(child);
      else if (t === 'attribute') {
        const entry = this.attribute(child, 0);
        if (entry) this.b.rootEntries.push(entry);
      } else if (t === 'ERROR') this.topRecover(child);
    }
  }

  /** Blocks and attributes the parser could place inside an ERROR node are still real. */
  private topRecover(error: Node): void {
    for (const child of error.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'block') this.topBlock(child);
      else if (t === 'body') this.topBody(child);
      else if (t === 'attribute') {
        const entry = this.attribute(child, 0);
        if (entry) this.b.rootEntries.push(entry);
      }
    }
  }

  private topBlock(node: Node): void {
    const parts = blockParts(node);
    if (!parts) return;
    const kind = this.text(parts.type);
    const cutBefore = this.cutAt;
    const body = this.blockBody(parts, undefined, 0);
    // A block that swallowed the following top-level block ends where that one starts.
    const hoistedInside = this.cutAt !== cutBefore && this.cutAt > this.start(node) ? this.cutAt : -1;
    const end = hoistedInside >= 0 ? this.trimBack(hoistedInside) : present(parts.close) ? this.end(node) : this.trimBack(this.end(node));
    const range = this.rangeOf(this.start(node), end);
    this.b.rootEntries.push({ key: kind, keyRange: this.range(parts.type), value: body });
    const labels = parts.labels.map((l) => this.label(l));
    const uri = this.b.doc.uri;
    const needLabels = (count: number, what: string): boolean => {
      if (labels.length >= count) return true;
      this.b.error(`A ${kind} block needs ${count === 1 ? 'a label' : `${count} labels`}: ${what}.`, this.start(node), this.end(parts.open ?? parts.type));
      return false;
    };
    switch (kind) {
      case 'resource': {
        if (!needLabels(2, 'the resource type and a name')) return;
        const [type, name] = labels;
        const resource: Resource = {
          id: `${type.value}.${name.value}`,
          type: type.value,
          format: 'terraform',
          uri,
          idRange: name.range,
          typeRange: type.range,
          range,
          body,
          hasProperties: true,
        };
        const repetition = body.entries.find((e) => e.key === 'count' || e.key === 'for_each');
        if (repetition) resource.repetition = repetition.key as 'count' | 'for_each';
        this.b.doc.resources.push(resource);
        return;
      }
      case 'data': {
        if (!needLabels(2, 'the data source type and a name')) return;
        const [type, name] = labels;
        this.b.doc.blocks.push({ name: `data.${type.value}.${name.value}`, kind: 'data', type: type.value, range, nameRange: name.range, value: body, uri });
        return;
      }
      case 'module': {
        if (!needLabels(1, 'the module name')) return;
        const source = body.entries.find((e) => e.key === 'source')?.value;
        const block: NamedBlock = { name: labels[0].value, kind: 'module', range, nameRange: labels[0].range, value: body, uri };
        if (source?.kind === 'string') block.type = source.value;
        this.b.doc.blocks.push(block);
        return;
      }
      case 'output':
        if (!needLabels(1, 'the output name')) return;
        this.b.doc.blocks.push({ name: labels[0].value, kind: 'output', range, nameRange: labels[0].range, value: body, uri });
        return;
      case 'provider': {
        if (!needLabels(1, 'the provider name')) return;
        // The address other blocks use in `provider = aws.west`.
        const alias = body.entries.find((e) => e.key === 'alias')?.value;
        const name = alias?.kind === 'string' ? `${labels[0].value}.${alias.value}` : labels[0].value;
        this.b.doc.blocks.push({ name, kind: 'provider', range, nameRange: labels[0].range, value: body, uri });
        return;
      }
      case 'terraform':
        this.b.doc.blocks.push({ name: 'terraform', kind: 'terraform', range, nameRange: this.range(parts.type), value: body, uri });
        return;
      case 'locals':
        for (const entry of body.entries) {
          if (entry.value.kind === 'map' && entry.value.block) continue;
          this.b.doc.blocks.push({
            name: entry.key,
            kind: 'local',
            range: { start: entry.keyRange.start, end: entry.value.range.end },
            nameRange: entry.keyRange,
            value: entry.value,
            uri,
          });
        }
        return;
      case 'variable': {
        if (!needLabels(1, 'the variable name')) return;
        const name = labels[0].value;
        const input: InputDeclaration = { name, kind: 'variable', range, nameRange: labels[0].range, uri };
        for (const entry of body.entries) {
          if (entry.key === 'type') input.type = entry.value.kind === 'expression' || entry.value.kind === 'unknown' ? entry.value.text : this.valueText(entry.value);
          else if (entry.key === 'default') input.default = entry.value;
        }
        const allowed = this.allowedValues(parts, name);
        if (allowed) input.allowedValues = allowed;
        this.b.doc.inputs.push(input);
        return;
      }
      default:
        // moved, import, removed, check and unknown blocks: only in `root`.
        return;
    }
  }

  private valueText(value: Value): string {
    const r = value.range;
    return this.b.text.slice(this.lines.offsetAt(r.start), this.lines.offsetAt(r.end));
  }

  /** A label's text and its range inside the quotes. */
  private label(node: Node): { value: string; range: Range } {
    if (node.type === 'identifier') return { value: this.text(node), range: this.range(node) };
    const children = node.children;
    const open = children[0];
    const close = children[children.length - 1];
    const literal = children.find((c) => c?.type === 'template_literal');
    const from = open ? this.end(open) : this.start(node);
    const to = close && close !== open && present(close) ? this.start(close) : literal ? this.end(literal) : from;
    return { value: literal ? unescapeQuoted(this.text(literal)) : '', range: this.rangeOf(from, to) };
  }

  /**
   * The map of a block body, from `{` to `}`. Nested top-level keywords at
   * column 0 are not entries: they are hoisted, and the map ends before them.
   */
  private blockBody(parts: BlockParts, block: MapValue['block'], depth: number): MapValue {
    const entries: MapEntry[] = [];
    const cutBefore = this.cutAt;
    for (const inner of parts.inner) {
      if (inner.type === 'body') this.bodyInto(inner, entries, depth);
      else this.recoverInto(inner, entries, depth);
    }
    const from = parts.open ? this.start(parts.open) : this.start(parts.type);
    let to: number;
    if (this.cutAt !== cutBefore && this.cutAt > from) to = this.trimBack(this.cutAt);
    else if (present(parts.close)) to = this.end(parts.close!);
    else to = this.trimBack(parts.close ? this.start(parts.close) : parts.open ? this.end(parts.open) : from);
    const map: MapValue = { kind: 'map', entries, range: this.rangeOf(from, Math.max(from, to)) };
    if (block) map.block = block;
    return map;
  }

  private bodyInto(body: Node, entries: MapEntry[], depth: number): void {
    for (const child of body.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'attribute') {
        const entry = this.attribute(child, depth);
        if (entry) entries.push(entry);
      } else if (t === 'block') this.nestedBlock(child, entries, depth);
      else if (t === 'ERROR') this.recoverInto(child, entries, depth);
    }
  }

  private recoverInto(error: Node, entries: MapEntry[], depth: number): void {
    for (const child of error.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'attribute') {
        const entry = this.attribute(child, depth);
        if (entry) entries.push(entry);
      } else if (t === 'block') this.nestedBlock(child, entries, depth);
      else if (t === 'body') this.bodyInto(child, entries, depth);
    }
  }

  private nestedBlock(node: Node, entries: MapEntry[], depth: number): void {
    const parts = blockParts(node);
    if (!parts) return;
    const type = this.text(parts.type);
    if (TOP_LEVEL_BLOCKS.has(type) && this.atColumnZero(node)) {
      this.hoisted.push(node);
      if (this.cutAt < 0 || this.start(node) < this.cutAt) this.cutAt = this.start(node);
      return;
    }
    if (depth >= LIMITS.maxDepth) {
      entries.push({ key: type, keyRange: this.range(parts.type), value: this.tooDeep(node) });
      return;
    }
    if (type === 'dynamic' && parts.labels.length > 0) {
      const label = this.label(parts.labels[0]);
      entries.push({ key: label.value, keyRange: label.range, value: this.blockBody(parts, 'dynamic', depth + 1) });
      return;
    }
    entries.push({ key: type, keyRange: this.range(parts.type), value: this.blockBody(parts, 'block', depth + 1) });
  }

  private attribute(node: Node, depth: number): MapEntry | undefined {
    const children = node.children;
    const key = children[0];
    if (!key || key.type !== 'identifier') return undefined;
    const expr = children.find((c) => c?.type === 'expression');
    const keyRange = this.range(key);
    const value: Value = expr
      ? this.expression(expr, depth + 1)
      : { kind: 'unknown', text: '', range: { start: keyRange.end, end: keyRange.end } };
    return { key: this.text(key), keyRange, value };
  }

  private tooDeep(node: Node): Value {
    if (!this.b.depthReported) {
      this.b.depthReported = true;
      this.b.error(`Nesting deeper than ${LIMITS.maxDepth} levels; the deeper part is not analysed.`, this.start(node), this.end(node), 'warning');
    }
    return { kind: 'unknown', text: this.text(node), range: this.range(node) };
  }

  private unknown(node: Node): Value {
    return { kind: 'unknown', text: this.text(node), range: this.range(node) };
  }

  private expression(node: Node, depth: number): Value {
    if (depth > LIMITS.maxDepth) return this.tooDeep(node);
    if (node.isMissing || node.type === 'ERROR') return this.unknown(node);
    const named: Node[] = [];
    let parenthesised = false;
    for (const child of node.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'comment') continue;
      if (t === '(') parenthesised = true;
      else if (t === 'ERROR' || child.isMissing) return this.unknown(node);
      else if (child.isNamed) named.push(child);
    }
    if (parenthesised && named.length === 1 && named[0].type === 'expression') return this.expression(named[0], depth);
    if (named.length === 0) return this.unknown(node);
    const head = named[0];
    if (named.length === 1) {
      switch (head.type) {
        case 'literal_value':
          return this.literal(head, node);
        case 'template_expr':
          return this.template(head.firstChild ?? head, node);
        case 'collection_value':
          return this.collection(head.firstChild ?? head, node, depth);
        case 'conditional':
          return this.conditional(head, node, depth);
        case 'for_expr':
          return this.expr(node, 'for');
        case 'operation':
          return this.operation(head, node);
        case 'function_call':
          return this.expr(node, 'function');
        case 'variable_expr':
          return this.expr(node, 'reference');
        default:
          return this.expr(node, 'other');
      }
    }
    let kind: ExpressionKind = head.type === 'variable_expr' ? 'reference' : 'other';
    for (let i = 1; i < named.length; i++) {
      const t = named[i].type;
      if (t === 'splat') {
        kind = 'splat';
        break;
      }
      if (t === 'index') kind = 'index';
      else if (t !== 'get_attr') kind = 'other';
    }
    return this.expr(node, kind);
  }

  private expr(node: Node, expressionKind: ExpressionKind): ExpressionValue {
    return { kind: 'expression', expressionKind, text: this.text(node), references: this.references(node), range: this.range(node) };
  }

  private literal(literal: Node, expr: Node): Value {
    const node = literal.firstChild;
    const range = this.range(expr);
    if (!node) return this.unknown(expr);
    switch (node.type) {
      case 'numeric_lit': {
        const value = Number(this.text(node));
        return Number.isFinite(value) ? { kind: 'number', value, range } : this.unknown(expr);
      }
      case 'bool_lit':
        return { kind: 'bool', value: this.text(node) === 'true', range };
      case 'null_lit':
        return { kind: 'null', range };
      case 'string_lit': {
        const content = node.children.find((c) => c?.type === 'template_literal');
        if (!content) return { kind: 'string', value: '', range };
        const raw = this.text(content);
        if (raw.includes('\n') || raw.includes('\r')) this.b.error(`A quoted string cannot span lines (missing closing '"'?)`, this.start(node), this.end(node));
        return { kind: 'string', value: unescapeQuoted(raw), range };
      }
      default:
        return this.unknown(expr);
    }
  }

  private template(template: Node, expr: Node): Value {
    let interpolated = false;
    const children = template.children;
    for (const child of children) {
      const t = child?.type;
      if (t === 'template_interpolation' || t === 'template_directive') interpolated = true;
    }
    const range = this.range(expr);
    if (template.type === 'heredoc_template') {
      if (interpolated) return this.expr(expr, 'heredoc');
      const idents = children.filter((c) => c?.type === 'heredoc_identifier') as Node[];
      const close = idents[1];
      if (!present(close)) return this.unknown(expr);
      const strip = children[0]?.type === 'heredoc_start' && this.text(children[0]).startsWith('<<-');
      const afterOpen = this.end(idents[0]) - this.base;
      const contentStart = afterLineBreak(this.src, afterOpen);
      const contentEnd = lineStartOffset(this.src, this.start(close) - this.base);
      let value = contentStart <= contentEnd ? this.src.slice(contentStart, contentEnd) : '';
      if (strip) value = stripIndent(value);
      return { kind: 'string', value: unescapeTemplateMarkers(value), range };
    }
    if (interpolated) return this.expr(expr, 'template');
    const literal = children.find((c) => c?.type === 'template_literal');
    return { kind: 'string', value: literal ? unescapeQuoted(this.text(literal)) : '', range };
  }

  private collection(node: Node, expr: Node, depth: number): Value {
    const children = node.children;
    // `z = ` followed by `}`: the parser invents a `{` and reads the `}` as an empty object.
    if (!present(children[0])) return this.unknown(expr);
    const range = this.range(expr);
    if (node.type === 'tuple') {
      const items: Value[] = [];
      for (const child of children) if (child?.type === 'expression') items.push(this.expression(child, depth + 1));
      const list: ListValue = { kind: 'list', items, range };
      return list;
    }
    const entries: MapEntry[] = [];
    for (const child of children) {
      if (child?.type !== 'object_elem') continue;
      const key = child.childForFieldName('key');
      const val = child.childForFieldName('val');
      if (!key) continue;
      const keyValue = this.expression(key, depth + 1);
      const name =
        keyValue.kind === 'string'
          ? keyValue.value
          : keyValue.kind === 'expression' && keyValue.expressionKind === 'reference' && !keyValue.text.includes('.')
            ? keyValue.text
            : this.text(key);
      const keyRange = this.range(key);
      entries.push({ key: name, keyRange, value: val ? this.expression(val, depth + 1) : { kind: 'unknown', text: '', range: { start: keyRange.end, end: keyRange.end } } });
    }
    return { kind: 'map', entries, range };
  }

  private conditional(node: Node, expr: Node, depth: number): Value {
    const parts = node.children.filter((c) => c?.type === 'expression') as Node[];
    const value = this.expr(expr, 'conditional');
    if (parts.length === 3) {
      value.branches = {
        condition: this.expression(parts[0], depth + 1),
        whenTrue: this.expression(parts[1], depth + 1),
        whenFalse: this.expression(parts[2], depth + 1),
      };
    }
    return value;
  }

  private operation(node: Node, expr: Node): Value {
    // `-1` is a number to every rule that compares ports or counts.
    const unary = node.firstChild;
    if (unary?.type === 'unary_operation') {
      const [op, operand] = unary.children;
      if (op?.type === '-' && operand?.type === 'literal_value' && operand.firstChild?.type === 'numeric_lit') {
        const value = -Number(this.text(operand));
        if (Number.isFinite(value)) return { kind: 'number', value, range: this.range(expr) };
      }
    }
    return this.expr(expr, 'operation');
  }

  /**
   * Traversals (`var.x`, `aws_s3_bucket.b.arn`, `aws_instance.w[0].id`)
   * inside an expression, in source order, without duplicates. Literal
   * indexes and splats stay in Terraform syntax; a computed index ends the
   * traversal (its own references are collected separately). Names bound by
   * `for` expressions and `%{ for }` directives are not references.
   */
  private references(root: Node): string[] {
    const found: { at: number; text: string }[] = [];
    const seen = new Set<string>();
    const stack: { node: Node; scope: ReadonlySet<string> | undefined }[] = [{ node: root, scope: undefined }];
    let visited = 0;
    while (stack.length > 0) {
      // Guards against pathological expressions; normal ones have dozens of nodes.
      if (++visited > 200_000) break;
      const { node, scope } = stack.pop()!;
      const children = node.children;
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (!child) continue;
        const t = child.type;
        if (t === 'variable_expr') {
          const name = this.text(child);
          if (scope?.has(name)) continue;
          const text = this.traversal(name, children, i + 1);
          if (!seen.has(text)) {
            seen.add(text);
            found.push({ at: child.startIndex, text });
          }
        } else if (t === 'for_tuple_expr' || t === 'for_object_expr' || t === 'template_for') {
          this.pushScoped(child, scope, stack);
        } else if (t !== 'get_attr' && t !== 'literal_value' && t !== 'comment' && child.childCount > 0) {
          stack.push({ node: child, scope });
        }
      }
    }
    found.sort((a, b) => a.at - b.at);
    return found.map((f) => f.text);
  }

  /** A `for` binds its key/value names in everything after the collection it iterates. */
  private pushScoped(node: Node, scope: ReadonlySet<string> | undefined, stack: { node: Node; scope: ReadonlySet<string> | undefined }[]): void {
    const intro = node.children.find((c) => c?.type === 'for_intro' || c?.type === 'template_for_start');
    if (!intro) {
      stack.push({ node, scope });
      return;
    }
    const names = new Set(scope);
    for (const c of intro.children) if (c?.type === 'identifier') names.add(this.text(c));
    for (const c of intro.children) if (c?.type === 'expression') stack.push({ node: c, scope });
    for (const c of node.children) {
      if (!c || c === intro || c.id === intro.id || c.childCount === 0) continue;
      stack.push({ node: c, scope: names });
    }
  }

  private traversal(root: string, siblings: (Node | null)[], from: number): string {
    let text = root;
    for (let j = from; j < siblings.length; j++) {
      const step = siblings[j];
      if (!step) break;
      const t = step.type;
      if (t === 'get_attr') {
        const name = step.lastChild;
        if (!name || name.type !== 'identifier') break;
        text += `.${this.text(name)}`;
      } else if (t === 'index') {
        const index = this.indexStep(step);
        if (index === undefined) break;
        text += index;
      } else if (t === 'splat') {
        text += '[*]';
        const inner = step.firstChild;
        if (!inner) break;
        for (const s of inner.children) {
          if (s?.type === 'get_attr' && s.lastChild) text += `.${this.text(s.lastChild)}`;
          else if (s?.type === 'index') {
            const index = this.indexStep(s);
            if (index === undefined) return text;
            text += index;
          }
        }
      } else break;
    }
    return text;
  }

  private indexStep(index: Node): string | undefined {
    const inner = index.firstChild;
    if (!inner) return undefined;
    if (inner.type === 'legacy_index') return `[${this.text(inner).slice(1).trim()}]`;
    const expr = inner.children.find((c) => c?.type === 'expression');
    const literal = expr?.firstChild;
    if (!expr || literal?.type !== 'literal_value' || expr.namedChildCount !== 1) return undefined;
    return `[${this.text(expr)}]`;
  }

  /** `validation { condition = contains([...], var.NAME) }` lists the values a variable may take. */
  private allowedValues(parts: BlockParts, name: string): Value[] | undefined {
    for (const inner of parts.inner) {
      if (inner.type !== 'body') continue;
      for (const block of inner.children) {
        if (block?.type !== 'block' || block.firstChild?.type !== 'identifier' || this.text(block.firstChild) !== 'validation') continue;
        const body = block.children.find((c) => c?.type === 'body');
        for (const attr of body?.children ?? []) {
          if (attr?.type !== 'attribute' || this.text(attr.firstChild!) !== 'condition') continue;
          const call = attr.children.find((c) => c?.type === 'expression')?.firstChild;
          if (call?.type !== 'function_call' || this.text(call.firstChild!) !== 'contains') continue;
          const args = call.children.find((c) => c?.type === 'function_arguments')?.children.filter((c) => c?.type === 'expression') as Node[] | undefined;
          if (!args || args.length !== 2 || this.text(args[1]).replace(/\s/g, '') !== `var.${name}`) continue;
          const list = this.expression(args[0], 1);
          if (list.kind === 'list') return list.items;
        }
      }
    }
    return undefined;
  }

  private reportProblems(root: Node): void {
    if (!root.hasError) return;
    for (const p of listProblems(root, LIMITS.maxReportedErrors * 4)) {
      const message = problemMessage(p, this.src, this.map);
      if (p.missing) {
        // Invented tokens sit where the parser gave up, often lines later; the gap ends at the last real text.
        const at = this.trimBack(this.start(p.node));
        this.b.error(message, at, at);
      } else this.b.error(message, this.start(p.node), this.end(p.node));
    }
  }

  private collectSuppressions(root: Node): void {
    if (!this.src.includes(SUPPRESSION_MARK)) return;
    for (const comment of root.descendantsOfType('comment')) {
      if (!comment) continue;
      const raw = this.text(comment);
      if (!raw.includes(SUPPRESSION_MARK)) continue;
      const body = raw.startsWith('/*') ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.replace(/^(#|\/\/)/, '');
      const suppression: SuppressionComment | undefined = parseSuppression(body.trim(), this.range(comment));
      if (suppression) this.b.doc.suppressions.push(suppression);
    }
  }
}

function afterLineBreak(src: string, offset: number): number {
  const end = lineEndOffset(src, offset);
  if (src[end] === '\r' && src[end + 1] === '\n') return end + 2;
  return Math.min(src.length, end + 1);
}

/** `<<-` heredocs drop the indentation every non-blank line shares. */
function stripIndent(value: string): string {
  const lines = value.split('\n');
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, /^[ \t]*/.exec(line)![0].length);
  }
  if (!Number.isFinite(indent) || indent === 0) return value;
  return lines.map((line) => line.slice(Math.min(indent, /^[ \t]*/.exec(line)![0].length))).join('\n');
}

/** `$${` and `%%{` are how a template writes a literal `${` and `%{`. */
function unescapeTemplateMarkers(value: string): string {
  return value.includes('$${') || value.includes('%%{') ? value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : value;
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** The value of a quoted string's content: backslash escapes plus the template markers. */
export function unescapeQuoted(raw: string): string {
  if (!raw.includes('\\')) return unescapeTemplateMarkers(raw);
  const unescaped = raw.replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))/g, (whole, u4?: string, u8?: string, c?: string) => {
    if (u4) return String.fromCharCode(parseInt(u4, 16));
    if (u8) {
      const code = parseInt(u8, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return c !== undefined && c in ESCAPES ? ESCAPES[c] : whole;
  });
  return unescapeTemplateMarkers(unescaped);
}
