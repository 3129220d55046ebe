import type { Node, Tree } from 'web-tree-sitter';
import { emptyDocument, type Diagnostic, type InputDeclaration, type NamedBlock, type Resource, type SuppressionComment, type TemplateDocument } from '../model/document';
import { LineIndex, type Range } from '../model/range';
import type { ExpressionKind, ExpressionValue, ListValue, MapEntry, MapValue, Value } from '../model/value';
import { LIMITS, maxFileSizeWords } from './limits';
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
 * Error tolerance, for the file someone is typing in: an error-free file is
 * converted in one pass. When the parse has errors, the file is cut into
 * top-level chunks (at column-0 `resource`, `data`, … lines); chunks the
 * whole-file parse read cleanly are kept, the others are parsed on their own,
 * so a half-typed line damages only its own block. Within a damaged chunk the
 * offending lines are blanked (same length, so every offset stays valid) and
 * the chunk re-parsed while that lowers the damage; the errors are reported,
 * the rest is modelled. Two shapes the grammar accepts but HCL does not are
 * treated the same way: a block header split over lines (`tags⏎lifecycle {`,
 * a name typed above a block) and a top-level block nested at column 0 (it is
 * hoisted back to the top level).
 */

/** Blocks that only make sense at the top level; found nested at column 0 they are a parser recovery artefact. */
const TOP_LEVEL_BLOCKS = new Set(['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform']);
const CHUNK_KEYWORDS = '(?:resource|data|module|variable|output|locals|provider|terraform|moved|import|removed|check)(?=[\\s"{])';
const CHUNK_START = new RegExp(`^${CHUNK_KEYWORDS}`, 'gm');
export const CHUNK_HEADER = new RegExp(`^${CHUNK_KEYWORDS}`);
/** Re-parses allowed per damaged chunk while looking for lines to blank… */
const MAX_REPAIR_PARSES = 12;
/** …and the characters they may re-read in all, so a huge damaged chunk costs a few parses, not a dozen. */
const REPAIR_BUDGET_CHARS = 2_000_000;
/** More problems than this in one chunk are not typing damage, and repairing them would only cost time. */
const MAX_REPAIRABLE_PROBLEMS = 40;
/** Re-parsing time one document may spend on repairs. */
const MAX_REPAIR_MS = 300;
const SUPPRESSION_MARK = 'srm-lens:ignore';

