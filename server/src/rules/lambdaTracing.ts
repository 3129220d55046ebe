import type { Resource } from '../model/document';
import { asMap, getEntry, getValue } from '../model/value';
import { lambdaEdgeEvidence } from './lambdaEdge';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, documentOf, is, setting } from './ruleKit';

/** Lambda@Edge does not support X-Ray, so tracing cannot be asked of an edge function. */
function notAtEdge(ctx: RuleContext, fn: Resource, check: () => Verdict[]): Verdict[] {
  const edge = lambdaEdgeEvidence(ctx, fn);
  if (edge) return [{ status: 'not-applicable', reason: `Lambda@Edge does not support X-Ray tracing, and this function runs at the edge: ${edge.because}` }];
  return check();
}

/** Active tracing, from the function itself or (SAM) Globals.Function.Tracing. */
function tracing(ctx: RuleContext, fn: Resource): Verdict[] {
  if (fn.type === 'AWS::Serverless::Function') {
    const own = setting(fn, ['Tracing']);
    const globals = getEntry(asMap(getValue(asMap(getValue(documentOf(ctx, fn)?.root, 'Globals')), 'Function')), 'Tracing');
    if (!own.entry && globals) {
      const r = ctx.model.resolve(globals.value);
      if (r.status === 'known' && r.value.kind === 'string' && r.value.value === 'Active') return [{ status: 'met', evidence: 'X-Ray tracing is active (from Globals)', range: globals.keyRange }];
    }
    return checkSetting(fn, ctx, { path: ['Tracing'], isSecure: is.oneOf('Active'), whenAbsent: 'gap', gap: 'X-Ray tracing is off.', met: 'X-Ray tracing is active', fix: { title: 'Trace invocations with X-Ray (Tracing: Active)', value: 'Active' } });
  }
  return checkSetting(fn, ctx, { path: ['TracingConfig', 'Mode'], isSecure: is.oneOf('Active'), whenAbsent: 'gap', gap: 'X-Ray tracing is off (TracingConfig Mode is not Active).', met: 'X-Ray tracing is active', fix: { title: 'Trace invocations with X-Ray (TracingConfig Mode: Active)', value: 'Active' } });
}

export const lambdaTracing = defineRule({
  id: 'lambda-function-tracing',
  title: 'Lambda function traces invocations with X-Ray',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: {},
  docs: {
    why: 'Traces show which downstream services an invocation called and where it failed or slowed; without them, following one request through a serverless application relies on logs alone.',
    owner: 'Customer: Lambda traces only when the function asks for it. Not applicable to Lambda@Edge functions (associated with a CloudFront distribution, or with a role trusting edgelambda.amazonaws.com), which cannot use X-Ray: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html',
    fix: 'Sets TracingConfig Mode (SAM: Tracing; tracing_config { mode }) to Active.',
    mayBreak: 'Nothing; the function role needs xray:PutTraceSegments (SAM adds it), and traces are billed by X-Ray.',
  },
  cloudformation: { types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], check: (fn, ctx) => notAtEdge(ctx, fn, () => tracing(ctx, fn)) },
  terraform: { types: ['aws_lambda_function'], check: (fn, ctx) => notAtEdge(ctx, fn, () => checkSetting(fn, ctx, { path: ['tracing_config', 'mode'], isSecure: is.oneOf('Active'), whenAbsent: 'gap', gap: 'X-Ray tracing is off.', met: 'X-Ray tracing is active', fix: { title: 'Trace invocations with X-Ray (tracing_config { mode = "Active" })', value: 'Active' } })) },
});

export const LAMBDA_TRACING_RULES = [lambdaTracing];
