import type { Resource } from '../model/document';
import type { Range } from '../model/range';
import { asMap, getValue, type MapValue } from '../model/value';
import type { RuleContext, Verdict } from './rule';
import { defineRule, documentOf, setting } from './ruleKit';

/**
 * SAM Api and HttpApi events of a function: each route is protected by the
 * event's own Auth.Authorizer, else by the DefaultAuthorizer of the API it
 * names (RestApiId / ApiId), else by Globals.Api / Globals.HttpApi for the
 * implicit API. "NONE" switches an authorizer off for one route.
 */

type Auth = { state: 'set'; name: string } | { state: 'none' } | { state: 'unknown'; reason: string };

function authorizerAt(ctx: RuleContext, map: MapValue | undefined, key: string): Auth {
  const value = getValue(asMap(getValue(map, 'Auth')), key);
  if (!value) return { state: 'none' };
  const r = ctx.model.resolve(value);
  if (r.status === 'known' && r.value.kind === 'string') return r.value.value === 'NONE' ? { state: 'none' } : { state: 'set', name: r.value.value };
  if (r.status === 'absent') return { state: 'none' };
  return { state: 'unknown', reason: r.status === 'unknown' ? r.reason : 'it is not a literal authorizer name' };
}

function eventVerdict(ctx: RuleContext, fn: Resource, name: string, event: MapValue, keyRange: Range): Verdict | undefined {
  const type = ctx.model.resolve(getValue(event, 'Type'));
  if (type.status !== 'known' || type.value.kind !== 'string' || !['Api', 'HttpApi'].includes(type.value.value)) return undefined;
  const kind = type.value.value;
  const props = asMap(getValue(event, 'Properties'));
  const own = getValue(asMap(getValue(props, 'Auth')), 'Authorizer');
  if (own) {
    const a = authorizerAt(ctx, props, 'Authorizer');
    if (a.state === 'set') return { status: 'met', evidence: `event ${name} uses authorizer ${a.name}`, range: keyRange };
    if (a.state === 'unknown') return { status: 'cannot-tell', reason: `event ${name} Auth.Authorizer: ${a.reason}`, range: keyRange };
    return { status: 'gap', message: `${kind} event ${name} turns authorization off (Authorizer: NONE): anyone on the internet can invoke this function through the route.`, range: keyRange };
  }
  const apiRef = getValue(props, kind === 'Api' ? 'RestApiId' : 'ApiId');
  let api: MapValue | undefined;
  let where: string;
  if (apiRef) {
    const r = ctx.model.resolve(apiRef);
    if (r.status !== 'resource') return { status: 'cannot-tell', reason: `event ${name} names an API SRM Lens cannot follow`, range: keyRange };
    api = asMap(getValue(r.resource.body, 'Auth')) ? r.resource.body : undefined;
    where = r.resource.id;
  } else {
    const globals = asMap(getValue(documentOf(ctx, fn)?.root, 'Globals'));
    api = asMap(getValue(globals, kind));
    where = `the implicit API (Globals.${kind})`;
  }
  const d = authorizerAt(ctx, api, 'DefaultAuthorizer');
  if (d.state === 'set') return { status: 'met', evidence: `event ${name} is protected by ${where}'s default authorizer ${d.name}`, range: keyRange };
  if (d.state === 'unknown') return { status: 'cannot-tell', reason: `${where} DefaultAuthorizer: ${d.reason}`, range: keyRange };
  return { status: 'gap', message: `${kind} event ${name} has no authorizer, and ${where} has no default authorizer: anyone on the internet can invoke this function through the route.`, range: keyRange };
}

export const samApiEventAuthorizer = defineRule({
  id: 'serverless-api-event-authorizer',
  title: 'SAM Api and HttpApi events require an authorizer',
  aspect: 'identity-access',
  severity: 'warning',
  references: {},
  docs: {
    why: 'An API route without an authorizer lets anyone who finds the URL invoke the function, with the function role\'s permissions behind it.',
    owner: 'Customer: API Gateway enforces the authorizers the template configures; routes are open unless one is set.',
    fix: 'No automatic fix: choose the authorizer (Cognito user pool, JWT, Lambda or AWS_IAM) and set it as Auth.DefaultAuthorizer on the AWS::Serverless::Api / HttpApi (or Globals), or per event in Auth.Authorizer. Deliberately public routes can be suppressed with a reason.',
    mayBreak: 'Callers without credentials get 401 or 403.',
  },
  cloudformation: {
    types: ['AWS::Serverless::Function'],
    fixable: false,
    check: (fn, ctx) => {
      const events = setting(fn, ['Events']);
      const map = asMap(events.value);
      if (!map) return [{ status: 'not-applicable', reason: 'no events' }];
      const verdicts = map.entries.map((e) => (asMap(e.value) ? eventVerdict(ctx, fn, e.key, asMap(e.value)!, e.keyRange) : undefined)).filter((v): v is Verdict => !!v);
      if (!verdicts.length) return [{ status: 'not-applicable', reason: 'no Api or HttpApi events' }];
      const problems = verdicts.filter((v) => v.status !== 'met');
      return problems.length ? problems : [verdicts[0]];
    },
  },
});

export const SAM_API_RULES = [samApiEventAuthorizer];
