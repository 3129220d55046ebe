import { checkNamed, defineRule, is } from './ruleKit';

export const cloudfrontWaf = defineRule({
  id: 'cloudfront-distribution-waf',
  title: 'CloudFront distribution is protected by AWS WAF',
  aspect: 'firewall',
  severity: 'info',
  references: { securityHub: ['CloudFront.6'] },
  docs: {
    why: 'A web ACL at the edge filters common attacks (injection, bad bots, request floods) before they reach the origin; without one, the origin sees every request.',
    owner: 'Customer: AWS Shield Standard protects every distribution at the network layer; application-layer filtering needs a web ACL the customer associates.',
    fix: 'No automatic fix: the rules of a web ACL are the team\'s choice. Associate an AWS::WAFv2::WebACL with scope CLOUDFRONT in DistributionConfig WebACLId (web_acl_id).',
    mayBreak: 'Rules that match legitimate traffic block it; start managed rule groups in count mode.',
  },
  cloudformation: {
    types: ['AWS::CloudFront::Distribution'],
    fixable: false,
    check: (d, ctx) => checkNamed(d, ctx, { path: ['DistributionConfig', 'WebACLId'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'No AWS WAF web ACL is associated with the distribution.', met: 'a web ACL is associated' }),
  },
  terraform: {
    types: ['aws_cloudfront_distribution'],
    fixable: false,
    check: (d, ctx) => checkNamed(d, ctx, { path: ['web_acl_id'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'No AWS WAF web ACL is associated with the distribution.', met: 'a web ACL is associated' }),
  },
});

export const CLOUDFRONT_WAF_RULES = [cloudfrontWaf];
