import { jsonReplaceValue } from '../edit/jsonEdits';
import { calendar, referenceDate, standing } from '../knowledge/supportCalendar';
import { layoutOf } from '../edit/sourceLayout';
import { yamlReplaceValue } from '../edit/yamlEdits';
import type { Resource } from '../model/document';
import { asMap, getEntry, type MapEntry, type MapValue, type Value } from '../model/value';
import type { Fix, RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, documentOf, fixSet, is, judge, setting } from './ruleKit';
import { textOf } from './itemKit';

const FUNCTION_CFN = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];
const FUNCTION_TF = ['aws_lambda_function'];

/* ------------------------------------------------------------------ URLs */

export const lambdaUrlAuth = defineRule({
  id: 'lambda-function-url-auth',
  title: 'Lambda function URL requires IAM authentication',
  aspect: 'network-exposure',
  severity: 'error',
  references: { checkov: ['CKV_AWS_258'] },
  docs: {
    why: 'A function URL with AuthType NONE is a public HTTPS endpoint: anyone on the internet who finds it can invoke the function and run up its costs.',
    owner: 'Customer: Lambda serves the URL; whether callers must sign their requests is the customer\'s setting.',
    fix: 'Sets the URL\'s auth type to AWS_IAM, so only callers with lambda:InvokeFunctionUrl permission (signed with SigV4) get through.',
    mayBreak: 'Anonymous callers (browsers, webhooks from third parties) receive 403; put CloudFront with origin access control or API Gateway in front if the function must stay public.',
  },
  cloudformation: {
    types: ['AWS::Lambda::Url', 'AWS::Serverless::Function'],
    check: (resource, ctx) => {
      const sam = resource.type === 'AWS::Serverless::Function';
      if (sam && !setting(resource, ['FunctionUrlConfig']).entry) return [{ status: 'not-applicable', reason: 'no function URL' }];
      return checkSetting(resource, ctx, {
        path: sam ? ['FunctionUrlConfig', 'AuthType'] : ['AuthType'],
        isSecure: is.oneOf('AWS_IAM'),
        whenAbsent: 'gap',
        gap: 'The function URL does not require IAM authentication (AuthType NONE): anyone can invoke the function.',
        met: 'the function URL requires IAM authentication',
        fix: { title: 'Require IAM authentication on the function URL (AuthType: AWS_IAM)', value: 'AWS_IAM' },
      });
    },
  },
  terraform: {
    types: ['aws_lambda_function_url'],
    check: (resource, ctx) =>
      checkSetting(resource, ctx, {
        path: ['authorization_type'],
        isSecure: is.oneOf('AWS_IAM'),
        whenAbsent: 'gap',
        gap: 'The function URL does not require IAM authentication (authorization_type NONE): anyone can invoke the function.',
        met: 'the function URL requires IAM authentication',
        fix: { title: 'Require IAM authentication on the function URL (authorization_type = "AWS_IAM")', value: 'AWS_IAM' },
      }),
  },
});

/* ----------------------------------------------------------- permissions */

export const lambdaPermissionNotPublic = defineRule({
  id: 'lambda-permission-no-public-principal',
  title: 'Lambda permission does not let everyone invoke the function',
  aspect: 'identity-access',
  severity: 'error',
  references: { securityHub: ['Lambda.1'], checkov: ['CKV_AWS_301'] },
  docs: {
    why: 'A resource-based permission for principal "*" with no source ARN, source account or organization lets any AWS account invoke the function. An S3 bucket ARN does not narrow it enough: bucket ARNs name no account, and a deleted bucket\'s name can be taken by anyone, so permissions for S3 also need the source account.',
    owner: 'Customer: the function\'s resource policy is written by the customer.',
    fix: 'No automatic fix: the calling service\'s ARN, the account or the organization is something only the team knows. Name the caller in Principal, or set SourceArn / SourceAccount / PrincipalOrgID; for S3, set SourceAccount (source_account).',
    mayBreak: 'Callers that are not the named principal or source lose the ability to invoke the function.',
  },
  cloudformation: {
    types: ['AWS::Lambda::Permission'],
    fixable: false,
    check: (permission, ctx) => permissionVerdict(ctx, permission, 'Principal', ['SourceArn', 'SourceAccount', 'PrincipalOrgID']),
  },
  terraform: {
    types: ['aws_lambda_permission'],
    fixable: false,
    check: (permission, ctx) => permissionVerdict(ctx, permission, 'principal', ['source_arn', 'source_account', 'principal_org_id']),
  },
});

