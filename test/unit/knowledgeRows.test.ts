import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers';
import { cloudFormationData, cloudFormationType, cloudFormationTypeDef, type CloudFormationData } from '../../server/src/knowledge/generatedData';

// node --test runs each file in its own process, so nothing here has parsed the whole file before the first test.
const file = join(repoRoot, 'server', 'src', 'knowledge', 'generated', 'cloudformationTypes.json');

describe('knowledge rows read on demand', () => {
  it('every type and property type read from the text equals the row of the parsed file', () => {
    const whole = JSON.parse(readFileSync(file, 'utf8')) as CloudFormationData;
    for (const [type, row] of Object.entries(whole.types)) assert.deepEqual(cloudFormationType(type), row, type);
    for (const [id, row] of Object.entries(whole.typeDefs)) assert.deepEqual(cloudFormationTypeDef(id), row, `typeDef ${id}`);
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
