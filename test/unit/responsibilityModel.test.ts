import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { applicableAspects } from '../../server/src/assess/applicability';
import { assess } from '../../server/src/assess/assess';
import type { ResourceAssessment } from '../../server/src/assess/assessment';
import { ASPECTS, ASPECT_IDS, aspect } from '../../server/src/knowledge/aspects';
import { AWS_DEFAULTS } from '../../server/src/knowledge/defaults';
import { decidedTypes, mixedServicesDescribed } from '../../server/src/knowledge/mixedModels';
import { OWNER_OVERRIDES } from '../../server/src/knowledge/ownerOverrides';
import { allResourceTypes, resourceType, type ResourceTypeInfo } from '../../server/src/knowledge/resourceTypes';
import { SERVICE_MODELS, TERRAFORM_ONLY_SERVICE_MODELS } from '../../server/src/knowledge/serviceModels';
import { categoryOf, SECURITY_DOCS_INDEX, type AspectId, type ServiceModel } from '../../server/src/knowledge/types';
import { LinkedModel } from '../../server/src/link/linkedModel';
import { renderTypeCard, typeEntry } from '../../server/src/report/typesReport';
import { RULES } from '../../server/src/rules';
import { parseTemplate, repoRoot } from '../helpers';

function scan(yaml: string): ResourceAssessment[] {
  return assess(new LinkedModel([parseTemplate('t.yaml', `Resources:\n${yaml}`)])).resources;
}

function cellOf(ra: ResourceAssessment, id: AspectId) {
  const found = ra.cells.find((c) => c.aspect === id);
  if (!found) throw new Error(`no ${id} cell on ${ra.resource.type}`);
  return found;
}

function info(type: string): ResourceTypeInfo {
  const found = resourceType(type);
  if (!found) throw new Error(`${type} is not in the knowledge base`);
  return found;
}

describe('aspects', () => {
  test('the 16 original ids keep their places; awareness-training and application-security are appended', () => {
    assert.deepEqual(ASPECT_IDS.slice(0, 16), [
      'physical', 'hardware-infrastructure', 'virtualization', 'operating-system', 'platform-patching', 'network-exposure', 'firewall', 'identity-access',
      'customer-data', 'encryption-at-rest', 'client-side-encryption', 'encryption-in-transit', 'data-integrity', 'logging-monitoring', 'resilience', 'configuration-management',
    ]);
    assert.deepEqual(ASPECT_IDS.slice(16), ['application-security', 'awareness-training']);
  });

  test('awareness and training is shared, outside any template, for every type', () => {
    assert.equal(aspect('awareness-training').inTemplate, false);
    for (const i of allResourceTypes()) {
      assert.equal(i.owners['awareness-training'], 'shared', i.type);
      assert.ok(applicableAspects(i).has('awareness-training'), i.type);
    }
  });

  test('application security is the customer\'s where the type runs customer code, and absent where it does not', () => {
    for (const t of ['AWS::EC2::Instance', 'AWS::Lambda::Function', 'AWS::ECS::TaskDefinition', 'AWS::SageMaker::NotebookInstance', 'AWS::Serverless::Function']) {
      assert.ok(applicableAspects(info(t)).has('application-security'), t);
      assert.equal(info(t).owners['application-security'], 'customer', t);
    }
    for (const t of ['AWS::IAM::Role', 'AWS::S3::Bucket', 'AWS::EC2::Route', 'AWS::SQS::Queue']) assert.ok(!applicableAspects(info(t)).has('application-security'), t);
  });
});

