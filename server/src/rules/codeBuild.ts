import type { Resource } from '../model/document';
import { getEntry, type MapValue } from '../model/value';
import { looksLikeSecretName } from './ecs';
import { valueVerdicts } from './plaintextSecret';
import type { RuleContext, Verdict } from './rule';
import { blocks, checkSetting, defineRule, is, judge, setting } from './ruleKit';

export const codeBuildNoPrivilegedMode = defineRule({
  id: 'codebuild-project-no-privileged-mode',
  title: 'CodeBuild project does not run builds in privileged mode',
  aspect: 'identity-access',
  severity: 'warning',
  references: { securityHub: ['CodeBuild.5'] },
  docs: {
    why: 'Privileged mode gives the build container access to all devices of its host so it can run a Docker daemon; any build step (or a compromised dependency) gets the same power.',
    owner: 'Customer: CodeBuild runs builds unprivileged unless the project asks for privileged mode.',
    fix: 'Sets PrivilegedMode (privileged_mode) to false.',
    mayBreak: 'Builds that build Docker images (docker build, docker-in-docker) stop working.',
  },
  cloudformation: {
    types: ['AWS::CodeBuild::Project'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['Environment', 'PrivilegedMode'], isSecure: is.false, whenAbsent: 'met', gap: 'Builds run in privileged mode.', met: 'builds run unprivileged', fix: { title: 'Run builds unprivileged (PrivilegedMode: false; docker builds stop working)', value: false } }),
  },
  terraform: {
    types: ['aws_codebuild_project'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['environment', 'privileged_mode'], isSecure: is.false, whenAbsent: 'met', gap: 'Builds run in privileged mode.', met: 'builds run unprivileged', fix: { title: 'Run builds unprivileged (privileged_mode = false; docker builds stop working)', value: false } }),
  },
});

export const codeBuildS3LogsEncrypted = defineRule({
  id: 'codebuild-project-s3-logs-encrypted',
  title: 'CodeBuild project encrypts the build logs it writes to S3',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: { securityHub: ['CodeBuild.3'], checkov: ['CKV_AWS_311'] },
  docs: {
    why: 'Build logs carry environment details, URLs and sometimes secrets echoed by build steps; turning their encryption off leaves them readable to anyone with access to the bucket\'s storage.',
    owner: 'Customer: CodeBuild encrypts S3 logs unless the project disables it.',
    fix: 'Sets EncryptionDisabled (encryption_disabled) of the S3 logs back to false.',
    mayBreak: 'Nothing.',
  },
  cloudformation: {
    types: ['AWS::CodeBuild::Project'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['LogsConfig', 'S3Logs', 'EncryptionDisabled'], isSecure: is.false, whenAbsent: 'met', gap: 'Build logs written to S3 are not encrypted.', met: 'S3 build logs are encrypted (the default)', fix: { title: 'Encrypt S3 build logs (EncryptionDisabled: false)', value: false } }),
  },
  terraform: {
    types: ['aws_codebuild_project'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['logs_config', 's3_logs', 'encryption_disabled'], isSecure: is.false, whenAbsent: 'met', gap: 'Build logs written to S3 are not encrypted.', met: 'S3 build logs are encrypted (the default)', fix: { title: 'Encrypt S3 build logs (encryption_disabled = false)', value: false } }),
  },
});

export const codeBuildArtifactsEncrypted = defineRule({
  id: 'codebuild-project-artifacts-encrypted',
  title: 'CodeBuild project encrypts its build artifacts',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: {},
  docs: {
    why: 'Artifacts are what gets deployed; turning their encryption off leaves the release package unprotected in S3.',
    owner: 'Customer: CodeBuild encrypts artifacts unless the project disables it.',
    fix: 'Sets EncryptionDisabled (encryption_disabled) of the artifacts back to false.',
    mayBreak: 'Consumers reading the artifacts need access to the KMS key used.',
  },
  cloudformation: {
    types: ['AWS::CodeBuild::Project'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['Artifacts', 'EncryptionDisabled'], isSecure: is.false, whenAbsent: 'met', gap: 'Build artifacts are written unencrypted.', met: 'artifacts are encrypted (the default)', fix: { title: 'Encrypt build artifacts (EncryptionDisabled: false)', value: false } }),
  },
  terraform: {
    types: ['aws_codebuild_project'],
    check: (p, ctx) => checkSetting(p, ctx, { path: ['artifacts', 'encryption_disabled'], isSecure: is.false, whenAbsent: 'met', gap: 'Build artifacts are written unencrypted.', met: 'artifacts are encrypted (the default)', fix: { title: 'Encrypt build artifacts (encryption_disabled = false)', value: false } }),
  },
});

/** CloudWatch Logs are on by default; a project logs nowhere only when CloudWatch is disabled and S3 logs are not enabled. */
function loggingVerdicts(ctx: RuleContext, p: Resource, keys: { logs: string; cw: string; s3: string; status: string }): Verdict[] {
  const cw = setting(p, [keys.logs, keys.cw, keys.status]);
  const cwOn = judge(ctx, cw.value, (v) => (v.kind === 'string' ? v.value.toUpperCase() !== 'DISABLED' : undefined));
  if (!cw.entry || cwOn.outcome === 'secure') return [{ status: 'met', evidence: 'builds log to CloudWatch Logs (on by default)', range: cw.range }];
  if (cwOn.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${keys.cw} status: ${cwOn.reason}`, range: cw.range }];
  const s3 = setting(p, [keys.logs, keys.s3, keys.status]);
  const s3On = judge(ctx, s3.value, (v) => (v.kind === 'string' ? v.value.toUpperCase() === 'ENABLED' : undefined));
  if (s3On.outcome === 'secure') return [{ status: 'met', evidence: 'builds log to S3', range: s3.range }];
  if (s3On.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${keys.s3} status: ${s3On.reason}`, range: s3.range }];
  return [{ status: 'gap', message: 'Build logs go nowhere: CloudWatch Logs are disabled and S3 logs are not enabled.', range: cw.range }];
}

