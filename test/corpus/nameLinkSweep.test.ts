import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assess } from '../../server/src/assess/assess';
import { scanPaths } from '../../server/src/workspace/scan';
import { corpusPresent, corpusRoot } from '../helpers';

const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;

describe('companions linked by name, on the CloudFormation corpus', { skip }, () => {
  test('bucket policies that name their bucket count for it: s3-bucket-secure-transport only where no policy denies plain HTTP', async () => {
    const scan = await scanPaths([join(corpusRoot, 'cloudformation')]);
    const byName = scan.models.flatMap((m) => m.resources.flatMap((r) => m.referencesFrom(r).filter((ref) => ref.byName !== undefined)));
    assert.equal(byName.length, 33);
    const flagged: string[] = [];
    for (const model of scan.models) {
      for (const ra of assess(model).resources) {
        for (const f of ra.findings) if (f.ruleId === 's3-bucket-secure-transport') flagged.push(`${f.uri}#${ra.resource.id}`);
      }
    }
    // 72 before linking by name; the 33 removed were buckets whose policy names them by BucketName or Sub text.
    assert.equal(flagged.length, 39);
    for (const file of ['S3/compliant-bucket.yaml', 'S3/compliant-bucket.json', 'Solutions/WebApp/webapp.yaml', 'Solutions/WebApp/webapp.json', 'S3/compliant-static-website.yaml']) {
      assert.deepEqual(flagged.filter((k) => k.startsWith(join(corpusRoot, 'cloudformation', file))), [], file);
    }
    // What is left has no bucket policy at all in its template.
    for (const key of flagged) {
      const uri = key.slice(0, key.indexOf('#'));
      const model = scan.models.find((m) => m.documents.some((d) => d.uri === uri))!;
      assert.ok(!model.resources.some((r) => r.type === 'AWS::S3::BucketPolicy'), `${key} has a bucket policy SRM Lens did not link`);
    }
  });
});
