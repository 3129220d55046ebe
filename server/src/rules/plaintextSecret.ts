import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import { asMap, getEntry, getValue, type Value } from '../model/value';
import type { RelatedLocation, RuleContext, Verdict } from './rule';
import { documentOf, judge, is, setting } from './ruleKit';

/**
 * Whether a password-like property keeps its secret out of the template.
 * Safe: a dynamic reference (`{{resolve:secretsmanager:…}}`,
 * `{{resolve:ssm-secure:…}}`), a value from another resource (a generated
 * secret, `random_password`), a Terraform data source, a `NoEcho` parameter
 * or a Terraform variable without default (supplied at deploy time).
 * Unsafe: a literal, or a parameter or variable whose default is the
 * literal. A CloudFormation parameter without `NoEcho` is shown in the
 * console and by DescribeStacks, so it is a gap of its own.
 */

export interface SecretSpec {
  path: readonly string[];
  /** What the property is, for messages: "The master user password". */
  what: string;
  /** A setting that, when true, hands the secret to AWS (ManageMasterUserPassword). */
  managedBy?: readonly string[];
}

export function secretVerdicts(resource: Resource, ctx: RuleContext, spec: SecretSpec): Verdict[] {
  if (spec.managedBy) {
    const managed = setting(resource, spec.managedBy);
    if (managed.entry && judge(ctx, managed.value, is.true).outcome === 'secure') {
      return [{ status: 'met', evidence: `${spec.managedBy.join('.')} is true: AWS keeps the secret in Secrets Manager`, range: managed.range }];
    }
  }
  const found = setting(resource, spec.path);
  if (!found.entry || !found.value) return [{ status: 'met', evidence: `${spec.what} is not written in the template`, range: found.range }];
  return valueVerdicts(resource, ctx, spec.what, found.value, found.range);
}

/** The same judgement for one value (an item of a list: a broker user, an environment variable). */
export function valueVerdicts(resource: Resource, ctx: RuleContext, what: string, value: Value, range = value.range): Verdict[] {
  if (mentionsDynamicReference(value)) return [{ status: 'met', evidence: `${what} is a dynamic reference resolved at deploy time`, range }];
  const parameter = cloudFormationParameter(value);
  if (parameter) return parameterVerdict(resource, ctx, what, parameter, range);
  if (value.kind === 'expression' && value.references.some((r) => r.startsWith('data.'))) {
    return [{ status: 'met', evidence: `${what} is read from a data source at plan time`, range }];
  }
  const r = ctx.model.resolve(value);
  switch (r.status) {
    case 'absent':
      return [{ status: 'met', evidence: `${what} is not set`, range }];
    case 'resource':
      return [{ status: 'met', evidence: `${what} comes from ${r.resource.id}`, range }];
    case 'unknown':
      if (value.kind === 'expression' && value.expressionKind === 'reference' && /^var\.[\w-]+$/.test(value.text.trim())) {
        return [{ status: 'met', evidence: `${what} comes from ${value.text.trim()}, which has no default: it is supplied at plan time`, range }];
      }
      return [{ status: 'cannot-tell', reason: `${what}: ${r.reason}`, range }];
    case 'known': {
      const literal = r.value;
      if (literal.kind === 'string' && /\{\{resolve:(secretsmanager|ssm-secure):/.test(literal.value)) return [{ status: 'met', evidence: `${what} is a dynamic reference`, range }];
      if (literal.kind === 'string' && literal.value.trim() === '') return [{ status: 'met', evidence: `${what} is empty`, range }];
      if (literal.kind !== 'string' && literal.kind !== 'number') return [{ status: 'cannot-tell', reason: `${what} is not a literal SRM Lens can judge`, range }];
      const where = r.via ? ` (${r.via})` : '';
      return [{ status: 'gap', message: `${what} is written in plain text${where}: it lands in source control and in every copy of the template or plan.`, range }];
    }
  }
}

function mentionsDynamicReference(value: Value): boolean {
  switch (value.kind) {
    case 'string':
      return /\{\{resolve:(secretsmanager|ssm-secure):/.test(value.value);
    case 'intrinsic':
      return mentionsDynamicReference(value.argument);
    case 'list':
      return value.items.some(mentionsDynamicReference);
    case 'map':
      return value.entries.some((e) => mentionsDynamicReference(e.value));
    default:
      return false;
  }
}

function cloudFormationParameter(value: Value): string | undefined {
  if (value.kind !== 'intrinsic' || value.name !== 'Ref' || value.argument.kind !== 'string') return undefined;
  return value.argument.value.startsWith('AWS::') ? undefined : value.argument.value;
}

function parameterVerdict(resource: Resource, ctx: RuleContext, what: string, name: string, range: Range): Verdict[] {
  const input = ctx.model.input(name);
  if (!input) return ctx.model.resource(name) ? [{ status: 'met', evidence: `${what} comes from ${name}`, range }] : [{ status: 'cannot-tell', reason: `${what} refers to ${name}, which the template does not declare`, range }];
  const related: RelatedLocation[] = [{ uri: input.uri, range: input.nameRange, message: `parameter ${name}` }];
  if (input.default && !(input.default.kind === 'string' && input.default.value === '')) {
    return [{ status: 'gap', message: `${what} comes from parameter ${name}, whose default writes the secret into the template in plain text.`, range, related }];
  }
  const body = asMap(getValue(asMap(getEntry(documentOf(ctx, resource)?.root, 'Parameters')?.value), name));
  const noEcho = getValue(body, 'NoEcho');
  if (noEcho && judge(ctx, noEcho, is.true).outcome === 'secure') return [{ status: 'met', evidence: `${what} comes from parameter ${name} (NoEcho, no default)`, range }];
  return [{ status: 'gap', message: `${what} comes from parameter ${name} without NoEcho: CloudFormation shows its value in the console and in DescribeStacks.`, range, related }];
}
