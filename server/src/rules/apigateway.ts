import type { Resource } from '../model/document';
import type { Value } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is, setting } from './ruleKit';
import { checkNamed } from './ruleKit';

/* ------------------------------------------------------------ access logs */

/** The access log setting of each stage-like type: REST stages write it singular, HTTP/WebSocket stages plural. */
const ACCESS_LOG_KEY: Record<string, string> = {
  'AWS::ApiGateway::Stage': 'AccessLogSetting',
  'AWS::Serverless::Api': 'AccessLogSetting',
  'AWS::ApiGatewayV2::Stage': 'AccessLogSettings',
  'AWS::Serverless::HttpApi': 'AccessLogSettings',
};

export const apigatewayAccessLogging = defineRule({
  id: 'apigateway-stage-access-logging',
  title: 'API Gateway stage writes access logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['APIGateway.9'], checkov: ['CKV_AWS_76'] },
  docs: {
    why: 'Access logs record who called which route, from where and with what result; without them abuse of a public API leaves no trace.',
    owner: 'Customer: API Gateway can write the logs; enabling them and choosing the destination is the customer\'s.',
    fix: 'No automatic fix: the destination log group (or Firehose stream) and the log format are the team\'s decision. Set AccessLogSetting / AccessLogSettings (access_log_settings) with DestinationArn and Format.',
  },
  cloudformation: {
    types: Object.keys(ACCESS_LOG_KEY),
    fixable: false,
    check: (stage, ctx) =>
      checkNamed(stage, ctx, {
        path: [ACCESS_LOG_KEY[stage.type], 'DestinationArn'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: `The stage writes no access logs (no ${ACCESS_LOG_KEY[stage.type]} destination).`,
        met: 'access logs are written',
      }),
  },
  terraform: {
    types: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
    fixable: false,
    check: (stage, ctx) =>
      checkNamed(stage, ctx, {
        path: ['access_log_settings', 'destination_arn'],
        isSecure: is.nonEmpty,
        whenAbsent: 'gap',
        gap: 'The stage writes no access logs (no access_log_settings destination).',
        met: 'access logs are written',
      }),
  },
});

/* ---------------------------------------------------------- authorization */

function literalString(ctx: RuleContext, v: Value | undefined): string | null | undefined {
  const r = ctx.model.resolve(v);
  if (r.status === 'absent') return undefined;
  return r.status === 'known' && r.value.kind === 'string' ? r.value.value : null;
}

function authorizationVerdicts(ctx: RuleContext, holder: Resource, key: string, title: string): Verdict[] {
  return checkSetting(holder, ctx, {
    path: [key],
    isSecure: (v) => (v.kind === 'string' ? v.value.trim().toUpperCase() !== 'NONE' : undefined),
    whenAbsent: 'gap',
    gap: `Anyone who can reach the API can call this ${holder.type.includes('Route') || holder.type.includes('route') ? 'route' : 'method'}: its authorization type is NONE.`,
    met: 'callers must be authorized',
    fix: { title, value: 'AWS_IAM' },
  });
}

/** OPTIONS answers CORS preflight requests, which browsers send without credentials. */
function restMethod(ctx: RuleContext, method: Resource, keys: { httpMethod: string; authorization: string }, title: string): Verdict[] {
  const verb = literalString(ctx, setting(method, [keys.httpMethod]).value);
  if (verb?.toUpperCase() === 'OPTIONS') return [{ status: 'not-applicable', reason: 'OPTIONS (CORS preflight) must stay open' }];
  return authorizationVerdicts(ctx, method, keys.authorization, title);
}

/**
 * HTTP API routes ("GET /items", "$default") take an authorizer; on a
 * WebSocket API only $connect does, so other WebSocket routes are out of scope.
 */
function v2Route(ctx: RuleContext, route: Resource, keys: { routeKey: string; apiId: string; protocol: string; authorization: string }, title: string): Verdict[] {
  const routeKey = literalString(ctx, setting(route, [keys.routeKey]).value);
  const found = setting(route, [keys.authorization]);
  if (typeof routeKey === 'string') {
    const key = routeKey.trim();
    const http = /^\S+ \//.test(key);
    if (!http && key !== '$connect') {
      let websocket = key !== '$default';
      if (!websocket) {
        const api = ctx.model.resolve(setting(route, [keys.apiId]).value);
        const protocol = api.status === 'resource' ? literalString(ctx, setting(api.resource, [keys.protocol]).value) : null;
        if (typeof protocol !== 'string') return [{ status: 'cannot-tell', reason: 'the $default route needs authorization only on an HTTP API, and the API\'s protocol is not known here', range: found.range }];
        websocket = protocol.toUpperCase() === 'WEBSOCKET';
      }
      if (websocket) return [{ status: 'not-applicable', reason: 'WebSocket APIs authorize on $connect only' }];
    }
  } else if (routeKey === null) {
    return [{ status: 'cannot-tell', reason: `${keys.routeKey} cannot be evaluated, so whether the route takes authorization is unknown`, range: found.range }];
  }
  return authorizationVerdicts(ctx, route, keys.authorization, title);
}

export const apigatewayAuthorization = defineRule({
  id: 'apigateway-method-authorization',
  title: 'API Gateway method or route requires authorization',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['APIGateway.8'], checkov: ['CKV_AWS_59'] },
  docs: {
    why: 'A method or route with authorization type NONE hands every request from anyone on the internet to the backend; API keys alone do not identify callers.',
    owner: 'Customer: API Gateway enforces whichever authorizer the API names; choosing one is the customer\'s.',
    fix: 'Sets the authorization type to AWS_IAM, so callers must sign requests with AWS credentials allowed to execute-api:Invoke. A Cognito or Lambda (CUSTOM/JWT) authorizer is the alternative for end users.',
    mayBreak: 'Existing callers that send unsigned requests (browsers, partners, webhooks) receive 403 until they sign requests or another authorizer is set up.',
  },
  cloudformation: {
    types: ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route'],
    check: (holder, ctx) =>
      holder.type === 'AWS::ApiGateway::Method'
        ? restMethod(ctx, holder, { httpMethod: 'HttpMethod', authorization: 'AuthorizationType' }, 'Require IAM authorization (AuthorizationType: AWS_IAM)')
        : v2Route(ctx, holder, { routeKey: 'RouteKey', apiId: 'ApiId', protocol: 'ProtocolType', authorization: 'AuthorizationType' }, 'Require IAM authorization (AuthorizationType: AWS_IAM)'),
  },
  terraform: {
    types: ['aws_api_gateway_method', 'aws_apigatewayv2_route'],
    check: (holder, ctx) =>
      holder.type === 'aws_api_gateway_method'
        ? restMethod(ctx, holder, { httpMethod: 'http_method', authorization: 'authorization' }, 'Require IAM authorization (authorization = "AWS_IAM")')
        : v2Route(ctx, holder, { routeKey: 'route_key', apiId: 'api_id', protocol: 'protocol_type', authorization: 'authorization_type' }, 'Require IAM authorization (authorization_type = "AWS_IAM")'),
  },
});

export const APIGATEWAY_RULES = [apigatewayAccessLogging, apigatewayAuthorization];