/**
 * Whether a source ARN names an S3 bucket. Bucket ARNs carry no account, and
 * bucket names are global: once a bucket is deleted, any account can create
 * one with the same name and invoke the function through it, so Lambda.1
 * asks for SourceAccount as well.
 */
function isS3Source(ctx: RuleContext, value: Value | undefined): boolean {
  if (!value) return false;
  const r = ctx.model.resolve(value);
  if (r.status === 'known' && r.value.kind === 'string') return /^arn:aws[a-z-]*:s3:::/.test(r.value.value);
  if (r.status === 'resource') return r.resource.type === 'AWS::S3::Bucket' || r.resource.type === 'aws_s3_bucket';
  if (value.kind === 'intrinsic' && value.name === 'Fn::Sub') {
    const template = value.argument.kind === 'string' ? value.argument.value : value.argument.kind === 'list' && value.argument.items[0]?.kind === 'string' ? value.argument.items[0].value : '';
    return /:s3:::/.test(template);
  }
  return value.kind === 'expression' && /:s3:::/.test(value.text);
}

function permissionVerdict(ctx: RuleContext, permission: Resource, principalKey: string, narrowing: string[]): Verdict[] {
  const [sourceArnKey, sourceAccountKey] = narrowing;
  const principal = setting(permission, [principalKey]);
  const j = judge(ctx, principal.value, (v) => (v.kind === 'string' ? v.value.trim() !== '*' : undefined));
  if (j.outcome === 'absent') return [{ status: 'not-applicable', reason: `no ${principalKey}` }];
  if (j.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${principalKey}: ${j.reason}`, range: principal.range }];
  const present = narrowing.filter((key) => {
    const s = setting(permission, [key]);
    return s.entry && ctx.model.resolve(s.value).status !== 'absent';
  });
  const s3Source = isS3Source(ctx, setting(permission, [sourceArnKey]).value);
  const bucketOnly = s3Source && present.length === 1 && present[0] === sourceArnKey;
  const s3Principal = textOf(ctx, principal.value);
  if (j.outcome === 'secure') {
    if ('text' in s3Principal && s3Principal.text.trim() === 's3.amazonaws.com' && !present.includes(sourceAccountKey)) {
      return [{ status: 'gap', message: `Amazon S3 may invoke this function for ${present.includes(sourceArnKey) ? 'a bucket named only by its ARN' : 'any bucket'}: without ${sourceAccountKey}, a bucket of that name in another account can trigger it (bucket names are global and can be re-created after deletion).`, range: principal.range }];
    }
    return [{ status: 'met', evidence: `the permission names a specific principal`, range: principal.range }];
  }
  if (present.length && !bucketOnly) return [{ status: 'met', evidence: `principal "*" is narrowed by ${present.join(', ')}`, range: principal.range }];
  if (bucketOnly) return [{ status: 'gap', message: `Any AWS principal may invoke this function through an S3 bucket of that name: ${principalKey} is "*" and only ${sourceArnKey} narrows it, but a bucket ARN names no account; add ${sourceAccountKey}.`, range: principal.range }];
  return [{ status: 'gap', message: `Any AWS principal may invoke this function: ${principalKey} is "*" and no ${narrowing.join(', ')} narrows it.`, range: principal.range }];
}

/* --------------------------------------------------------------- runtimes */

/*
 * Deprecation dates come from the Lambda calendar in
 * knowledge/data/supportCalendars.json (dated, sourced, validated), read on
 * the reference date, so verdicts never depend on the wall clock in tests.
 * A confirmed date has passed as announced; a projected one is a future
 * date in AWS's supported-runtimes table, which AWS has moved before (the
 * AL2 runtimes were extended in 2026), so a projected date in the past is
 * not enough for a finding.
 */

/**
 * The newest runtime of each language family confirmed in AWS's table (see
 * above). OS-only runtimes (go1.x, provided, provided.al2) get no fix: moving
 * to provided.al2023 means rebuilding the binary as `bootstrap` for AL2023.
 */
const SUCCESSORS: [RegExp, string][] = [
  [/^nodejs/, 'nodejs24.x'],
  [/^python/, 'python3.14'],
  [/^java/, 'java25'],
  [/^dotnet/, 'dotnet10'],
  [/^ruby/, 'ruby3.4'],
];

function successorOf(runtime: string): string | undefined {
  return SUCCESSORS.find(([family]) => family.test(runtime))?.[1];
}

/** The latest day an entry of the Lambda calendar was checked against its source. */
function lambdaCalendarChecked(): string {
  return calendar('lambda').entries.reduce((latest, e) => (e.checked > latest ? e.checked : latest), '');
}

type RuntimeJudgement = { kind: 'deprecated'; since: string } | { kind: 'projected-past'; since: string } | { kind: 'supported'; until?: string } | { kind: 'unlisted' };

function judgeRuntime(runtime: string, today: string): RuntimeJudgement {
  const s = standing(calendar('lambda'), runtime);
  if (s.kind !== 'listed') return { kind: 'unlisted' };
  const { endOfSupport, status } = s.entry;
  if (endOfSupport > today) return { kind: 'supported', until: endOfSupport };
  return status === 'confirmed' ? { kind: 'deprecated', since: endOfSupport } : { kind: 'projected-past', since: endOfSupport };
}

export const lambdaSupportedRuntime = defineRule({
  id: 'lambda-function-supported-runtime',
  title: 'Lambda function uses a supported runtime',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['Lambda.2'], checkov: ['CKV_AWS_363'] },
  docs: {
    why: 'After a runtime\'s deprecation date Lambda stops applying security patches to it, so the function keeps running on an unpatched language runtime and OS.',
    owner: 'Shared: AWS patches managed runtimes while they are supported; choosing a supported runtime version is the customer\'s. Deprecation dates come from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, kept in knowledge/data/supportCalendars.json with sources and the day checked.',
    fix: 'Sets the runtime to the newest supported one of the same language (nodejs24.x, python3.14, java25, dotnet10, ruby3.4). No fix for go1.x, provided and provided.al2: moving to provided.al2023 needs the binary rebuilt as bootstrap.',
    mayBreak: 'A major language upgrade can break code and dependencies (native modules, removed APIs); run the tests before deploying.',
  },
  cloudformation: {
    types: FUNCTION_CFN,
    check: (fn, ctx) => runtimeVerdicts(ctx, fn, 'Runtime', 'PackageType'),
  },
  terraform: {
    types: FUNCTION_TF,
    check: (fn, ctx) => runtimeVerdicts(ctx, fn, 'runtime', 'package_type'),
  },
});

/** Where a function's runtime is written: its own property, or SAM's Globals.Function.Runtime. */
function runtimeSetting(ctx: RuleContext, fn: Resource, key: string): { value?: Value; entry?: MapEntry; parent?: MapValue; range: ReturnType<typeof setting>['range']; fromGlobals: boolean } {
  const own = setting(fn, [key]);
  if (own.entry || fn.type !== 'AWS::Serverless::Function') return { value: own.value, entry: own.entry, range: own.range, fromGlobals: false };
  const root = documentOf(ctx, fn)?.root;
  const globals = asMap(getEntry(asMap(getEntry(root, 'Globals')?.value), 'Function')?.value);
  const entry = getEntry(globals, key);
  return entry ? { value: entry.value, entry, parent: globals, range: entry.keyRange, fromGlobals: true } : { range: own.range, fromGlobals: false };
}

function runtimeVerdicts(ctx: RuleContext, fn: Resource, key: string, packageKey: string): Verdict[] {
  const image = judge(ctx, setting(fn, [packageKey]).value, is.oneOf('Image'));
  if (image.outcome === 'secure') return [{ status: 'not-applicable', reason: 'a container image function brings its own runtime' }];
  const where = runtimeSetting(ctx, fn, key);
  if (!where.entry) {
    if (image.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${packageKey}: ${image.reason}` }];
    return [{ status: 'not-applicable', reason: `no ${key}: a container image or a function defined elsewhere` }];
  }
  const r = ctx.model.resolve(where.value);
  if (r.status === 'absent') return [{ status: 'not-applicable', reason: `no ${key}` }];
  if (r.status !== 'known' || r.value.kind !== 'string') {
    return [{ status: 'cannot-tell', reason: `${key}: ${r.status === 'unknown' ? r.reason : 'not a literal runtime name'}`, range: where.range }];
  }
  const runtime = r.value.value.trim();
  const via = [where.fromGlobals ? 'from Globals' : '', r.via ?? ''].filter(Boolean).join(', ');
  const suffix = via ? ` (${via})` : '';
  const j = judgeRuntime(runtime, referenceDate());
  switch (j.kind) {
    case 'supported':
      return [{ status: 'met', evidence: `${runtime} is supported${j.until ? ` (AWS projects deprecation on ${j.until})` : ''}${suffix}`, range: where.range }];
    case 'unlisted':
      return [{ status: 'cannot-tell', reason: `${runtime} is not in SRM Lens's Lambda runtime calendar (checked ${lambdaCalendarChecked()}); see ${calendar('lambda').source}`, range: where.range }];
    case 'projected-past':
      return [{ status: 'cannot-tell', reason: `AWS projected deprecation of ${runtime} on ${j.since}, and such dates have been extended before; check the Lambda runtimes page`, range: where.range }];
    case 'deprecated': {
      const successor = successorOf(runtime);
      const fixes = successor && !r.via ? runtimeFix(ctx, fn, key, where, successor) : [];
      return [{ status: 'gap', message: `${runtime} is a deprecated Lambda runtime (since ${j.since}): it no longer receives security patches${suffix}.`, range: where.range, fixes }];
    }
  }
}

