import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { blocks, checkSetting, defineRule, is, judge, setting } from './ruleKit';

export const appSyncFieldLogging = defineRule({
  id: 'appsync-graphql-api-field-logging',
  title: 'AppSync GraphQL API logs resolver activity',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { securityHub: ['AppSync.2'], checkov: ['CKV_AWS_194'] },
  docs: {
    why: 'Field-level logs record resolver errors and requests in CloudWatch Logs; without them, abuse of a GraphQL API (enumeration, failing authorisations) leaves no trace.',
    owner: 'Customer: AppSync logs only when the API\'s LogConfig asks it to.',
    fix: 'No automatic fix: logging needs an IAM role AppSync can assume to write to CloudWatch Logs. Set LogConfig with FieldLogLevel ERROR or ALL and CloudWatchLogsRoleArn (log_config { field_log_level, cloudwatch_logs_role_arn }).',
    mayBreak: 'Nothing; ALL can log request data, so ERROR is the usual choice.',
  },
  cloudformation: {
    types: ['AWS::AppSync::GraphQLApi'],
    fixable: false,
    check: (api, ctx) => checkSetting(api, ctx, { path: ['LogConfig', 'FieldLogLevel'], isSecure: is.oneOf('ERROR', 'ALL', 'INFO', 'DEBUG'), whenAbsent: 'gap', gap: 'Resolver (field-level) logging is off.', met: 'resolver activity is logged' }),
  },
  terraform: {
    types: ['aws_appsync_graphql_api'],
    fixable: false,
    check: (api, ctx) => checkSetting(api, ctx, { path: ['log_config', 'field_log_level'], isSecure: is.oneOf('ERROR', 'ALL', 'INFO', 'DEBUG'), whenAbsent: 'gap', gap: 'Resolver (field-level) logging is off.', met: 'resolver activity is logged' }),
  },
});

/** API_KEY as the default or an additional authentication type. */
function apiKeyVerdicts(ctx: RuleContext, api: Resource, typeKey: string, extraKey: string, extraTypeKey: string): Verdict[] {
  const main = setting(api, [typeKey]);
  const verdicts: Verdict[] = [];
  const mainJ = judge(ctx, main.value, (v) => (v.kind === 'string' ? v.value !== 'API_KEY' : undefined));
  if (mainJ.outcome === 'insecure') verdicts.push({ status: 'gap', message: 'The API authenticates callers with an API key: a static value shipped in clients, which anyone who reads it can reuse.', range: main.range });
  if (mainJ.outcome === 'unknown') verdicts.push({ status: 'cannot-tell', reason: `${typeKey}: ${mainJ.reason}`, range: main.range });
  const extraEntry = setting(api, [extraKey]);
  const providers = extraEntry.value?.kind === 'list' ? extraEntry.value.items.filter((v) => v.kind === 'map') : blocks(api.body, extraKey);
  for (const p of providers) {
    if (p.kind !== 'map') continue;
    const t = p.entries.find((e) => e.key === extraTypeKey);
    const j = judge(ctx, t?.value, (v) => (v.kind === 'string' ? v.value !== 'API_KEY' : undefined));
    if (j.outcome === 'insecure') verdicts.push({ status: 'gap', message: 'An additional authentication provider accepts API keys: a static value shipped in clients, which anyone who reads it can reuse.', range: t?.keyRange ?? p.range });
    if (j.outcome === 'unknown') verdicts.push({ status: 'cannot-tell', reason: `${extraTypeKey}: ${j.reason}`, range: t?.keyRange ?? p.range });
  }
  return verdicts.length ? verdicts : [{ status: 'met', evidence: 'no API key authentication', range: main.range }];
}

export const appSyncNoApiKey = defineRule({
  id: 'appsync-graphql-api-no-api-key',
  title: 'AppSync GraphQL API does not authenticate with API keys',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['AppSync.5'] },
  docs: {
    why: 'An API key identifies an application, not a user, and is embedded in every client; whoever extracts it can call the API until it expires.',
    owner: 'Customer: AppSync enforces the authentication types the customer chooses.',
    fix: 'No automatic fix: moving to Cognito user pools, IAM, OIDC or a Lambda authoriser changes every client. Keep API keys only for deliberately public, read-only data.',
    mayBreak: 'Clients that send only the API key are rejected.',
  },
  cloudformation: { types: ['AWS::AppSync::GraphQLApi'], fixable: false, check: (api, ctx) => apiKeyVerdicts(ctx, api, 'AuthenticationType', 'AdditionalAuthenticationProviders', 'AuthenticationType') },
  terraform: { types: ['aws_appsync_graphql_api'], fixable: false, check: (api, ctx) => apiKeyVerdicts(ctx, api, 'authentication_type', 'additional_authentication_provider', 'authentication_type') },
});

export const appSyncCacheTransitEncryption = defineRule({
  id: 'appsync-api-cache-encrypted-in-transit',
  title: 'AppSync API cache encrypts data in transit',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: {},
  docs: {
    why: 'Without transit encryption, cached resolver results travel unencrypted between AppSync and the cache nodes.',
    owner: 'Customer: AppSync encrypts cache data at rest by default since 2026, but transit encryption is a setting of the cache the customer creates.',
    fix: 'Sets TransitEncryptionEnabled (transit_encryption_enabled) to true.',
    mayBreak: 'The cache is recreated, so it starts empty.',
  },
  cloudformation: {
    types: ['AWS::AppSync::ApiCache'],
    check: (c, ctx) => checkSetting(c, ctx, { path: ['TransitEncryptionEnabled'], isSecure: is.true, whenAbsent: 'gap', gap: 'The API cache does not encrypt data in transit.', met: 'cache traffic is encrypted', fix: { title: 'Encrypt cache traffic (TransitEncryptionEnabled: true; recreates the cache)', value: true } }),
  },
  terraform: {
    types: ['aws_appsync_api_cache'],
    check: (c, ctx) => checkSetting(c, ctx, { path: ['transit_encryption_enabled'], isSecure: is.true, whenAbsent: 'gap', gap: 'The API cache does not encrypt data in transit.', met: 'cache traffic is encrypted', fix: { title: 'Encrypt cache traffic (transit_encryption_enabled = true; recreates the cache)', value: true } }),
  },
});

export const APPSYNC_RULES = [appSyncFieldLogging, appSyncNoApiKey, appSyncCacheTransitEncryption];
