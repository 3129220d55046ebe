import { hclInsertIntoBlock, hclReplaceValue } from '../edit/hclEdits';
import { jsonInsertMember, jsonReplaceValue } from '../edit/jsonEdits';
import type { PlainValue } from '../edit/plainValue';
import { layoutOf } from '../edit/sourceLayout';
import { yamlInsertEntry, yamlReplaceValue } from '../edit/yamlEdits';
import type { Resource, TemplateDocument } from '../model/document';
import { asList, asMap, getEntry, getValue, type MapValue } from '../model/value';
import type { Fix, Rule, RuleContext, TextEdit, Verdict } from './rule';
import { blocks, checkSetting, defineRule, documentOf, fixSource, is, judge, setting } from './ruleKit';

/*
 * Point-in-time recovery for DynamoDB. A table is one resource, but a global
 * table carries one PITR switch per replica (CloudFormation Replicas[],
 * Terraform replica {} blocks), so those get one verdict per replica, each
 * pointing at its own item and fixed in place.
 */

const PITR_CFN = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];

/**
 * Edits that make `path` under an existing CloudFormation map (a list item,
 * which setProperty cannot address) hold `value`, creating missing keys.
 */
function setUnderMap(doc: TemplateDocument, map: MapValue, path: readonly string[], value: PlainValue): TextEdit[] | undefined {
  if (doc.format !== 'cloudformation-yaml' && doc.format !== 'cloudformation-json') return undefined;
  const yaml = doc.format === 'cloudformation-yaml';
  const layout = layoutOf(doc);
  let current = map;
  for (let i = 0; i < path.length; i++) {
    const rest = path.slice(i + 1).reduceRight<PlainValue>((inner, key) => ({ [key]: inner }), value);
    const entry = getEntry(current, path[i]);
    if (!entry) return [yaml ? yamlInsertEntry(doc.uri, layout, current, path[i], rest) : jsonInsertMember(doc.uri, layout, current, path[i], rest)];
    if (entry.value.kind === 'intrinsic') return undefined;
    if (i === path.length - 1 || entry.value.kind !== 'map') return [yaml ? yamlReplaceValue(doc.uri, layout, entry, current, rest) : jsonReplaceValue(doc.uri, layout, entry, rest)];
    current = entry.value;
  }
  return undefined;
}

function fixWith(edits: TextEdit[] | undefined, title: string): Fix[] {
  return edits ? [{ title, edits, preferred: true }] : [];
}

function globalTableReplicas(ctx: RuleContext, table: Resource): Verdict[] {
  const replicas = setting(table, ['Replicas']);
  const list = asList(replicas.value);
  if (!list) return [{ status: 'cannot-tell', reason: 'Replicas is not a list SRM Lens can read', range: replicas.range }];
  const doc = documentOf(ctx, table);
  return list.items.map((item, n): Verdict => {
    const replica = asMap(item);
    if (!replica) return { status: 'cannot-tell', reason: `replica ${n + 1} is computed by an intrinsic function`, range: item.range };
    const region = getValue(replica, 'RegionName');
    const name = region?.kind === 'string' ? region.value : `replica ${n + 1}`;
    const spec = getEntry(replica, PITR_CFN[0]);
    const range = spec?.keyRange ?? getEntry(replica, 'RegionName')?.keyRange ?? item.range;
    const j = judge(ctx, getValue(asMap(spec?.value), PITR_CFN[1]), is.true);
    if (j.outcome === 'secure') return { status: 'met', evidence: `point-in-time recovery is on in ${name}`, range };
    if (j.outcome === 'unknown') return { status: 'cannot-tell', reason: `${name}: PointInTimeRecoveryEnabled: ${j.reason}`, range };
    const edits = doc ? setUnderMap(doc, replica, PITR_CFN, true) : undefined;
    return { status: 'gap', message: `Point-in-time recovery is off for the replica in ${name}.`, range, fixes: fixWith(edits, `Turn on point-in-time recovery in ${name} (PointInTimeRecoveryEnabled: true)`) };
  });
}

