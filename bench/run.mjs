// SRM Lens benchmarks. Run with `npm run bench` (add `-- --write` to update
// docs/performance.md). Figures are medians over several runs in one process,
// after a warm-up run, on whatever machine runs them; the report says which.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (p) => join(root, 'out/server/src', p);
const { parseFile, initTerraformParser } = require(out('parse/index.js'));
const { linkDocuments } = require(out('workspace/scan.js'));
const { assess } = require(out('assess/assess.js'));
const YAML = require('yaml');

const corpus = join(root, '..', 'shared', 'corpus');
const write = process.argv.includes('--write');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, runs = RUNS) {
  fn(); // warm-up: JIT and lazy knowledge loading are not what we measure here
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** A CloudFormation JSON template of about `bytes`, made of realistic resources with intrinsics. */
function generateTemplate(bytes) {
  const resources = {};
  let i = 0;
  let size = 0;
  while (size < bytes) {
    const id = `Bucket${i}`;
    resources[id] = {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': `data-${i}-\${AWS::AccountId}` },
        VersioningConfiguration: { Status: i % 2 ? 'Enabled' : 'Suspended' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: i % 3 !== 0 },
        Tags: [{ Key: 'team', Value: { Ref: 'Team' } }],
      },
    };
    resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Join': ['-', ['q', String(i)]] }, SqsManagedSseEnabled: true } };
    resources[`Role${i}`] = {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    };
    // Pretty-printed size grows by about the same amount per resource; measure now and then.
    if (++i % 50 === 0) size = JSON.stringify(resources, null, 2).length;
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Team: { Type: 'String', Default: 'core' } }, Resources: resources }, null, 2);
}

const mb = (n) => n / 1024 / 1024;
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const lines = [];
const log = (s = '') => {
  lines.push(s);
  console.log(s);
};

await initTerraformParser();

log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadavg()[0].toFixed(1)} when the run started (a shared machine: wall times then include waiting for a core). Medians of ${RUNS} runs after a warm-up.`);
log();

// --- 1 MB CloudFormation JSON template -------------------------------------------
const big = generateTemplate(1024 * 1024);
let doc;
const parseBig = time(() => {
  doc = parseFile('big.json', big).document;
});
const analyseBig = time(() => assess(linkDocuments([doc])[0]));
const fullBig = time(() => assess(linkDocuments([parseFile('big.json', big).document])[0]));
const jsonParse = time(() => JSON.parse(big));
const yamlParse = time(() => YAML.parseDocument(big));
log('## 1 MB CloudFormation JSON template');
log();
log(`${(mb(big.length)).toFixed(2)} MB, ${doc.resources.length} resources.`);
log();
log('| step | median | budget |');
log('| --- | --- | --- |');
log(`| parse (SRM Lens) | ${fmt(parseBig.median)} (${(mb(big.length) / (parseBig.median / 1000)).toFixed(1)} MB/s) | |`);
log(`| link + assess, beyond parsing | ${fmt(analyseBig.median)} (${(analyseBig.median / parseBig.median).toFixed(2)}× parse) | < 0.5× parse |`);
log(`| full analysis | ${fmt(fullBig.median)} | < 100 ms |`);
log(`| reference: JSON.parse | ${fmt(jsonParse.median)} (${(mb(big.length) / (jsonParse.median / 1000)).toFixed(1)} MB/s) | |`);
log(`| reference: yaml parseDocument | ${fmt(yamlParse.median)} (${(mb(big.length) / (yamlParse.median / 1000)).toFixed(1)} MB/s) | |`);
log();

// --- the corpus ----------------------------------------------------------------
if (!existsSync(corpus)) {
  log(`## Corpus\n\nSkipped: ${corpus} is absent.`);
} else {
  const files = walk(corpus)
    .filter((p) => /\.(ya?ml|json|template|tf)$/.test(p))
    .map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  const groups = { 'cloudformation-yaml': [], 'cloudformation-json': [], terraform: [] };
  for (const f of files) {
    const o = parseFile(f.path, f.text);
    if (o.kind === 'template' && groups[o.document.format]) groups[o.document.format].push(f);
  }
  log('## Corpus (`../shared/corpus`)');
  log();
  log('| format | files | MB | parse median | MB/s | reference parser | reference MB/s |');
  log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [format, list] of Object.entries(groups)) {
    const bytes = list.reduce((n, f) => n + f.text.length, 0);
    const t = time(() => {
      for (const f of list) parseFile(f.path, f.text);
    }, 5);
    let ref = '';
    let refRate = '';
    if (format === 'cloudformation-json') {
      const r = time(() => {
        for (const f of list) JSON.parse(f.text);
      }, 5);
      ref = `JSON.parse ${fmt(r.median)}`;
      refRate = (mb(bytes) / (r.median / 1000)).toFixed(1);
    } else if (format === 'cloudformation-yaml') {
      const r = time(() => {
        for (const f of list) YAML.parseDocument(f.text);
      }, 5);
      ref = `yaml parseDocument ${fmt(r.median)}`;
      refRate = (mb(bytes) / (r.median / 1000)).toFixed(1);
    } else {
      ref = '(tree-sitter is the parser)';
    }
    log(`| ${format} | ${list.length} | ${mb(bytes).toFixed(2)} | ${fmt(t.median)} | ${(mb(bytes) / (t.median / 1000)).toFixed(1)} | ${ref} | ${refRate} |`);
  }
  const all = Object.values(groups).flat();
  const whole = time(() => {
    const docs = all.map((f) => parseFile(f.path, f.text).document);
    for (const m of linkDocuments(docs)) assess(m);
  }, 5);
  log();
  log(`Whole corpus, parse + link + assess (${all.length} files, one core): ${fmt(whole.median)} (budget < 3 s).`);
}
log();

// The editor path (hover, edit → diagnostics, corpus heap) has its own file; its lines join this report.
const { markdown } = await import('./lsp.mjs');
lines.push(markdown, '');
const { coldStartMarkdown } = await import('./coldStart.mjs');
log(await coldStartMarkdown());
log();
// Whole CLI processes, cfn-lint included: several minutes on a shared machine. BENCH_CLI=0 leaves them out.
if (process.env.BENCH_CLI !== '0') {
  const { cliMarkdown } = await import('./cli.mjs');
  log(cliMarkdown());
  log();
}

if (write) {
  const path = join(root, 'docs/performance.md');
  const doc = readFileSync(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const updated = doc.slice(0, doc.indexOf(start) + start.length) + '\n' + lines.join('\n') + '\n' + doc.slice(doc.indexOf(end));
  writeFileSync(path, updated);
  console.log(`Updated ${path}`);
}
