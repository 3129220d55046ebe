import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { fixtures, repoRoot } from '../helpers';

const syntaxes = join(repoRoot, 'syntaxes');
const GRAMMARS: Record<string, string> = {
  'source.hcl.terraform': join(syntaxes, 'terraform.tmLanguage.json'),
  'source.yaml.cloudformation-tags': join(syntaxes, 'cloudformation-tags.injection.tmLanguage.json'),
  'source.yaml': join(fixtures, 'grammar', 'minimal-yaml.tmLanguage.json'),
};

interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes a file line by line, as VS Code does, keeping each token's text and scopes. */
function tokenize(grammar: IGrammar, text: string): Token[][] {
  let stack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token on `line` whose text is `text` (after `skip` earlier matches). */
function scopesOf(lines: Token[][], line: number, text: string, skip = 0): string[] {
  const found = lines[line].filter((t) => t.text === text)[skip];
  assert.ok(found, `no token "${text}" on line ${line + 1}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return found.scopes;
}

describe('grammars', () => {
  let registry: Registry;
  before(async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
      loadGrammar: async (scope) => (GRAMMARS[scope] ? parseRawGrammar(readFileSync(GRAMMARS[scope], 'utf8'), GRAMMARS[scope]) : null),
      getInjections: (scope) => (scope === 'source.yaml' ? ['source.yaml.cloudformation-tags'] : undefined),
    });
  });

  test('grammar files are valid JSON and every include names a repository rule', () => {
    for (const file of Object.values(GRAMMARS)) {
      const grammar = JSON.parse(readFileSync(file, 'utf8'));
      const repository = new Set(Object.keys(grammar.repository ?? {}));
      const includes = JSON.stringify(grammar).match(/"include":"#([^"]+)"/g) ?? [];
      for (const inc of includes) assert.ok(repository.has(inc.slice(12, -1)), `${file}: ${inc} has no rule`);
    }
  });

  test('Terraform: blocks, labels, attributes, expressions, strings, heredocs, comments', async () => {
    const grammar = (await registry.loadGrammar('source.hcl.terraform'))!;
    const lines = tokenize(grammar, readFileSync(join(fixtures, 'grammar', 'sample.tf'), 'utf8'));
    const has = (scopes: string[], scope: string) => assert.ok(scopes.includes(scope), `expected ${scope} in ${scopes.join(' ')}`);
    has(scopesOf(lines, 0, '# Build host and its bucket'), 'comment.line.number-sign.terraform');
    has(scopesOf(lines, 1, 'resource'), 'storage.type.block.terraform');
    has(scopesOf(lines, 1, 'aws_s3_bucket'), 'entity.name.type.terraform');
    has(scopesOf(lines, 1, 'logs'), 'entity.name.type.terraform');
    has(scopesOf(lines, 1, '{'), 'punctuation.section.block.begin.terraform');
    has(scopesOf(lines, 2, 'bucket'), 'variable.other.property.terraform');
    has(scopesOf(lines, 2, '${'), 'punctuation.definition.template-expression.begin.terraform');
    has(scopesOf(lines, 2, 'var'), 'variable.language.terraform');
    has(scopesOf(lines, 2, 'var'), 'meta.interpolation.terraform');
    has(scopesOf(lines, 2, 'env'), 'variable.other.member.terraform');
    has(scopesOf(lines, 2, '%{'), 'punctuation.definition.template-directive.begin.terraform');
    has(scopesOf(lines, 2, 'if'), 'keyword.control.terraform');
    has(scopesOf(lines, 3, 'length'), 'support.function.builtin.terraform');
    has(scopesOf(lines, 4, 'merge'), 'support.function.builtin.terraform');
    has(scopesOf(lines, 4, 'local'), 'variable.language.terraform');
    has(scopesOf(lines, 4, 'Name'), 'variable.other.property.terraform');
    has(scopesOf(lines, 6, 'versioning'), 'entity.name.tag.block.terraform');
    has(scopesOf(lines, 7, 'true'), 'constant.language.terraform');
    has(scopesOf(lines, 10, 'dynamic'), 'keyword.control.dynamic.terraform');
    has(scopesOf(lines, 10, 'rule'), 'entity.name.type.terraform');
    has(scopesOf(lines, 12, 'content'), 'entity.name.tag.block.terraform');
    has(scopesOf(lines, 18, 'data'), 'storage.type.block.terraform');
    has(scopesOf(lines, 20, 's3:*'), 'string.quoted.double.terraform');
    has(scopesOf(lines, 24, 'locals'), 'storage.type.block.terraform');
    has(scopesOf(lines, 25, 'for'), 'keyword.control.terraform');
    has(scopesOf(lines, 25, 'upper'), 'support.function.builtin.terraform');
    has(scopesOf(lines, 26, '<<'), 'keyword.operator.heredoc.terraform');
    has(scopesOf(lines, 26, 'EOF'), 'keyword.control.heredoc-token.terraform');
    has(scopesOf(lines, 27, 'data'), 'meta.interpolation.terraform');
    has(scopesOf(lines, 27, '{"Version": "'), 'string.unquoted.heredoc.terraform');
    has(scopesOf(lines, 28, 'EOF'), 'keyword.control.heredoc-token.terraform');
    has(scopesOf(lines, 29, '3.5e2'), 'constant.numeric.terraform');
    has(scopesOf(lines, 30, 'null'), 'constant.language.terraform');
    has(scopesOf(lines, 33, '/*'), 'comment.block.terraform');
    has(scopesOf(lines, 34, '   comment '), 'comment.block.terraform');
    has(scopesOf(lines, 35, 'variable'), 'storage.type.block.terraform');
    has(scopesOf(lines, 36, '// trailing'), 'comment.line.double-slash.terraform');
    // After the heredoc and the block comment, state is back to normal: the last block closes.
    has(scopesOf(lines, 37, '}'), 'punctuation.section.block.end.terraform');
  });

  test('CloudFormation tags are injected into YAML, not into comments or strings', async () => {
    const grammar = (await registry.loadGrammar('source.yaml'))!;
    const lines = tokenize(grammar, readFileSync(join(fixtures, 'grammar', 'template.yaml'), 'utf8'));
    const intrinsic = 'support.function.intrinsic.cloudformation';
    for (const [line, tag] of [[4, 'Sub'], [5, 'GetAtt'], [6, 'Join'], [6, 'Ref'], [6, 'Select'], [6, 'GetAZs'], [7, 'If'], [7, 'Ref'], [7, 'Base64']] as const) {
      assert.ok(scopesOf(lines, line, tag).includes(intrinsic), `!${tag} on line ${line + 1}`);
    }
    assert.ok(scopesOf(lines, 4, '!').includes('punctuation.definition.tag.cloudformation'));
    assert.ok(lines[8].every((t) => !t.scopes.includes(intrinsic)), 'a tag inside a comment is not coloured');
    assert.ok(scopesOf(lines, 10, 'Fn::GetAtt').includes(intrinsic));
    assert.ok(scopesOf(lines, 2, 'Type').includes('entity.name.tag.yaml'));
  });
});
