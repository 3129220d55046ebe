import type { Resource } from '../model/document';
import { asMap, getEntry, getValue, type MapValue } from '../model/value';
import type { Fix, RuleContext, Verdict } from './rule';
import { ask, assignment, blockEntries, dynamicOnPath, fixInItem, isUnknown, items, perItem, textOf, unreadBlock } from './itemKit';
import { checkSetting, defineRule, fixSet, is, setting } from './ruleKit';

/*
 * Amazon CloudFront distributions. AWS runs the edge network and its TLS
 * stack; which protocols viewers may use, which certificate and TLS floor
 * the distribution presents, how it talks to origins and whether it logs
 * requests are the customer's settings.
 */

const DIST_CFN = 'AWS::CloudFront::Distribution';
const DIST_TF = 'aws_cloudfront_distribution';
const CONFIG = 'DistributionConfig';

/** One cache behavior: its map, where it sits, and how a message names it. */
interface Behavior {
  map: MapValue;
  label: string;
  /** The default behavior is edited by path; ordered behaviors as list items or repeated blocks. */
  isDefault: boolean;
}

function behaviors(ctx: RuleContext, dist: Resource): { list: Behavior[]; unknown: Verdict[] } {
  const cfn = dist.type === DIST_CFN;
  const list: Behavior[] = [];
  const unknown: Verdict[] = [];
  const defaultPath = cfn ? [CONFIG, 'DefaultCacheBehavior'] : ['default_cache_behavior'];
  const def = asMap(setting(dist, defaultPath).value);
  if (dynamicOnPath(dist, defaultPath)) unknown.push({ status: 'cannot-tell', reason: 'the default cache behavior is built by a dynamic block', range: setting(dist, defaultPath).range });
  else if (def) list.push({ map: def, label: 'the default cache behavior', isDefault: true });
  const pathKey = cfn ? 'PathPattern' : 'path_pattern';
  const label = (map: MapValue) => {
    const p = textOf(ctx, getValue(map, pathKey));
    return 'text' in p ? `the cache behavior for ${p.text}` : 'a cache behavior';
  };
  if (cfn) {
    const s = setting(dist, [CONFIG, 'CacheBehaviors']);
    const found = items(ctx, s.value);
    if (!('maps' in found)) unknown.push({ status: 'cannot-tell', reason: `CacheBehaviors: ${found.unknown}`, range: s.range });
    else {
      unknown.push(...found.unknown.map((u): Verdict => ({ status: 'cannot-tell', reason: `a cache behavior: ${u.reason}`, range: u.range })));
      list.push(...found.maps.map((map) => ({ map, label: label(map), isDefault: false })));
    }
  } else {
    for (const e of blockEntries(dist.body, 'ordered_cache_behavior')) {
      const map = asMap(e.value);
      if (!map || map.block === 'dynamic') unknown.push({ status: 'cannot-tell', reason: `cache behaviors: ${unreadBlock(ctx, e)}`, range: e.keyRange });
      else list.push({ map, label: label(map), isDefault: false });
    }
  }
  return { list, unknown };
}

// ------------------------------------------------------- viewer protocol

const HTTPS_POLICIES = ['redirect-to-https', 'https-only'];

function viewerHttps(dist: Resource, ctx: RuleContext): Verdict[] {
  const cfn = dist.type === DIST_CFN;
  const key = cfn ? 'ViewerProtocolPolicy' : 'viewer_protocol_policy';
  const { list, unknown } = behaviors(ctx, dist);
  const verdicts: Verdict[] = [...unknown];
  for (const b of list) {
    const entry = getEntry(b.map, key);
    const answer = ask(ctx, entry?.value, is.oneOf(...HTTPS_POLICIES), false);
    const range = entry?.keyRange ?? b.map.range;
    if (isUnknown(answer)) verdicts.push({ status: 'cannot-tell', reason: `${b.label}: ${answer.unknown}`, range });
    else if (answer) verdicts.push({ status: 'met', evidence: `${b.label} requires HTTPS`, range });
    else {
      const title = `Redirect viewers to HTTPS (${assignment(dist, key, 'redirect-to-https')})`;
      const fixes: Fix[] = b.isDefault ? fixSet(ctx, dist, cfn ? [CONFIG, 'DefaultCacheBehavior', key] : ['default_cache_behavior', key], 'redirect-to-https', title) : fixInItem(ctx, dist, b.map, [key], 'redirect-to-https', title);
      verdicts.push({ status: 'gap', message: `Viewers can use plain HTTP for ${b.label} (${key} is ${entry ? 'allow-all' : 'not set'}).`, range, fixes });
    }
  }
  if (list.length === 0 && unknown.length === 0) return [{ status: 'cannot-tell', reason: 'the distribution declares no cache behavior SRM Lens can read', range: dist.idRange }];
  return perItem(verdicts, 'every cache behavior requires HTTPS from viewers');
}

