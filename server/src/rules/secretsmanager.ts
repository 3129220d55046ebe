import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { defineRule, setting } from './ruleKit';

/**
 * Rotation lives in a separate resource (AWS::SecretsManager::RotationSchedule,
 * aws_secretsmanager_secret_rotation) that points at the secret. A schedule
 * whose secret id cannot be evaluated might point at this secret, so it
 * turns a gap into cannot-tell.
 */
function rotationVerdict(ctx: RuleContext, secret: Resource, scheduleType: string, secretIdKey: string, nameKey: string): Verdict[] {
  const schedules = ctx.model
    .referencesTo(secret)
    .filter((ref) => ref.from.type === scheduleType && ref.property === secretIdKey)
    .map((ref) => ref.from);
  if (schedules.length) return [{ status: 'met', evidence: `${schedules[0].id} rotates this secret`, range: secret.idRange }];
  const name = ctx.model.resolve(setting(secret, [nameKey]).value);
  const secretName = name.status === 'known' && name.value.kind === 'string' ? name.value.value : undefined;
  const undecided: string[] = [];
  for (const schedule of ctx.model.resources.filter((r) => r.type === scheduleType)) {
    const id = ctx.model.resolve(setting(schedule, [secretIdKey]).value);
    if (id.status === 'resource' || id.status === 'absent') continue;
    if (id.status === 'known' && id.value.kind === 'string') {
      // A secret can be named by name or ARN: an ARN ends with the name plus a six-character suffix.
      const text = id.value.value;
      if (secretName && (text === secretName || new RegExp(`:secret:${escapeRegExp(secretName)}(-[A-Za-z0-9]{6})?$`).test(text))) {
        return [{ status: 'met', evidence: `${schedule.id} rotates this secret (by name)`, range: secret.idRange }];
      }
      continue;
    }
    undecided.push(schedule.id);
  }
  if (undecided.length) return [{ status: 'cannot-tell', reason: `${undecided.join(', ')} may rotate this secret, but its ${secretIdKey} cannot be evaluated`, range: secret.idRange }];
  return [{ status: 'gap', message: `No ${scheduleType} rotates this secret.`, range: secret.idRange }];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const secretRotation = defineRule({
  id: 'secretsmanager-secret-rotation',
  title: 'Secrets Manager secret rotates automatically',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['SecretsManager.1'], checkov: ['CKV2_AWS_57'] },
  docs: {
    why: 'A credential that never changes stays valid for as long as anyone who ever saw it keeps a copy; automatic rotation bounds that window.',
    owner: 'Customer: Secrets Manager runs rotation on a schedule, but only when the customer configures it and supplies the rotation function.',
    fix: 'No automatic fix: rotation needs a rotation Lambda function that knows how to change the credential at its source (a database, an API), and the schedule. Add an AWS::SecretsManager::RotationSchedule (HostedRotationLambda for supported databases) or an aws_secretsmanager_secret_rotation.',
    mayBreak: 'Clients that cache the secret value must re-read it after each rotation.',
  },
  cloudformation: {
    types: ['AWS::SecretsManager::Secret'],
    fixable: false,
    check: (secret, ctx) => rotationVerdict(ctx, secret, 'AWS::SecretsManager::RotationSchedule', 'SecretId', 'Name'),
  },
  terraform: {
    types: ['aws_secretsmanager_secret'],
    fixable: false,
    check: (secret, ctx) => {
      // Provider v3/v4 configured rotation inside the secret itself.
      const inline = setting(secret, ['rotation_rules']);
      if (inline.entry || setting(secret, ['rotation_lambda_arn']).entry) return [{ status: 'met', evidence: 'rotation is configured on the secret', range: inline.range }];
      return rotationVerdict(ctx, secret, 'aws_secretsmanager_secret_rotation', 'secret_id', 'name');
    },
  },
});

export const SECRETSMANAGER_RULES = [secretRotation];
