import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import raw from '../../../server/src/knowledge/data/supportCalendars.json';
import { addDays, calendar, compareVersions, referenceDate, setReferenceDate, standing, validateCalendars } from '../../../server/src/knowledge/supportCalendar';
import { initTerraformParser } from '../../../server/src/parse';
import { cfnYaml, describeSettingRule, raw as tf } from '../../fixtureKit';
import { verdicts } from '../../ruleHarness';

// Every verdict below is judged on this day, never on the wall clock.
setReferenceDate('2026-12-03');

const MODE = { Ref: 'Mode' };
const VAR = tf('var.mode');

describe('support calendars', () => {
  test('the data file validates and every entry has a source and the day it was checked', () => {
    const calendars = validateCalendars(raw);
    for (const c of Object.values(calendars)) for (const e of c.entries) assert.match(e.checked, /^\d{4}-\d{2}-\d{2}$/);
  });
  test('malformed entries are refused with their path', () => {
    const broken = JSON.parse(JSON.stringify(raw));
    broken.calendars.eks.entries[0].endOfSupport = 'March 2025';
    assert.throws(() => validateCalendars(broken), /eks\.entries\[0\]: endOfSupport/);
    const dup = JSON.parse(JSON.stringify(raw));
    dup.calendars.eks.entries.push({ ...dup.calendars.eks.entries[0] });
    assert.throws(() => validateCalendars(dup), /duplicate version/);
  });
  test('the reference date is injectable and validated', () => {
    assert.equal(referenceDate(), '2026-12-03');
    assert.throws(() => setReferenceDate('tomorrow'), /YYYY-MM-DD/);
    assert.equal(addDays('2026-12-03', 90), '2027-03-03');
  });
  test('versions compare numerically and older majors fall out of support', () => {
    assert.ok(compareVersions('1.9', '1.29') < 0);
    assert.deepEqual(standing(calendar('eks'), '1.23').kind, 'older');
    assert.deepEqual(standing(calendar('eks'), '2.0').kind, 'unlisted');
    assert.deepEqual(standing(calendar('lambda'), 'nodejs0.1').kind, 'unlisted');
  });
});

describeSettingRule('eks-cluster-version-supported', {
  cloudformation: { type: 'AWS::EKS::Cluster', base: { RoleArn: 'arn:aws:iam::111122223333:role/eks', ResourcesVpcConfig: { SubnetIds: ['subnet-1'] } }, fail: { Version: '1.29' }, pass: { Version: '1.35' }, unknown: { Version: MODE }, noFix: true },
  terraform: { type: 'aws_eks_cluster', base: { name: 'c', role_arn: 'arn:aws:iam::111122223333:role/eks' }, fail: { version: '1.31' }, pass: {}, unknown: { version: VAR }, noFix: true },
});

describeSettingRule('rds-instance-engine-version-supported', {
  cloudformation: { type: 'AWS::RDS::DBInstance', base: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro' }, fail: { EngineVersion: '11.22' }, pass: {}, unknown: { EngineVersion: MODE }, noFix: true },
  terraform: { type: 'aws_db_instance', base: { engine: 'postgres', instance_class: 'db.t3.micro' }, fail: { engine_version: '12.19' }, pass: {}, unknown: { engine_version: VAR }, noFix: true },
});

describeSettingRule('rds-cluster-engine-version-supported', {
  cloudformation: { type: 'AWS::RDS::DBCluster', base: { Engine: 'aurora-postgresql' }, fail: { EngineVersion: '12.9' }, pass: {}, unknown: { EngineVersion: MODE }, noFix: true },
  terraform: { type: 'aws_rds_cluster', base: { engine: 'aurora-postgresql' }, fail: { engine_version: '11.9' }, pass: {}, unknown: { engine_version: VAR }, noFix: true },
});

describe('engine calendars say what they do not know', () => {
  before(() => initTerraformParser());
  test('an engine without a calendar is cannot-tell, never met', () => {
    const text = cfnYaml({ resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', EngineVersion: '5.7.44' } } } });
    const v = verdicts({ 'template.yaml': text }, 'rds-instance-engine-version-supported', 'Db');
    assert.deepEqual(v.map((x) => x.status), ['cannot-tell']);
  });
  test('a supported EKS version is met with its end date', () => {
    const text = cfnYaml({ resources: { C: { Type: 'AWS::EKS::Cluster', Properties: { Version: '1.35' } } } });
    const v = verdicts({ 'template.yaml': text }, 'eks-cluster-version-supported', 'C');
    assert.equal(v[0].status, 'met');
    assert.match(v[0].status === 'met' ? (v[0].evidence ?? '') : '', /supported until 2027-03-27/);
  });
});
