import { checkSetting, defineRule, is } from './ruleKit';

const REPO_CFN = ['AWS::ECR::Repository'];
const REPO_TF = ['aws_ecr_repository'];

export const ecrScanOnPush = defineRule({
  id: 'ecr-repository-scan-on-push',
  title: 'ECR repository scans images on push',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['ECR.1'], checkov: ['CKV_AWS_163'] },
  docs: {
    why: 'Images carry their own operating system packages and libraries; scanning them when they are pushed reports known vulnerabilities before the image runs anywhere.',
    owner: 'Customer: ECR stores images as pushed; what is inside them, and whether they are scanned, is the customer\'s.',
    fix: 'Turns basic scanning on push on (ImageScanningConfiguration ScanOnPush: true / image_scanning_configuration { scan_on_push = true }). A registry-level scanning configuration (Amazon Inspector enhanced scanning) overrides this setting where the account uses one.',
    mayBreak: 'Nothing: scans run after the push and do not block it.',
  },
  cloudformation: {
    types: REPO_CFN,
    check: (repo, ctx) =>
      checkSetting(repo, ctx, {
        path: ['ImageScanningConfiguration', 'ScanOnPush'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Images are not scanned for vulnerabilities when pushed (ScanOnPush is not true).',
        met: 'images are scanned on push',
        fix: { title: 'Scan images on push (ScanOnPush: true)', value: true },
      }),
  },
  terraform: {
    types: REPO_TF,
    check: (repo, ctx) =>
      checkSetting(repo, ctx, {
        path: ['image_scanning_configuration', 'scan_on_push'],
        isSecure: is.true,
        whenAbsent: 'gap',
        gap: 'Images are not scanned for vulnerabilities when pushed (scan_on_push is not true).',
        met: 'images are scanned on push',
        fix: { title: 'Scan images on push (scan_on_push = true)', value: true },
      }),
  },
});

/** IMMUTABLE_WITH_EXCLUSION keeps tags immutable except for the filters the team lists. */
const IMMUTABLE = ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'];

export const ecrImmutableTags = defineRule({
  id: 'ecr-repository-immutable-tags',
  title: 'ECR repository makes image tags immutable',
  aspect: 'data-integrity',
  severity: 'warning',
  references: { securityHub: ['ECR.2'], checkov: ['CKV_AWS_51'] },
  docs: {
    why: 'With mutable tags anyone who can push may replace the image behind a tag such as v1.4.2, so what is deployed is no longer what was reviewed and scanned.',
    owner: 'Customer: tag mutability is a repository setting the customer chooses.',
    fix: 'Sets ImageTagMutability / image_tag_mutability to IMMUTABLE.',
    mayBreak: 'Pipelines that re-push a moving tag such as latest fail; push a new tag per build (or use IMMUTABLE_WITH_EXCLUSION for the moving tags).',
  },
  cloudformation: {
    types: REPO_CFN,
    check: (repo, ctx) =>
      checkSetting(repo, ctx, {
        path: ['ImageTagMutability'],
        isSecure: is.oneOf(...IMMUTABLE),
        whenAbsent: 'gap',
        gap: 'Image tags are mutable: a push can replace the image behind an existing tag.',
        met: 'image tags are immutable',
        fix: { title: 'Make image tags immutable (ImageTagMutability: IMMUTABLE)', value: 'IMMUTABLE' },
      }),
  },
  terraform: {
    types: REPO_TF,
    check: (repo, ctx) =>
      checkSetting(repo, ctx, {
        path: ['image_tag_mutability'],
        isSecure: is.oneOf(...IMMUTABLE),
        whenAbsent: 'gap',
        gap: 'Image tags are mutable: a push can replace the image behind an existing tag.',
        met: 'image tags are immutable',
        fix: { title: 'Make image tags immutable (image_tag_mutability = "IMMUTABLE")', value: 'IMMUTABLE' },
      }),
  },
});

export const ECR_RULES = [ecrScanOnPush, ecrImmutableTags];