/** Writes the successor where the runtime is written: the function itself, or the template's Globals. */
function runtimeFix(ctx: RuleContext, fn: Resource, key: string, where: ReturnType<typeof runtimeSetting>, successor: string): Fix[] {
  const title = `Use the ${successor} runtime`;
  if (!where.fromGlobals) return fixSet(ctx, fn, [key], successor, `${title} (${key}: ${successor})`);
  const doc = documentOf(ctx, fn);
  if (!doc || !where.entry || !where.parent) return [];
  const edit = doc.format === 'cloudformation-yaml' ? yamlReplaceValue(doc.uri, layoutOf(doc), where.entry, where.parent, successor) : jsonReplaceValue(doc.uri, layoutOf(doc), where.entry, successor);
  return [{ title: `${title} for every function (Globals.Function.Runtime: ${successor})`, edits: [edit], preferred: true }];
}

/* ------------------------------------------------- environment variables */

/** Name parts that say "this is a credential". */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'PASS', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'PASSPHRASE']);
const SECRET_PAIRS = [['API', 'KEY'], ['PRIVATE', 'KEY'], ['ACCESS', 'KEY'], ['AUTH', 'KEY'], ['SIGNING', 'KEY'], ['CONNECTION', 'STRING']];
/** Last name parts that say "this names or locates a secret" rather than holding one. */
const POINTER_WORDS = new Set(['ARN', 'NAME', 'PATH', 'PARAM', 'PARAMETER', 'URL', 'URI', 'ENDPOINT', 'REGION', 'TTL', 'LENGTH', 'EXPIRY', 'EXPIRATION', 'HEADER', 'FILE', 'ENABLED', 'TYPE', 'FIELD', 'VERSION', 'KEYS']);

