import type { Resource } from '../model/document';
import { asList, asMap, getEntry, getValue, type MapEntry, type Value } from '../model/value';
import { unreadBlock } from './itemKit';
import { lambdaEdgeEvidence } from './lambdaEdge';
import type { RuleContext, Verdict } from './rule';
import { defineRule, documentOf, judge } from './ruleKit';

/** An empty list or string of subnets detaches the function from its VPC, as no setting at all does. */
function namesSubnets(v: Value): boolean | undefined {
  if (v.kind === 'list') return v.items.length > 0;
  if (v.kind === 'string') return v.value.trim().length > 0;
  if (v.kind === 'null') return false;
  return undefined;
}

/**
 * A parameter typed as a list of subnet IDs, given without a default: CloudFormation takes only
 * subnet IDs of the account for it, so the function is in the VPC whatever the stack is given.
 */
function subnetParameter(ctx: RuleContext, v: Value): string | undefined {
  if (v.kind !== 'intrinsic' || v.name !== 'Ref' || v.argument.kind !== 'string') return undefined;
  const input = ctx.model.input(v.argument.value);
  return input?.kind === 'parameter' && /^List<AWS::EC2::Subnet::Id>$/.test(input.type ?? '') ? input.name : undefined;
}

interface Keys {
  vpc: string;
  subnets: string;
}

/** Where the function's VPC settings are written: on it, or (SAM) in Globals.Function. */
function vpcEntry(ctx: RuleContext, fn: Resource, keys: Keys): { entry?: MapEntry; fromGlobals: boolean } {
  const own = getEntry(fn.body, keys.vpc);
  if (own || fn.type !== 'AWS::Serverless::Function') return { entry: own, fromGlobals: false };
  const globals = asMap(getValue(asMap(getValue(documentOf(ctx, fn)?.root, 'Globals')), 'Function'));
  const entry = getEntry(globals, keys.vpc);
  return { entry, fromGlobals: entry !== undefined };
}

function inVpc(ctx: RuleContext, fn: Resource, keys: Keys): Verdict[] {
  const edge = lambdaEdgeEvidence(ctx, fn);
  if (edge) return [{ status: 'not-applicable', reason: `Lambda@Edge functions cannot run in a VPC, and this function runs at the edge: ${edge.because}` }];
  const outside = `The function runs outside any VPC (no ${keys.vpc}): its traffic leaves through Lambda's own network, where no security group, network ACL or VPC flow log of the customer's applies.`;
  const { entry, fromGlobals } = vpcEntry(ctx, fn, keys);
  if (!entry) return [{ status: 'gap', message: outside, range: fn.idRange }];
  const where = fromGlobals ? ' (from Globals)' : '';
  const block = asMap(entry.value) ?? asMap(asList(entry.value)?.items.length === 1 ? asList(entry.value)?.items[0] : undefined);
  if (!block || block.block === 'dynamic') return [{ status: 'cannot-tell', reason: `${keys.vpc}: ${unreadBlock(ctx, entry)}`, range: entry.keyRange }];
  const subnets = getEntry(block, keys.subnets);
  if (!subnets) return [{ status: 'gap', message: `${keys.vpc} names no subnets${where}, so the function runs outside the VPC.`, range: entry.keyRange }];
  const typed = subnetParameter(ctx, subnets.value);
  if (typed) return [{ status: 'met', evidence: `the function runs in the subnets parameter ${typed} names${where} (a ${ctx.model.input(typed)?.type} parameter takes subnet IDs only)`, range: subnets.keyRange }];
  const j = judge(ctx, subnets.value, namesSubnets);
  switch (j.outcome) {
    case 'secure':
      return [{ status: 'met', evidence: `the function runs in the VPC's subnets${where}${j.evidence ? ` (${j.evidence})` : ''}`, range: subnets.keyRange }];
    case 'insecure':
    case 'absent':
      return [{ status: 'gap', message: `${keys.vpc} lists no subnets${where}, so the function runs outside the VPC.`, range: subnets.keyRange }];
    case 'unknown':
      return [{ status: 'cannot-tell', reason: `${keys.subnets}: ${j.reason}`, range: subnets.keyRange }];
  }
}

export const lambdaInVpc = defineRule({
  id: 'lambda-function-in-vpc',
  title: 'Lambda function runs in a VPC',
  aspect: 'network-exposure',
  severity: 'info',
  references: { securityHub: ['Lambda.3'], checkov: ['CKV_AWS_117'] },
  docs: {
    why: "A function outside a VPC reaches the internet through Lambda's own network: the customer's security groups, network ACLs, VPC flow logs and egress controls never see its traffic, and it cannot reach private resources without making them public.",
    owner: 'Customer: Lambda attaches a function to a VPC only when its VPC configuration names subnets (and security groups). Not applicable to Lambda@Edge functions, which cannot be configured to reach a VPC: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-edge-function-restrictions.html',
    fix: 'No automatic fix: choose private subnets (with a NAT gateway or VPC endpoints for the AWS services the function calls) and a security group, then set VpcConfig SubnetIds and SecurityGroupIds (vpc_config { subnet_ids, security_group_ids }). The execution role needs the ENI permissions of AWSLambdaVPCAccessExecutionRole.',
    mayBreak: 'Calls to the internet and to AWS services stop unless the subnets route through a NAT gateway or the services have VPC endpoints.',
  },
  cloudformation: { types: ['AWS::Lambda::Function', 'AWS::Serverless::Function'], fixable: false, check: (fn, ctx) => inVpc(ctx, fn, { vpc: 'VpcConfig', subnets: 'SubnetIds' }) },
  terraform: { types: ['aws_lambda_function'], fixable: false, check: (fn, ctx) => inVpc(ctx, fn, { vpc: 'vpc_config', subnets: 'subnet_ids' }) },
});

export const LAMBDA_VPC_RULES = [lambdaInVpc];