export const cloudfrontViewerHttps = defineRule({
  id: 'cloudfront-viewer-https',
  title: 'CloudFront requires HTTPS from viewers',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['CloudFront.3'], checkov: ['CKV_AWS_34'] },
  docs: {
    why: 'With allow-all, requests and responses, cookies and tokens included, can travel between the viewer and the edge without encryption.',
    owner: 'Shared: CloudFront terminates TLS at the edge; requiring it for each cache behavior is the customer\'s setting.',
    fix: 'Sets ViewerProtocolPolicy (viewer_protocol_policy) to redirect-to-https on every cache behavior that allows HTTP.',
    mayBreak: 'Clients that cannot follow a redirect to HTTPS or cannot do TLS at all (some old devices).',
  },
  cloudformation: { types: [DIST_CFN], check: viewerHttps },
  terraform: { types: [DIST_TF], check: viewerHttps },
});

// ------------------------------------------------------- minimum TLS version

const RECOMMENDED_TLS = 'TLSv1.2_2021';
const MODERN_TLS = /^TLSv1\.[23]_\d{4}$/;

function minimumTls(dist: Resource, ctx: RuleContext): Verdict[] {
  const cfn = dist.type === DIST_CFN;
  const path = cfn ? [CONFIG, 'ViewerCertificate'] : ['viewer_certificate'];
  const certificate = setting(dist, path);
  if (dynamicOnPath(dist, path)) return [{ status: 'cannot-tell', reason: 'the viewer certificate is built by a dynamic block', range: certificate.range }];
  const map = asMap(certificate.value);
  const custom = (cfn ? ['AcmCertificateArn', 'IamCertificateId'] : ['acm_certificate_arn', 'iam_certificate_id']).some((k) => getEntry(map, k));
  const defaultKey = cfn ? 'CloudFrontDefaultCertificate' : 'cloudfront_default_certificate';
  // Turning the default certificate off without naming another is a configuration CloudFront rejects; the TLS floor written is still the author's intent.
  const noCertificate = !custom && ask(ctx, getValue(map, defaultKey), is.false, false) === true;
  if (!custom && !noCertificate) {
    // The *.cloudfront.net certificate always negotiates down to TLS 1.0; only a custom certificate can raise the floor.
    return [{
      status: 'gap',
      message: 'The distribution uses the default *.cloudfront.net certificate, which accepts TLS 1.0 and 1.1; a TLS 1.2 minimum needs a custom certificate (ACM) and an alternate domain name.',
      range: certificate.range,
    }];
  }
  const key = cfn ? 'MinimumProtocolVersion' : 'minimum_protocol_version';
  const note = noCertificate ? `; ${defaultKey} is false but no certificate is named, which CloudFront rejects until one is` : '';
  return checkSetting(dist, ctx, {
    path: [...path, key],
    isSecure: (v) => (v.kind === 'string' ? MODERN_TLS.test(v.value) : undefined),
    whenAbsent: 'gap',
    gap: `Viewers can connect with TLS 1.0 or 1.1: ${setting(dist, [...path, key]).entry ? `${key} allows them` : `${key} is not set, so CloudFront uses TLSv1`}${note}.`,
    met: `viewers need TLS 1.2 or later${note}`,
    fix: { title: `Require TLS 1.2 (${assignment(dist, key, RECOMMENDED_TLS)})`, value: RECOMMENDED_TLS },
  });
}

