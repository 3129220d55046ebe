import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LinkedModel } from '../../server/src/link/linkedModel';
import type { Resolution } from '../../server/src/link/resolution';
import { getValue } from '../../server/src/model/value';
import { initTerraformParser } from '../../server/src/parse';
import { parseTfvars } from '../../server/src/parse/tfvars';
import { parseTemplate } from '../helpers';

const MAIN = `
resource "aws_s3_bucket" "logs" {
  bucket        = "\${var.project}-logs"
  force_destroy = var.force
  acl           = local.acl
  object_lock_enabled = var.env == "prod" ? true : false
  tags          = { Name = "logs" }
  policy        = data.aws_iam_policy_document.p.json
  name_prefix   = upper(var.project)
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "many" {
  count  = 3
  bucket = "many-\${count.index}"
}

resource "aws_s3_bucket_policy" "many" {
  count  = length(aws_s3_bucket.many)
  bucket = aws_s3_bucket.many[count.index].id
  policy = "{}"
}

resource "aws_s3_bucket" "each" {
  for_each = toset(["a", "b"])
  bucket   = each.key
}
`;

const VARIABLES = `
variable "project" {
  default = "orders"
}
variable "force" {
  type = bool
}
variable "env" {
  default = "dev"
}
locals {
  acl = "private"
}
`;

describe('Terraform linking', () => {
  let model: LinkedModel;
  let resolve: (key: string) => Resolution;
  before(async () => {
    await initTerraformParser();
    const docs = [parseTemplate('/m/main.tf', MAIN), parseTemplate('/m/variables.tf', VARIABLES)];
    const tfvars = [{ uri: '/m/terraform.tfvars', values: parseTfvars('/m/terraform.tfvars', 'project = "shop"\n') }];
    model = new LinkedModel(docs, tfvars);
    const body = model.resource('aws_s3_bucket.logs')!.body;
    resolve = (key) => model.resolve(getValue(body, key));
  });

  test('a module is every file of the directory: variables and locals from another file resolve', () => {
    const acl = resolve('acl');
    assert.equal(acl.status, 'known');
    assert.deepEqual(acl.status === 'known' && [acl.value.kind === 'string' && acl.value.value, acl.via], ['private', 'local.acl']);
  });

  test('tfvars win over defaults, and templates over known parts are evaluated', () => {
    const name = resolve('bucket');
    assert.equal(name.status === 'known' && name.value.kind === 'string' && name.value.value, 'shop-logs');
  });

  test('a variable without default or tfvars value is unknown, with the reason', () => {
    const r = resolve('force_destroy');
    assert.equal(r.status, 'unknown');
    assert.match(r.status === 'unknown' ? r.reason : '', /variable force, which has no default/);
  });

  test('conditionals give both branches; function calls and data sources stay unknown', () => {
    const cond = resolve('object_lock_enabled');
    assert.equal(cond.status, 'unknown');
    assert.equal(cond.status === 'unknown' && cond.branches?.length, 2);
    assert.match((resolve('policy') as { reason: string }).reason, /known only when Terraform plans/);
    assert.match((resolve('name_prefix') as { reason: string }).reason, /evaluated by Terraform/);
  });

  test('references between resources link companions, including count and for_each resources', () => {
    const logs = model.resource('aws_s3_bucket.logs')!;
    assert.deepEqual(model.companions(logs, 'aws_s3_bucket_versioning').map((r) => r.id), ['aws_s3_bucket_versioning.logs']);
    const many = model.resource('aws_s3_bucket.many')!;
    assert.equal(many.repetition, 'count');
    assert.deepEqual(model.companions(many, 'aws_s3_bucket_policy').map((r) => r.id), ['aws_s3_bucket_policy.many']);
    assert.equal(model.resource('aws_s3_bucket.each')!.repetition, 'for_each');
    const ref = model.resolve(getValue(model.resource('aws_s3_bucket_versioning.logs')!.body, 'bucket'));
    assert.equal(ref.status === 'resource' && `${ref.resource.id}.${ref.attribute}`, 'aws_s3_bucket.logs.id');
  });
});
