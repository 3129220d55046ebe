import type { Resource } from '../model/document';
import { getEntry, type MapValue } from '../model/value';
import { fixInItem } from './itemKit';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is, judge, setting } from './ruleKit';

/* API Gateway settings beyond the stage and method rules of apigateway.ts:
 * cache encryption (REST stages) and route authorization (HTTP and
 * WebSocket APIs). */

function stageCacheVerdicts(ctx: RuleContext, stage: Resource): Verdict[] {
  const list = setting(stage, ['MethodSettings']).value;
  const items = list?.kind === 'list' ? list.items.filter((i): i is MapValue => i.kind === 'map') : [];
  const verdicts: Verdict[] = [];
  for (const item of items) {
    const caching = judge(ctx, getEntry(item, 'CachingEnabled')?.value, is.true);
    if (caching.outcome === 'insecure' || caching.outcome === 'absent') continue;
    if (caching.outcome === 'unknown') {
      verdicts.push({ status: 'cannot-tell', reason: `CachingEnabled: ${caching.reason}`, range: item.range });
      continue;
    }
    const enc = getEntry(item, 'CacheDataEncrypted');
    const j = judge(ctx, enc?.value, is.true);
    if (j.outcome === 'secure') verdicts.push({ status: 'met', evidence: 'cached responses are encrypted', range: item.range });
    else if (j.outcome === 'unknown') verdicts.push({ status: 'cannot-tell', reason: `CacheDataEncrypted: ${j.reason}`, range: enc?.keyRange ?? item.range });
    else verdicts.push({ status: 'gap', message: 'Caching is on but cached responses are not encrypted (CacheDataEncrypted is not true).', range: enc?.keyRange ?? item.range, fixes: fixInItem(ctx, stage, item, ['CacheDataEncrypted'], true, 'Encrypt cached responses (CacheDataEncrypted: true)') });
  }
  if (!verdicts.length) return [{ status: 'not-applicable', reason: 'no method setting turns caching on' }];
  const problems = verdicts.filter((v) => v.status !== 'met');
  return problems.length ? problems : [verdicts[0]];
}

export const apiGatewayCacheEncrypted = defineRule({
  id: 'apigateway-stage-cache-encrypted',
  title: 'API Gateway REST API cache encrypts cached responses',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['APIGateway.5'], checkov: ['CKV_AWS_308'] },
  docs: {
    why: 'Cached responses can hold the same personal or secret data as the backend\'s answers; unencrypted, they sit in plain form on the cache cluster\'s storage.',
    owner: 'Customer: API Gateway encrypts the cache only when the method settings ask for it.',
    fix: 'Sets CacheDataEncrypted (cache_data_encrypted) to true in each method setting that turns caching on.',
    mayBreak: 'Nothing; the cache is flushed.',
  },
  cloudformation: { types: ['AWS::ApiGateway::Stage'], check: (s, ctx) => stageCacheVerdicts(ctx, s) },
  terraform: {
    types: ['aws_api_gateway_method_settings'],
    check: (s, ctx) => {
      const caching = judge(ctx, setting(s, ['settings', 'caching_enabled']).value, is.true);
      if (caching.outcome === 'absent' || caching.outcome === 'insecure') return [{ status: 'not-applicable', reason: 'caching is not turned on' }];
      if (caching.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `caching_enabled: ${caching.reason}` }];
      return checkSetting(s, ctx, { path: ['settings', 'cache_data_encrypted'], isSecure: is.true, whenAbsent: 'gap', gap: 'Caching is on but cached responses are not encrypted.', met: 'cached responses are encrypted', fix: { title: 'Encrypt cached responses (cache_data_encrypted = true)', value: true } });
    },
  },
});

function routeVerdicts(ctx: RuleContext, route: Resource, keys: { api: string; protocol: string; routeKey: string; auth: string }): Verdict[] {
  const api = ctx.model.resolve(setting(route, [keys.api]).value);
  if (api.status === 'resource') {
    const protocol = ctx.model.resolve(setting(api.resource, [keys.protocol]).value);
    const routeKey = ctx.model.resolve(setting(route, [keys.routeKey]).value);
    const websocket = protocol.status === 'known' && protocol.value.kind === 'string' && protocol.value.value === 'WEBSOCKET';
    if (websocket && routeKey.status === 'known' && routeKey.value.kind === 'string' && routeKey.value.value !== '$connect') {
      return [{ status: 'not-applicable', reason: 'WebSocket routes other than $connect take no authorizer; $connect authorizes the connection' }];
    }
  }
  return checkSetting(route, ctx, {
    path: [keys.auth],
    isSecure: (v) => (v.kind === 'string' ? v.value.toUpperCase() !== 'NONE' : undefined),
    whenAbsent: 'gap',
    gap: 'The route has no authorization type (NONE): anyone who finds the URL can call it.',
    met: 'the route requires authorization',
  });
}

export const apiGatewayV2RouteAuthorization = defineRule({
  id: 'apigateway-v2-route-authorization',
  title: 'API Gateway HTTP and WebSocket routes specify an authorization type',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['APIGateway.8'], checkov: ['CKV_AWS_309'] },
  docs: {
    why: 'A route with authorization type NONE is callable by anyone who finds the endpoint; the integration behind it answers with its own permissions.',
    owner: 'Customer: API Gateway enforces the authorization the route declares.',
    fix: 'No automatic fix: choose JWT, AWS_IAM or CUSTOM (a Lambda authorizer) and the authorizer itself. Deliberately public routes can be suppressed with a reason.',
    mayBreak: 'Callers without credentials get 401 or 403.',
  },
  cloudformation: { types: ['AWS::ApiGatewayV2::Route'], fixable: false, check: (r, ctx) => routeVerdicts(ctx, r, { api: 'ApiId', protocol: 'ProtocolType', routeKey: 'RouteKey', auth: 'AuthorizationType' }) },
  terraform: { types: ['aws_apigatewayv2_route'], fixable: false, check: (r, ctx) => routeVerdicts(ctx, r, { api: 'api_id', protocol: 'protocol_type', routeKey: 'route_key', auth: 'authorization_type' }) },
});

export const APIGATEWAY_ACCESS_RULES = [apiGatewayCacheEncrypted, apiGatewayV2RouteAuthorization];
