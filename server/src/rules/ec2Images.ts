import type { Resource } from '../model/document';
import type { Value } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is, setting } from './ruleKit';

/**
 * Instances are the customer's to patch (the infrastructure model). An
 * image written as a fixed AMI ID launches the same, ageing operating
 * system every time; an SSM public parameter (or a most-recent AMI
 * lookup) launches the current, patched image. ECS container instances
 * are told apart by their user data, to name the ECS-optimized parameter.
 */

const SSM_IMAGE_TYPE = 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';

function mentions(value: Value | undefined, needle: RegExp): boolean {
  if (!value) return false;
  switch (value.kind) {
    case 'string':
      return needle.test(value.value);
    case 'expression':
      return needle.test(value.text);
    case 'intrinsic':
      return mentions(value.argument, needle);
    case 'list':
      return value.items.some((i) => mentions(i, needle));
    case 'map':
      return value.entries.some((e) => mentions(e.value, needle));
    default:
      return false;
  }
}

function imageVerdicts(ctx: RuleContext, r: Resource, path: string[], userDataPath: string[]): Verdict[] {
  const found = setting(r, path);
  if (!found.entry || !found.value) return [{ status: 'not-applicable', reason: 'no image is set here (a launch template or the service chooses it)' }];
  const ecs = mentions(setting(r, userDataPath).value, /ECS_CLUSTER/);
  const advice = ecs ? 'resolve the ECS-optimized AMI from its SSM public parameter (/aws/service/ecs/optimized-ami/...)' : 'resolve it from an SSM public parameter (/aws/service/...) or a most-recent AMI lookup';
  const gap = (why: string): Verdict[] => [{ status: 'gap', message: `${ecs ? 'This ECS container instance' : 'The instance'} launches ${why}, so every launch starts from the same ageing, unpatched image; ${advice}.`, range: found.range }];
  const v = found.value;
  if (mentions(v, /\{\{resolve:ssm:/)) return [{ status: 'met', evidence: 'the image comes from an SSM parameter at deploy time', range: found.range }];
  if (v.kind === 'intrinsic' && v.name === 'Fn::FindInMap') return gap('from a fixed AMI ID per Region (a mapping)');
  if (v.kind === 'intrinsic' && v.name === 'Ref' && v.argument.kind === 'string') {
    const input = ctx.model.input(v.argument.value);
    if (input?.type === SSM_IMAGE_TYPE) return [{ status: 'met', evidence: `parameter ${input.name} resolves the image from SSM at deploy time`, range: found.range }];
    if (input && !input.default) return [{ status: 'cannot-tell', reason: `the image comes from parameter ${input.name}, which has no default; an AMI ID given at deploy time may be old`, range: found.range }];
  }
  if (v.kind === 'expression' && v.references.some((x) => /^data\.(aws_ami|aws_ssm_parameter|aws_ami_ids)\./.test(x))) return [{ status: 'met', evidence: 'the image is looked up at plan time', range: found.range }];
  const res = ctx.model.resolve(v);
  if (res.status === 'known' && res.value.kind === 'string') {
    if (/^ami-[0-9a-f]+$/.test(res.value.value.trim())) return gap(`from a fixed AMI ID (${res.value.value.trim()}${res.via ? `, ${res.via}` : ''})`);
    return [{ status: 'cannot-tell', reason: `the image ${res.value.value} is not an AMI ID SRM Lens can judge`, range: found.range }];
  }
  if (res.status === 'resource') return [{ status: 'met', evidence: `the image is built by ${res.resource.id}`, range: found.range }];
  return [{ status: 'cannot-tell', reason: `image: ${res.status === 'unknown' ? res.reason : 'it cannot be evaluated'}`, range: found.range }];
}

export const ec2ImageCurrent = defineRule({
  id: 'ec2-instance-image-current',
  title: 'EC2 instances launch from a current image, not a fixed AMI ID',
  aspect: 'platform-patching',
  severity: 'info',
  references: {},
  docs: {
    why: 'The guest operating system is the customer\'s to patch. A fixed AMI ID (or a per-Region mapping of them) launches the image of the day it was written, missing every patch since; replacement instances start unpatched too.',
    owner: 'Customer: AWS publishes patched images and their IDs as SSM public parameters; which image an instance starts from, and patching it afterwards, is the customer\'s.',
    fix: 'No automatic fix: the right image family is the team\'s choice. Use a parameter of type AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> with a default such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 (ECS container instances: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id), or a data "aws_ssm_parameter" / data "aws_ami" with most_recent in Terraform. Patch running instances with Systems Manager Patch Manager.',
    mayBreak: 'A newer image can change package versions; test the user data against it.',
  },
  cloudformation: {
    types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
    fixable: false,
    check: (r, ctx) => (r.type === 'AWS::EC2::LaunchTemplate' ? imageVerdicts(ctx, r, ['LaunchTemplateData', 'ImageId'], ['LaunchTemplateData', 'UserData']) : imageVerdicts(ctx, r, ['ImageId'], ['UserData'])),
  },
  terraform: {
    types: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
    fixable: false,
    check: (r, ctx) => (r.type === 'aws_instance' ? imageVerdicts(ctx, r, ['ami'], ['user_data']) : imageVerdicts(ctx, r, ['image_id'], ['user_data'])),
  },
});

export const ec2DetailedMonitoring = defineRule({
  id: 'ec2-instance-detailed-monitoring',
  title: 'EC2 instance has detailed monitoring',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: {},
  docs: {
    why: 'Basic monitoring samples every five minutes; a short spike of CPU or network (a miner, an exfiltration burst) can fall between samples.',
    owner: 'Customer: detailed (one-minute) monitoring is a per-instance choice, off by default.',
    fix: 'Sets Monitoring (monitoring) to true.',
    mayBreak: 'Nothing; detailed metrics are billed by CloudWatch.',
  },
  cloudformation: { types: ['AWS::EC2::Instance'], check: (i, ctx) => checkSetting(i, ctx, { path: ['Monitoring'], isSecure: is.true, whenAbsent: 'gap', gap: 'The instance has only basic (five-minute) monitoring.', met: 'detailed monitoring is on', fix: { title: 'Turn detailed monitoring on (Monitoring: true)', value: true } }) },
  terraform: { types: ['aws_instance'], check: (i, ctx) => checkSetting(i, ctx, { path: ['monitoring'], isSecure: is.true, whenAbsent: 'gap', gap: 'The instance has only basic (five-minute) monitoring.', met: 'detailed monitoring is on', fix: { title: 'Turn detailed monitoring on (monitoring = true)', value: true } }) },
});

export const EC2_IMAGE_RULES = [ec2ImageCurrent, ec2DetailedMonitoring];
