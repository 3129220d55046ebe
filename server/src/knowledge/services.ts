import { SERVICE_MODELS, TERRAFORM_ONLY_SERVICE_MODELS } from './serviceModels';
import type { ServiceModelEntry } from './types';

const TERRAFORM_PREFIX = 'terraform:';

/**
 * The service-model entry for a knowledge-base service key: a spec short name
 * (`s3`) or `terraform:<package>` for provider services CloudFormation lacks.
 * Every key the generated data uses has an entry; a test holds that.
 */
export function serviceEntry(key: string): ServiceModelEntry {
  const entry = key.startsWith(TERRAFORM_PREFIX) ? TERRAFORM_ONLY_SERVICE_MODELS[key.slice(TERRAFORM_PREFIX.length)] : SERVICE_MODELS[key];
  if (!entry) throw new Error(`SRM Lens has no service model for "${key}"`);
  return entry;
}

export function hasServiceEntry(key: string): boolean {
  return key.startsWith(TERRAFORM_PREFIX) ? key.slice(TERRAFORM_PREFIX.length) in TERRAFORM_ONLY_SERVICE_MODELS : key in SERVICE_MODELS;
}
