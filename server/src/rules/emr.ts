import { checkNamed, defineRule, is } from './ruleKit';

export const emrSecurityConfiguration = defineRule({
  id: 'emr-cluster-security-configuration',
  title: 'EMR cluster uses a security configuration',
  aspect: 'encryption-at-rest',
  severity: 'warning',
  references: {},
  docs: {
    why: 'Encryption of EMRFS data, local disks and traffic between nodes, and Kerberos authentication, are all set in a security configuration; a cluster without one runs with none of them.',
    owner: 'Customer: EMR applies the security configuration the cluster names; there is none by default.',
    fix: 'No automatic fix: create an AWS::EMR::SecurityConfiguration (aws_emr_security_configuration) with at-rest and in-transit encryption and name it in SecurityConfiguration (security_configuration).',
    mayBreak: 'In-transit encryption needs certificates for the nodes; the cluster is replaced.',
  },
  cloudformation: {
    types: ['AWS::EMR::Cluster'],
    fixable: false,
    check: (c, ctx) => checkNamed(c, ctx, { path: ['SecurityConfiguration'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The cluster names no security configuration, so its data is not encrypted by EMR.', met: 'the cluster uses a security configuration' }),
  },
  terraform: {
    types: ['aws_emr_cluster'],
    fixable: false,
    check: (c, ctx) => checkNamed(c, ctx, { path: ['security_configuration'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The cluster names no security configuration, so its data is not encrypted by EMR.', met: 'the cluster uses a security configuration' }),
  },
});

export const emrLogging = defineRule({
  id: 'emr-cluster-logging',
  title: 'EMR cluster archives its logs to S3',
  aspect: 'logging-monitoring',
  severity: 'info',
  references: {},
  docs: {
    why: 'Without a log URI, step and node logs live only on the cluster nodes and disappear when the cluster terminates.',
    owner: 'Customer: EMR archives logs only to the S3 location the cluster names.',
    fix: 'No automatic fix: name an S3 location in LogUri (log_uri).',
    mayBreak: 'Nothing; the cluster is replaced.',
  },
  cloudformation: {
    types: ['AWS::EMR::Cluster'],
    fixable: false,
    check: (c, ctx) => checkNamed(c, ctx, { path: ['LogUri'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The cluster archives no logs to S3 (LogUri is not set).', met: 'logs are archived to S3' }),
  },
  terraform: {
    types: ['aws_emr_cluster'],
    fixable: false,
    check: (c, ctx) => checkNamed(c, ctx, { path: ['log_uri'], isSecure: is.nonEmpty, whenAbsent: 'gap', gap: 'The cluster archives no logs to S3 (log_uri is not set).', met: 'logs are archived to S3' }),
  },
});

export const EMR_RULES = [emrSecurityConfiguration, emrLogging];
