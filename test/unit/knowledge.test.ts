import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ASPECTS, ASPECT_IDS } from '../../server/src/knowledge/aspects';
import { AWS_DEFAULTS } from '../../server/src/knowledge/defaults';
import { cloudFormationData, terraformData } from '../../server/src/knowledge/generatedData';
import { OWNER_OVERRIDES } from '../../server/src/knowledge/ownerOverrides';
import { allResourceTypes, effectiveModel, propertyDocumentation, resourceType } from '../../server/src/knowledge/resourceTypes';
import { SERVICE_MODELS, TERRAFORM_ONLY_SERVICE_MODELS } from '../../server/src/knowledge/serviceModels';
import { SECURITY_DOCS_INDEX } from '../../server/src/knowledge/types';
import { repoRoot } from '../helpers';

function tsvColumn(file: string, column: string): string[] {
  const [header, ...rows] = readFileSync(join(repoRoot, 'scripts', 'data', file), 'utf8').split('\n').filter(Boolean);
  const index = header.split('\t').indexOf(column);
  return rows.map((r) => r.split('\t')[index]);
}

interface OverlayEntry {
  cfnType?: string;
  providerService?: string;
  aspects?: string[];
  why?: string;
}

function terraformOverlay(): { types: Record<string, OverlayEntry> } {
  return JSON.parse(readFileSync(join(repoRoot, 'scripts', 'data', 'terraform-overlay.json'), 'utf8'));
}

