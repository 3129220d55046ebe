import type { TemplateFormat } from '../model/document';
import { asMap, getValue, type Value } from '../model/value';

export type SyntaxGuess = TemplateFormat | 'terraform-vars' | undefined;

const RESOURCE_TYPE = /^(AWS|Custom|Alexa)::/;
const YAML_HINT = /^(AWSTemplateFormatVersion|Resources)[ \t]*:/m;
const JSON_HINT = /"(AWSTemplateFormatVersion|Resources)"\s*:/;
/** `terraform show -json` output starts with these two; a plan adds `planned_values` or `resource_changes`. */
const TERRAFORM_SHOW_HINT = /"format_version"\s*:/;
const TERRAFORM_VERSION_HINT = /"terraform_version"\s*:/;
const PLAN_HINT = /"(planned_values|resource_changes)"\s*:/;

/**
 * The syntax a file would be parsed as, from its name and a cheap look at its
 * text. YAML and JSON files are only candidates: `isCloudFormationTemplate`
 * decides after parsing. Kubernetes manifests, workflows and the like fail
 * the text hint and are never parsed at all.
 */
export function guessSyntax(fileName: string, text: string): SyntaxGuess {
  const name = fileName.toLowerCase();
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tf.json')) return 'terraform-json';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'terraform-vars';
  const isJson = name.endsWith('.json');
  const isYaml = name.endsWith('.yaml') || name.endsWith('.yml');
  const isTemplate = name.endsWith('.template') || name.endsWith('.cfn') || name.endsWith('.txt');
  if (!isJson && !isYaml && !isTemplate) return undefined;
  const trimmed = text.trimStart();
  const looksJson = isJson || trimmed.startsWith('{') || trimmed.startsWith('\ufeff{');
  if (looksJson && isTerraformShowOutput(text)) return 'terraform-plan';
  if (looksJson) return JSON_HINT.test(text) ? 'cloudformation-json' : undefined;
  return YAML_HINT.test(text) ? 'cloudformation-yaml' : undefined;
}

/**
 * Output of `terraform show -json`: `format_version` with `planned_values` or
 * `resource_changes` (a plan), or with `terraform_version` (Terraform's own
 * output that is not a plan, such as a state: read so that the user is told
 * why it is not analysed, rather than passed over in silence).
 */
function isTerraformShowOutput(text: string): boolean {
  if (!TERRAFORM_SHOW_HINT.test(text)) return false;
  return PLAN_HINT.test(text) || TERRAFORM_VERSION_HINT.test(text);
}

/**
 * A template has `AWSTemplateFormatVersion`, or a `Resources` mapping whose
 * entries carry an `AWS::`, `Custom::` or `Alexa::` Type. Returns why not,
 * or undefined when it is one.
 */
export function whyNotCloudFormation(root: Value | undefined): string | undefined {
  const map = asMap(root);
  if (!map) return 'the top level is not a mapping';
  if (getValue(map, 'AWSTemplateFormatVersion')) return undefined;
  const resources = asMap(getValue(map, 'Resources'));
  if (!resources) return 'it has neither AWSTemplateFormatVersion nor a Resources mapping';
  for (const entry of resources.entries) {
    const type = getValue(asMap(entry.value), 'Type');
    if (type?.kind === 'string' && RESOURCE_TYPE.test(type.value)) return undefined;
  }
  return 'no entry of Resources has an AWS::, Custom:: or Alexa:: Type';
}

/** Binary content shows NUL bytes early; such files are skipped, not parsed. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 8000 ? text.slice(0, 8000) : text;
  return sample.includes('\u0000');
}