export function parseTerraform(uri: string, text: string): TemplateDocument {
  const parser = terraformParser();
  if (!parser) throw new Error('The Terraform parser is not loaded: await initTerraformParser() once before parseTerraform().');
  const doc = emptyDocument(uri, 'terraform', text);
  const builder = new DocumentBuilder(doc, text, parser);
  try {
    if (text.length > LIMITS.maxFileBytes) {
      builder.error(`The file is larger than ${maxFileSizeWords()} and is not analysed.`, 0, 0);
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
  /** Milliseconds spent re-parsing repaired chunks of this document. */
  private repairTime = 0;
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
    const dirty: [number, number][] = [];
    try {
      const root = tree.rootNode;
      const starts = chunkStarts(this.text);
      const converter = new ChunkConverter(this, this.text, 0);
      if (!root.hasError) {
        converter.convertFile(root);
      } else {
        // Chunks the whole-file parse read cleanly (every top-level node inside
        // them a well-formed block, attribute or comment, error-free and not
        // reaching into another chunk) are kept; only the others are parsed
        // again on their own.
        const top = topLevelNodes(root);
        const map = new IndexMap(this.text, this.parser.indexUnit);
        const spans = top.map((node) => [map.at(node.startIndex), map.at(node.endIndex)]);
        let first = 0;
        for (let i = 0; i < starts.length; i++) {
          const start = starts[i];
          const end = i + 1 < starts.length ? starts[i + 1] : this.text.length;
          while (first < top.length && spans[first][1] <= start && spans[first][0] < start) first++;
          const inside: Node[] = [];
          let clean = true;
          let covered = start;
          for (let j = first; j < top.length && spans[j][0] < end; j++) {
            const t = top[j].type;
            // Loose tokens (a block's pieces the parser could not assemble) are as bad as an error,
            // and so is text no node covers (error recovery can drop the rest of a file into the root).
            if (top[j].hasError || spans[j][0] < start || spans[j][1] > end || (t !== 'block' && t !== 'attribute' && t !== 'comment')) clean = false;
            if (/\S/.test(this.text.slice(covered, spans[j][0]))) clean = false;
            covered = Math.max(covered, spans[j][1]);
            inside.push(top[j]);
          }
          if (/\S/.test(this.text.slice(covered, end))) clean = false;
          if (clean) converter.convertNodes(inside, true);
          else dirty.push([start, end]);
        }
      }
      // A block header split over lines parses, but is a half-typed name above a block: repair it like an error.
      if (converter.splitHeaders.length === 0) converter.commit();
      else {
        dirty.length = 0;
        for (let i = 0; i < starts.length; i++) dirty.push([starts[i], i + 1 < starts.length ? starts[i + 1] : this.text.length]);
      }
    } catch (error) {
      tree.delete();
      throw error;
    }
    // One chunk that is the whole file: its parse is the one already at hand.
    if (dirty.length === 1 && dirty[0][0] === 0 && dirty[0][1] === this.text.length) {
      this.buildChunk(0, this.text, tree);
      return;
    }
    tree.delete();
    for (const [start, end] of dirty) this.buildChunk(start, this.text.slice(start, end));
  }

  /**
   * Parses one chunk, then blanks damaged lines one at a time while that
   * lowers the error score; converts it, and if the conversion finds a block
   * header split over lines, blanks that line too and converts again.
   */
  private buildChunk(base: number, original: string, parsed?: Tree): void {
    let src = original;
    const headerEnd = CHUNK_HEADER.test(original) ? lineEndOffset(original, 0) : -1;
    const blanked: RepairLine[] = [];
    let converter: ChunkConverter | undefined;
    for (let round = 0; round < 4; round++) {
      const tree = this.repair(src, original, headerEnd, blanked, round === 0 ? parsed : undefined);
      if (!tree) return;
      try {
        src = tree.src;
        converter = new ChunkConverter(this, src, base, original.length);
        converter.convertFile(tree.tree.rootNode);
      } finally {
        tree.tree.delete();
      }
      const split = converter.splitHeaders.filter((at) => !blanked.some((b) => b.start === lineStartOffset(src, at)) && lineStartOffset(src, at) > headerEnd);
      if (split.length === 0) break;
      for (const at of split) {
        const start = lineStartOffset(src, at);
        const end = lineEndOffset(src, at);
        blanked.push({ start, end, message: lineMessage(src.slice(start, end), undefined, src, new IndexMap(src, this.parser.indexUnit)), forced: true });
        src = blankLine(src, start, end);
      }
      converter = undefined;
    }
    for (const line of blanked) {
      const [from, to] = trimmedSpan(original, line.start, line.end);
      this.error(line.message, base + from, base + to);
    }
    const appended = src.length > original.length ? src.length - original.length - 1 : 0;
    if (appended > 0) {
      const at = base + trimmedSpan(original, 0, original.length)[1];
      this.error(appended === 1 ? "Missing '}'" : `Missing ${appended} closing '}'`, at, at);
    }
    converter?.commit();
  }

  /**
   * Re-parses `text` with lines blanked while each blank lowers the error
   * score; `blanked` collects them, `original` is the chunk before any blank.
   */
  private repair(text: string, original: string, headerEnd: number, blanked: RepairLine[], parsed?: Tree): { tree: Tree; src: string } | undefined {
    let src = text;
    let tree = parsed ?? this.parse(src);
    if (!tree) return undefined;
    const maxParses = Math.min(MAX_REPAIR_PARSES, Math.floor(REPAIR_BUDGET_CHARS / Math.max(1, text.length)));
    let parses = 0;
    // A block still being typed at the end of a chunk lacks its closing braces; the parser invents one
    // or two, but gives up on the whole block when more are missing. Closers appended after the
    // chunk's text shift no offset inside it.
    const unclosed = tree.rootNode.hasError && maxParses > 0 && src.length === original.length ? unclosedBraces(src) : 0;
    if (unclosed >= 1) {
      const closed = `${src}\n${'}'.repeat(unclosed)}`;
      const next = this.reparse(closed);
      parses++;
      if (next && errorScore(listProblems(next.rootNode, 200), closed, this.parser) < errorScore(listProblems(tree.rootNode, 200), src, this.parser)) {
        tree.delete();
        tree = next;
        src = closed;
      } else next?.delete();
    }
    while (tree.rootNode.hasError && parses < maxParses) {
      const problems = listProblems(tree.rootNode, 200);
      // Dozens of errors are not a half-typed line but a file that is not Terraform: report, do not repair.
      // The clock is a last guard for junk that parses slowly (tree-sitter's error recovery is not linear).
      if (problems.length > MAX_REPAIRABLE_PROBLEMS || this.repairTime > MAX_REPAIR_MS) break;
      const score = errorScore(problems, src, this.parser);
      let accepted = false;
      for (const line of repairCandidates(problems, src, new IndexMap(src, this.parser.indexUnit), headerEnd, blanked)) {
        if (++parses > maxParses || this.repairTime > MAX_REPAIR_MS) break;
        const repaired = blankLine(src, line.start, line.end);
        const next = this.reparse(repaired);
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
    // Greedy blanking can take lines that were only collateral damage (the
    // line after an unclosed string); give back every line whose text parses
    // again now that the real culprit is gone.
    for (let i = blanked.length - 1; i >= 0 && blanked.length > 1 && parses < 2 * maxParses && this.repairTime <= MAX_REPAIR_MS; i--) {
      const line = blanked[i];
      if (line.forced) continue;
      const restored = src.slice(0, line.start) + original.slice(line.start, line.end) + src.slice(line.end);
      const next = this.reparse(restored);
      parses++;
      if (!next) break;
      const score = tree.rootNode.hasError ? errorScore(listProblems(tree.rootNode, 200), src, this.parser) : 0;
      if (errorScore(listProblems(next.rootNode, 200), restored, this.parser) <= score) {
        blanked.splice(i, 1);
        tree.delete();
        tree = next;
        src = restored;
      } else next.delete();
    }
    return { tree, src };
  }

  private reparse(src: string): Tree | null {
    const started = performance.now();
    const tree = this.parse(src);
    this.repairTime += performance.now() - started;
    return tree;
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
    const byStart = (a: { range: Range }, b: { range: Range }) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    this.doc.errors.sort(byStart);
    if (this.unlistedErrors > 0) {
      const last = this.doc.errors[this.doc.errors.length - 1];
      this.doc.errors.push({ message: `${this.unlistedErrors} more syntax errors are not listed.`, range: last.range, severity: 'error' });
    }
    // Hoisted blocks and chunks are converted out of order; consumers expect source order.
    this.doc.resources.sort(byStart);
    this.doc.blocks.sort(byStart);
    this.doc.inputs.sort(byStart);
    this.doc.suppressions.sort(byStart);
    this.rootEntries.sort((a, b) => a.keyRange.start.line - b.keyRange.start.line || a.keyRange.start.character - b.keyRange.start.character);
    const end = this.lines.positionAt(this.text.length);
    this.doc.root = { kind: 'map', entries: this.rootEntries, range: { start: { line: 0, character: 0 }, end } };
  }
}

/** The children of the file's body, and whatever the parser left beside it (ERROR nodes, comments). */
function topLevelNodes(root: Node): Node[] {
  const nodes: Node[] = [];
  for (const child of root.children) {
    if (!child) continue;
    if (child.type === 'body') {
      for (const c of child.children) if (c) nodes.push(c);
    } else nodes.push(child);
  }
  return nodes;
}

/**
 * How many `{` of a text are never closed, counting only code: strings
 * (with their `${ }`), heredocs and comments are skipped.
 */
function unclosedBraces(text: string): number {
  let depth = 0;
  /** Open `${`s inside strings: their `}` ends the interpolation, not a block. */
  const interpolations: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
        interpolations.push(depth);
        inString = false;
        i++;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEndOffset(text, i) - 1;
    else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '<' && text[i + 1] === '<') {
      HEREDOC_AT.lastIndex = i;
      const heredoc = HEREDOC_AT.exec(text);
      if (!heredoc) continue;
      // The heredoc ends at the first line that holds only its marker.
      let line = HEREDOC_AT.lastIndex;
      while (line < text.length) {
        const end = lineEndOffset(text, line);
        if (text.slice(line, end).trim() === heredoc[1]) break;
        line = afterLineBreak(text, end);
        if (line <= end) break;
      }
      i = lineEndOffset(text, line) - 1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (interpolations.length > 0 && interpolations[interpolations.length - 1] === depth) {
        interpolations.pop();
        inString = true;
      } else depth--;
    }
  }
  return Math.max(0, depth);
}

/** Same length and line breaks, so every offset after it stays valid. */
function blankLine(src: string, start: number, end: number): string {
  return src.slice(0, start) + src.slice(start, end).replace(/[^\r\n]/g, ' ') + src.slice(end);
}

/** Column-0 top-level keywords; the first chunk also holds whatever precedes the first one. */
export function chunkStarts(text: string): number[] {
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
  /** Blanked for a split block header, not for a parse error: never given back. */
  forced?: boolean;
}

/**
 * Lines worth blanking, most likely first. An unclosed string derails the
 * parser a line or more after the line itself, so lines with an odd number
 * of quotes at or before the first error lead. Then the lines the errors
 * point at: an invented token marks where the parser noticed a problem, not
 * where it is, so the attribute that contains it is the half-typed line; an
 * ERROR that swallowed a block points at the loose pieces inside it. A
 * missing closing brace has no line to blank, and the chunk's header line is
 * never blanked (that would lose the block).
 */
function repairCandidates(problems: SyntaxProblem[], src: string, map: IndexMap, headerEnd: number, blanked: RepairLine[]): RepairLine[] {
  const candidates: RepairLine[] = [];
  const taken = new Set(blanked.map((b) => b.start));
  const add = (offset: number, problem: SyntaxProblem | undefined): boolean => {
    const start = lineStartOffset(src, offset);
    if (start <= headerEnd || taken.has(start)) return false;
    taken.add(start);
    const end = lineEndOffset(src, offset);
    candidates.push({ start, end, message: lineMessage(src.slice(start, end), problem, src, map) });
    return true;
  };
  for (const p of problems) {
    let anchor: Node | null = p.node;
    if (p.missing) {
      while (anchor && anchor.type !== 'attribute') anchor = anchor.parent;
      if (anchor) add(map.at(anchor.startIndex), p);
      continue;
    }
    add(map.at(p.node.startIndex), p);
    // An ERROR that swallowed a block or a line keeps the half-typed name as a loose token inside it.
    let pieces = 0;
    let looked = 0;
    for (const child of p.node.children) {
      if (++looked > 20) break;
      if (!child) continue;
      const t = child.type;
      if (t === 'attribute' || t === 'block' || t === 'body' || t === 'comment' || t === 'ERROR') continue;
      if (add(map.at(child.startIndex), p) && ++pieces >= 3) break;
    }
    // `name` alone on a line reads as an attribute whose `=` is missing on the next line.
    let attribute = p.node.parent;
    while (attribute && attribute.type !== 'attribute') attribute = attribute.parent;
    if (attribute) add(map.at(attribute.startIndex), p);
  }
  // An unclosed string shows up as errors on the lines after it, so an odd
  // line at or before the first error goes first, nearest first.
  const firstProblem = problems.length > 0 ? map.at(problems[0].node.startIndex) : src.length;
  const early: RepairLine[] = [];
  const late: RepairLine[] = [];
  let lineStart = 0;
  while (lineStart < src.length) {
    const end = lineEndOffset(src, lineStart);
    if (lineStart > headerEnd && !taken.has(lineStart) && quoteCount(src.slice(lineStart, end)) % 2 === 1) {
      const line = { start: lineStart, end, message: lineMessage(src.slice(lineStart, end), undefined, src, map) };
      (lineStart <= firstProblem ? early : late).push(line);
    }
    lineStart = afterLineBreak(src, end);
    if (lineStart <= end) break;
  }
  return [...early.reverse(), ...candidates, ...late];
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
  /** Offsets (in `src`) of block types whose labels or `{` sit on a later line: a name typed above a block. */
  readonly splitHeaders: number[] = [];
  /** Kept apart until `commit`, so a conversion that must be redone leaves no trace. */
  private readonly out = {
    resources: [] as Resource[],
    blocks: [] as NamedBlock[],
    inputs: [] as InputDeclaration[],
    suppressions: [] as SuppressionComment[],
    rootEntries: [] as MapEntry[],
    problems: [] as { message: string; start: number; end: number; severity: Diagnostic['severity'] }[],
  };

  constructor(
    private readonly b: DocumentBuilder,
    private readonly src: string,
    private readonly base: number,
    /** Where the document's text ends in `src`; anything after it was appended by a repair. */
    private readonly limit = src.length,
  ) {
    this.map = new IndexMap(src, b.parser.indexUnit);
    this.identity = b.parser.indexUnit === 'utf16';
    this.lines = b.lines;
  }

  commit(): void {
    // Plain loops: spreading a large array into push() overflows the call stack.
    const doc = this.b.doc;
    for (const r of this.out.resources) doc.resources.push(r);
    for (const b of this.out.blocks) doc.blocks.push(b);
    for (const i of this.out.inputs) doc.inputs.push(i);
    for (const s of this.out.suppressions) doc.suppressions.push(s);
    for (const e of this.out.rootEntries) this.b.rootEntries.push(e);
    for (const p of this.out.problems) this.b.error(p.message, p.start, p.end, p.severity);
  }

  private problem(message: string, start: number, end: number, severity: Diagnostic['severity'] = 'error'): void {
    this.out.problems.push({ message, start, end, severity });
  }

  private off(index: number): number {
    return this.base + Math.min(this.identity ? index : this.map.at(index), this.limit);
  }

  /** A closing token that is really in the text (not invented, not appended by a repair). */
  private closed(node: Node | null | undefined): boolean {
    return present(node) && this.off(node!.startIndex) - this.base < this.limit;
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
    this.convertNodes(topLevelNodes(root));
    this.reportProblems(root);
    this.collectSuppressions(root);
  }

  /** Top-level attributes, blocks and recoverable ERROR nodes, in order. */
  convertNodes(nodes: Node[], withSuppressions = false): void {
    for (const node of nodes) {
      const t = node.type;
      if (t === 'block') this.topBlock(node);
      else if (t === 'attribute') {
        const entry = this.attribute(node, 0);
        if (entry) this.out.rootEntries.push(entry);
      } else if (t === 'ERROR') this.topRecover(node);
      if (withSuppressions) this.collectSuppressions(node);
    }
    // Hoisting can nest (a hoisted block may itself have swallowed the next one).
    for (let i = 0; i < this.hoisted.length; i++) this.topBlock(this.hoisted[i]);
  }

  /** HCL wants a block's labels and `{` on its first line; the grammar does not, so `tags⏎lifecycle {` parses as one block. */
  private checkHeader(parts: BlockParts): void {
    if (!parts.open) return;
    const between = this.src.slice(this.end(parts.type) - this.base, this.start(parts.open) - this.base);
    if (between.includes('\n') || between.includes('\r')) this.splitHeaders.push(this.start(parts.type) - this.base);
  }

  private topBody(body: Node): void {
    for (const child of body.children) {
      if (!child) continue;
      const t = child.type;
      if (t === 'block') this.topBlock(child);
      else if (t === 'attribute') {
        const entry = this.attribute(child, 0);
        if (entry) this.out.rootEntries.push(entry);
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
        if (entry) this.out.rootEntries.push(entry);
      }
    }
  }

  private topBlock(node: Node): void {
    const parts = blockParts(node);
    if (!parts) return;
    this.checkHeader(parts);
    const kind = this.text(parts.type);
    const hoistedBefore = this.hoisted.length;
    const body = this.blockBody(parts, undefined, 0);
    // A block that swallowed the following top-level block ends where that one starts.
    const end =
      this.hoisted.length > hoistedBefore
        ? this.trimBack(this.start(this.hoisted[hoistedBefore]))
        : this.closed(parts.close)
          ? this.end(node)
          : this.trimBack(this.end(node));
    const range = this.rangeOf(this.start(node), end);
    this.out.rootEntries.push({ key: kind, keyRange: this.range(parts.type), value: body });
    const labels = parts.labels.map((l) => this.label(l));
    const uri = this.b.doc.uri;
    const needLabels = (count: number, what: string): boolean => {
      if (labels.length >= count) return true;
      this.problem(`A ${kind} block needs ${count === 1 ? 'a label' : `${count} labels`}: ${what}.`, this.start(node), this.end(parts.open ?? parts.type));
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
        this.out.resources.push(resource);
        return;
      }
      case 'data': {
        if (!needLabels(2, 'the data source type and a name')) return;
        const [type, name] = labels;
        this.out.blocks.push({ name: `data.${type.value}.${name.value}`, kind: 'data', type: type.value, range, nameRange: name.range, value: body, uri });
        return;
      }
      case 'module': {
        if (!needLabels(1, 'the module name')) return;
        const source = body.entries.find((e) => e.key === 'source')?.value;
        const block: NamedBlock = { name: labels[0].value, kind: 'module', range, nameRange: labels[0].range, value: body, uri };
        if (source?.kind === 'string') block.type = source.value;
        this.out.blocks.push(block);
        return;
      }
      case 'output':
        if (!needLabels(1, 'the output name')) return;
        this.out.blocks.push({ name: labels[0].value, kind: 'output', range, nameRange: labels[0].range, value: body, uri });
        return;
      case 'provider': {
        if (!needLabels(1, 'the provider name')) return;
        // The address other blocks use in `provider = aws.west`.
        const alias = body.entries.find((e) => e.key === 'alias')?.value;
        const name = alias?.kind === 'string' ? `${labels[0].value}.${alias.value}` : labels[0].value;
        this.out.blocks.push({ name, kind: 'provider', range, nameRange: labels[0].range, value: body, uri });
        return;
      }
      case 'terraform':
        this.out.blocks.push({ name: 'terraform', kind: 'terraform', range, nameRange: this.range(parts.type), value: body, uri });
        return;
      case 'locals':
        for (const entry of body.entries) {
          if (entry.value.kind === 'map' && entry.value.block) continue;
          this.out.blocks.push({
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
        this.out.inputs.push(input);
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
    const start = this.start(node);
    const end = this.end(node);
    const text = this.src.slice(start - this.base, end - this.base);
    if (text.charCodeAt(0) !== 34 /* " */) return { value: text, range: this.rangeOf(start, end) };
    if (PLAIN_STRING.test(text)) return { value: unescapeQuoted(text.slice(1, -1)), range: this.rangeOf(start + 1, end - 1) };
    const children = node.children;
    const close = children[children.length - 1];
    const literal = children.find((c) => c?.type === 'template_literal');
    const to = close && close.type === 'quoted_template_end' && present(close) ? this.start(close) : literal ? this.end(literal) : start + 1;
    return { value: literal ? unescapeQuoted(this.text(literal)) : '', range: this.rangeOf(start + 1, Math.max(start + 1, to)) };
  }

  /**
   * The map of a block body, from `{` to `}`. Nested top-level keywords at
   * column 0 are not entries: they are hoisted, and the map ends before them.
   */
  private blockBody(parts: BlockParts, block: MapValue['block'], depth: number): MapValue {
    const entries: MapEntry[] = [];
    const hoistedBefore = this.hoisted.length;
    for (const inner of parts.inner) {
      if (inner.type === 'body') this.bodyInto(inner, entries, depth);
      else this.recoverInto(inner, entries, depth);
    }
    const from = parts.open ? this.start(parts.open) : this.start(parts.type);
    let to: number;
    if (this.hoisted.length > hoistedBefore) {
      to = this.trimBack(this.start(this.hoisted[hoistedBefore]));
      this.problem("Missing '}'", to, to);
    } else if (this.closed(parts.close)) to = this.end(parts.close!);
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
    this.checkHeader(parts);
    const type = this.text(parts.type);
    if (TOP_LEVEL_BLOCKS.has(type) && this.atColumnZero(node)) {
      this.hoisted.push(node);
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
    // `name = literal` is read from the text alone; see `expression` for why that matters.
    const start = this.start(node);
    const end = this.end(node);
    const local = start - this.base;
    IDENTIFIER.lastIndex = local;
    const name = IDENTIFIER.exec(this.src)?.[0];
    if (name) {
      ASSIGNMENT.lastIndex = local + name.length;
      const assign = ASSIGNMENT.exec(this.src);
      if (assign) {
        const valueStart = start + name.length + assign[0].length;
        if (valueStart < end) {
          const value = simpleValue(this.src.slice(valueStart - this.base, end - this.base), this.rangeOf(valueStart, end));
          if (value) return { key: name, keyRange: this.rangeOf(start, start + name.length), value };
        }
      }
    }
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
      this.problem(`Nesting deeper than ${LIMITS.maxDepth} levels; the deeper part is not analysed.`, this.start(node), this.end(node), 'warning');
    }
    return { kind: 'unknown', text: this.text(node), range: this.range(node) };
  }


  /**
   * One expression. Most attribute values are a literal or a plain traversal,
   * recognised from their source text: every node object read from the
   * WebAssembly tree costs an allocation and a boundary crossing, and the
   * text is already at hand.
   */
  private expression(node: Node, depth: number): Value {
    if (depth > LIMITS.maxDepth) return this.tooDeep(node);
    const start = this.start(node);
    const end = this.end(node);
    const text = this.src.slice(start - this.base, end - this.base);
    const range = this.rangeOf(start, end);
    const simple = simpleValue(text, range);
    if (simple) return simple;
    if (node.type === 'ERROR' || end === start) return { kind: 'unknown', text, range };
    const named: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      const t = child.type;
      if (t === 'comment') continue;
      if (t === 'ERROR') return { kind: 'unknown', text, range };
      named.push(child);
    }
    if (named.length === 0) return { kind: 'unknown', text, range };
    const head = named[0];
    const headType = head.type;
    if (named.length === 1) {
      switch (headType) {
        case 'expression':
          // `(x)`: the value of x, with x's own range, so a reference stays a reference.
          return this.expression(head, depth + 1);
        case 'literal_value':
          return this.literal(head, text, range);
        case 'template_expr':
          return this.template(head.firstChild ?? head, text, range);
        case 'collection_value':
          return this.collection(head.firstChild ?? head, text, range, depth);
        case 'conditional':
          return this.conditional(head, text, range, depth);
        case 'for_expr':
          return this.expr(text, range, 'for');
        case 'operation':
          return this.operation(head, text, range);
        case 'function_call':
          return this.expr(text, range, 'function');
        case 'variable_expr':
          return this.expr(text, range, 'reference');
        default:
          return this.expr(text, range, 'other');
      }
    }
    let kind: ExpressionKind = headType === 'variable_expr' ? 'reference' : 'other';
    for (let i = 1; i < named.length; i++) {
      const t = named[i].type;
      if (t === 'splat') {
        kind = 'splat';
        break;
      }
      if (t === 'index') kind = 'index';
      else if (t !== 'get_attr') kind = 'other';
    }
    return this.expr(text, range, kind);
  }

  private expr(text: string, range: Range, expressionKind: ExpressionKind): ExpressionValue {
    return { kind: 'expression', expressionKind, text, references: this.references(text), range };
  }

  private literal(literal: Node, text: string, range: Range): Value {
    const node = literal.firstChild;
    switch (node?.type) {
      case 'numeric_lit': {
        const value = Number(text);
        return Number.isFinite(value) ? { kind: 'number', value, range } : { kind: 'unknown', text, range };
      }
      case 'bool_lit':
        return { kind: 'bool', value: text === 'true', range };
      case 'null_lit':
        return { kind: 'null', range };
      case 'string_lit': {
        // Reached only when the fast path refused the text: a line break or an odd escape.
        const content = node.children.find((c) => c?.type === 'template_literal');
        if (!content) return { kind: 'string', value: '', range };
        const raw = this.text(content);
        if (raw.includes('\n') || raw.includes('\r')) this.problem(`A quoted string cannot span lines (missing closing '"'?)`, this.start(node), this.end(node));
        return { kind: 'string', value: unescapeQuoted(raw), range };
      }
      default:
        return { kind: 'unknown', text, range };
    }
  }

  private template(template: Node, text: string, range: Range): Value {
    let interpolated = false;
    const children = template.children;
    for (const child of children) {
      const t = child?.type;
      if (t === 'template_interpolation' || t === 'template_directive') interpolated = true;
    }
    if (template.type === 'heredoc_template') {
      if (interpolated) return this.expr(text, range, 'heredoc');
      const idents = children.filter((c) => c?.type === 'heredoc_identifier') as Node[];
      const close = idents[1];
      if (!present(close)) return { kind: 'unknown', text, range };
      const strip = children[0]?.type === 'heredoc_start' && this.text(children[0]).startsWith('<<-');
      const afterOpen = this.end(idents[0]) - this.base;
      const contentStart = afterLineBreak(this.src, afterOpen);
      const contentEnd = lineStartOffset(this.src, this.start(close) - this.base);
      let value = contentStart <= contentEnd ? this.src.slice(contentStart, contentEnd) : '';
      if (strip) value = stripIndent(value);
      return { kind: 'string', value: unescapeTemplateMarkers(value), range };
    }
    if (interpolated) return this.expr(text, range, 'template');
    const literal = children.find((c) => c?.type === 'template_literal');
    return { kind: 'string', value: literal ? unescapeQuoted(this.text(literal)) : '', range };
  }

  private collection(node: Node, text: string, range: Range, depth: number): Value {
    // `z = ` followed by `}`: the parser invents a `{` and reads the `}` as an empty object.
    if (!present(node.firstChild)) return { kind: 'unknown', text, range };
    if (node.type === 'tuple') {
      const items: Value[] = [];
      for (const child of node.namedChildren) if (child?.type === 'expression') items.push(this.expression(child, depth + 1));
      const list: ListValue = { kind: 'list', items, range };
      return list;
    }
    const entries: MapEntry[] = [];
    for (const elem of node.namedChildren) {
      if (elem?.type !== 'object_elem') continue;
      let key: Node | undefined;
      let val: Node | undefined;
      for (const part of elem.namedChildren) {
        if (part?.type !== 'expression') continue;
        if (!key) key = part;
        else val = part;
      }
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

  private conditional(node: Node, text: string, range: Range, depth: number): Value {
    const parts = node.namedChildren.filter((c) => c?.type === 'expression') as Node[];
    const value = this.expr(text, range, 'conditional');
    if (parts.length === 3) {
      value.branches = {
        condition: this.expression(parts[0], depth + 1),
        whenTrue: this.expression(parts[1], depth + 1),
        whenFalse: this.expression(parts[2], depth + 1),
      };
    }
    return value;
  }

  private operation(node: Node, text: string, range: Range): Value {
    // `- 1` and `-(1)` reach here (the fast path takes `-1`): still a number to rules comparing ports.
    const unary = node.firstChild;
    if (unary?.type === 'unary_operation' && /^-\s*\(?\s*\d/.test(text)) {
      const value = -Number(text.replace(/^-\s*\(?\s*|\s*\)?$/g, ''));
      if (Number.isFinite(value)) return { kind: 'number', value, range };
    }
    return this.expr(text, range, 'operation');
  }

  /**
   * Traversals (`var.x`, `aws_s3_bucket.b.arn`, `aws_instance.w[0].id`)
   * inside an expression, in source order, without duplicates; see
   * `scanReferences`.
   */
  private references(text: string): string[] {
    return SIMPLE_TRAVERSAL.test(text) ? [text] : scanReferences(text);
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
        this.problem(message, at, at);
      } else this.problem(message, this.start(p.node), this.end(p.node));
    }
  }

  private collectSuppressions(node: Node): void {
    if (!this.text(node).includes(SUPPRESSION_MARK)) return;
    const comments = node.type === 'comment' ? [node] : node.descendantsOfType('comment');
    for (const comment of comments) {
      if (!comment) continue;
      const raw = this.text(comment);
      if (!raw.includes(SUPPRESSION_MARK)) continue;
      const body = raw.startsWith('/*') ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.replace(/^(#|\/\/)/, '');
      const suppression: SuppressionComment | undefined = parseSuppression(body.trim(), this.range(comment));
      if (suppression) this.out.suppressions.push(suppression);
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

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
/** A quoted string without interpolation, directive, line break or its escaped form `$${`. */
const PLAIN_STRING = /^"(?:[^"\\\r\n$%]|\\[^\r\n]|\$(?![{$])|%(?![{%]))*"$/;
const SIMPLE_TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;
const KEYWORD_VALUES = new Set(['true', 'false', 'null']);
/** An HCL identifier, as the grammar defines it (letters, digits, `_`, `-`, `::`). */
const IDENTIFIER = /(?:[\p{ID_Continue}-]|::)+/uy;
/** The `=` of an attribute, with the blanks around it. */
const ASSIGNMENT = /[ \t]*=[ \t]*/y;
/** `.name`, `[0]`, `["key"]`, `.*`, `[*]`, `.0`, with optional blanks between. */
const TRAVERSAL_STEPS = /(?:\s*\.\s*(?:[\p{ID_Start}_][\p{ID_Continue}-]*|\*|\d+)|\s*\[\s*(?:\*|\d+|"(?:[^"\\\r\n]|\\.)*")\s*\])*/uy;

/** Literals and plain traversals straight from the source text; undefined when the tree must decide. */
function simpleValue(text: string, range: Range): Value | undefined {
  const first = text.charCodeAt(0);
  if (first === 34 /* " */) {
    if (!PLAIN_STRING.test(text)) return undefined;
    return { kind: 'string', value: unescapeQuoted(text.slice(1, -1)), range };
  }
  if ((first >= 48 && first <= 57) || first === 45 /* - */) {
    if (!NUMBER.test(text)) return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? { kind: 'number', value, range } : undefined;
  }
  if (KEYWORD_VALUES.has(text)) return text === 'null' ? { kind: 'null', range } : { kind: 'bool', value: text === 'true', range };
  if (SIMPLE_TRAVERSAL.test(text)) return { kind: 'expression', expressionKind: 'reference', text, references: [text], range };
  return undefined;
}

/** Steps as Terraform prints them: no blanks, `[*]` for `.*`, `[0]` for the legacy `.0`; string keys untouched. */
function normaliseSteps(steps: string): string {
  if (steps === '') return '';
  return steps.replace(/"(?:[^"\\]|\\.)*"|\s+|\.\*|\.(\d+)/g, (token: string, digits?: string) =>
    token.startsWith('"') ? token : digits ? `[${digits}]` : token === '.*' ? '[*]' : '',
  );
}

const REFERENCE_KEYWORDS = new Set(['true', 'false', 'null', 'if', 'in', 'else', 'endif', 'endfor']);
const IDENTIFIER_START = /[\p{ID_Start}_]/u;
const IDENTIFIER_AT = /(?:[\p{ID_Continue}-]|::)+/uy;
const NUMBER_AT = /\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const HEREDOC_AT = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)[ \t]*(?:\r\n|\n|\r)/uy;
const BLANKS_AT = /\s*/y;

interface CodeContext {
  kind: 'code';
  /** The bracket that ends this context; `interpolation` ends a `${` or `%{`. */
  close: ')' | ']' | '}' | 'interpolation' | 'end';
  /** `?` seen without its `:` yet: the next `:` is a conditional's, not an object key's. */
  questions: number;
  /** Between `for` and the `:` that ends its intro. */
  forIntro: boolean;
}
/** `template` is text in template mode with no closing delimiter: a `.tf.json` string value. */
type ScanContext = CodeContext | { kind: 'string' } | { kind: 'heredoc'; marker: string } | { kind: 'template' };

/**
 * The traversals an HCL expression mentions, read from its source text:
 * identifiers that start a traversal, minus function names, object keys,
 * keywords and names bound by `for`; strings and heredocs are skipped except
 * for their `${ }` and `%{ }` parts. Reading the text replaces a walk of the
 * syntax tree that cost a WebAssembly round trip per node.
 */
export function scanReferences(text: string, mode: 'expression' | 'template' = 'expression'): string[] {
  const found: string[] = [];
  const bound = new Set<string>();
  const stack: ScanContext[] = [{ kind: 'code', close: 'end', questions: 0, forIntro: false }];
  if (mode === 'template') stack.push({ kind: 'template' });
  const code = (close: CodeContext['close']): CodeContext => ({ kind: 'code', close, questions: 0, forIntro: false });
  let bindingNames = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.kind !== 'code') {
      if (top.kind === 'heredoc' && (i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r')) {
        const lineEnd = lineEndOffset(text, i);
        if (text.slice(i, lineEnd).trim() === top.marker) {
          stack.pop();
          i = lineEnd;
          continue;
        }
      }
      if (c === '\\' && top.kind === 'string') i += 2;
      else if ((c === '$' && text[i + 1] === '$') || (c === '%' && text[i + 1] === '%')) i += text[i + 2] === '{' ? 3 : 2;
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        stack.push(code('interpolation'));
        i += 2;
      } else if (c === '"' && top.kind === 'string') {
        stack.pop();
        i++;
      } else i++;
      continue;
    }
    if (c === '"') {
      stack.push({ kind: 'string' });
      i++;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      i = lineEndOffset(text, i);
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '<' && text[i + 1] === '<') {
      HEREDOC_AT.lastIndex = i;
      const heredoc = HEREDOC_AT.exec(text);
      if (heredoc) {
        stack.push({ kind: 'heredoc', marker: heredoc[1] });
        i = HEREDOC_AT.lastIndex;
      } else i += 2;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(code(c === '(' ? ')' : c === '[' ? ']' : '}'));
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.length > 1 && (top.close === c || (c === '}' && top.close === 'interpolation'))) stack.pop();
      i++;
    } else if (c === '?') {
      top.questions++;
      i++;
    } else if (c === ':' && text[i + 1] !== ':') {
      if (top.forIntro) top.forIntro = false;
      else if (top.questions > 0) top.questions--;
      bindingNames = false;
      i++;
    } else if (c === '.') {
      // An attribute step after `)` or `]`, or a splat: not the start of a traversal.
      i++;
      IDENTIFIER_AT.lastIndex = i;
      if (IDENTIFIER_START.test(text[i] ?? '') && IDENTIFIER_AT.exec(text)) i = IDENTIFIER_AT.lastIndex;
    } else if (c >= '0' && c <= '9') {
      NUMBER_AT.lastIndex = i;
      i = NUMBER_AT.exec(text) ? NUMBER_AT.lastIndex : i + 1;
    } else if (IDENTIFIER_START.test(c)) {
      IDENTIFIER_AT.lastIndex = i;
      const name = IDENTIFIER_AT.exec(text)![0];
      const afterName = i + name.length;
      i = afterName;
      if (name === 'for') {
        top.forIntro = top.close !== 'interpolation';
        bindingNames = true;
        continue;
      }
      if (name === 'in') bindingNames = false;
      if (bindingNames) {
        bound.add(name);
        continue;
      }
      if (REFERENCE_KEYWORDS.has(name)) continue;
      TRAVERSAL_STEPS.lastIndex = afterName;
      const steps = TRAVERSAL_STEPS.exec(text)?.[0] ?? '';
      BLANKS_AT.lastIndex = afterName + steps.length;
      BLANKS_AT.exec(text);
      const next = text[BLANKS_AT.lastIndex];
      if (next === '(' && steps === '') continue;
      if (steps === '') {
        const following = text[BLANKS_AT.lastIndex + 1];
        if (next === '=' && following !== '=' && following !== '>') continue;
        if (next === ':' && following !== ':' && top.close === '}' && top.questions === 0 && !top.forIntro) continue;
      }
      i = afterName + steps.length;
      if (bound.has(name)) continue;
      const traversal = name + normaliseSteps(steps);
      if (!found.includes(traversal)) found.push(traversal);
    } else i++;
  }
  return found;
}