describe('knowledge base coverage', () => {
  test('every CloudFormation type in the spec (1,828) resolves with a full owner row', () => {
    const types = Object.keys(cloudFormationData().types);
    assert.equal(types.length, 1828);
    for (const t of types) {
      const info = resourceType(t);
      assert.ok(info, `${t} does not resolve`);
      assert.deepEqual(Object.keys(info.owners).sort(), [...ASPECT_IDS].sort(), `${t} owner row`);
    }
  });

  test('every Terraform AWS type in the provider table (1,581) resolves to a service and model', () => {
    const types = tsvColumn('terraform-aws-resource-types.tsv', 'tf_type');
    assert.equal(types.length, 1581);
    for (const t of types) {
      const info = resourceType(t);
      assert.ok(info, `${t} does not resolve`);
      assert.ok(['infrastructure', 'container', 'abstract', 'mixed'].includes(info.model), `${t} model`);
      assert.equal(Object.keys(info.owners).length, ASPECTS.length);
    }
    // The overlay adds the types newer than the table that it names (with their provider package).
    const newer = Object.entries(terraformOverlay().types).filter(([, fix]) => fix.providerService).map(([name]) => name);
    assert.ok(newer.length > 0 && newer.every((t) => !types.includes(t)), `overlay types newer than the table: ${newer.join(', ')}`);
    assert.equal(Object.keys(terraformData().types).length, 1581 + newer.length);
  });

  test('a type the overlay lists aspects for bears exactly those, the always-borne ones and what they imply, and says why', () => {
    for (const [name, fix] of Object.entries(terraformOverlay().types)) {
      if (!fix.aspects) continue;
      const info = resourceType(name);
      assert.ok(info, name);
      for (const a of fix.aspects) assert.ok(info.applicable.has(a as never), `${name} bears ${a}`);
      assert.match(info.applicabilityBasis, /^what it is \(/, name);
      assert.ok(!info.applicable.has('firewall') || fix.aspects.includes('firewall') || info.cloudformationEquivalent, `${name} bears a firewall nobody listed`);
    }
    // A split resource does not inherit what the whole resource's AWS defaults name: a bucket's metrics carry no encryption.
    assert.ok(!resourceType('aws_s3_bucket_metric')?.applicable.has('encryption-at-rest'));
    assert.ok(resourceType('aws_s3_bucket_server_side_encryption_configuration')?.applicable.has('encryption-at-rest'));
  });

  test('every spec service has a service model; mixed ones say what decides', () => {
    for (const service of Object.keys(cloudFormationData().services)) {
      const entry = SERVICE_MODELS[service];
      assert.ok(entry, `no model for service ${service}`);
      assert.ok(entry.rationale.length > 10, `${service} rationale`);
      if (entry.model === 'mixed') assert.ok(entry.decidedBy && entry.defaultModel, `${service} is mixed without decidedBy/defaultModel`);
    }
    for (const [key, entry] of Object.entries(TERRAFORM_ONLY_SERVICE_MODELS)) assert.ok(entry.rationale, key);
  });

  test('sources are AWS documentation; unconfirmed ones point at the security index', () => {
    for (const [key, entry] of [...Object.entries(SERVICE_MODELS), ...Object.entries(TERRAFORM_ONLY_SERVICE_MODELS)]) {
      assert.match(entry.source, /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//, key);
      if (!entry.sourceConfirmed) assert.equal(entry.source, SECURITY_DOCS_INDEX, `${key}: an unconfirmed source must be the index`);
    }
    const all = [...Object.entries(SERVICE_MODELS), ...Object.entries(TERRAFORM_ONLY_SERVICE_MODELS)];
    const placeholders = all.filter(([, e]) => !e.sourceConfirmed).map(([key]) => key);
    assert.ok(placeholders.length <= 0.05 * all.length, `${placeholders.length} of ${all.length} services point at the placeholder: ${placeholders.join(', ')}`);
    // A page that is not the security chapter says what it is, so a reader weighs it accordingly.
    const chapters = all.filter(([, e]) => e.sourceConfirmed && !e.sourceKind).length;
    assert.ok(chapters >= 200, `only ${chapters} services link their own security chapter`);
    for (const [key, e] of all) if (e.sourceKind === 'api-reference') assert.match(e.source, /\/APIReference\/|\/api\//i, `${key}: an API reference source is an API reference page`);
    for (const d of AWS_DEFAULTS) assert.match(d.source, /^https:\/\//, d.id);
    for (const o of OWNER_OVERRIDES) assert.match(o.source, /^https:\/\//, `${o.target} ${o.aspect}`);
  });

  test('overrides name real types or services and never repeat a pair', () => {
    const seen = new Set<string>();
    for (const o of OWNER_OVERRIDES) {
      assert.ok(cloudFormationData().types[o.target] || cloudFormationData().services[o.target], `override target ${o.target}`);
      const key = `${o.target}/${o.aspect}`;
      assert.ok(!seen.has(key), `duplicate override ${key}`);
      seen.add(key);
    }
  });
});

describe('knowledge base consistency', () => {
  const all = allResourceTypes();

  test('physical, hardware and virtualization are AWS everywhere but on an Outpost', () => {
    for (const info of all) {
      const outpost = info.service === 'outposts' || info.service === 's3outposts';
      for (const a of ['physical', 'hardware-infrastructure', 'virtualization'] as const) {
        const expected = outpost && a !== 'virtualization' ? 'shared' : 'aws';
        assert.equal(info.owners[a], expected, `${info.type} ${a}`);
      }
    }
  });

  test('no abstract service leaves the operating system to the customer', () => {
    for (const info of all) {
      if (effectiveModel(info.serviceInfo) === 'abstract') assert.notEqual(info.owners['operating-system'], 'customer', info.type);
    }
  });

  test('identity and access is never AWS alone', () => {
    for (const info of all) assert.notEqual(info.owners['identity-access'], 'aws', info.type);
  });
});

describe('knowledge base examples', () => {
  const owners = (t: string) => resourceType(t)!.owners;

  test('EC2 instance: the customer owns the operating system', () => {
    assert.equal(resourceType('AWS::EC2::Instance')!.model, 'infrastructure');
    assert.equal(owners('AWS::EC2::Instance')['operating-system'], 'customer');
    assert.equal(owners('aws_instance')['operating-system'], 'customer');
  });

  test('RDS instance: AWS owns the OS, patching is shared', () => {
    assert.equal(owners('AWS::RDS::DBInstance')['operating-system'], 'aws');
    assert.equal(owners('AWS::RDS::DBInstance')['platform-patching'], 'shared');
    assert.equal(owners('aws_db_instance')['platform-patching'], 'shared');
  });

  test('Lambda function: AWS owns the OS, patching is shared', () => {
    assert.equal(owners('AWS::Lambda::Function')['operating-system'], 'aws');
    assert.equal(owners('AWS::Lambda::Function')['platform-patching'], 'shared');
  });

  test('S3 bucket: encryption in transit is shared', () => {
    assert.equal(resourceType('AWS::S3::Bucket')!.model, 'abstract');
    assert.equal(owners('AWS::S3::Bucket')['encryption-in-transit'], 'shared');
    assert.equal(owners('aws_s3_bucket')['encryption-in-transit'], 'shared');
  });

  test('types with little security meaning still get a full row', () => {
    const info = resourceType('AWS::CloudFormation::WaitCondition')!;
    assert.equal(Object.keys(info.owners).length, 18);
    assert.equal(info.owners.physical, 'aws');
  });

  test('Terraform split resources carry their role', () => {
    const sse = resourceType('aws_s3_bucket_server_side_encryption_configuration')!;
    assert.equal(sse.cloudformationEquivalent, 'AWS::S3::Bucket');
    assert.equal(sse.cloudformationProperty, 'BucketEncryption');
    assert.equal(resourceType('aws_vpc_security_group_ingress_rule')!.role, 'an ingress rule of a security group');
    assert.equal(resourceType('aws_vpc_security_group_ingress_rule')!.cloudformationEquivalent, 'AWS::EC2::SecurityGroupIngress');
  });

  test('mixed services say which setting decides', () => {
    const ecs = resourceType('AWS::ECS::Service')!;
    assert.equal(ecs.model, 'mixed');
    assert.ok(ecs.serviceInfo.decidedBy);
  });

  test('property documentation follows nested property types', () => {
    assert.match(propertyDocumentation('AWS::S3::Bucket', ['BucketEncryption']) ?? '', /encryption/i);
    assert.match(propertyDocumentation('AWS::S3::Bucket', ['VersioningConfiguration', 'Status']) ?? '', /versioning/i);
    assert.equal(propertyDocumentation('AWS::S3::Bucket', ['NoSuchProperty']), undefined);
  });

  test('AWS defaults cover the required cases', () => {
    const ids = (type: string) => AWS_DEFAULTS.filter((d) => d.appliesTo.includes(type));
    assert.ok(ids('AWS::S3::Bucket').some((d) => d.aspect === 'encryption-at-rest' && d.secure && d.since?.startsWith('2023-01')));
    assert.ok(ids('AWS::S3::Bucket').some((d) => d.aspect === 'network-exposure' && d.secure && d.since?.startsWith('2023-04')));
    assert.ok(ids('AWS::DynamoDB::Table').some((d) => d.aspect === 'encryption-at-rest' && d.secure));
    assert.ok(ids('AWS::SQS::Queue').some((d) => d.aspect === 'encryption-at-rest' && d.secure));
    assert.ok(ids('AWS::Logs::LogGroup').some((d) => d.aspect === 'encryption-at-rest' && d.secure));
    assert.ok(ids('AWS::SecretsManager::Secret').some((d) => d.aspect === 'encryption-at-rest' && d.secure));
    assert.ok(ids('AWS::Lambda::Function').some((d) => d.aspect === 'encryption-at-rest' && d.secure));
    assert.ok(ids('AWS::EC2::Volume').some((d) => d.aspect === 'encryption-at-rest' && !d.secure));
    assert.ok(ids('AWS::RDS::DBInstance').some((d) => d.aspect === 'encryption-at-rest' && !d.secure));
    assert.ok(ids('AWS::EFS::FileSystem').some((d) => d.aspect === 'encryption-at-rest' && !d.secure));
  });
});

describe('generated data', () => {
  test('regenerating from the sources changes nothing', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'generateKnowledge.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(result.status, 0, `generated knowledge is stale: ${result.stderr}`);
  });

  test('generated files carry their provenance', () => {
    for (const name of ['cloudformationTypes.json', 'terraformTypes.json']) {
      const data = JSON.parse(readFileSync(join(repoRoot, 'server/src/knowledge/generated', name), 'utf8'));
      assert.match(data.$provenance.notice, /Do not edit/);
      assert.ok(data.$provenance.sources.length > 0);
    }
    assert.match(JSON.parse(readFileSync(join(repoRoot, 'server/src/knowledge/generated/cloudformationTypes.json'), 'utf8')).$provenance.sources[0], /@aws-cdk\/aws-service-spec@0\.1\.216/);
  });
});

describe('models decided by settings', () => {
  test('ECS on Fargate: AWS owns the OS; on EC2: the customer does', async () => {
    const { assess } = await import('../../server/src/assess/assess');
    const { LinkedModel } = await import('../../server/src/link/linkedModel');
    const { parseTemplate } = await import('../helpers');
    const text = (launch: string) => `Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: ${launch}\n`;
    const owner = (launch: string) => {
      const ra = assess(new LinkedModel([parseTemplate('t.yaml', text(launch))])).resources[0];
      return [ra.model, ra.cells.find((c) => c.aspect === 'operating-system')?.owner, ra.cells.find((c) => c.aspect === 'platform-patching')?.owner];
    };
    assert.deepEqual(owner('FARGATE'), ['container', 'aws', 'shared']);
    assert.deepEqual(owner('EC2'), ['infrastructure', 'customer', 'customer']);
  });
});
