import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { initTerraformParser, parseFile } from '../../server/src/parse';
import { fixtures } from '../helpers';

const dir = join(fixtures, 'detect');

describe('template detection', () => {
  before(() => initTerraformParser());

  for (const name of readdirSync(join(dir, 'templates'))) {
    test(`${name} is a CloudFormation template`, () => {
      const path = join(dir, 'templates', name);
      const outcome = parseFile(path, readFileSync(path, 'utf8'));
      assert.equal(outcome.kind, 'template', outcome.kind !== 'template' ? outcome.reason : '');
    });
  }

  for (const name of readdirSync(join(dir, 'others'))) {
    test(`${name} is not a template`, () => {
      const path = join(dir, 'others', name);
      const outcome = parseFile(path, readFileSync(path, 'utf8'));
      assert.equal(outcome.kind, 'ignored', `expected to be ignored, got ${outcome.kind}`);
    });
  }

  test('Terraform files are recognised by name, tfvars are read with their module', () => {
    assert.equal(parseFile('main.tf', 'resource "aws_sqs_queue" "q" {}\n').kind, 'template');
    assert.equal(parseFile('main.tf.json', '{"resource": {}}').kind, 'template');
    assert.equal(parseFile('terraform.tfvars', 'a = 1').kind, 'ignored');
  });

  test('an unrelated extension is ignored whatever it contains', () => {
    assert.equal(parseFile('notes.md', 'AWSTemplateFormatVersion: 2010-09-09').kind, 'ignored');
  });
});
