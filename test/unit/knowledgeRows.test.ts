import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers';
import { cloudFormationData, cloudFormationType, cloudFormationTypeDef, type CloudFormationData } from '../../server/src/knowledge/generatedData';

// node --test runs each file in its own process, so nothing here has parsed the whole file before the first test.
const file = join(repoRoot, 'server', 'src', 'knowledge', 'generated', 'cloudformationTypes.json');

describe('knowledge rows read on demand', () => {
  it('every type, and every tenth property type, read from the text equals the row of the parsed file', () => {
    const whole = JSON.parse(readFileSync(file, 'utf8')) as CloudFormationData;
    for (const [type, row] of Object.entries(whole.types)) assert.deepEqual(cloudFormationType(type), row, type);
    // Each lookup scans the section, so the 9,000 property types are sampled (the last one included).
    const defs = Object.entries(whole.typeDefs);
    for (const [id, row] of defs.filter((_, i) => i % 10 === 0 || i === defs.length - 1)) assert.deepEqual(cloudFormationTypeDef(id), row, `typeDef ${id}`);
  });

  it('says nothing of types and ids it does not know, even where a key of that name exists elsewhere', () => {
    assert.equal(cloudFormationType('AWS::Nope::Thing'), undefined);
    assert.equal(cloudFormationType('types'), undefined);
    assert.equal(cloudFormationTypeDef('no-such-id'), undefined);
    // "s3" is a service key, not a type: the lookup is confined to the types section.
    assert.equal(cloudFormationType('s3'), undefined);
  });

  it('answers the same once the whole file has been parsed', () => {
    const row = cloudFormationType('AWS::S3::Bucket');
    assert.ok(row);
    cloudFormationData();
    assert.deepEqual(cloudFormationType('AWS::S3::Bucket'), row);
  });
});
