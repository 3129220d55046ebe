import type { Resource } from '../model/document';
import type { Value } from '../model/value';
import type { RuleContext } from './rule';
import { setting } from './ruleKit';

/**
 * Whether a Lambda function runs as Lambda@Edge, so that rules can leave
 * out the Lambda features Lambda@Edge does not support (X-Ray, VPC access,
 * dead-letter queues, environment variables: see
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html).
 * Two signs in the same template or module: a CloudFront distribution
 * associates the function (directly, or through a version or alias of it),
 * or the function's execution role trusts edgelambda.amazonaws.com, which
 * only Lambda@Edge needs.
 */

const DISTRIBUTIONS = new Set(['AWS::CloudFront::Distribution', 'aws_cloudfront_distribution']);
/** Resources that stand for a published version of a function, and the setting that names the function. */
const VERSION_OF: Record<string, string> = {
  'AWS::Lambda::Version': 'FunctionName',
  'AWS::Lambda::Alias': 'FunctionName',
  aws_lambda_alias: 'function_name',
};
const ASSOCIATION_KEYS = new Set(['LambdaFunctionARN', 'lambda_arn']);
const EDGE_PRINCIPAL = 'edgelambda.amazonaws.com';

export interface EdgeEvidence {
  /** Said to the user: why the function is taken for Lambda@Edge. */
  because: string;
}

export function lambdaEdgeEvidence(ctx: RuleContext, fn: Resource): EdgeEvidence | undefined {
  for (const dist of ctx.model.resources) {
    if (!DISTRIBUTIONS.has(dist.type)) continue;
    for (const arn of associationValues(dist.body)) {
      if (namesFunction(ctx, arn, fn, 0)) return { because: `CloudFront distribution ${dist.id} runs it as Lambda@Edge` };
    }
  }
  const role = ctx.model.resolve(setting(fn, [fn.type.startsWith('AWS::') ? 'Role' : 'role']).value);
  if (role.status === 'resource' && mentionsText(role.resource.body, EDGE_PRINCIPAL)) return { because: `its role ${role.resource.id} trusts ${EDGE_PRINCIPAL}, as only Lambda@Edge needs` };
  return undefined;
}

/** Every Lambda ARN a distribution associates with a cache behavior, wherever it is nested. */
function associationValues(v: Value | undefined): Value[] {
  if (!v) return [];
  if (v.kind === 'map') return v.entries.flatMap((e) => (ASSOCIATION_KEYS.has(e.key) ? [e.value] : associationValues(e.value)));
  if (v.kind === 'list') return v.items.flatMap(associationValues);
  if (v.kind === 'intrinsic') return associationValues(v.argument);
  return [];
}

/** Whether a value refers to the function, or to a version or alias of it. */
function namesFunction(ctx: RuleContext, v: Value, fn: Resource, depth: number): boolean {
  if (depth > 3) return false;
  const r = ctx.model.resolve(v);
  if (r.status === 'resource') {
    if (r.resource === fn) return true;
    const key = VERSION_OF[r.resource.type];
    const named = key && setting(r.resource, [key]).value;
    return named ? namesFunction(ctx, named, fn, depth + 1) : false;
  }
  // Built ARNs: !Sub "${Fn.Arn}:3", "${aws_lambda_function.f.arn}:${aws_lambda_function.f.version}".
  if (v.kind === 'expression') return v.references.some((ref) => ref === fn.id || ref.startsWith(`${fn.id}.`));
  if (v.kind === 'intrinsic') {
    const arg = v.argument;
    // SAM's AutoPublishAlias: !Ref Fn.Version names the published version of Fn.
    if (v.name === 'Ref' && arg.kind === 'string') return arg.value === `${fn.id}.Version` || arg.value === `${fn.id}.Alias`;
    if (v.name === 'Fn::Sub') {
      const text = arg.kind === 'string' ? arg.value : arg.kind === 'list' && arg.items[0]?.kind === 'string' ? arg.items[0].value : '';
      return new RegExp(`\\$\\{${fn.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.[A-Za-z]+)?\\}`).test(text);
    }
    return arg.kind === 'list' && arg.items.some((item) => namesFunction(ctx, item, fn, depth + 1));
  }
  if (v.kind === 'list') return v.items.some((item) => namesFunction(ctx, item, fn, depth + 1));
  return false;
}

function mentionsText(v: Value | undefined, text: string): boolean {
  if (!v) return false;
  switch (v.kind) {
    case 'string':
      return v.value.includes(text);
    case 'expression':
    case 'unknown':
      return v.text.includes(text);
    case 'map':
      return v.entries.some((e) => mentionsText(e.value, text));
    case 'list':
      return v.items.some((item) => mentionsText(item, text));
    case 'intrinsic':
      return mentionsText(v.argument, text);
    default:
      return false;
  }
}
