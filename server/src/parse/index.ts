import type { TemplateDocument } from '../model/document';
import { buildTemplate } from './cloudformation';
import { parseCloudFormationYaml } from './cloudformationYaml';
import { guessSyntax, looksBinary, whyNotCloudFormation } from './detect';
import { parseJsonValues } from './jsonValues';
import { LIMITS, maxFileSizeWords } from './limits';
import { longFormIntrinsic } from './longFormIntrinsic';
import { parseTerraform } from './terraform';
import { parseTerraformJson } from './terraformJson';
import { parseTerraformPlan, whyNotPlan } from './terraformPlan';
import { yamlSuppressions } from './cloudformation';

export { initTerraformParser } from './treeSitter';

export type ParseOutcome =
  | { kind: 'template'; document: TemplateDocument }
  /** Not something SRM Lens reads (a Kubernetes manifest, a README): no message to the user. */
  | { kind: 'ignored'; reason: string }
  /** Looked like a template but cannot be read: the reason is shown to the user. */
  | { kind: 'error'; reason: string };

/**
 * Parses one file into the model if it is a CloudFormation template or a
 * Terraform file. Never throws: hostile input becomes an outcome with a reason.
 * Terraform needs `initTerraformParser()` awaited once beforehand.
 */
export function parseFile(uri: string, text: string, fileName = uri): ParseOutcome {
  const syntax = guessSyntax(fileName, text);
  if (!syntax) return { kind: 'ignored', reason: 'not a CloudFormation template, Terraform file or Terraform plan' };
  if (syntax === 'terraform-vars') return { kind: 'ignored', reason: 'a Terraform variables file (read with its module)' };
  if (text.length > LIMITS.maxFileBytes) {
    return { kind: 'error', reason: `the file is larger than ${maxFileSizeWords()} (the srmLens.maxFileSizeMB limit) and is skipped` };
  }
  if (looksBinary(text)) return { kind: 'error', reason: 'the file contains binary data (NUL bytes) and is skipped' };
  try {
    switch (syntax) {
      case 'terraform':
        return { kind: 'template', document: parseTerraform(uri, text) };
      case 'terraform-json':
        return { kind: 'template', document: parseTerraformJson(uri, text) };
      case 'terraform-plan': {
        const document = parseTerraformPlan(uri, text);
        // Terraform's JSON that is not a plan (a state, say) is refused with the reason, not shown as a broken plan.
        const why = document.root ? whyNotPlan(document.root) : undefined;
        return why ? { kind: 'error', reason: why } : { kind: 'template', document };
      }
      case 'cloudformation-json': {
        const parsed = parseJsonValues(text, longFormIntrinsic);
        const why = whyNotCloudFormation(parsed.root);
        if (why && !brokenTemplate(text, parsed.errors.length)) return { kind: 'ignored', reason: `not a CloudFormation template: ${why}` };
        return { kind: 'template', document: buildTemplate(uri, syntax, parsed.root, parsed.errors, [], text) };
      }
      case 'cloudformation-yaml': {
        const parsed = parseCloudFormationYaml(text);
        const why = whyNotCloudFormation(parsed.root);
        if (why && !brokenTemplate(text, parsed.errors.length)) return { kind: 'ignored', reason: `not a CloudFormation template: ${why}` };
        const suppressions = yamlSuppressions(text, parsed.lines);
        return { kind: 'template', document: buildTemplate(uri, syntax, parsed.root, parsed.errors, suppressions, text) };
      }
    }
  } catch (error) {
    // A parser bug must not take the editor or a CI scan down with it; its details go to the log, not to the user.
    console.error(`SRM Lens: parsing ${uri} failed:`, error);
    return { kind: 'error', reason: 'SRM Lens could not analyse this file (an internal error, written to its log)' };
  }
}

/**
 * A file that says it is a template but does not parse into one (a half-typed
 * line broke its structure) stays a template, so its syntax errors are shown
 * instead of everything going quiet.
 */
function brokenTemplate(text: string, errorCount: number): boolean {
  return errorCount > 0 && /^\s*"?AWSTemplateFormatVersion"?\s*:/m.test(text);
}
