import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { autoJobs } from '../../server/src/commands/scanSession';

describe('--jobs auto', () => {
  test('a worker per idle core, only for scans worth splitting', () => {
    assert.equal(autoJobs(1644, 2, 0.1), 2);
    assert.equal(autoJobs(1644, 2, 1.8), 1, 'busy cores: one thread');
    assert.equal(autoJobs(1644, 8, 2), 6);
    assert.equal(autoJobs(40, 8, 0), 1, 'small scans stay on one thread');
    assert.equal(autoJobs(1644, 2, 14), 1);
  });
});
