import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

/**
 * Loads the tree-sitter runtime and the Terraform grammar, both WebAssembly.
 *
 * Two layouts must work: the esbuild bundle, where `dist/` holds copies of
 * both `.wasm` files next to the bundled script, and plain `tsc` output run
 * from the repository (tests, CLI during development), where they are only
 * found inside `node_modules`. Loading is asynchronous (WebAssembly
 * instantiation), parsing afterwards is synchronous, so callers await
 * `initTerraformParser()` once at start-up and parse without awaiting.
 */

const RUNTIME_WASM = 'tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-terraform.wasm';

/** What the parse functions need; kept small so tests can reason about it. */
export interface TerraformParserHandle {
  parse(text: string): Tree | null;
  /**
   * The unit of node indices. The web binding feeds text to tree-sitter as
   * UTF-16 and so reports UTF-16 offsets; the native binding reports UTF-8
   * bytes. The probe in `initTerraformParser` decides which one this runtime
   * uses, so a runtime upgrade cannot silently shift every range.
   */
  indexUnit: 'utf16' | 'utf8';
}

let handle: TerraformParserHandle | undefined;
let loading: Promise<void> | undefined;

export function initTerraformParser(): Promise<void> {
  if (handle) return Promise.resolve();
  // Concurrent callers share one load; a failed load may be retried later.
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw new Error(`Cannot load the Terraform parser (tree-sitter WebAssembly): ${error instanceof Error ? error.message : String(error)}`);
  });
  return loading;
}

/** The loaded parser, or undefined before `initTerraformParser()` has finished. */
export function terraformParser(): TerraformParserHandle | undefined {
  return handle;
}

async function load(): Promise<void> {
  const runtimeWasm = locate(RUNTIME_WASM, 'web-tree-sitter/tree-sitter.wasm');
  const grammarWasm = locate(GRAMMAR_WASM, '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
  await Parser.init({
    // Emscripten otherwise looks next to the script that loaded it, which is
    // right for the bundle but not for node_modules/web-tree-sitter's own copy
    // when this module is compiled elsewhere.
    locateFile: (name: string, scriptDirectory: string) => (name.endsWith('.wasm') ? runtimeWasm : join(scriptDirectory, name)),
  });
  const language = await Language.load(grammarWasm);
  const parser = new Parser();
  parser.setLanguage(language);
  handle = { parse: (text) => parser.parse(text), indexUnit: probeIndexUnit(parser) };
}

function locate(fileName: string, packagePath: string): string {
  const bundled = join(__dirname, fileName);
  if (existsSync(bundled)) return bundled;
  try {
    return require.resolve(packagePath);
  } catch {
    throw new Error(`${fileName} is neither next to ${__dirname} nor resolvable as ${packagePath}`);
  }
}

function probeIndexUnit(parser: Parser): 'utf16' | 'utf8' {
  // "é" is one UTF-16 unit but two UTF-8 bytes, so the attribute after it
  // starts at 4 or at 5.
  const tree = parser.parse('#é\na = 1\n');
  try {
    return tree?.rootNode.descendantsOfType('attribute')[0]?.startIndex === 5 ? 'utf8' : 'utf16';
  } finally {
    tree?.delete();
  }
}

/**
 * Maps node indices to string offsets. Identity for UTF-16 runtimes and for
 * ASCII text; otherwise a sorted table of the places where UTF-8 byte counts
 * and UTF-16 units drift apart, searched per lookup.
 */
export class IndexMap {
  private readonly bytes: number[] = [];
  private readonly units: number[] = [];

  constructor(text: string, unit: 'utf16' | 'utf8') {
    if (unit === 'utf16') return;
    let byte = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let width = 1;
      if (c >= 0x80) {
        if (c < 0x800) width = 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          // A surrogate pair is one 4-byte character spanning two units.
          byte += 4;
          i++;
          this.bytes.push(byte);
          this.units.push(i + 1);
          continue;
        } else width = 3;
      }
      byte += width;
      if (width > 1) {
        this.bytes.push(byte);
        this.units.push(i + 1);
      }
    }
  }

  /** The string offset of a node index. */
  at(index: number): number {
    const bytes = this.bytes;
    if (bytes.length === 0 || index < bytes[0]) return this.unitsBefore(index, -1);
    let low = 0;
    let high = bytes.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (bytes[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return this.unitsBefore(index, low);
  }

  private unitsBefore(index: number, anchor: number): number {
    // After the last multi-byte character before `index`, bytes and units advance together.
    if (anchor < 0) return index;
    return this.units[anchor] + (index - this.bytes[anchor]);
  }
}
