import data from './data/serviceModels.json';
import type { ServiceModelEntry } from './types';

// AWS's three service categories (Shared Responsibility Model / security best practices):
// infrastructure = the customer runs the guest OS; container = AWS runs OS and platform,
// the customer configures the platform; abstract = AWS runs everything up to the endpoint.
// `mixed` is used only where a setting decides; data/typeModels.json gives every type of a
// mixed service its model or its deciding setting. sourceConfirmed is true only for URLs
// returned by documentation search; everything else points at SECURITY_DOCS_INDEX rather
// than a guessed URL. The facts live in data/serviceModels.json, validated at generation.

/** Keyed by the service short name of @aws-cdk/aws-service-spec (e.g. `s3`, `ec2`, `rds`, `apigateway`). */
export const SERVICE_MODELS: Readonly<Record<string, ServiceModelEntry>> = data.services as Record<string, ServiceModelEntry>;

/** Provider services CloudFormation lacks, keyed by the Terraform provider's package name. */
export const TERRAFORM_ONLY_SERVICE_MODELS: Readonly<Record<string, ServiceModelEntry>> = data.terraformOnlyServices as Record<string, ServiceModelEntry>;