export const codeBuildLogging = defineRule({
  id: 'codebuild-project-logging',
  title: 'CodeBuild project keeps build logs',
  aspect: 'logging-monitoring',
  severity: 'warning',
  references: { securityHub: ['CodeBuild.4'] },
  docs: {
    why: 'Build logs are the record of what a pipeline ran with which inputs; without them a tampered build cannot be investigated.',
    owner: 'Customer: CodeBuild logs to CloudWatch Logs by default, but a project can turn every destination off.',
    fix: 'No automatic fix: choose a destination. Remove the DISABLED status of CloudWatch Logs, or enable S3 logs with a bucket.',
    mayBreak: 'Nothing.',
  },
  cloudformation: { types: ['AWS::CodeBuild::Project'], fixable: false, check: (p, ctx) => loggingVerdicts(ctx, p, { logs: 'LogsConfig', cw: 'CloudWatchLogs', s3: 'S3Logs', status: 'Status' }) },
  terraform: { types: ['aws_codebuild_project'], fixable: false, check: (p, ctx) => loggingVerdicts(ctx, p, { logs: 'logs_config', cw: 'cloudwatch_logs', s3: 's3_logs', status: 'status' }) },
});

/** Environment variables of type PLAINTEXT (the default) whose name says they hold a credential. */
function plaintextCredentialVerdicts(ctx: RuleContext, p: Resource, variables: MapValue[], keys: { name: string; value: string; type: string }): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const v of variables) {
    if (v.block === 'dynamic') {
      verdicts.push({ status: 'cannot-tell', reason: 'environment variables come from a dynamic block, whose items SRM Lens cannot enumerate', range: v.range });
      continue;
    }
    const name = judge(ctx, getEntry(v, keys.name)?.value, (x) => (x.kind === 'string' ? looksLikeSecretName(x.value) : undefined));
    if (name.outcome === 'unknown') verdicts.push({ status: 'cannot-tell', reason: `an environment variable name: ${name.reason}`, range: v.range });
    if (name.outcome !== 'secure') continue;
    const type = judge(ctx, getEntry(v, keys.type)?.value, (x) => (x.kind === 'string' ? x.value.toUpperCase() === 'PLAINTEXT' : undefined));
    if (type.outcome === 'insecure') continue; // PARAMETER_STORE or SECRETS_MANAGER: the value is a name, not the secret.
    const value = getEntry(v, keys.value);
    if (!value) continue;
    const label = `Environment variable ${textOf(getEntry(v, keys.name)?.value) ?? ''}`.trim();
    verdicts.push(...valueVerdicts(p, ctx, label, value.value, value.keyRange).filter((x) => x.status !== 'met'));
  }
  return verdicts.length ? verdicts : [{ status: 'met', evidence: 'no credential-like environment variable holds a plain-text value', range: p.idRange }];
}

function textOf(v: { kind: string; value?: unknown } | undefined): string | undefined {
  return v?.kind === 'string' ? String(v.value) : undefined;
}

export const codeBuildNoPlaintextCredentials = defineRule({
  id: 'codebuild-project-no-plaintext-credentials',
  title: 'CodeBuild environment variables hold no plain-text credentials',
  aspect: 'identity-access',
  severity: 'error',
  references: { securityHub: ['CodeBuild.2'] },
  docs: {
    why: 'A PLAINTEXT environment variable is stored in the project definition and shown to anyone who can read it; a credential there is exposed to every reader of the template and the console.',
    owner: 'Customer: CodeBuild injects variables as the project defines them.',
    fix: 'No automatic fix: store the credential in Secrets Manager or Parameter Store and reference it with Type SECRETS_MANAGER or PARAMETER_STORE (type = "SECRETS_MANAGER"); rotate the exposed value.',
    mayBreak: 'The build role needs permission to read the secret.',
  },
  cloudformation: {
    types: ['AWS::CodeBuild::Project'],
    fixable: false,
    check: (p, ctx) => {
      const list = setting(p, ['Environment', 'EnvironmentVariables']).value;
      const maps = list?.kind === 'list' ? list.items.filter((i): i is MapValue => i.kind === 'map') : [];
      return plaintextCredentialVerdicts(ctx, p, maps, { name: 'Name', value: 'Value', type: 'Type' });
    },
  },
  terraform: {
    types: ['aws_codebuild_project'],
    fixable: false,
    check: (p, ctx) => {
      const env = setting(p, ['environment']).value;
      return plaintextCredentialVerdicts(ctx, p, blocks(env?.kind === 'map' ? env : undefined, 'environment_variable'), { name: 'name', value: 'value', type: 'type' });
    },
  },
});

export const CODEBUILD_RULES = [codeBuildNoPrivilegedMode, codeBuildS3LogsEncrypted, codeBuildArtifactsEncrypted, codeBuildLogging, codeBuildNoPlaintextCredentials];