describe('applicability per type', () => {
  const bears = (type: string) => [...applicableAspects(info(type))].filter((a) => !['physical', 'hardware-infrastructure', 'virtualization', 'awareness-training'].includes(a)).sort();

  test('an IAM role bears identity and access only; a route, a subnet association and a subnet bear network exposure only', () => {
    assert.deepEqual(bears('AWS::IAM::Role'), ['identity-access']);
    assert.deepEqual(bears('AWS::EC2::Route'), ['network-exposure']);
    assert.deepEqual(bears('AWS::EC2::SubnetRouteTableAssociation'), ['network-exposure']);
    assert.deepEqual(bears('AWS::EC2::Subnet'), ['network-exposure']);
    assert.deepEqual(bears('AWS::EC2::SecurityGroup'), ['firewall']);
  });

  test('data stores bear data, encryption and resilience; compute bears the operating system', () => {
    for (const a of ['customer-data', 'encryption-at-rest', 'client-side-encryption', 'resilience', 'identity-access'] as const) assert.ok(bears('AWS::S3::Bucket').includes(a), a);
    assert.ok(!bears('AWS::S3::Bucket').includes('operating-system'));
    for (const a of ['operating-system', 'platform-patching', 'application-security'] as const) assert.ok(bears('AWS::EC2::Instance').includes(a), a);
  });

  test('every aspect a rule checks on a type applies to it', () => {
    for (const rule of RULES) {
      for (const t of [...rule.appliesTo.cloudformation, ...rule.appliesTo.terraform]) {
        const i = resourceType(t);
        if (i) assert.ok(applicableAspects(i).has(rule.aspect), `${rule.id} checks ${rule.aspect} on ${t}`);
      }
    }
  });

  test('every aspect an owner override or AWS default names for a type applies to it', () => {
    for (const o of OWNER_OVERRIDES) if (o.target.includes('::')) assert.ok(info(o.target).applicable.has(o.aspect), `${o.target} ${o.aspect}`);
    for (const d of AWS_DEFAULTS) for (const t of d.appliesTo) assert.ok(info(t).applicable.has(d.aspect), `${d.id} on ${t}`);
  });

  test('Terraform types follow their CloudFormation equivalent, split resources the property they manage; without an equivalent every aspect applies', () => {
    assert.deepEqual([...applicableAspects(info('aws_route_table_association'))].sort(), [...applicableAspects(info('AWS::EC2::SubnetRouteTableAssociation'))].sort());
    assert.deepEqual(bears('aws_iam_role_policy_attachment'), ['identity-access']);
    const orphan = allResourceTypes().find((i) => i.format === 'terraform' && !i.cloudformationEquivalent) as ResourceTypeInfo;
    assert.equal(orphan.applicable.size, ASPECTS.length, orphan.type);
    assert.match(orphan.applicabilityBasis, /no CloudFormation equivalent/);
  });

  test('a cell that does not apply is not-applicable with applies false; the others say applies true', () => {
    const [role] = scan('  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n');
    for (const c of role.cells) {
      const applies = ['physical', 'hardware-infrastructure', 'virtualization', 'identity-access', 'awareness-training'].includes(c.aspect);
      assert.equal(c.applies, applies, c.aspect);
      if (!applies) assert.equal(c.status, 'not-applicable', c.aspect);
    }
    assert.equal(cellOf(role, 'awareness-training').status, 'outside-template');
  });
});

describe('control categories', () => {
  test('every cell\'s category follows its owner, in assessments and in the types JSON', () => {
    const [bucket] = scan('  B:\n    Type: AWS::S3::Bucket\n');
    for (const c of bucket.cells) assert.equal(c.category, categoryOf(c.owner));
    for (const i of allResourceTypes().slice(0, 400)) {
      const e = typeEntry(i);
      for (const a of ASPECT_IDS) {
        assert.equal(e.categories[a], categoryOf(e.owners[a]), `${i.type} ${a}`);
        assert.equal(typeof e.applies[a], 'boolean');
      }
    }
  });
});