export const cloudfrontMinimumTls = defineRule({
  id: 'cloudfront-minimum-tls',
  title: 'CloudFront accepts TLS 1.2 or later from viewers',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { checkov: ['CKV_AWS_174'] },
  docs: {
    why: 'TLS 1.0 and 1.1 have known weaknesses; a distribution that still negotiates them lets a downgraded connection carry viewer traffic.',
    owner: 'Shared: AWS maintains CloudFront\'s TLS implementation; the certificate and the security policy a distribution presents are the customer\'s choice.',
    fix: `Sets MinimumProtocolVersion (minimum_protocol_version) to ${RECOMMENDED_TLS} when the distribution has a custom certificate. A distribution on the default *.cloudfront.net certificate gets no fix: it always accepts TLS 1.0, and moving to a custom certificate needs a domain and an ACM certificate in us-east-1 that only the team can provide.`,
    mayBreak: 'Viewers limited to TLS 1.0 or 1.1 (old Android and Windows versions, embedded clients) can no longer connect.',
  },
  cloudformation: { types: [DIST_CFN], check: minimumTls },
  terraform: { types: [DIST_TF], check: minimumTls },
});

// ------------------------------------------------------------ origin protocol

/** Viewer policies of every behavior: a match-viewer origin is only as secure as the least secure of them. */
function viewersAllowHttp(ctx: RuleContext, dist: Resource): boolean | { unknown: string } {
  const key = dist.type === DIST_CFN ? 'ViewerProtocolPolicy' : 'viewer_protocol_policy';
  const { list, unknown } = behaviors(ctx, dist);
  for (const b of list) {
    const answer = ask(ctx, getValue(b.map, key), is.oneOf(...HTTPS_POLICIES), false);
    if (isUnknown(answer)) return answer;
    if (!answer) return true;
  }
  return unknown.length ? { unknown: 'some cache behaviors cannot be read' } : false;
}

function originHttps(dist: Resource, ctx: RuleContext): Verdict[] {
  const cfn = dist.type === DIST_CFN;
  const keys = cfn ? { custom: 'CustomOriginConfig', policy: 'OriginProtocolPolicy', domain: 'DomainName' } : { custom: 'custom_origin_config', policy: 'origin_protocol_policy', domain: 'domain_name' };
  const origins: { map: MapValue; range: MapValue['range'] }[] = [];
  const verdicts: Verdict[] = [];
  if (cfn) {
    const s = setting(dist, [CONFIG, 'Origins']);
    const found = items(ctx, s.value);
    if (!('maps' in found)) return [{ status: 'cannot-tell', reason: `Origins: ${found.unknown}`, range: s.range }];
    verdicts.push(...found.unknown.map((u): Verdict => ({ status: 'cannot-tell', reason: `an origin: ${u.reason}`, range: u.range })));
    origins.push(...found.maps.map((map) => ({ map, range: map.range })));
  } else {
    for (const e of blockEntries(dist.body, 'origin')) {
      const map = asMap(e.value);
      if (!map || map.block === 'dynamic') verdicts.push({ status: 'cannot-tell', reason: `origins: ${unreadBlock(ctx, e)}`, range: e.keyRange });
      else if (asMap(getValue(map, keys.custom))?.block === 'dynamic') verdicts.push({ status: 'cannot-tell', reason: 'an origin\'s custom_origin_config is built by a dynamic block', range: e.keyRange });
      else origins.push({ map, range: e.keyRange });
    }
  }
  for (const origin of origins) {
    const config = asMap(getValue(origin.map, keys.custom));
    if (!config) continue; // S3 origins always use HTTPS with origin access control
    const domain = textOf(ctx, getValue(origin.map, keys.domain));
    const name = 'text' in domain ? domain.text : 'a custom origin';
    const entry = getEntry(config, keys.policy);
    const policy = textOf(ctx, entry?.value);
    const range = entry?.keyRange ?? origin.range;
    if ('unknown' in policy) {
      verdicts.push({ status: 'cannot-tell', reason: `${name}: ${policy.unknown}`, range });
      continue;
    }
    const value = 'text' in policy ? policy.text : undefined;
    const met: Verdict = { status: 'met', evidence: `${name} is reached over HTTPS`, range };
    if (value === 'https-only') {
      verdicts.push(met);
      continue;
    }
    if (value === 'match-viewer') {
      const viewers = viewersAllowHttp(ctx, dist);
      if (viewers === false) {
        verdicts.push(met);
        continue;
      }
      if (typeof viewers === 'object') {
        verdicts.push({ status: 'cannot-tell', reason: `${name} matches the viewer protocol, and ${viewers.unknown}`, range });
        continue;
      }
    }
    // S3 website endpoints speak only HTTP: switching them to HTTPS would break the origin, so they get no fix.
    const website = /\.s3-website[.-]/.test(name);
    const title = `Connect to the origin over HTTPS only (${assignment(dist, keys.policy, 'https-only')})`;
    verdicts.push({
      status: 'gap',
      message: value === 'match-viewer' ? `CloudFront reaches ${name} over HTTP whenever a viewer uses HTTP (${keys.policy} is match-viewer).` : `CloudFront reaches ${name} over plain HTTP (${keys.policy} is ${value ?? 'not set'}).`,
      range,
      fixes: website ? [] : fixInItem(ctx, dist, config, [keys.policy], 'https-only', title),
    });
  }
  return perItem(verdicts, 'no custom origin: S3 origins are always reached over HTTPS');
}

