import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/model/range';
import { parseCloudFormationYaml, parseYamlWithLibrary } from '../../server/src/parse/cloudformationYaml';
import { parseCommonYaml } from '../../server/src/parse/fastYaml';
import { corpusPresent, corpusRoot, repoRoot, seededRandom } from '../helpers';

/**
 * The one-pass YAML reader against the `yaml` library: whatever the reader
 * accepts must come out exactly as the library's result (values, ranges,
 * intrinsics), and the library must find nothing wrong with it; whatever it
 * refuses goes to the library, so the answer is the library's.
 */
function agrees(text: string, label: string): boolean {
  const fast = parseCommonYaml(text, new LineIndex(text));
  const library = parseYamlWithLibrary(text);
  assert.deepStrictEqual(parseCloudFormationYaml(text), fast ? { root: fast, errors: [], lines: library.lines } : library, label);
  if (!fast) return false;
  assert.deepStrictEqual(library.errors, [], `the reader accepted what the library reports: ${label}\n${text}`);
  assert.deepStrictEqual(fast, library.root, `${label}\n${text}`);
  return true;
}

function accepted(text: string): void {
  assert.ok(agrees(text, text), `the reader left this to the library:\n${text}`);
}

function refused(text: string): void {
  assert.equal(parseCommonYaml(text, new LineIndex(text)), undefined, `the reader accepted:\n${text}`);
  agrees(text, text);
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(path);
    return /\.(ya?ml|template)$/i.test(name) ? [path] : [];
  });

describe('one-pass YAML reader', () => {
  test('reads the shapes templates are written in, exactly as the library does', () => {
    accepted('A: 1\nB: two\nC: "three"\nD: \'fo\'\'ur\'\n');
    accepted('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-logs"\n');
    accepted('Tags:\n- Key: a\n  Value: b\n- Key: c\n  Value: !Ref X\nNext: 1\n');
    accepted('L:\n  - - a\n    - b\n  - !GetAtt A.Arn\n  -\n  - # empty\n  - [1, 2.5, 0x1F, 0o17, .inf, -.Inf, .nan, 1e3, +7]\n');
    accepted('M: { Ref: X }\nN: {"Fn::GetAtt": [A, Arn]}\nO: !Join ["", [a, !Ref B, "c"]]\nP: []\nQ: {}\n');
    accepted('V: !If\n  - Cond\n  - !Ref A\n  - !Ref AWS::NoValue\nW: !Sub\n  - "${A}-${B}"\n  - A: x\n    B: !Ref Y\n');
    accepted('F: !GetAZs\nG: !GetAZs ""\nH: !Ref   # why\nI:   # nothing\nJ:\n');
    accepted('Y: [yes, No, on, OFF, true, False, ~, null, NULL]\nZ: yes\n');
    accepted('S: "tab\\there \\u00e9 \\U0001F600 \\x41 \\\\ \\" \\/ \\N \\_"\n');
    accepted('Code: |\n  import os\n\n  def handler(e, c):\n      return os.environ\n\n\nKeep: |+\n  a\n\n\nStrip: >-\n  folded\n  text\n\n  more\n     indented\n  back\n');
    accepted('Deep:\n  A:\n    B: 1\n      # deeper, after a scalar\n\n  # at the map\n  C:\n    - x\n    # at the list\n# at the root\nD: 2\n');
    accepted('---\n# a comment\nAWSTemplateFormatVersion: "2010-09-09"\nDescription: a#b, c:d, e[0], {not flow}\n');
    accepted('Multi: [a,\n  b, # c\n  !Ref d]\nAfter: 1\n');
    accepted('a: 1\r\nb: |\r\n  x\r\n\r\n  y\r\nc: >-\r\n  p\r\n  q\r\n\r\nd:\r\n  - [1,\r\n    2]\r\n  # c\r\ne: "s" # x\r\n');
    accepted('UserData: |\n  export PATH=$PATH:/bin\t\n  \tindented with a tab\nQuoted: "a\tb" # tab\there\nFolded: >\n  a\n  \tb\n  c\n');
    accepted('AZ: !Select [0, Fn::GetAZs: !Ref "AWS::Region"]\nPair: ["q": 1, k: v]\n');
    accepted('Arn:\n  !Join [\'\', [a, !Ref B]]\nName:\n  "quoted"  # c\nPlain:\n    word\nEnd: 1\n');
    accepted('1: one\ntrue: yes\n~: tilde\n0x10: hex\n"quoted key": v\n\'single\': w\n');
  });

  test('leaves everything else to the library', () => {
    refused('a: &x 1\nb: *x\n');
    refused('a: plain\n  continued\n');
    refused('a: "quoted\n  continued"\n');
    refused('a:\tb\n');
    refused('a: plain\ttab\n');
    refused('a:\n\t- b\n');
    refused('a: 1\rb: 2\r');
    refused('%YAML 1.2\n---\na: 1\n');
    refused('a: 1\n---\nb: 2\n');
    refused('a: 1\na: 2\n');
    refused('? complex\n: key\n');
    refused('a: b: c\n');
    refused('a: |2\n   x\n');
    refused('a: !!str 1\n');
    refused('x: !Re"f NatGateway1\n');
    refused("x: !Re'f y\n");
    refused('x: !Ref%20 y\n');
    refused('[a, b]\n');
    refused('just a scalar\n');
    refused('a: [b, c\n');
    refused('a: "unterminated\n');
    refused('a: "\\q"\n');
    refused('a:\n  b: 1\n c: 2\n');
    refused('');
    refused('# only a comment\n');
  });

  test('agrees with the library on every YAML fixture and example', () => {
    const files = [...yamlFiles(join(repoRoot, 'test', 'fixtures')), ...yamlFiles(join(repoRoot, 'examples'))];
    let fast = 0;
    for (const path of files) if (agrees(readFileSync(path, 'utf8'), path)) fast++;
    assert.ok(files.length > 20 && fast / files.length > 0.8, `${fast} of ${files.length} fixtures read in one pass`);
  });

  test('agrees with the library on every YAML file of the corpus', { skip: corpusPresent ? false : `the corpus folder ${corpusRoot} is absent` }, () => {
    const files = yamlFiles(corpusRoot);
    let fast = 0;
    for (const path of files) if (agrees(readFileSync(path, 'utf8'), path)) fast++;
    // Tabs, CR line ends, anchors and multi-document files are the library's.
    assert.ok(fast / files.length > 0.9, `${fast} of ${files.length} corpus files read in one pass`);
  });

  test('agrees with the library on 3,000 generated documents', () => {
    let fast = 0;
    let valid = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const text = generatedDocument(seed);
      if (parseYamlWithLibrary(text).errors.length === 0) valid++;
      if (agrees(text, `seed ${seed}`)) fast++;
    }
    // The generator writes odd YAML on purpose; of what the library reads without error, most must be read in one pass.
    assert.ok(fast > valid * 0.5, `only ${fast} of ${valid} valid generated documents read in one pass`);
  });
});

