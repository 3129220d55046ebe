import { createHash } from 'node:crypto';

/**
 * A finding's identity across edits: the file (as the report shows it), and
 * the finding's key — rule id, resource id and its place among that rule's
 * findings on the resource. No line number and no message text, so moving a
 * resource down a file or rewording a message keeps the fingerprint.
 */
export function fingerprintOf(path: string, findingKey: string): string {
  return createHash('sha256').update(`${path}\0${findingKey}`).digest('hex').slice(0, 32);
}