describe('mixed services: every type decided or given one model', () => {
  const all = allResourceTypes();
  const mixedServices = Object.entries({ ...SERVICE_MODELS, ...Object.fromEntries(Object.entries(TERRAFORM_ONLY_SERVICE_MODELS).map(([k, v]) => [`terraform:${k}`, v])) })
    .filter(([, e]) => e.model === 'mixed')
    .map(([k]) => k);

  test('every mixed service is described per type', () => {
    assert.ok(mixedServices.length >= 15);
    for (const s of mixedServices) assert.ok(mixedServicesDescribed().includes(s), s);
  });

  test('a type of a mixed service is mixed only when a setting decides it', () => {
    const ofMixed = all.filter((i) => mixedServices.includes(i.service));
    assert.ok(ofMixed.length >= 300, `only ${ofMixed.length} types of mixed services`);
    for (const i of ofMixed) {
      if (i.model === 'mixed') assert.ok(i.decider, `${i.type} is mixed without a decider`);
      else assert.ok(i.modelWhy, `${i.type} has a model without a reason`);
    }
    for (const t of Object.keys(decidedTypes())) assert.equal(info(t).model, 'mixed', t);
  });

  test('the model the types card names is the model whose owners it shows, for every type', () => {
    for (const i of all) {
      const card = renderTypeCard(i);
      const line = /Model: {3}(.*)/.exec(card)?.[1] ?? '';
      const named = (i.model === 'mixed' ? /owners below are for (\w+)/.exec(line)?.[1] : line.split(' ')[0]) as ServiceModel;
      assert.ok(['infrastructure', 'container', 'abstract'].includes(named), `${i.type}: ${line}`);
      for (const a of ASPECTS) {
        if (i.ownerNotes[a.id]) continue; // a documented override, shown with its reason on the card
        assert.equal(i.owners[a.id], a.owners[named], `${i.type} says ${named} but shows ${a.id} as ${i.owners[a.id]}`);
      }
    }
  });

  test('an assessment names the model whose owners its cells carry, for every type of a mixed service', () => {
    for (const i of all.filter((x) => mixedServices.includes(x.service) && x.format === 'cloudformation')) {
      const [ra] = scan(`  R:\n    Type: ${i.type}\n`);
      assert.ok(ra.model && ra.model !== 'mixed', `${i.type} left undecided`);
      assert.ok(ra.modelReason, `${i.type} has no reason for its model`);
      for (const c of ra.cells) {
        if (i.ownerNotes[c.aspect] || c.aspect === 'encryption-at-rest') continue;
        assert.equal(c.owner, aspect(c.aspect).owners[ra.model as ServiceModel], `${i.type} is ${ra.model} but ${c.aspect} is ${c.owner}`);
      }
    }
  });

  test('the reported contradictions are gone', () => {
    assert.equal(info('AWS::Lightsail::Database').model, 'container');
    assert.equal(info('AWS::Lightsail::Database').owners['operating-system'], 'aws');
    assert.equal(info('AWS::Lightsail::Instance').owners['operating-system'], 'customer');
    assert.equal(info('AWS::SageMaker::NotebookInstance').model, 'infrastructure');
    assert.equal(info('AWS::SageMaker::NotebookInstance').owners['operating-system'], 'customer');
    assert.equal(info('AWS::EKS::FargateProfile').model, 'container');
    const [profile] = scan('  P:\n    Type: AWS::EKS::FargateProfile\n');
    assert.equal(profile.model, 'container');
    const [plain, custom] = scan('  A:\n    Type: AWS::EMR::Cluster\n  B:\n    Type: AWS::EMR::Cluster\n    Properties:\n      CustomAmiId: ami-123\n');
    assert.deepEqual([plain.model, cellOf(plain, 'operating-system').owner], ['container', 'aws']);
    assert.deepEqual([custom.model, cellOf(custom, 'operating-system').owner], ['infrastructure', 'customer']);
    assert.match(custom.modelReason ?? '', /CustomAmiId: ami-123/);
  });

  test('an absent or unknown deciding setting says so and names the setting', () => {
    const [absent, unknown] = scan(
      '  A:\n    Type: AWS::ECS::Service\n  B:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: !Ref Launch\n',
    );
    assert.match(absent.modelReason ?? '', /^LaunchType not set .*infrastructure assumed/);
    assert.match(unknown.modelReason ?? '', /^LaunchType cannot be known from the files/);
  });
});

