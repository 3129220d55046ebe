// Tests for the TextMate grammars in syntaxes/: they are loaded with vscode-textmate and
// vscode-oniguruma (the engine VS Code itself uses), the fixtures in test/fixtures/grammar/ are
// tokenized line by line, and the full scope list of chosen tokens is compared with what we expect.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { fixtures, repoRoot } from '../helpers';

const syntaxes = join(repoRoot, 'syntaxes');
const grammarFixtures = join(fixtures, 'grammar');
const TERRAFORM = join(syntaxes, 'terraform.tmLanguage.json');
const CFN_TAGS = join(syntaxes, 'cloudformation-tags.injection.tmLanguage.json');
// VS Code's YAML grammar is not installed here and SRM Lens does not ship one, so the injection is
// hosted by a tiny test-only `source.yaml` grammar (comments, quoted strings, keys) kept with the fixtures.
const MINIMAL_YAML = join(grammarFixtures, 'minimal-yaml.tmLanguage.json');

interface Token {
  text: string;
  scopes: string[];
}
interface Tokenized {
  lines: Token[][];
  lineTexts: string[];
  end: StateStack;
}

function registryFor(files: Record<string, string>): Registry {
  return new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scope) => (files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'source.yaml' ? ['source.yaml.cloudformation-tags'] : undefined),
  });
}

/** Tokenizes a file line by line, as VS Code does, keeping each token's text and scopes. */
function tokenizeFile(grammar: IGrammar, file: string): Tokenized {
  let stack = INITIAL;
  const lineTexts = readFileSync(file, 'utf8').split('\n');
  const lines = lineTexts.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
  return { lines, lineTexts, end: stack };
}

/** The scopes of the `nth` token whose text is `text` on 1-based line `line`. */
function scopesAt(doc: Tokenized, line: number, text: string, nth = 0): string[] {
  const tokens = doc.lines[line - 1];
  assert.ok(tokens, `no line ${line}`);
  const found = tokens.filter((t) => t.text === text)[nth];
  assert.ok(found, `no token ${JSON.stringify(text)} (#${nth}) on line ${line} ${JSON.stringify(doc.lineTexts[line - 1])}: ${JSON.stringify(tokens.map((t) => t.text))}`);
  return found.scopes;
}

/** Every `include` in a grammar, wherever it is nested (patterns, captures, repository). */
function collectIncludes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectIncludes(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'include' && typeof value === 'string') out.push(value);
      else collectIncludes(value, out);
    }
  }
  return out;
}

/** Every regular expression in a grammar, with the key it sits under. */
function collectRegexes(node: unknown, out: Array<{ key: string; source: string }> = []): Array<{ key: string; source: string }> {
  if (Array.isArray(node)) node.forEach((n) => collectRegexes(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') out.push({ key, source: value });
      else collectRegexes(value, out);
    }
  }
  return out;
}

async function loadOniguruma(): Promise<void> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
}

const TF = 'source.hcl.terraform.srm-lens';
const BLOCK = 'meta.block.terraform';
const STR = 'string.quoted.double.terraform';
const CALL = 'meta.function-call.terraform';
const BRACES = 'meta.braces.terraform';
const BRACKETS = 'meta.brackets.terraform';
const INTERP = 'meta.interpolation.terraform';
const DIRECTIVE = 'meta.directive.terraform';
const EMBEDDED = 'meta.embedded.line.terraform';
const HEREDOC = 'string.unquoted.heredoc.terraform';
const INTRINSIC = 'support.function.intrinsic.cloudformation';

/** [line (1-based), token text, expected scopes below the root scope, nth occurrence on the line]. */
type Case = [number, string, string[], number?];