export const cloudfrontOriginHttps = defineRule({
  id: 'cloudfront-origin-https',
  title: 'CloudFront reaches custom origins over HTTPS',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: { securityHub: ['CloudFront.9'] },
  docs: {
    why: 'Between the edge and a custom origin the traffic crosses the internet; with http-only (or match-viewer while viewers may use HTTP) it does so unencrypted, even when viewers used HTTPS.',
    owner: 'Customer: CloudFront connects the way the origin configuration says; the origin and its certificate are the customer\'s.',
    fix: 'Sets OriginProtocolPolicy (origin_protocol_policy) to https-only. Origins on an S3 website endpoint get no fix, because those endpoints do not serve HTTPS.',
    mayBreak: 'Origins without a valid certificate for the origin domain name, or that do not listen for HTTPS on the configured HTTPS port.',
  },
  cloudformation: { types: [DIST_CFN], check: originHttps },
  terraform: { types: [DIST_TF], check: originHttps },
});

// --------------------------------------------------------------- logging

function accessLogging(dist: Resource, ctx: RuleContext): Verdict[] {
  const cfn = dist.type === DIST_CFN;
  const legacy = setting(dist, cfn ? [CONFIG, 'Logging'] : ['logging_config']);
  if (!cfn && dynamicOnPath(dist, ['logging_config'])) return [{ status: 'cannot-tell', reason: 'logging_config is built by a dynamic block', range: legacy.range }];
  if (legacy.entry) return [{ status: 'met', evidence: 'standard logging writes access logs to S3', range: legacy.range }];
  // Standard logging v2 delivers through CloudWatch Logs delivery resources that name the distribution.
  const source = ctx.model.referencesTo(dist).find((r) => r.from.type === (cfn ? 'AWS::Logs::DeliverySource' : 'aws_cloudwatch_log_delivery_source'));
  if (source) return [{ status: 'met', evidence: `${source.from.id} delivers the distribution's access logs`, range: source.from.idRange }];
  return [{ status: 'gap', message: `Access logging is not configured (no ${cfn ? 'Logging' : 'logging_config'}, and no log delivery source names this distribution).`, range: legacy.range }];
}

export const cloudfrontAccessLogging = defineRule({
  id: 'cloudfront-access-logging',
  title: 'CloudFront writes access logs',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: { securityHub: ['CloudFront.5'], checkov: ['CKV_AWS_86'] },
  docs: {
    why: 'Access logs record each viewer request with its address, path and result, which is what an investigation of abuse or data exposure through the distribution works from.',
    owner: 'Customer: CloudFront delivers logs only when the customer turns them on and provides the destination.',
    fix: 'No automatic fix: logs need a destination (an S3 bucket with ACLs enabled for legacy logging, or a CloudWatch Logs delivery) that only the team can choose. Add Logging (logging_config) or a log delivery source for the distribution.',
  },
  cloudformation: { types: [DIST_CFN], fixable: false, check: accessLogging },
  terraform: { types: [DIST_TF], fixable: false, check: accessLogging },
});

export const CLOUDFRONT_RULES = [cloudfrontViewerHttps, cloudfrontMinimumTls, cloudfrontOriginHttps, cloudfrontAccessLogging];
