import { defineRule } from './ruleKit';
import { secretVerdicts } from './plaintextSecret';

/**
 * Master passwords of database engines written into the template. The safe
 * forms are the same everywhere (see plaintextSecret.ts); where the engine
 * can keep the password in Secrets Manager itself, that setting counts too.
 */

const WHY = 'A database password written into the template lands in source control, in every copy of the template or plan, and in Terraform state; anyone who can read those can log in as the master user.';
const FIX = 'No automatic fix: the password has to move to Secrets Manager (a `{{resolve:secretsmanager:…}}` dynamic reference, a generated secret, or a NoEcho parameter without default / a variable without default), and the exposed password has to be changed.';
const OWNER = 'Customer: AWS stores the password the customer supplies; keeping it out of templates is the customer\'s.';

export const rdsInstanceNoPlaintextPassword = defineRule({
  id: 'rds-instance-no-plaintext-master-password',
  title: 'RDS DB instance master password is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: { why: WHY, owner: OWNER, fix: `${FIX} RDS can also manage the password itself: ManageMasterUserPassword: true (manage_master_user_password = true).` },
  cloudformation: { types: ['AWS::RDS::DBInstance'], fixable: false, check: (db, ctx) => secretVerdicts(db, ctx, { path: ['MasterUserPassword'], what: 'The master user password', managedBy: ['ManageMasterUserPassword'] }) },
  terraform: { types: ['aws_db_instance'], fixable: false, check: (db, ctx) => secretVerdicts(db, ctx, { path: ['password'], what: 'The master user password', managedBy: ['manage_master_user_password'] }) },
});

export const rdsClusterNoPlaintextPassword = defineRule({
  id: 'rds-cluster-no-plaintext-master-password',
  title: 'RDS/Aurora DB cluster master password is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: { why: WHY, owner: OWNER, fix: `${FIX} RDS can also manage the password itself: ManageMasterUserPassword: true (manage_master_user_password = true).` },
  cloudformation: { types: ['AWS::RDS::DBCluster'], fixable: false, check: (db, ctx) => secretVerdicts(db, ctx, { path: ['MasterUserPassword'], what: 'The master user password', managedBy: ['ManageMasterUserPassword'] }) },
  terraform: { types: ['aws_rds_cluster'], fixable: false, check: (db, ctx) => secretVerdicts(db, ctx, { path: ['master_password'], what: 'The master user password', managedBy: ['manage_master_user_password'] }) },
});

export const documentDbNoPlaintextPassword = defineRule({
  id: 'documentdb-cluster-no-plaintext-master-password',
  title: 'DocumentDB cluster master password is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: { why: WHY, owner: OWNER, fix: FIX },
  cloudformation: { types: ['AWS::DocDB::DBCluster'], fixable: false, check: (db, ctx) => secretVerdicts(db, ctx, { path: ['MasterUserPassword'], what: 'The master user password', managedBy: ['ManageMasterUserPassword'] }) },
  terraform: { types: ['aws_docdb_cluster'], fixable: false, check: (db, ctx) => secretVerdicts(db, ctx, { path: ['master_password'], what: 'The master user password', managedBy: ['manage_master_user_password'] }) },
});

export const redshiftNoPlaintextPassword = defineRule({
  id: 'redshift-cluster-no-plaintext-master-password',
  title: 'Redshift cluster master password is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: { why: WHY, owner: OWNER, fix: `${FIX} Redshift can also manage the password itself: ManageMasterPassword: true (manage_master_password = true).` },
  cloudformation: { types: ['AWS::Redshift::Cluster'], fixable: false, check: (c, ctx) => secretVerdicts(c, ctx, { path: ['MasterUserPassword'], what: 'The master user password', managedBy: ['ManageMasterPassword'] }) },
  terraform: { types: ['aws_redshift_cluster'], fixable: false, check: (c, ctx) => secretVerdicts(c, ctx, { path: ['master_password'], what: 'The master user password', managedBy: ['manage_master_password'] }) },
});

export const elastiCacheNoPlaintextAuthToken = defineRule({
  id: 'elasticache-replication-group-no-plaintext-auth-token',
  title: 'ElastiCache AUTH token is not written in the template',
  aspect: 'identity-access',
  severity: 'error',
  references: {},
  docs: { why: 'The AUTH token is the password of a Redis OSS or Valkey cache; written into the template it lands in source control and in every copy of the template, plan or state.', owner: OWNER, fix: FIX },
  cloudformation: { types: ['AWS::ElastiCache::ReplicationGroup'], fixable: false, check: (g, ctx) => secretVerdicts(g, ctx, { path: ['AuthToken'], what: 'The AUTH token' }) },
  terraform: { types: ['aws_elasticache_replication_group'], fixable: false, check: (g, ctx) => secretVerdicts(g, ctx, { path: ['auth_token'], what: 'The AUTH token' }) },
});

export const DATABASE_PASSWORD_RULES = [rdsInstanceNoPlaintextPassword, rdsClusterNoPlaintextPassword, documentDbNoPlaintextPassword, redshiftNoPlaintextPassword, elastiCacheNoPlaintextAuthToken];