describe('errors of the knowledge base, fixed with sources', () => {
  test('Outposts: the site\'s physical security is shared with the customer', () => {
    for (const t of ['AWS::Outposts::Outpost', 'AWS::S3Outposts::Bucket']) {
      assert.equal(info(t).owners.physical, 'shared', t);
      assert.match(info(t).ownerNotes.physical?.source ?? '', /^https:\/\/docs\.aws\.amazon\.com\//);
    }
    assert.equal(info('AWS::EC2::Instance').owners.physical, 'aws');
  });

  test('always-encrypted services show an AWS default and a shared owner, not a customer gap', () => {
    const types = ['AWS::MSK::Cluster', 'AWS::MemoryDB::Cluster', 'AWS::DMS::ReplicationInstance', 'AWS::FSx::FileSystem', 'AWS::AmazonMQ::Broker', 'AWS::Deadline::Farm'];
    const ras = scan(types.map((t, n) => `  R${n}:\n    Type: ${t}\n`).join(''));
    for (const ra of ras) {
      const c = cellOf(ra, 'encryption-at-rest');
      assert.equal(c.status, 'aws-default', ra.resource.type);
      assert.equal(c.owner, 'shared', ra.resource.type);
      assert.match(c.source ?? '', /^https:\/\/docs\.aws\.amazon\.com\//, ra.resource.type);
    }
  });

  test('Fargate ephemeral storage is encrypted by default on Fargate only', () => {
    const [fargate, ec2] = scan(
      '  F:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n  E:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [EC2]\n',
    );
    assert.equal(cellOf(fargate, 'encryption-at-rest').status, 'aws-default');
    assert.match(cellOf(fargate, 'encryption-at-rest').note ?? '', /since 2020-05-28/);
    assert.notEqual(cellOf(ec2, 'encryption-at-rest').status, 'aws-default');
  });

  test('S3: every default on an aspect is shown, and an explicit setting wins', () => {
    const [plain, kms] = scan(
      '  A:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n',
    );
    const note = cellOf(plain, 'encryption-at-rest').note ?? '';
    assert.match(note, /SSE-S3/);
    assert.match(note, /SSE-C/);
    assert.equal(cellOf(kms, 'encryption-at-rest').status, 'met');
    assert.match(cellOf(kms, 'encryption-at-rest').note ?? '', /aws:kms, stated in the template/);
  });

  test('Lambda images: the customer rebuilds from the latest base image; the OS is shared', () => {
    const [zip, image] = scan('  Z:\n    Type: AWS::Lambda::Function\n  I:\n    Type: AWS::Lambda::Function\n    Properties:\n      PackageType: Image\n');
    assert.deepEqual([zip.model, cellOf(zip, 'operating-system').owner, cellOf(zip, 'platform-patching').owner], ['abstract', 'aws', 'shared']);
    assert.deepEqual([image.model, cellOf(image, 'operating-system').owner, cellOf(image, 'platform-patching').owner], ['container', 'shared', 'customer']);
    assert.equal(cellOf(image, 'platform-patching').status, 'outside-template');
    assert.match(cellOf(image, 'platform-patching').note ?? '', /rebuilds from the latest base image/);
  });

  test('date-bound defaults lead with their date, owners agree across Aurora and Redshift, and an info finding asks for the setting', () => {
    const [aurora, redshift, explicit, multiAz] = scan(
      '  A:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n' +
        '  R:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      NodeType: ra3.xlplus\n' +
        '  E:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      StorageEncrypted: true\n' +
        '  M:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: postgres\n',
    );
    assert.match(cellOf(aurora, 'encryption-at-rest').note ?? '', /^Only for resources created on or after 2026-02-18/);
    assert.match(cellOf(redshift, 'encryption-at-rest').note ?? '', /^Only for resources created on or after 2025-01-10/);
    assert.equal(cellOf(aurora, 'encryption-at-rest').owner, cellOf(redshift, 'encryption-at-rest').owner);
    const finding = aurora.findings.find((f) => f.ruleId === 'rds-cluster-encryption-explicit');
    assert.ok(finding, JSON.stringify(aurora.findings.map((f) => f.ruleId)));
    assert.equal(finding.severity, 'info');
    assert.match(finding.message, /Set StorageEncrypted explicitly: Aurora clusters created before 2026-02-18 are not encrypted/);
    assert.equal(finding.fixes.length, 1);
    assert.ok(redshift.findings.some((f) => f.ruleId === 'redshift-cluster-encryption-explicit'));
    assert.ok(!explicit.findings.some((f) => f.ruleId === 'rds-cluster-encryption-explicit'));
    assert.ok(!multiAz.findings.some((f) => f.ruleId === 'rds-cluster-encryption-explicit'), 'the dated default does not cover Multi-AZ DB clusters');
  });
});

describe('sources', () => {
  const hosts = /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|amer\.resources\.awscloud\.com)\/[^\s?#]*$/;

  test('every source URL has an AWS host and a plain path; every fact says when it was checked', () => {
    const facts: { where: string; source: string; checked: string }[] = [
      ...Object.entries({ ...SERVICE_MODELS, ...TERRAFORM_ONLY_SERVICE_MODELS }).map(([k, e]) => ({ where: k, source: e.source, checked: e.checked })),
      ...OWNER_OVERRIDES.map((o) => ({ where: `${o.target} ${o.aspect}`, source: o.source, checked: o.checked })),
      ...AWS_DEFAULTS.map((d) => ({ where: d.id, source: d.source, checked: d.checked })),
    ];
    for (const f of facts) {
      assert.match(f.source, hosts, f.where);
      assert.match(f.checked, /^\d{4}-\d{2}-\d{2}$/, f.where);
    }
  });

  test('the placeholder is marked as such, and every placeholder service is listed in docs/responsibility-model.md', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'responsibility-model.md'), 'utf8');
    const all = Object.entries(SERVICE_MODELS);
    const placeholders = all.filter(([, e]) => e.source === SECURITY_DOCS_INDEX);
    for (const [k, e] of all) assert.equal(e.sourceConfirmed, e.source !== SECURITY_DOCS_INDEX, k);
    const listed = /still point at the placeholder: (.*)\./.exec(doc)?.[1] ?? '';
    for (const [k] of placeholders) assert.ok(listed.includes(`\`${k}\``), `${k} is not listed as a placeholder`);
  });

  test('the generator refuses a source on an unknown host', () => {
    const schema = join(repoRoot, 'scripts', 'data', 'knowledgeSchema.mjs');
    const script = `import { checkSource } from ${JSON.stringify(schema)}; const p = []; checkSource('x', 'https://example.com/page', p); checkSource('y', 'https://docs.aws.amazon.com/s3/ok.html', p); console.log(JSON.stringify(p));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const problems = JSON.parse(r.stdout) as string[];
    assert.equal(problems.length, 1);
    assert.match(problems[0], /x: source host example\.com is not one of/);
  });
});
