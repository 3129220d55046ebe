import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { terminalSafe } from '../../server/src/report/escape';
import type { JsonReport } from '../../server/src/report/jsonReport';
import { renderText, useColour } from '../../server/src/report/textReport';

const range = { start: { line: 2, character: 2 }, end: { line: 2, character: 7 } };
const report: JsonReport = {
  tool: { name: 'srm-lens', version: '0' },
  summary: { files: 1, resources: 1, errors: 0, ignoredFiles: 0, findings: 1, suppressed: 0, baselined: 0, moduleCalls: { followed: 0, notFollowed: 0 } },
  files: [
    {
      path: 't.yaml',
      format: 'cloudformation-yaml',
      resources: [
        {
          id: 'Topic\u001b]0;pwned\u0007',
          type: 'AWS::SNS::Topic',
          range,
          model: 'abstract',
          cells: [],
          findings: [{ rule: 'sns-topic-encrypted', aspect: 'encryption-at-rest', severity: 'error', message: 'm\u009b2J', range, references: {}, fixes: [], suppressed: false, fingerprint: 'f' }],
        },
      ],
      errors: [],
    },
  ],
  errors: [],
};

describe('text report', () => {
  test('colours only on a terminal, and never with NO_COLOR', () => {
    assert.equal(useColour({ isTTY: true }, {}), true);
    assert.equal(useColour({ isTTY: false }, {}), false);
    assert.equal(useColour({}, {}), false);
    assert.equal(useColour({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(useColour({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
    assert.equal(useColour({ isTTY: true }, { TERM: 'dumb' }), false);
  });

  test('the only escape sequences are its own colours; template text is made harmless', () => {
    const plain = renderText(report);
    assert.doesNotMatch(plain, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(plain, /Topic\?\]0;pwned\?/);
    const coloured = renderText(report, { colour: true });
    assert.match(coloured, /\u001b\[31merror\u001b\[0m/);
    const withoutOwn = coloured.replace(/\u001b\[[0-9;]*m/g, '');
    assert.doesNotMatch(withoutOwn, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  test('terminalSafe replaces C0, C1, DEL and bidirectional overrides', () => {
    assert.equal(terminalSafe('a\u0000b\u001bc\u007fd\u0085e\u202ef\u2066g'), 'a?b?c?d?e?f?g');
    assert.equal(terminalSafe('a\nb', true), 'a\nb');
    assert.equal(terminalSafe('a\nb'), 'a?b');
  });
});
