import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { setReferenceDate } from '../../../server/src/knowledge/supportCalendar';
import { initTerraformParser } from '../../../server/src/parse';
import { cfnYaml, describeSettingRule, raw } from '../../fixtureKit';
import { verdicts } from '../../ruleHarness';

// ruby3.3's deprecation (2027-03-31) is 58 days after this reference date.
setReferenceDate('2027-02-01');

describeSettingRule('lambda-function-runtime-deprecation-soon', {
  cloudformation: { type: 'AWS::Lambda::Function', base: { Handler: 'app.handler', Role: 'arn:aws:iam::111122223333:role/fn', Code: { ZipFile: 'x' } }, fail: { Runtime: 'ruby3.3' }, pass: { Runtime: 'ruby3.4' }, unknown: { Runtime: { Ref: 'Mode' } } },
  terraform: { type: 'aws_lambda_function', base: { function_name: 'f', handler: 'app.handler', role: 'arn:aws:iam::111122223333:role/fn' }, fail: { runtime: 'ruby3.3' }, pass: { runtime: 'python3.13' }, unknown: { runtime: raw('var.mode') } },
});

describe('lambda-function-runtime-deprecation-soon: the window', () => {
  before(() => initTerraformParser());
  const status = (runtime: string) => verdicts({ 'template.yaml': cfnYaml({ resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: runtime } } } }) }, 'lambda-function-runtime-deprecation-soon', 'Fn').map((v) => v.status);
  test('already deprecated runtimes are left to lambda-function-supported-runtime', () => assert.deepEqual(status('python3.9'), ['not-applicable']));
  test('a runtime deprecated far in the future is met', () => assert.deepEqual(status('python3.14'), ['met']));
  test('a runtime missing from the calendar is cannot-tell', () => assert.deepEqual(status('python9.9'), ['cannot-tell']));
  test('the same runtime is fine when the reference date is earlier', () => {
    setReferenceDate('2026-06-01');
    try {
      assert.deepEqual(status('ruby3.3'), ['met']);
    } finally {
      setReferenceDate('2027-02-01');
    }
  });
});
