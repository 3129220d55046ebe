import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser } from '../../server/src/parse';
import { repoRoot, seededRandom } from '../helpers';
import { memoryHost } from '../memoryHost';

const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)];

/** What a person does to a template: values flipped, lines copied or dropped, names changed, characters typed. */
const SWAPS: [RegExp, string][] = [
  [/Enabled/, 'Suspended'],
  [/Suspended/, 'Enabled'],
  [/true/, 'false'],
  [/false/, 'true'],
  [/aws:kms/, 'AES256'],
  [/AES256/, 'aws:kms'],
  [/0\.0\.0\.0\/0/, '10.0.0.0/8'],
  [/10\.0\.0\.0\/8/, '0.0.0.0/0'],
  [/data-(\d+)/, 'data-x$1'],
  [/Bucket(\d+)/, 'Bucket1$1'],
  [/b(\d+)/, 'b1$1'],
  [/python3\.\d+/, 'python2.7'],
  // A fix through a parameter's default counts the other settings that read it.
  [/!Ref Versioning/, 'Enabled'],
  [/Status: Suspended/, 'Status: !Ref Versioning'],
];
const TYPED = ['a', ' ', '\n', ':', '-', '"', '#', '{', '}', 'Enabled', '\n    ', '\n      Tag: v', '# srm-lens:ignore s3-bucket-versioning -- archive\n'];

function edit(text: string, next: () => number): string {
  const roll = next();
  const lines = text.split('\n');
  if (roll < 0.3) {
    // A swap at a random occurrence.
    const [pattern, replacement] = pick(SWAPS, next);
    const global = new RegExp(pattern.source, 'g');
    const hits = [...text.matchAll(global)];
    if (hits.length === 0) return text;
    const hit = pick(hits, next);
    const at = hit.index ?? 0;
    return text.slice(0, at) + hit[0].replace(pattern, replacement) + text.slice(at + hit[0].length);
  }
  if (roll < 0.45) {
    const i = Math.floor(next() * lines.length);
    lines.splice(i, 0, lines[Math.floor(next() * lines.length)]);
    return lines.join('\n');
  }
  if (roll < 0.6) {
    lines.splice(Math.floor(next() * lines.length), 1 + Math.floor(next() * 2));
    return lines.join('\n');
  }
  if (roll < 0.7) {
    // Lines added or removed far above: everything below moves.
    const i = Math.floor(next() * Math.min(lines.length, 8));
    if (next() < 0.5) lines.splice(i, 0, '');
    else if (lines[i] === '') lines.splice(i, 1);
    return lines.join('\n');
  }
  if (roll < 0.8) return movedLines(lines, next).join('\n');
  const at = Math.floor(next() * (text.length + 1));
  if (roll < 0.92) return text.slice(0, at) + pick(TYPED, next) + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
}

/**
 * A whole line added inside a resource, or one such line removed, the
 * template kept valid (YAML or JSON): every resource below moves while its
 * text stays the same, so what the previous analysis holds is kept, moved.
 */
