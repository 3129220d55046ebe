import { stringify } from 'yaml';
import { describeRule, type RuleCase } from './ruleHarness';

/**
 * Writes rule fixtures from plain objects, so one rule's YAML, JSON and HCL
 * cases state the same resource three ways without three hand-written texts.
 * The texts still go through the real parsers; the kit only prints them.
 */

export type Props = Record<string, unknown>;

/** Terraform text written as is (`var.mode`, `aws_kms_key.k.arn`). */
export interface Raw {
  raw: string;
}
export const raw = (text: string): Raw => ({ raw: text });

/** A Terraform map written as an attribute (`tags = { ... }`) rather than a nested block. */
export interface Attr {
  attr: Props;
}
export const attr = (map: Props): Attr => ({ attr: map });

export interface CfnTemplate {
  resources: Record<string, { Type: string; Properties?: Props; Metadata?: Props }>;
  parameters?: Props;
  globals?: Props;
  transform?: boolean;
}

function cfnObject(t: CfnTemplate): Props {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    ...(t.transform ? { Transform: 'AWS::Serverless-2016-10-31' } : {}),
    ...(t.globals ? { Globals: t.globals } : {}),
    ...(t.parameters ? { Parameters: t.parameters } : {}),
    Resources: t.resources,
  };
}

/** CloudFormation YAML (intrinsics in their long form, which YAML templates accept). */
export const cfnYaml = (t: CfnTemplate): string => stringify(cfnObject(t));
export const cfnJson = (t: CfnTemplate): string => JSON.stringify(cfnObject(t), null, 2);

export interface HclResource {
  type: string;
  name: string;
  body: Props;
}

/** A Terraform module text: variables (without default unless given) and resources. */
export function hcl(resources: HclResource[], variables: Record<string, { default?: unknown; sensitive?: boolean }> = {}): string {
  const out: string[] = [];
  for (const [name, v] of Object.entries(variables)) {
    const lines = [`variable "${name}" {`];
    if (v.sensitive) lines.push('  sensitive = true');
    if (v.default !== undefined) lines.push(`  default = ${hclValue(v.default, '  ')}`);
    out.push([...lines, '}'].join('\n'));
  }
  for (const r of resources) out.push(`resource "${r.type}" "${r.name}" {\n${hclBody(r.body, '  ')}}`);
  return out.join('\n\n') + '\n';
}

function isRaw(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && 'raw' in v;
}
function isAttr(v: unknown): v is Attr {
  return typeof v === 'object' && v !== null && 'attr' in v;
}
function isBlock(v: unknown): v is Props {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isRaw(v) && !isAttr(v);
}

function hclBody(body: Props, indent: string): string {
  let text = '';
  for (const [key, value] of Object.entries(body)) {
    if (isBlock(value)) text += `${indent}${key} {\n${hclBody(value, indent + '  ')}${indent}}\n`;
    else if (Array.isArray(value) && value.length > 0 && value.every(isBlock)) for (const item of value) text += `${indent}${key} {\n${hclBody(item as Props, indent + '  ')}${indent}}\n`;
    else text += `${indent}${key} = ${hclValue(value, indent)}\n`;
  }
  return text;
}

function hclValue(value: unknown, indent: string): string {
  if (isRaw(value)) return value.raw;
  if (isAttr(value)) return `{\n${Object.entries(value.attr).map(([k, v]) => `${indent}  ${JSON.stringify(k)} = ${hclValue(v, indent + '  ')}\n`).join('')}${indent}}`;
  if (Array.isArray(value)) return `[${value.map((v) => hclValue(v, indent)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return hclValue(attr(value as Props), indent);
  return JSON.stringify(value);
}

/** Deep merge for fixture variations: `undefined` deletes a key. */
export function merge(base: Props, over: Props): Props {
  const out: Props = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete out[k];
    else if (isBlock(v) && isBlock(out[k])) out[k] = merge(out[k] as Props, v);
    else out[k] = v;
  }
  return out;
}

export interface SideCases {
  type: string;
  base: Props;
  fail: Props;
  pass: Props;
  /** A variation whose value comes from an input without default (`Mode` / `var.mode`). */
  unknown?: Props;
  noFix?: boolean;
  /** Further resources the fixture needs (CloudFormation: by logical id; Terraform: `type.name`). */
  others?: Record<string, { Type: string; Properties?: Props }> | HclResource[];
}

/**
 * The harness's standard cases for a rule over one CloudFormation type and
 * one Terraform type, written once as property objects: YAML and JSON from
 * `cloudformation`, HCL from `terraform`. `{ Ref: 'Mode' }` and
 * `raw('var.mode')` name an input without default.
 */
export function describeSettingRule(ruleId: string, sides: { cloudformation?: SideCases; terraform?: SideCases }): void {
  const cases: Partial<Record<'yaml' | 'json' | 'terraform', RuleCase>> = {};
  const cf = sides.cloudformation;
  if (cf) {
    const template = (props: Props) => ({
      parameters: { Mode: { Type: 'String' } },
      resources: { ...((cf.others as Record<string, { Type: string; Properties?: Props }>) ?? {}), Subject: { Type: cf.type, Properties: merge(cf.base, props) } },
    });
    for (const [syntax, write] of [['yaml', cfnYaml], ['json', cfnJson]] as const) {
      cases[syntax] = {
        resource: 'Subject',
        fail: write(template(cf.fail)),
        pass: write(template(cf.pass)),
        unknown: cf.unknown ? write(template(cf.unknown)) : undefined,
        noFix: cf.noFix,
      };
    }
  }
  const tf = sides.terraform;
  if (tf) {
    const module = (props: Props) => hcl([...((tf.others as HclResource[]) ?? []), { type: tf.type, name: 'subject', body: merge(tf.base, props) }], { mode: {} });
    cases.terraform = { resource: `${tf.type}.subject`, fail: module(tf.fail), pass: module(tf.pass), unknown: tf.unknown ? module(tf.unknown) : undefined, noFix: tf.noFix };
  }
  describeRule(ruleId, cases);
}