const MAIN_TF: Case[] = [
  // comments
  [1, '#', ['comment.line.number-sign.terraform', 'punctuation.definition.comment.terraform']],
  [1, ' Logging bucket for the web tier', ['comment.line.number-sign.terraform']],
  [55, '/*', ['comment.block.terraform', 'punctuation.definition.comment.begin.terraform']],
  [56, '   comment ', ['comment.block.terraform']],
  [56, '*/', ['comment.block.terraform', 'punctuation.definition.comment.end.terraform']],
  [59, '//', [BLOCK, 'comment.line.double-slash.terraform', 'punctuation.definition.comment.terraform']],
  [59, ' trailing', [BLOCK, 'comment.line.double-slash.terraform']],
  // block headers: every top-level block type, labels
  [2, 'terraform', [BLOCK, 'storage.type.block.terraform']],
  [6, 'resource', [BLOCK, 'storage.type.block.terraform']],
  [6, 'aws_s3_bucket', [BLOCK, STR, 'entity.name.type.terraform']],
  [6, 'logs', [BLOCK, STR, 'entity.name.label.terraform']],
  [6, '"', [BLOCK, STR, 'punctuation.definition.string.begin.terraform']],
  [6, '{', [BLOCK, 'punctuation.section.block.begin.terraform']],
  [26, 'data', [BLOCK, 'storage.type.block.terraform']],
  [26, 'aws_iam_policy_document', [BLOCK, STR, 'entity.name.type.terraform']],
  [26, 'read', [BLOCK, STR, 'entity.name.label.terraform']],
  [33, 'module', [BLOCK, 'storage.type.block.terraform']],
  [33, 'vpc', [BLOCK, STR, 'entity.name.type.terraform']],
  [39, 'locals', [BLOCK, 'storage.type.block.terraform']],
  [57, 'variable', [BLOCK, 'storage.type.block.terraform']],
  [62, 'output', [BLOCK, 'storage.type.block.terraform']],
  [67, 'moved', [BLOCK, 'storage.type.block.terraform']],
  [72, 'import', [BLOCK, 'storage.type.block.terraform']],
  [77, 'check', [BLOCK, 'storage.type.block.terraform']],
  [84, 'removed', [BLOCK, 'storage.type.block.terraform']],
  [88, 'provider', [BLOCK, 'storage.type.block.terraform']],
  [88, 'aws', [BLOCK, STR, 'entity.name.type.terraform']],
  [90, '}', [BLOCK, 'punctuation.section.block.end.terraform']],
  // nested, one-line and dynamic blocks
  [11, 'versioning', [BLOCK, BLOCK, 'entity.name.tag.block.terraform']],
  [13, '}', [BLOCK, BLOCK, 'punctuation.section.block.end.terraform']],
  [15, 'dynamic', [BLOCK, BLOCK, 'keyword.control.dynamic.terraform']],
  [15, 'rule', [BLOCK, BLOCK, STR, 'entity.name.type.terraform']],
  [17, 'content', [BLOCK, BLOCK, BLOCK, 'entity.name.tag.block.terraform']],
  [23, 'lifecycle', [BLOCK, BLOCK, 'entity.name.tag.block.terraform']],
  [23, 'prevent_destroy', [BLOCK, BLOCK, 'variable.other.property.terraform']],
  [23, '}', [BLOCK, BLOCK, 'punctuation.section.block.end.terraform']],
  [78, 'assert', [BLOCK, BLOCK, 'entity.name.tag.block.terraform']],
  // attributes
  [3, 'required_version', [BLOCK, 'variable.other.property.terraform']],
  [7, 'bucket', [BLOCK, 'variable.other.property.terraform']],
  [7, '=', [BLOCK, 'keyword.operator.assignment.terraform']],
  [16, 'for_each', [BLOCK, BLOCK, 'variable.other.property.terraform']],
  // strings, interpolation, directives, escapes
  [7, 'logs-', [BLOCK, STR]],
  [7, '${', [BLOCK, STR, INTERP, 'punctuation.definition.template-expression.begin.terraform']],
  [7, 'var', [BLOCK, STR, INTERP, EMBEDDED, 'variable.language.terraform']],
  [7, 'env', [BLOCK, STR, INTERP, EMBEDDED, 'variable.other.member.terraform']],
  [7, '}', [BLOCK, STR, INTERP, 'punctuation.definition.template-expression.end.terraform']],
  [7, '%{', [BLOCK, STR, DIRECTIVE, 'punctuation.definition.template-directive.begin.terraform']],
  [7, 'if', [BLOCK, STR, DIRECTIVE, EMBEDDED, 'keyword.control.directive.terraform']],
  [7, 'prod', [BLOCK, STR], 1],
  [7, 'else', [BLOCK, STR, DIRECTIVE, EMBEDDED, 'keyword.control.directive.terraform']],
  [7, 'endif', [BLOCK, STR, DIRECTIVE, EMBEDDED, 'keyword.control.directive.terraform']],
  [29, '/*', [BLOCK, BLOCK, BRACKETS, STR]],
  [51, '\\t', [BLOCK, STR, 'constant.character.escape.terraform']],
  [51, '\\"', [BLOCK, STR, 'constant.character.escape.terraform']],
  [51, '$${', [BLOCK, STR, 'constant.character.escape.template.terraform']],
  [51, 'literal}', [BLOCK, STR]],
  // heredocs
  [43, '<<', [BLOCK, HEREDOC, 'keyword.operator.heredoc.terraform']],
  [43, 'EOF', [BLOCK, HEREDOC, 'keyword.control.heredoc-token.terraform']],
  [44, '{"Statement": "', [BLOCK, HEREDOC]],
  [44, 'data', [BLOCK, HEREDOC, INTERP, EMBEDDED, 'variable.language.terraform']],
  [44, 'json', [BLOCK, HEREDOC, INTERP, EMBEDDED, 'variable.other.member.terraform']],
  [45, 'EOF', [BLOCK, HEREDOC, 'keyword.control.heredoc-token.terraform']],
  [46, '<<-', [BLOCK, HEREDOC, 'keyword.operator.heredoc.terraform']],
  [47, 'for', [BLOCK, HEREDOC, DIRECTIVE, EMBEDDED, 'keyword.control.directive.terraform']],
  [47, 'z', [BLOCK, HEREDOC, INTERP, EMBEDDED, 'variable.other.readwrite.terraform'], 1],
  [47, 'endfor', [BLOCK, HEREDOC, DIRECTIVE, EMBEDDED, 'keyword.control.directive.terraform']],
  [48, 'EOT', [BLOCK, HEREDOC, 'keyword.control.heredoc-token.terraform']],
  // literals
  [8, '0', [BLOCK, 'constant.numeric.terraform']],
  [49, '3.5e2', [BLOCK, 'constant.numeric.terraform']],
  [12, 'true', [BLOCK, BLOCK, 'constant.language.boolean.terraform']],
  [50, 'null', [BLOCK, 'constant.language.null.terraform']],
  [9, '42', [BLOCK, CALL, BRACES, 'constant.numeric.terraform']],
  // operators
  [8, '>', [BLOCK, 'keyword.operator.comparison.terraform']],
  [8, '?', [BLOCK, 'keyword.operator.ternary.terraform']],
  [64, '!', [BLOCK, 'keyword.operator.logical.terraform']],
  [64, '&&', [BLOCK, 'keyword.operator.logical.terraform']],
  [64, '*', [BLOCK, 'keyword.operator.arithmetic.terraform']],
  [64, '>=', [BLOCK, 'keyword.operator.comparison.terraform']],
  [79, '==', [BLOCK, BLOCK, 'keyword.operator.comparison.terraform']],
  [41, '=>', [BLOCK, BRACES, 'keyword.operator.arrow.terraform']],
  [41, '...', [BLOCK, BRACES, 'keyword.operator.expansion.terraform']],
  [42, '[*]', [BLOCK, 'keyword.operator.splat.terraform']],
  // function calls
  [8, 'length', [BLOCK, CALL, 'support.function.builtin.terraform']],
  [9, 'merge', [BLOCK, CALL, 'support.function.builtin.terraform']],
  [35, 'cidrsubnets', [BLOCK, CALL, 'support.function.builtin.terraform']],
  [40, 'upper', [BLOCK, BRACKETS, CALL, 'support.function.builtin.terraform']],
  [63, 'jsonencode', [BLOCK, CALL, 'support.function.builtin.terraform']],
  [63, 'toset', [BLOCK, CALL, BRACES, CALL, 'support.function.builtin.terraform']],
  [79, 'lookup', [BLOCK, BLOCK, CALL, 'support.function.builtin.terraform']],
  [8, '(', [BLOCK, CALL, 'punctuation.section.parens.begin.terraform']],
  [52, 'my_function', [BLOCK, CALL, 'entity.name.function.terraform']],
  [36, 'provider::aws::', [BLOCK, CALL, 'entity.name.namespace.terraform']],
  [36, 'arn_parse', [BLOCK, CALL, 'entity.name.function.terraform']],
  // types
  [58, 'list', [BLOCK, CALL, 'support.type.terraform']],
  [58, 'string', [BLOCK, CALL, CALL, BRACES, 'support.type.primitive.terraform']],
  [58, 'optional', [BLOCK, CALL, CALL, BRACES, CALL, 'support.type.terraform']],
  // references
  [9, 'local', [BLOCK, CALL, 'variable.language.terraform']],
  [9, 'tags', [BLOCK, CALL, 'variable.other.member.terraform'], 1],
  [19, 'each', [BLOCK, BLOCK, BLOCK, 'variable.language.terraform']],
  [19, 'key', [BLOCK, BLOCK, BLOCK, 'variable.other.member.terraform']],
  [18, 'rule', [BLOCK, BLOCK, BLOCK, 'variable.other.readwrite.terraform']],
  [52, 'self', [BLOCK, CALL, 'variable.language.terraform']],
  [52, 'count', [BLOCK, CALL, 'variable.language.terraform']],
  [52, 'index', [BLOCK, CALL, 'variable.other.member.terraform']],
  [52, 'path', [BLOCK, CALL, 'variable.language.terraform']],
  [52, 'terraform', [BLOCK, CALL, 'variable.language.terraform']],
  [63, 'module', [BLOCK, CALL, BRACES, 'variable.language.terraform']],
  [68, 'aws_s3_bucket', [BLOCK, 'variable.other.readwrite.terraform']],
  [68, '.', [BLOCK, 'punctuation.accessor.terraform']],
  // object keys and for expressions
  [9, 'Name', [BLOCK, CALL, BRACES, 'variable.other.property.terraform']],
  [9, 'cost-center', [BLOCK, CALL, BRACES, STR, 'variable.other.property.terraform']],
  [40, 'for', [BLOCK, BRACKETS, 'keyword.control.terraform']],
  [40, 'in', [BLOCK, BRACKETS, 'keyword.control.terraform']],
  [40, 'if', [BLOCK, BRACKETS, 'keyword.control.terraform']],
  [41, 'for', [BLOCK, BRACES, 'keyword.control.terraform']],
  [41, 'k', [BLOCK, BRACES, 'variable.other.readwrite.terraform']],
];