/** Terraform replica {} blocks each carry their own point_in_time_recovery flag, false unless set. */
function terraformReplicas(ctx: RuleContext, table: Resource): Verdict[] {
  const doc = documentOf(ctx, table);
  return blocks(table.body, 'replica').map((replica, n): Verdict => {
    if (replica.block === 'dynamic') return { status: 'cannot-tell', reason: 'replicas come from a dynamic block', range: replica.range };
    const region = getValue(replica, 'region_name');
    const name = region?.kind === 'string' ? region.value : `replica ${n + 1}`;
    const entry = getEntry(replica, 'point_in_time_recovery');
    const range = entry?.keyRange ?? getEntry(replica, 'region_name')?.keyRange ?? replica.range;
    const j = judge(ctx, entry?.value, is.true);
    if (j.outcome === 'secure') return { status: 'met', evidence: `point-in-time recovery is on in ${name}`, range };
    if (j.outcome === 'unknown') return { status: 'cannot-tell', reason: `${name}: point_in_time_recovery: ${j.reason}`, range };
    const title = `Turn on point-in-time recovery in ${name} (point_in_time_recovery = true)`;
    const source = fixSource(ctx, replica, ['point_in_time_recovery'], true, title);
    if (source) return { status: 'gap', message: `Point-in-time recovery is off for the replica in ${name}${j.outcome === 'insecure' && j.evidence ? ` (${j.evidence})` : ''}.`, range, fixes: source };
    const layout = doc ? layoutOf(doc) : undefined;
    const edits = doc && layout ? [entry ? hclReplaceValue(doc.uri, layout, entry, true) : hclInsertIntoBlock(doc.uri, layout, replica, { point_in_time_recovery: true })] : undefined;
    return { status: 'gap', message: `Point-in-time recovery is off for the replica in ${name}.`, range, fixes: fixWith(edits, title) };
  });
}

export const dynamodbPointInTimeRecovery = defineRule({
  id: 'dynamodb-table-pitr',
  title: 'DynamoDB table has point-in-time recovery',
  aspect: 'resilience',
  severity: 'warning',
  references: { securityHub: ['DynamoDB.2'], checkov: ['CKV_AWS_28', 'CKV_AWS_165'] },
  docs: {
    why: 'Without point-in-time recovery an accidental or malicious write, delete or bulk update cannot be undone; with it the table can be restored to any second of the last 35 days.',
    owner: 'Shared: DynamoDB stores the data durably and runs the continuous backups; turning them on is the customer\'s choice, and it is off by default.',
    fix: 'Sets PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true (point_in_time_recovery { enabled = true } in Terraform), and the same per replica of a global table.',
    mayBreak: 'Continuous backups are billed per GB of table size; restores create a new table.',
  },
  cloudformation: {
    types: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
    check: (table, ctx) => {
      if (table.type === 'AWS::DynamoDB::GlobalTable') return globalTableReplicas(ctx, table);
      return checkSetting(table, ctx, {
        path: PITR_CFN,
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Point-in-time recovery is off (PointInTimeRecoveryEnabled is not true).',
        met: 'point-in-time recovery is on',
        fix: { title: 'Turn on point-in-time recovery (PointInTimeRecoveryEnabled: true)', value: true },
      });
    },
  },
  terraform: {
    types: ['aws_dynamodb_table'],
    check: (table, ctx) => [
      ...checkSetting(table, ctx, {
        path: ['point_in_time_recovery', 'enabled'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Point-in-time recovery is off (point_in_time_recovery { enabled = true } is missing).',
        met: 'point-in-time recovery is on',
        fix: { title: 'Turn on point-in-time recovery (point_in_time_recovery { enabled = true })', value: true },
      }),
      ...terraformReplicas(ctx, table),
    ],
  },
});

export const DYNAMODB_RULES: readonly Rule[] = [dynamodbPointInTimeRecovery];