export function looksLikeSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toUpperCase());
  if (!parts.length) return false;
  const last = parts[parts.length - 1];
  if (POINTER_WORDS.has(last)) return false;
  // SECRET_ID names a Secrets Manager secret; ACCESS_KEY_ID, by contrast, is half of a credential.
  if (last === 'ID' && parts.some((p) => p === 'SECRET' || p === 'SECRETS')) return false;
  if (parts.some((p) => SECRET_WORDS.has(p))) return true;
  return SECRET_PAIRS.some(([a, b]) => parts.some((p, i) => p === a && parts[i + 1] === b));
}

/** A literal that is plausibly a credential: not empty, not a flag or number, not a pointer to a secret store. */
function literalSecret(v: Value): string | undefined {
  if (v.kind !== 'string') return undefined;
  const text = v.value.trim();
  if (!text) return undefined;
  if (/^(true|false|yes|no|on|off|none|null)$/i.test(text) || /^\d+$/.test(text)) return undefined;
  if (/^\{\{resolve:/.test(text) || /^arn:/.test(text)) return undefined;
  return text;
}

export const lambdaNoSecretsInEnvironment = defineRule({
  id: 'lambda-function-no-plaintext-secrets',
  title: 'Lambda environment variables hold no literal secrets',
  aspect: 'customer-data',
  severity: 'warning',
  references: {},
  docs: {
    why: 'A password or token written into the template lands in source control, in every stack or plan output, and in the function configuration anyone with lambda:GetFunctionConfiguration can read.',
    owner: 'Customer: Lambda encrypts environment variables at rest, but what is put into them, and where the template keeps it, is the customer\'s.',
    fix: 'No automatic fix: the secret has to be moved to Secrets Manager (or SSM SecureString) and read at run time or through a dynamic reference ({{resolve:secretsmanager:...}}); the value itself must also be rotated, since it has been exposed.',
    mayBreak: 'The function needs permission to read the secret if it fetches it at run time.',
  },
  cloudformation: {
    types: FUNCTION_CFN,
    fixable: false,
    check: (fn, ctx) => environmentVerdicts(ctx, fn, ['Environment', 'Variables']),
  },
  terraform: {
    types: FUNCTION_TF,
    fixable: false,
    check: (fn, ctx) => environmentVerdicts(ctx, fn, ['environment', 'variables']),
  },
});

function environmentVerdicts(ctx: RuleContext, fn: Resource, path: string[]): Verdict[] {
  const variables = setting(fn, path);
  if (!variables.entry) return [{ status: 'met', evidence: 'no environment variables', range: variables.range }];
  // Only what is written here counts: a reference, parameter or variable keeps the value out of the template.
  const map = asMap(variables.value);
  if (!map) {
    const r = ctx.model.resolve(variables.value);
    if (r.status === 'absent') return [{ status: 'met', evidence: 'no environment variables', range: variables.range }];
    return [{ status: 'cannot-tell', reason: `${path.join('.')}: ${r.status === 'unknown' ? r.reason : 'not a map SRM Lens can read'}`, range: variables.range }];
  }
  const gaps: Verdict[] = [];
  for (const entry of map.entries) {
    if (!looksLikeSecretName(entry.key)) continue;
    if (literalSecret(entry.value) === undefined) continue;
    gaps.push({ status: 'gap', message: `Environment variable ${entry.key} holds a literal value that looks like a secret; keep it in Secrets Manager instead.`, range: entry.keyRange });
  }
  return gaps.length ? gaps : [{ status: 'met', evidence: 'no secret-looking environment variable holds a literal value', range: variables.range }];
}

export const LAMBDA_RULES = [lambdaUrlAuth, lambdaPermissionNotPublic, lambdaSupportedRuntime, lambdaNoSecretsInEnvironment];