const TFVARS: Case[] = [
  [1, 'env', ['variable.other.property.terraform']],
  [2, '[', [BRACKETS, 'punctuation.section.brackets.begin.terraform']],
  [3, 'true', ['constant.language.boolean.terraform']],
  [4, '{', [BRACES, 'punctuation.section.braces.begin.terraform']],
  [5, 'cpu', [BRACES, 'variable.other.property.terraform']],
  [6, 'mem', [BRACES, STR, 'variable.other.property.terraform']],
  [6, '4Gi', [BRACES, STR]],
  // An unterminated string ends with its line, so the next attribute is still an attribute.
  [8, 'no closing quote', [STR]],
  [9, 'after', ['variable.other.property.terraform']],
  [9, '1', ['constant.numeric.terraform']],
];

const ALL_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Select', 'Split', 'Base64', 'Cidr',
  'GetAZs', 'ImportValue', 'Condition', 'Transform', 'Length', 'ToJsonString',
  'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll',
];

describe('grammars', () => {
  let registry: Registry;
  before(async () => {
    await loadOniguruma();
    registry = registryFor({ [TF]: TERRAFORM, 'source.yaml.cloudformation-tags': CFN_TAGS, 'source.yaml': MINIMAL_YAML });
  });

  describe('grammar files', () => {
    for (const file of [TERRAFORM, CFN_TAGS, MINIMAL_YAML]) {
      const name = file.slice(repoRoot.length + 1);
      test(`${name}: valid JSON; every include names a repository rule and every rule is used`, () => {
        const grammar = JSON.parse(readFileSync(file, 'utf8'));
        assert.equal(typeof grammar.scopeName, 'string');
        const repository = Object.keys(grammar.repository ?? {});
        const includes = collectIncludes(grammar);
        for (const inc of includes) {
          assert.ok(inc.startsWith('#'), `${name}: include ${inc} points outside the grammar`);
          assert.ok(repository.includes(inc.slice(1)), `${name}: include ${inc} has no repository rule`);
        }
        for (const rule of repository) assert.ok(includes.includes(`#${rule}`), `${name}: repository rule ${rule} is never included`);
      });

      test(`${name}: every regular expression compiles with Oniguruma`, () => {
        const grammar = JSON.parse(readFileSync(file, 'utf8'));
        for (const { key, source } of collectRegexes(grammar)) {
          // end/while may refer back to begin captures (\1, \2); vscode-textmate substitutes them before compiling.
          const pattern = key === 'end' || key === 'while' ? source.replace(/(?<!\\)\\[1-9]/g, 'x') : source;
          assert.doesNotThrow(() => createOnigScanner([pattern]).dispose(), `${name}: ${key} ${source}`);
        }
      });
    }

    test('the injection grammar targets YAML and leaves comments and strings alone', () => {
      const grammar = JSON.parse(readFileSync(CFN_TAGS, 'utf8'));
      assert.equal(grammar.scopeName, 'source.yaml.cloudformation-tags');
      assert.equal(grammar.injectionSelector, 'L:source.yaml -comment -string');
    });

    test('terraform.language-configuration.json declares comments, brackets and auto-closing pairs', () => {
      const config = JSON.parse(readFileSync(join(syntaxes, 'terraform.language-configuration.json'), 'utf8'));
      assert.deepEqual(config.comments, { lineComment: '#', blockComment: ['/*', '*/'] });
      assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
      const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
      for (const open of ['{', '[', '(', '"']) assert.ok(opens.includes(open), `auto-closes ${open}`);
    });

    test('package.json contributes point at these files with matching scope names', () => {
      const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
      const grammars: Array<{ scopeName: string; path: string; language?: string; injectTo?: string[] }> = pkg.contributes?.grammars ?? [];
      const ours = grammars.filter((g) => g.path.startsWith('./syntaxes/'));
      assert.ok(ours.length >= 2, 'both grammars are contributed');
      for (const g of ours) {
        const file = join(repoRoot, g.path);
        assert.ok(existsSync(file), `${g.path} exists`);
        assert.equal(JSON.parse(readFileSync(file, 'utf8')).scopeName, g.scopeName, `${g.path} scopeName`);
      }
      assert.equal(ours.find((g) => g.scopeName === TF)?.language, 'terraform');
      assert.deepEqual(ours.find((g) => g.scopeName === 'source.yaml.cloudformation-tags')?.injectTo, ['source.yaml']);
      const terraform = (pkg.contributes?.languages ?? []).find((l: { id: string }) => l.id === 'terraform');
      assert.ok(terraform, 'the terraform language is contributed');
      assert.ok(existsSync(join(repoRoot, terraform.configuration)), 'its language configuration exists');
    });
  });

  describe('Terraform (main.tf)', () => {
    let doc: Tokenized;
    before(async () => {
      doc = tokenizeFile((await registry.loadGrammar(TF))!, join(grammarFixtures, 'main.tf'));
    });

    for (const [line, text, scopes, nth = 0] of MAIN_TF) {
      test(`${line}: ${JSON.stringify(text)}${nth ? ` (#${nth + 1})` : ''} is ${scopes[scopes.length - 1] ?? TF}`, () => {
        assert.deepEqual(scopesAt(doc, line, text, nth), [TF, ...scopes]);
      });
    }

    test('every block, heredoc, string and comment is closed by the end of the file', () => {
      assert.equal(doc.end.depth, 1);
    });

    test('for_each is an attribute, not the for keyword', () => {
      const tokens = doc.lines[15];
      assert.ok(!tokens.some((t) => t.scopes.includes('keyword.control.terraform')));
    });
  });

  describe('Terraform (terraform.tfvars)', () => {
    let doc: Tokenized;
    before(async () => {
      doc = tokenizeFile((await registry.loadGrammar(TF))!, join(grammarFixtures, 'terraform.tfvars'));
    });

    for (const [line, text, scopes, nth = 0] of TFVARS) {
      test(`${line}: ${JSON.stringify(text)} is ${scopes[scopes.length - 1]}`, () => {
        assert.deepEqual(scopesAt(doc, line, text, nth), [TF, ...scopes]);
      });
    }

    test('ends at the root state', () => assert.equal(doc.end.depth, 1));
  });

  describe('CloudFormation intrinsic functions injected into YAML (template.yaml)', () => {
    let doc: Tokenized;
    let all: Token[];
    before(async () => {
      doc = tokenizeFile((await registry.loadGrammar('source.yaml'))!, join(grammarFixtures, 'template.yaml'));
      all = doc.lines.flat();
    });

    for (const tag of ALL_TAGS) {
      test(`!${tag} is one ${INTRINSIC} token`, () => {
        const token = all.find((t) => t.text === `!${tag}`);
        assert.ok(token, `the fixture uses !${tag}`);
        assert.deepEqual(token.scopes, ['source.yaml', INTRINSIC]);
      });
    }

    test('a tag right after [ or , inside a flow sequence is coloured', () => {
      assert.deepEqual(scopesAt(doc, 4, '!Ref'), ['source.yaml', INTRINSIC]);
      assert.deepEqual(scopesAt(doc, 6, '!Condition', 2), ['source.yaml', INTRINSIC]);
    });

    test('long-form keys Fn::X: and Ref: are coloured, Condition: and ordinary keys are not', () => {
      assert.deepEqual(scopesAt(doc, 27, 'Fn::Transform'), ['source.yaml', INTRINSIC]);
      assert.deepEqual(scopesAt(doc, 30, 'Fn::GetAtt'), ['source.yaml', INTRINSIC]);
      assert.deepEqual(scopesAt(doc, 31, 'Ref'), ['source.yaml', INTRINSIC]);
      assert.deepEqual(scopesAt(doc, 26, 'Condition'), ['source.yaml', 'entity.name.tag.yaml']);
      assert.deepEqual(scopesAt(doc, 12, 'Arn'), ['source.yaml', 'entity.name.tag.yaml']);
    });

    test('not inside comments or quoted strings', () => {
      assert.ok(doc.lines[1].every((t) => !t.scopes.includes(INTRINSIC)), 'comment');
      assert.deepEqual(scopesAt(doc, 20, '!Ref not a tag inside a string'), ['source.yaml', 'string.quoted.double.yaml']);
      assert.deepEqual(scopesAt(doc, 14, 'AWS::NoValue'), ['source.yaml', 'string.quoted.double.yaml']);
    });

    test('unknown tags that merely start like an intrinsic are left alone', () => {
      assert.ok(doc.lines[20].every((t) => !t.scopes.includes(INTRINSIC)), '!Reference');
      assert.ok(doc.lines[21].every((t) => !t.scopes.includes(INTRINSIC)), '!RefAllTheThings');
    });

    test('the injection does not reach Terraform files', async () => {
      const tf = tokenizeFile((await registry.loadGrammar(TF))!, join(grammarFixtures, 'main.tf'));
      assert.ok(tf.lines.flat().every((t) => !t.scopes.includes(INTRINSIC)));
    });
  });

});
