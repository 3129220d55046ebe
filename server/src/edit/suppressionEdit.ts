import type { Analysis } from '../analysis';
import { getEntry, getValue, asMap } from '../model/value';
import type { Finding, TextEdit } from '../rules/rule';
import { jsonInsertMember } from './jsonEdits';
import { layoutOf } from './sourceLayout';

/** The reason placeholder the user replaces; a suppression without a real reason reads as one in reviews. */
export const REASON_PLACEHOLDER = 'why this risk is accepted';

/**
 * The edit that accepts a finding's risk: a `srm-lens:ignore` comment above
 * the resource in YAML and HCL, a `Metadata.srm-lens.ignore` entry in JSON.
 */
export function suppressionEdit(analysis: Analysis, finding: Finding): TextEdit | undefined {
  const ra = analysis.resources.find((r) => r.findings.includes(finding));
  const resource = ra?.resource;
  // A module's resource is accepted at the `module` block that builds it, in the caller's file.
  const place = resource?.module?.calls[0] ?? resource;
  const doc = place ? analysis.document(place.uri) : undefined;
  if (!resource || !place || !doc) return undefined;
  const layout = layoutOf(doc);
  if (doc.format === 'cloudformation-yaml' || doc.format === 'terraform') {
    const line = place.range.start.line;
    const indent = layout.indentOf(line);
    const at = { line, character: 0 };
    return { uri: doc.uri, range: { start: at, end: at }, newText: `${indent}# srm-lens:ignore ${finding.ruleId} ${REASON_PLACEHOLDER}${layout.eol}` };
  }
  if (doc.format === 'cloudformation-json' && resource.definition) {
    const entry = { id: finding.ruleId, reason: REASON_PLACEHOLDER };
    const metadata = asMap(getValue(resource.definition, 'Metadata'));
    if (!metadata) return jsonInsertMember(doc.uri, layout, resource.definition, 'Metadata', { 'srm-lens': { ignore: [entry] } });
    if (!getEntry(metadata, 'srm-lens')) return jsonInsertMember(doc.uri, layout, metadata, 'srm-lens', { ignore: [entry] });
  }
  return undefined;
}
