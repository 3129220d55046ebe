import type { MatrixCategory, MatrixCell, MatrixResult } from '../server/src/protocol/matrix';

const CATEGORY: Record<MatrixCell['owner'], MatrixCategory> = { aws: 'inherited', shared: 'shared', customer: 'customer-specific' };

const cell = (owner: MatrixCell['owner'], status: MatrixCell['status'], note?: string): MatrixCell => ({ owner, category: CATEGORY[owner], status, findings: [], evidence: [], ...(note ? { note } : {}) });
const range = (line: number) => ({ start: { line, character: 2 }, end: { line: line + 3, character: 0 } });

/** A small matrix with hostile text in every field a template author controls. */
export function sampleMatrix(): MatrixResult {
  return {
    aspects: [
      { id: 'encryption-at-rest', title: 'Server-side encryption (at rest)', short: 'At rest' },
      { id: 'resilience', title: 'Resilience: backup, multi-AZ, replication', short: 'Resilience' },
      { id: 'physical', title: 'Physical and environmental security', short: 'Physical' },
    ],
    rows: [
      { uri: 'file:///w/a.yaml', resourceId: 'Logs', type: 'AWS::S3::Bucket', range: range(3), service: 's3', serviceName: 'Amazon S3', model: 'abstract', gaps: { error: 0, warning: 1, info: 0 } },
      { uri: 'file:///w/a.yaml', resourceId: '<img src=x onerror=alert(1)>', type: 'AWS::SQS::Queue', range: range(9), service: 'sqs', serviceName: 'Amazon SQS', model: 'abstract', gaps: { error: 0, warning: 0, info: 0 } },
      { uri: 'file:///w/b%20c/main.tf', resourceId: 'aws_db_instance.main', type: 'aws_db_instance', range: range(0), service: 'rds', serviceName: 'Amazon RDS', model: 'container', gaps: { error: 1, warning: 0, info: 0 } },
    ],
    cells: [
      [cell('shared', 'aws-default', 'SSE-S3 since 2023-01-05'), cell('shared', 'gap', 'Versioning is not enabled, | piped'), cell('aws', 'not-applicable')],
      [cell('shared', 'met'), cell('shared', 'cannot-tell', 'depends on "Env", a,b'), cell('aws', 'not-applicable')],
      [cell('customer', 'gap', '=HYPERLINK("http://x")'), cell('shared', 'met'), cell('aws', 'not-applicable')],
    ],
  };
}