function movedLines(lines: string[], next: () => number): string[] {
  const added = lines.map((l, i) => (ADDED_LINE.test(l) ? i : -1)).filter((i) => i >= 0);
  if (added.length > 0 && next() < 0.4) {
    lines.splice(pick(added, next), 1);
    return lines;
  }
  const anchors = lines.map((l, i) => (/^( {4}Properties:| {6}"Properties": \{)$/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (anchors.length === 0) return lines;
  const at = pick(anchors, next);
  const json = lines[at].includes('"');
  const line = json ? pick(['        "Tags": [],', '        "Tags": [ { "Key": "team", "Value": "data" } ],'], next) : pick(['      Tags: [{ Key: team, Value: data }]', '      # moved along', '      Tags: []'], next);
  lines.splice(at + 1, 0, line);
  if (!json && next() < 0.3) lines.splice(at + 1, 0, '');
  return lines;
}

const ADDED_LINE = /^( {8}"Tags": \[.*\],| {6}Tags: \[.*\]| {6}# moved along)$/;

function cloudFormationYaml(pairs: number): string {
  const parts = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    'Parameters:',
    '  Env: { Type: String, Default: dev }',
    '  Versioning: { Type: String, Default: Suspended, AllowedValues: [Enabled, Suspended] }',
    'Globals:',
    '  Function:',
    '    Runtime: python3.12',
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      EnableKeyRotation: false',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: index.handler',
    '      CodeUri: s3://code/fn.zip',
    '  Group:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties:',
    '      GroupDescription: web',
    '      SecurityGroupIngress:',
    '        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }',
  ];
  for (let i = 0; i < pairs; i++) {
    parts.push(
      `  Bucket${i}:`,
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      `      BucketName: !Sub "data-${i}-\${Env}"`,
      '      VersioningConfiguration:',
      `        Status: ${i % 3 === 0 ? '!Ref Versioning' : i % 2 ? 'Enabled' : 'Suspended'}`,
      '      BucketEncryption:',
      '        ServerSideEncryptionConfiguration:',
      `          - ServerSideEncryptionByDefault: { SSEAlgorithm: ${i % 2 ? 'aws:kms' : 'AES256'}, KMSMasterKeyID: !GetAtt Key.Arn }`,
      '      # srm-lens:ignore s3-bucket-access-logging -- logs go elsewhere',
      `  Policy${i}:`,
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      // Every other policy names its bucket by the same text instead of a reference.
      `      Bucket: ${i % 2 ? `!Ref Bucket${i}` : `!Sub "data-${i}-\${Env}"`}`,
      '      PolicyDocument:',
      '        Statement:',
      `          - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "arn:aws:s3:::data-${i}-\${Env}/*", Condition: { Bool: { "aws:SecureTransport": ${i % 2 ? 'false' : 'true'} } } }`,
      `  Queue${i}:`,
      '    Type: AWS::SQS::Queue',
      `    Properties: { SqsManagedSseEnabled: ${i % 2 ? 'true' : 'false'}, KmsMasterKeyId: !Ref Key }`,
    );
  }
  parts.push('Outputs:', '  Name:', '    Value: !Ref Bucket0');
  return parts.join('\n') + '\n';
}

function cloudFormationJson(pairs: number): string {
  const resources: Record<string, unknown> = { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } };
  for (let i = 0; i < pairs; i++) {
    resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `data-${i}`, VersioningConfiguration: { Status: i % 2 ? 'Enabled' : 'Suspended' } } };
    resources[`Policy${i}`] = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: `Bucket${i}` }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::data-${i}/*` }] } } };
    resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: i % 2 === 1, KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Env: { Type: 'String', Default: 'dev' } }, Resources: resources }, null, 2) + '\n';
}

function terraform(pairs: number): string {
  const parts = ['variable "env" {', '  default = "dev"', '}', '', 'locals {', '  prefix = "data"', '}', ''];
  for (let i = 0; i < pairs; i++) {
    parts.push(
      `resource "aws_s3_bucket" "b${i}" {`,
      `  bucket = "\${local.prefix}-${i}-\${var.env}"`,
      '}',
      '',
      `resource "aws_s3_bucket_versioning" "b${i}" {`,
      `  bucket = ${i % 2 ? `aws_s3_bucket.b${i}.id` : `"data-${i}-dev"`}`,
      '  versioning_configuration {',
      `    status = "${i % 2 ? 'Enabled' : 'Suspended'}"`,
      '  }',
      '}',
      '',
      `resource "aws_s3_bucket_public_access_block" "b${i}" {`,
      `  bucket                  = aws_s3_bucket.b${i}.id`,
      `  block_public_acls       = ${i % 2 ? 'true' : 'false'}`,
      '  block_public_policy     = true',
      '}',
      '',
      `resource "aws_security_group" "g${i}" {`,
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      `    cidr_blocks = ["${i % 2 ? '10.0.0.0/8' : '0.0.0.0/0'}"]`,
      '  }',
      '}',
      '',
    );
  }
  return parts.join('\n');
}

/** Everything a view reads of an analysis: per resource its cells, findings (messages, ranges, fixes with their edits) and model. */
function snapshot(service: LanguageService, uri: string, withCells = true): unknown {
  const a = service.analysis(uri);
  return {
    diagnostics: service.diagnostics(uri),
    resources: a?.resources.map((ra) => ({ id: ra.resource.id, range: ra.resource.range, model: ra.model, modelReason: ra.modelReason, cells: withCells ? ra.cells : [], findings: ra.findings })),
  };
}

/**
 * Replays `steps` seeded edits in one language service and compares each
 * analysis with a fresh service's. Returns how many resource assessments
 * were kept and how many there were.
 */
function replay(
  uri: string,
  start: string,
  seed: number,
  steps: number,
  files: Record<string, string> = {},
  change: (text: string, next: () => number) => string = edit,
): { reused: number; total: number } {
  const next = seededRandom(seed);
  const edited = new LanguageService(memoryHost({ ...files }));
  let text = start;
  let lastGood = text;
  edited.openDocument(uri, 1, text);
  edited.diagnostics(uri);
  let reused = 0;
  let total = 0;
  for (let v = 2; v < steps + 2; v++) {
    // A person mends slips: a broken template is soon put back as it was.
    const broken = (edited.parseOutcome(uri)?.kind === 'template' && (edited.parseOutcome(uri) as { document: { errors: unknown[] } }).document.errors.length > 0) || edited.parseOutcome(uri)?.kind !== 'template';
    text = broken && next() < 0.5 ? lastGood : change(text, next);
    edited.updateDocument(uri, v, text);
    const fresh = new LanguageService(memoryHost({ ...files }));
    fresh.openDocument(uri, v, text);
    // Cells are read after some edits only: kept cells move when first read, after any number of edits.
    const withCells = v % 3 === 0;
    assert.deepStrictEqual(snapshot(edited, uri, withCells), snapshot(fresh, uri, withCells), `seed ${seed}, edit ${v}: the incremental analysis differs from a fresh one`);
    const recorded = edited.analysis(uri)?.recorded;
    reused += recorded?.reused ?? 0;
    total += recorded?.resources.length ?? 0;
    const outcome = edited.parseOutcome(uri);
    if (outcome?.kind === 'template' && outcome.document.errors.length === 0) lastGood = text;
  }
  return { reused, total };
}

/** `replay` over the seeds `first` to `last`, counts added up. */
function replaySeeds(first: number, last: number, run: (seed: number) => { reused: number; total: number }): { reused: number; total: number } {
  let reused = 0;
  let total = 0;
  for (let seed = first; seed <= last; seed++) {
    const r = run(seed);
    reused += r.reused;
    total += r.total;
  }
  return { reused, total };
}

/** Files of one corpus folder with these endings, when the corpus is present (every `step`-th, to keep the run short). */
function corpusFiles(folder: string, ending: RegExp, step: number): { path: string; text: string }[] {
  const dir = join(repoRoot, '..', 'shared', 'corpus', folder);
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  return walk(dir)
    .filter((p) => ending.test(p))
    .sort()
    .filter((_, i) => i % step === 0)
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

describe('re-assessing only what an edit reached', () => {
  before(() => initTerraformParser());

  test('seeded random edits of a generated YAML template: every analysis equals a fresh one', () => {
    const { reused, total } = replaySeeds(1, 6, (seed) => replay('file:///w/template.yaml', cloudFormationYaml(6), seed, 60));
    // Most edits reach one resource or two; the rest of the template must be kept, or nothing is tested.
    assert.ok(reused > total / 2, `only ${reused} of ${total} resource assessments were kept`);
  });

  test('seeded random edits of a generated JSON template', () => {
    const { reused, total } = replaySeeds(11, 14, (seed) => replay('file:///w/template.json', cloudFormationJson(6), seed, 50));
    assert.ok(reused > total / 3, `only ${reused} of ${total} resource assessments were kept`);
  });

  test('seeded edits that add or remove lines inside resources (YAML and JSON): everything below is kept, moved, and equals a fresh analysis', () => {
    const onlyMoves = (text: string, next: () => number): string => movedLines(text.split('\n'), next).join('\n');
    for (const [uri, start, seed] of [
      ['file:///w/moved.yaml', cloudFormationYaml(8), 41],
      ['file:///w/moved.json', cloudFormationJson(8), 42],
    ] as const) {
      const { reused, total } = replay(uri, start, seed, 40, {}, onlyMoves);
      // Each edit re-assesses the resource it changed and the few that read it; the others are carried over.
      assert.ok(reused > total * 0.75, `${uri}: only ${reused} of ${total} resource assessments were kept`);
    }
  });

  test('seeded random edits of a generated Terraform file', () => {
    const { reused, total } = replaySeeds(21, 24, (seed) => replay('file:///w/main.tf', terraform(6), seed, 50));
    assert.ok(reused > total / 3, `only ${reused} of ${total} resource assessments were kept`);
  });

  test('seeded random edits of a Terraform module that calls another module', () => {
    const child = [
      'variable "name" {}',
      'variable "versioned" { default = false }',
      'resource "aws_s3_bucket" "this" {',
      '  bucket = var.name',
      '}',
      'resource "aws_s3_bucket_versioning" "this" {',
      '  bucket = aws_s3_bucket.this.id',
      '  versioning_configuration {',
      '    status = var.versioned ? "Enabled" : "Suspended"',
      '  }',
      '}',
      'output "arn" { value = aws_s3_bucket.this.arn }',
      '',
    ].join('\n');
    const root = [
      terraform(3),
      'module "logs" {',
      '  source    = "./logs"',
      '  name      = aws_s3_bucket.b1.bucket',
      '  versioned = false',
      '}',
      '',
      'module "data" {',
      '  source    = "./logs"',
      '  name      = "data-${var.env}"',
      '  versioned = true',
      '}',
      '',
      'resource "aws_s3_bucket_policy" "logs" {',
      '  bucket = module.logs.arn',
      '  policy = "{}"',
      '}',
      '',
    ].join('\n');
    const { reused, total } = replaySeeds(31, 34, (seed) => replay('file:///w/main.tf', root, seed, 40, { 'file:///w/logs/main.tf': child }));
    assert.ok(total > 0 && reused > 0, `${reused} of ${total} resource assessments were kept`);
  });

  test('seeded random edits of corpus templates and Terraform files', (t) => {
    const files = [...corpusFiles('cloudformation', /\.(ya?ml|json)$/, 12), ...corpusFiles('terraform', /\.tf$/, 60)];
    if (files.length === 0) return t.skip('../shared/corpus is absent');
    let reused = 0;
    files.forEach((f, i) => {
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      reused += replay(`file:///corpus/${i}/${name}`, f.text, 200 + i, 25).reused;
    });
    assert.ok(reused > 0, 'no resource assessment of a corpus file was kept');
  });

  test('a change of what a resource links to re-assesses it; a parameter change re-assesses everything', () => {
    const uri = 'file:///w/links.yaml';
    const service = new LanguageService(memoryHost({}));
    let text = cloudFormationYaml(3);
    service.openDocument(uri, 1, text);
    service.diagnostics(uri);
    const gapsOf = (id: string): string[] => service.analysis(uri)?.resources.find((ra) => ra.resource.id === id)?.findings.map((f) => f.ruleId) ?? [];
    assert.ok(gapsOf('Bucket0').includes('s3-bucket-secure-transport'), 'the policy naming Bucket0 does not deny plain HTTP');
    // Only the policy's text changes (it names the bucket by the same text); the bucket's verdict follows its companion.
    text = text.replace('"aws:SecureTransport": true', '"aws:SecureTransport": false');
    service.updateDocument(uri, 2, text);
    assert.ok(!gapsOf('Bucket0').includes('s3-bucket-secure-transport'), 'Bucket0 kept the verdict of its old policy');
    const kept = service.analysis(uri)?.recorded.reused ?? 0;
    assert.ok(kept > 0 && kept < (service.analysis(uri)?.resources.length ?? 0), `${kept} kept`);
    text = text.replace('Default: dev', 'Default: prod');
    service.updateDocument(uri, 3, text);
    assert.equal(service.analysis(uri)?.recorded.reused, 0, 'a parameter changed: every resource is assessed again');
  });
});
