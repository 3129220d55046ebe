import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { assess } from '../../server/src/assess/assess';
import { LanguageService } from '../../server/src/languageService';
import { LinkedModel } from '../../server/src/link/linkedModel';
import type { TemplateDocument } from '../../server/src/model/document';
import { getAll, getValue, type MapValue } from '../../server/src/model/value';
import { initTerraformParser, parseFile } from '../../server/src/parse';
import { guessSyntax } from '../../server/src/parse/detect';
import { RULES } from '../../server/src/rules';
import { readText } from '../../server/src/workspace/readText';
import { scanPaths } from '../../server/src/workspace/scan';
import { fixtures, parseTemplate, textAt } from '../helpers';
import { memoryHost } from '../memoryHost';

const PLAN_PATH = join(fixtures, 'terraform-plan', 'plan.json');
const PLAN = readFileSync(PLAN_PATH, 'utf8');

function plan(text = PLAN): TemplateDocument {
  return parseTemplate('tfplan.json', text);
}

function findingsOf(doc: TemplateDocument) {
  return assess(new LinkedModel([doc]), { enabledRules: new Set(RULES.map((r) => r.id)) }).resources;
}

describe('Terraform plan files', () => {
  before(() => initTerraformParser());

  test('detected by content, whatever the file is called, and never mistaken for CloudFormation', () => {
    assert.equal(guessSyntax('tfplan.json', PLAN), 'terraform-plan');
    assert.equal(guessSyntax('anything.json', `\ufeff${PLAN}`), 'terraform-plan');
    assert.equal(guessSyntax('out.json', '{"format_version":"1.2","resource_changes":[]}'), 'terraform-plan');
    // Terraform's other JSON (providers schema, validate) has format_version but is not a plan or state.
    assert.equal(guessSyntax('schema.json', '{"format_version":"1.0","provider_schemas":{}}'), undefined);
    assert.equal(guessSyntax('validate.json', '{"format_version":"1.0","valid":true,"error_count":0}'), undefined);
    assert.equal(guessSyntax('main.tf.json', PLAN), 'terraform-json');
  });

  test('every managed instance is a resource with its full address; data sources and deleted instances are not', () => {
    const doc = plan();
    assert.equal(doc.format, 'terraform-plan');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(
      doc.resources.map((r) => r.id),
      [
        'aws_s3_bucket.logs',
        'aws_s3_bucket_public_access_block.logs',
        'aws_s3_bucket.data[0]',
        'aws_s3_bucket.data[1]',
        'aws_s3_bucket_versioning.data[0]',
        'aws_s3_bucket_versioning.data[1]',
        'aws_s3_bucket_public_access_block.external',
        'aws_ebs_volume.scratch',
        'module.site.module.store["eu"].aws_s3_bucket.this',
        'module.site.module.store["eu"].aws_s3_bucket_public_access_block.this',
        // Listed only in resource_changes: still a resource of the plan.
        'aws_sqs_queue.jobs',
      ],
    );
    assert.ok(!doc.resources.some((r) => r.id === 'aws_s3_bucket.old'), 'a deleted bucket is not there after apply');
    assert.deepEqual(doc.blocks.map((b) => `${b.kind} ${b.name}`), ['data data.aws_caller_identity.current']);
    const data1 = doc.resources.find((r) => r.id === 'aws_s3_bucket.data[1]')!;
    assert.equal(data1.instanceKey, 1);
    assert.equal(data1.type, 'aws_s3_bucket');
  });

  test('a resource is placed at its address: idRange selects the address, typeRange the type', () => {
    const doc = plan();
    for (const r of doc.resources) {
      assert.equal(textAt(PLAN, r.idRange), r.id.replace(/"/g, '\\"'));
      assert.equal(textAt(PLAN, r.typeRange), r.type);
    }
  });

  test('values are plain JSON: nested blocks become repeated entries, null and empty lists are left out', () => {
    const doc = plan();
    const versioning = doc.resources.find((r) => r.id === 'aws_s3_bucket_versioning.data[1]')!;
    const blocks = getAll(versioning.body, 'versioning_configuration');
    assert.equal(blocks.length, 1);
    assert.deepEqual(getValue(blocks[0] as MapValue, 'status'), { kind: 'string', value: 'Suspended', range: getValue(blocks[0] as MapValue, 'status')!.range });
    assert.equal(getValue(versioning.body, 'mfa'), undefined, 'null is as if not written');
    const logs = doc.resources.find((r) => r.id === 'aws_s3_bucket.logs')!;
    assert.equal(getValue(logs.body, 'tags'), undefined);
    assert.equal(getValue(logs.body, 'bucket')?.kind, 'string');
  });

  test('after_unknown: a value set in the configuration is unknown with the reason; one the provider computes is left out', () => {
    const doc = plan();
    const model = new LinkedModel([doc]);
    const volume = doc.resources.find((r) => r.id === 'aws_ebs_volume.scratch')!;
    const encrypted = model.resolve(getValue(volume.body, 'encrypted'));
    assert.equal(encrypted.status, 'unknown');
    assert.match(encrypted.status === 'unknown' ? encrypted.reason : '', /known after apply.*data\.aws_ebs_default_kms_key\.current/);
    assert.equal(getValue(volume.body, 'iops'), undefined, 'iops is computed by the provider, not set by the configuration');
    const bucket = doc.resources.find((r) => r.id === 'aws_s3_bucket.logs')!;
    for (const computed of ['acl', 'logging', 'versioning', 'policy']) assert.equal(getValue(bucket.body, computed), undefined, computed);
  });

  test('without a configuration section every unknown is shown as unknown, nested ones too', () => {
    const text = JSON.stringify({
      format_version: '1.0',
      planned_values: { root_module: { resources: [{ address: 'aws_cloudfront_distribution.cdn', mode: 'managed', type: 'aws_cloudfront_distribution', name: 'cdn', values: { logging_config: [{ include_cookies: false, prefix: 'cdn' }] } }] } },
      resource_changes: [{ address: 'aws_cloudfront_distribution.cdn', mode: 'managed', type: 'aws_cloudfront_distribution', name: 'cdn', change: { actions: ['create'], before: null, after: null, after_unknown: { logging_config: [{ bucket: true }], arn: true } } }],
    }, null, 2);
    const doc = plan(text);
    const model = new LinkedModel([doc]);
    const logging = getAll(doc.resources[0].body, 'logging_config')[0] as MapValue;
    const bucket = model.resolve(getValue(logging, 'bucket'));
    assert.equal(bucket.status, 'unknown');
    assert.match(bucket.status === 'unknown' ? bucket.reason : '', /logging_config\.bucket to be known after apply/);
    assert.equal(model.resolve(getValue(doc.resources[0].body, 'arn')).status, 'unknown');
  });

  test('companions link through configuration references, with instance keys and module paths, and by equal names', () => {
    const model = new LinkedModel([plan()]);
    const linked = (id: string) => model.referencesFrom(model.resource(id)!).map((r) => `${r.property}->${r.to.id}${r.byName ? ` by name ${r.byName}` : ''}`);
    assert.deepEqual(linked('aws_s3_bucket_versioning.data[0]'), ['bucket->aws_s3_bucket.data[0]']);
    assert.deepEqual(linked('aws_s3_bucket_versioning.data[1]'), ['bucket->aws_s3_bucket.data[1]']);
    assert.deepEqual(linked('module.site.module.store["eu"].aws_s3_bucket_public_access_block.this'), ['bucket->module.site.module.store["eu"].aws_s3_bucket.this']);
    assert.deepEqual(linked('aws_s3_bucket_public_access_block.logs'), ['bucket->aws_s3_bucket.logs by name acme-logs']);
    assert.deepEqual(linked('aws_s3_bucket_public_access_block.external'), []);
  });

  test('a reference to a module output links to the resource the output refers to inside the module', () => {
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [{ address: 'aws_s3_bucket_versioning.logs', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'logs', values: { versioning_configuration: [{ status: 'Enabled' }] } }],
          child_modules: [{ address: 'module.logs', resources: [{ address: 'module.logs.aws_s3_bucket.this', mode: 'managed', type: 'aws_s3_bucket', name: 'this', values: { bucket_prefix: 'logs-' } }] }],
        },
      },
      resource_changes: [
        { address: 'aws_s3_bucket_versioning.logs', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'logs', change: { actions: ['create'], after_unknown: { bucket: true, id: true } } },
        { address: 'module.logs.aws_s3_bucket.this', mode: 'managed', type: 'aws_s3_bucket', name: 'this', change: { actions: ['create'], after_unknown: { bucket: true, id: true } } },
      ],
      configuration: {
        root_module: {
          resources: [{ address: 'aws_s3_bucket_versioning.logs', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'logs', expressions: { bucket: { references: ['module.logs.bucket_id', 'module.logs'] }, versioning_configuration: [{ status: { constant_value: 'Enabled' } }] } }],
          module_calls: {
            logs: {
              source: './logs',
              module: {
                outputs: { bucket_id: { expression: { references: ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'] } } },
                resources: [{ address: 'aws_s3_bucket.this', mode: 'managed', type: 'aws_s3_bucket', name: 'this', expressions: { bucket_prefix: { constant_value: 'logs-' } } }],
              },
            },
          },
        },
      },
    }, null, 2);
    const model = new LinkedModel([plan(text)]);
    assert.deepEqual(model.referencesFrom(model.resource('aws_s3_bucket_versioning.logs')!).map((r) => r.to.id), ['module.logs.aws_s3_bucket.this']);
    const bucket = model.resource('module.logs.aws_s3_bucket.this')!;
    assert.equal(getValue(bucket.body, 'bucket'), undefined, 'a name the provider makes up from bucket_prefix is not set in the configuration');
    assert.deepEqual(findingsOf(plan(text)).flatMap((r) => r.findings).filter((f) => f.ruleId === 's3-bucket-versioning'), []);
  });

  test('a rule names a security group that already exists by its id, which the plan knows', () => {
    const resource = (address: string, type: string, values: object) => ({ address, mode: 'managed', type, name: address.split('.')[1], values });
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            resource('aws_security_group.web', 'aws_security_group', { id: 'sg-0a1b2c3d', name: 'web', ingress: [] }),
            resource('aws_security_group_rule.ssh', 'aws_security_group_rule', { security_group_id: 'sg-0a1b2c3d', type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }),
            resource('aws_security_group_rule.other', 'aws_security_group_rule', { security_group_id: 'sg-99999999', type: 'ingress', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }),
          ],
        },
      },
    }, null, 2);
    const model = new LinkedModel([plan(text)]);
    assert.deepEqual(model.referencesFrom(model.resource('aws_security_group_rule.ssh')!).map((r) => `${r.to.id} ${r.byName}`), ['aws_security_group.web sg-0a1b2c3d']);
    assert.deepEqual(model.referencesFrom(model.resource('aws_security_group_rule.other')!), []);
    const ssh = findingsOf(plan(text)).flatMap((r) => r.findings).filter((f) => f.ruleId === 'ec2-security-group-no-public-admin-ports');
    assert.equal(ssh.length, 1);
    assert.deepEqual(ssh[0].related.map((r) => r.message), ['the security group it belongs to']);
  });

  test('rules judge plan values; findings sit on the address line and carry no fix', () => {
    const resources = findingsOf(plan());
    const findings = resources.flatMap((r) => r.findings);
    const at = (ruleId: string, id: string) => findings.filter((f) => f.ruleId === ruleId && f.key.includes(`@${id}`));
    // The bucket's public access block, linked by its name, turns block_public_policy off.
    assert.match(at('s3-bucket-public-access-block', 'aws_s3_bucket.logs')[0]?.message ?? '', /block_public_policy is false/);
    // Instance 1 suspends versioning through its own versioning resource; instance 0 enables it.
    assert.equal(at('s3-bucket-versioning', 'aws_s3_bucket.data[1]').length, 1);
    assert.equal(at('s3-bucket-versioning', 'aws_s3_bucket.data[0]').length, 0);
    // A public access block whose bucket is elsewhere is judged on its own.
    const external = at('s3-bucket-public-access-block', 'aws_s3_bucket_public_access_block.external');
    assert.equal(external.length, 1);
    assert.match(external[0].message, /are false for bucket "legacy-uploads", which is not declared in this plan\.$/);
    assert.equal(at('sqs-queue-encrypted', 'aws_sqs_queue.jobs').length, 1);
    const volume = resources.find((r) => r.resource.id === 'aws_ebs_volume.scratch')!;
    assert.equal(volume.cells.find((c) => c.aspect === 'encryption-at-rest')?.status, 'cannot-tell');
    assert.ok(findings.length > 5);
    const data1 = resources.find((r) => r.resource.id === 'aws_s3_bucket.data[1]')!.resource;
    assert.deepEqual(at('s3-bucket-versioning', 'aws_s3_bucket.data[1]')[0].range, data1.idRange, 'the finding is on the address line');
    for (const f of findings) assert.deepEqual(f.fixes, [], `${f.key} must carry no fix: a plan is not edited`);
  });

  test('a Terraform JSON that is not a plan (a state) is refused with a reason that says what to do', () => {
    const outcome = parseFile('state.json', readFileSync(join(fixtures, 'terraform-plan', 'state.json'), 'utf8'));
    assert.equal(outcome.kind, 'error');
    assert.match(outcome.kind === 'error' ? outcome.reason : '', /neither planned_values nor resource_changes.*state.*terraform show -json tfplan/s);
  });

  test('a plan cut short keeps what it has and reports the syntax errors, without an exception', () => {
    const doc = parseTemplate('broken.json', readFileSync(join(fixtures, 'terraform-plan', 'broken.json'), 'utf8'));
    assert.equal(doc.format, 'terraform-plan');
    assert.ok(doc.errors.some((e) => e.severity === 'error'));
  });

  test('UTF-8 with a BOM and UTF-16 LE/BE with a BOM (Windows PowerShell) are read with the same ranges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srm-lens-plan-'));
    const utf16be = Buffer.from(`\ufeff${PLAN}`, 'utf16le').swap16();
    const files = {
      'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN, 'utf8')]),
      'utf16le.json': Buffer.from(`\ufeff${PLAN}`, 'utf16le'),
      'utf16be.json': utf16be,
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    for (const name of Object.keys(files)) {
      const read = readText(join(dir, name));
      assert.ok(read.ok, `${name}: ${read.ok ? '' : read.reason}`);
      assert.equal(read.ok && read.text, PLAN, name);
    }
    // The parser itself accepts the BOM an editor may leave in the text, ranges unchanged.
    const withBom = plan(`\ufeff${PLAN}`);
    assert.deepEqual(withBom.resources.map((r) => r.idRange), plan().resources.map((r) => r.idRange));
    const scan = await scanPaths([dir]);
    assert.deepEqual(scan.errors, []);
    assert.deepEqual(scan.documents.map((d) => d.resources.length), [11, 11, 11]);
    writeFileSync(join(dir, 'odd.json'), Buffer.from([0xff, 0xfe, 0x7b]));
    const odd = readText(join(dir, 'odd.json'));
    assert.equal(odd.ok, false);
    assert.match(odd.ok ? '' : odd.reason, /UTF-16/);
  });

  test('a plan is a unit of its own, in the scanner and in the editor', async () => {
    const scan = await scanPaths([join(fixtures, 'terraform-plan')]);
    const planModel = scan.models.find((m) => m.documents.some((d) => d.format === 'terraform-plan' && d.uri.endsWith('plan.json')))!;
    assert.equal(planModel.documents.length, 1);
    const uri = 'file:///w/infra/tfplan.json';
    const service = new LanguageService(memoryHost({ 'file:///w/infra/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n' }));
    service.openDocument(uri, 1, PLAN);
    const diagnostics = service.diagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 's3-bucket-public-access-block'));
    assert.equal(service.analysis(uri)?.documents.length, 1, 'the .tf beside the plan is not part of the plan');
    const range = diagnostics.find((d) => d.code === 's3-bucket-versioning')!.range;
    assert.deepEqual(service.codeActions(uri, range, { diagnostics: diagnostics.filter((d) => d.code === 's3-bucket-versioning') }).filter((a) => a.edit), []);
  });
});
