import { secretVerdicts } from './plaintextSecret';
import type { Resource } from '../model/document';
import type { RuleContext, Verdict } from './rule';
import { checkSetting, defineRule, is, judge, setting } from './ruleKit';

export const dmsReplicationInstanceNotPublic = defineRule({
  id: 'dms-replication-instance-not-public',
  title: 'DMS replication instance is not publicly accessible',
  aspect: 'network-exposure',
  severity: 'error',
  references: { securityHub: ['DMS.1'] },
  docs: {
    why: 'A public replication instance gets a public IP address; it holds credentials for the source and target databases and streams their data.',
    owner: 'Customer: in CloudFormation PubliclyAccessible defaults to true, so the template has to turn it off; Terraform\'s default is false.',
    fix: 'Sets PubliclyAccessible (publicly_accessible) to false.',
    mayBreak: 'Endpoints reachable only over the internet (a database outside AWS without VPN or Direct Connect) can no longer be reached; the instance is replaced.',
  },
  cloudformation: {
    types: ['AWS::DMS::ReplicationInstance'],
    check: (r, ctx) => checkSetting(r, ctx, { path: ['PubliclyAccessible'], isSecure: is.false, whenAbsent: 'gap', gap: 'The replication instance is publicly accessible (PubliclyAccessible defaults to true).', met: 'the replication instance is private', fix: { title: 'Make the replication instance private (PubliclyAccessible: false; replaces it)', value: false } }),
  },
  terraform: {
    types: ['aws_dms_replication_instance'],
    check: (r, ctx) => checkSetting(r, ctx, { path: ['publicly_accessible'], isSecure: is.false, whenAbsent: 'met', gap: 'The replication instance is publicly accessible.', met: 'the replication instance is private', fix: { title: 'Make the replication instance private (publicly_accessible = false; replaces it)', value: false } }),
  },
});

export const dmsReplicationInstanceAutoMinor = defineRule({
  id: 'dms-replication-instance-auto-minor-version-upgrade',
  title: 'DMS replication instance takes minor engine upgrades automatically',
  aspect: 'platform-patching',
  severity: 'warning',
  references: { securityHub: ['DMS.6'] },
  docs: {
    why: 'Minor replication engine versions carry security fixes; with automatic upgrades off, each waits for someone to apply it.',
    owner: 'Shared: AWS builds and rolls out engine versions; the customer decides whether they are applied automatically. CloudFormation defaults to true, Terraform to false.',
    fix: 'Sets AutoMinorVersionUpgrade (auto_minor_version_upgrade) to true.',
    mayBreak: 'Upgrades happen in the maintenance window and interrupt running tasks briefly.',
  },
  cloudformation: {
    types: ['AWS::DMS::ReplicationInstance'],
    check: (r, ctx) => checkSetting(r, ctx, { path: ['AutoMinorVersionUpgrade'], isSecure: is.true, whenAbsent: 'aws-default', gap: 'Automatic minor version upgrades are turned off.', met: 'minor versions are upgraded automatically (the default)', fix: { title: 'Upgrade minor versions automatically (AutoMinorVersionUpgrade: true)', value: true } }),
  },
  terraform: {
    types: ['aws_dms_replication_instance'],
    check: (r, ctx) => checkSetting(r, ctx, { path: ['auto_minor_version_upgrade'], isSecure: is.true, whenAbsent: 'gap', gap: 'Automatic minor version upgrades are off (auto_minor_version_upgrade defaults to false).', met: 'minor versions are upgraded automatically', fix: { title: 'Upgrade minor versions automatically (auto_minor_version_upgrade = true)', value: true } }),
  },
});

/** Engines whose DMS endpoints connect over a database protocol that SSL can protect. */
const SSL_ENGINES = ['mysql', 'mariadb', 'postgres', 'aurora', 'aurora-postgresql', 'aurora-serverless', 'aurora-postgresql-serverless', 'oracle', 'sqlserver', 'babelfish', 'mongodb', 'docdb', 'db2', 'db2-zos', 'sybase', 'redshift', 'redshift-serverless', 'redis'];

function sslVerdicts(ctx: RuleContext, ep: Resource, engineKey: string, sslKey: string, fixTitle: string): Verdict[] {
  const engine = judge(ctx, setting(ep, [engineKey]).value, (v) => (v.kind === 'string' ? SSL_ENGINES.includes(v.value.toLowerCase()) : undefined));
  if (engine.outcome === 'insecure') return [{ status: 'not-applicable', reason: `${engineKey} is not a database engine DMS connects to over SSL` }];
  if (engine.outcome === 'unknown') return [{ status: 'cannot-tell', reason: `${engineKey}: ${engine.reason}` }];
  return checkSetting(ep, ctx, { path: [sslKey], isSecure: (v) => (v.kind === 'string' ? v.value.toLowerCase() !== 'none' : undefined), whenAbsent: 'gap', gap: 'The endpoint connects to its database without SSL (SSL mode none, the default).', met: 'the endpoint connects over SSL', fix: { title: fixTitle, value: 'require' } });
}

export const dmsEndpointSsl = defineRule({
  id: 'dms-endpoint-ssl',
  title: 'DMS endpoint connects to its database over SSL',
  aspect: 'encryption-in-transit',
  severity: 'warning',
  references: {},
  docs: {
    why: 'Without SSL, the data DMS migrates and the database credentials travel in clear text between the replication instance and the database.',
    owner: 'Customer: the SSL mode of an endpoint is none unless the customer sets it.',
    fix: 'Sets SslMode (ssl_mode) to require. verify-ca or verify-full additionally check the server certificate and need a certificate imported into DMS.',
    mayBreak: 'The connection fails if the database does not accept SSL connections.',
  },
  cloudformation: { types: ['AWS::DMS::Endpoint'], check: (ep, ctx) => sslVerdicts(ctx, ep, 'EngineName', 'SslMode', 'Connect over SSL (SslMode: require; the database must accept SSL)') },
  terraform: { types: ['aws_dms_endpoint'], check: (ep, ctx) => sslVerdicts(ctx, ep, 'engine_name', 'ssl_mode', 'Connect over SSL (ssl_mode = "require"; the database must accept SSL)') },
});

export const dmsEndpointNoPlaintextPassword = defineRule({
  id: 'dms-endpoint-no-plaintext-password',
  title: 'DMS endpoint password is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: {
    why: 'The endpoint password logs in to a source or target database; written into the template it lands in source control and in every copy of the template, plan or state.',
    owner: 'Customer: DMS stores the password the customer supplies.',
    fix: 'No automatic fix: give DMS access through Secrets Manager (SecretsManagerSecretId and SecretsManagerAccessRoleArn in the engine settings), or pass the password as a NoEcho parameter or a variable without default; change the exposed password.',
  },
  cloudformation: { types: ['AWS::DMS::Endpoint'], fixable: false, check: (ep, ctx) => secretVerdicts(ep, ctx, { path: ['Password'], what: 'The endpoint password' }) },
  terraform: { types: ['aws_dms_endpoint'], fixable: false, check: (ep, ctx) => secretVerdicts(ep, ctx, { path: ['password'], what: 'The endpoint password' }) },
});

export const DMS_RULES = [dmsReplicationInstanceNotPublic, dmsReplicationInstanceAutoMinor, dmsEndpointSsl, dmsEndpointNoPlaintextPassword];