/** A random YAML document: block and flow collections, every scalar style, tags, comments at any column, and now and then something the reader must refuse. */
function generatedDocument(seed: number): string {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const chance = (p: number): boolean => rand() < p;
  const out: string[] = [];
  const pad = (n: number): string => ' '.repeat(n);

  const plain = [
    'word', 'two words', 'arn:aws:s3:::bucket/*', '123', '-5', '+7', '007', '0x1F', '0o17', '1.50', '1e3', '-2.5E-3', '.5', '.inf',
    '-.Inf', '.nan', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'null', '~', '${AWS::Region}', 'a#b', 'a,b', 'x[0]', '{x}', '-x',
    ':x', '?x', 'a:b', 'Fn::Sub', 'é ✓', "it's",
  ];
  const scalar = (): string => {
    switch (Math.floor(rand() * 4)) {
      case 0:
        return `'${pick(plain).replace(/'/g, "''")}${pick(['', "''", ' #', ': '])}'`;
      case 1:
        return `"${pick(plain)}${pick(['', '\\n', '\\t', '\t', '\\"', '\\\\', '\\x41', '\\u00e9', '\\U0001F600', ' #', '\\/', "'"])}"`;
      default:
        return pick(plain);
    }
  };
  const tag = (): string => pick(['!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Base64', '!Select', '!Rain::Module', '!GetAZs', '!Re"f', "!Su'b", '!a.b-c_d', '!', '!!str']);
  const comment = (): string => pick(['', '', '', ' # note', '   #x', '#not a comment', ' #\ttab']);
  const key = (): string => pick(['Name', 'Type', 'Properties', 'a b', 'Fn::GetAtt', 'Ref', '"quoted"', "'single'", '1', 'true', '~', 'x-y', 'Value']);
  const flow = (depth: number): string => {
    if (depth > 2 || chance(0.3)) return chance(0.3) ? `${tag()} ${scalar()}` : scalar();
    const items = Array.from({ length: Math.floor(rand() * 4) }, () => flow(depth + 1));
    if (chance(0.2)) items.push(`${pick(['Fn::GetAZs', '"q"', 'k', '1'])}${pick([': ', ':'])}${flow(depth + 1)}`);
    if (chance(0.5)) return `[${items.join(pick([', ', ',', ' , ']))}]`;
    return `{${items.map((v, i) => `${pick(['K', 'Ref', 'Fn::Sub'])}${i}${pick([': ', ': ', ':'])}${v}`).concat(chance(0.3) ? ["'k': v"] : []).join(', ')}}`;
  };
  const commentLines = (column: number): void => {
    while (chance(0.15)) out.push(chance(0.3) ? pad(Math.floor(rand() * 4)) : `${pad(Math.max(0, column + Math.floor(rand() * 5) - 2))}# c`);
  };
  const blockScalar = (indent: number, header: string): void => {
    out.push(`${header}${pick(['|', '>', '|-', '>-', '|+', '>+'])}${pick(['', '', ' # c', '2'])}`);
    const content = indent + pick([1, 2, 4]);
    for (let i = Math.floor(rand() * 5) + 1; i > 0; i--) {
      out.push(chance(0.2) ? pad(Math.floor(rand() * content)) : `${pad(content + (chance(0.2) ? pick([1, 2]) : 0))}${chance(0.1) ? '\t' : ''}${pick(plain)}${pick(['', ' # in text', '\t'])}`);
    }
  };

  const value = (indent: number, header: string, depth: number, inSequence: boolean): void => {
    const roll = rand();
    if (depth > 4 || roll < 0.35) out.push(`${header} ${chance(0.2) ? `${tag()} ` : ''}${scalar()}${comment()}`);
    else if (roll < 0.45) out.push(`${header}${pick(['', ' ', ' # empty', ` ${tag()}`])}`);
    else if (roll < 0.55) out.push(`${header} ${flow(0)}${comment()}`);
    else if (roll < 0.62) blockScalar(indent, `${header} ${chance(0.2) ? `${tag()} ` : ''}`);
    else if (roll < 0.66) {
      // The value on a line of its own.
      out.push(`${header}${pick(['', ' ', ' # c'])}`);
      out.push(`${pad(indent + pick([1, 2, 4]))}${pick([`${tag()} ${flow(0)}`, flow(0), scalar(), `${scalar()} # c`])}`);
    }
    else if (roll < 0.8) {
      out.push(`${header}${chance(0.2) ? ` ${tag()}` : ''}${comment()}`);
      commentLines(indent);
      map(indent + pick([1, 2, 4]), depth + 1);
    } else {
      out.push(`${header}${chance(0.2) ? ` ${tag()}` : ''}${comment()}`);
      commentLines(indent);
      sequence(inSequence ? indent + 2 : indent + pick([0, 2, 4]), depth + 1);
    }
  };
  const map = (indent: number, depth: number, firstHeader?: string): void => {
    const used = new Set<string>();
    for (let i = Math.floor(rand() * 4) + 1; i > 0; i--) {
      let k = key();
      if (used.has(k) && chance(0.9)) k = `${k}${i}`;
      used.add(k);
      const header = firstHeader !== undefined && used.size === 1 ? `${firstHeader}${k}:` : `${pad(indent)}${k}:`;
      value(indent, header, depth, false);
      commentLines(indent);
    }
  };
  const sequence = (indent: number, depth: number): void => {
    for (let i = Math.floor(rand() * 3) + 1; i > 0; i--) {
      const roll = rand();
      if (roll < 0.3 && depth < 5) map(indent + 2, depth + 1, `${pad(indent)}- `);
      else if (roll < 0.38 && depth < 5) {
        out.push(`${pad(indent)}- - ${scalar()}`);
        out.push(`${pad(indent + 2)}- ${scalar()}`);
      } else value(indent, `${pad(indent)}-`, depth, true);
      commentLines(indent);
    }
  };

  if (chance(0.1)) out.push('---');
  commentLines(0);
  if (chance(0.2)) sequence(0, 0);
  else map(0, 0);
  let text = out.join('\n') + (chance(0.9) ? '\n' : '');
  // Now and then, something only the library reads.
  if (chance(0.05)) text = text.replace(': ', ': &anchor ');
  if (chance(0.03)) text = text.replace('\n', '\r\n');
  else if (chance(0.1)) text = text.replace(/\n/g, '\r\n');
  if (chance(0.03)) text = text.replace(' ', '\t');
  return text;
}
