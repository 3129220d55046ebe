import type { LinkedModel } from '../link/linkedModel';
import type { Resource } from '../model/document';
import { asList, getPath, getValue, type Value } from '../model/value';
import type { ServiceModel } from './types';

export interface ModelDecision {
  model: ServiceModel;
  reason: string;
}

type Decider = (resource: Resource, model: LinkedModel) => ModelDecision | undefined;

/** The text of a setting when the template states it (through parameters and variables too). */
function literal(model: LinkedModel, value: Value | undefined): string | undefined {
  const r = model.resolve(value);
  if (r.status !== 'known') return undefined;
  return r.value.kind === 'string' ? r.value.value : undefined;
}

function listLiterals(model: LinkedModel, value: Value | undefined): string[] {
  const r = model.resolve(value);
  const list = r.status === 'known' ? asList(r.value) : undefined;
  return (list?.items ?? []).map((i) => literal(model, i)).filter((s): s is string => s !== undefined);
}

const fargateOrEc2 = (setting: string, value: string | undefined): ModelDecision | undefined => {
  if (!value) return undefined;
  const upper = value.toUpperCase();
  if (upper.startsWith('FARGATE')) return { model: 'container', reason: `${setting}: ${value}, AWS runs the hosts` };
  if (upper === 'EC2' || upper === 'EXTERNAL' || upper === 'SPOT' || upper === 'EC2_SPOT') {
    return { model: 'infrastructure', reason: `${setting}: ${value}, the customer runs the hosts` };
  }
  return undefined;
};

/**
 * Services whose model depends on a setting: the resource's own settings
 * decide where they say; otherwise the service's default model applies and
 * the hover says which setting would change it.
 */
const DECIDERS: Readonly<Record<string, Decider>> = {
  'AWS::ECS::Service': (r, m) => fargateOrEc2('LaunchType', literal(m, getValue(r.body, 'LaunchType'))),
  aws_ecs_service: (r, m) => fargateOrEc2('launch_type', literal(m, getValue(r.body, 'launch_type'))),
  'AWS::ECS::TaskDefinition': (r, m) => {
    const compat = listLiterals(m, getValue(r.body, 'RequiresCompatibilities'));
    return compat.length === 1 ? fargateOrEc2('RequiresCompatibilities', compat[0]) : undefined;
  },
  aws_ecs_task_definition: (r, m) => {
    const compat = listLiterals(m, getValue(r.body, 'requires_compatibilities'));
    return compat.length === 1 ? fargateOrEc2('requires_compatibilities', compat[0]) : undefined;
  },
  'AWS::EKS::Nodegroup': () => ({ model: 'infrastructure', reason: 'node groups are EC2 instances in the customer account' }),
  aws_eks_node_group: () => ({ model: 'infrastructure', reason: 'node groups are EC2 instances in the customer account' }),
  'AWS::EKS::FargateProfile': () => ({ model: 'container', reason: 'Fargate runs the pods; AWS runs the hosts' }),
  aws_eks_fargate_profile: () => ({ model: 'container', reason: 'Fargate runs the pods; AWS runs the hosts' }),
  'AWS::EKS::Cluster': () => ({ model: 'container', reason: 'the control plane is run by AWS' }),
  aws_eks_cluster: () => ({ model: 'container', reason: 'the control plane is run by AWS' }),
  'AWS::Batch::ComputeEnvironment': (r, m) => fargateOrEc2('ComputeResources.Type', literal(m, getPath(r.body, ['ComputeResources', 'Type']))),
  aws_batch_compute_environment: (r, m) => {
    const resources = getValue(r.body, 'compute_resources');
    return fargateOrEc2('compute_resources.type', literal(m, resources?.kind === 'map' ? getValue(resources, 'type') : undefined));
  },
  'AWS::Lambda::Function': (r, m) =>
    literal(m, getValue(r.body, 'PackageType')) === 'Image'
      ? { model: 'container', reason: 'PackageType: Image, the customer builds and patches the runtime image' }
      : { model: 'abstract', reason: 'a managed runtime (zip package), patched by AWS' },
  aws_lambda_function: (r, m) =>
    literal(m, getValue(r.body, 'package_type')) === 'Image'
      ? { model: 'container', reason: 'package_type = "Image", the customer builds and patches the runtime image' }
      : { model: 'abstract', reason: 'a managed runtime (zip package), patched by AWS' },
};

export function decideModel(resource: Resource, model: LinkedModel): ModelDecision | undefined {
  return DECIDERS[resource.type]?.(resource, model);
}
