import type { Analysis } from '../analysis';
import type { ResourceAssessment } from '../assess/assessment';
import { ASPECTS } from '../knowledge/aspects';
import type { MatrixResult } from '../protocol/matrix';
import type { Finding, Severity } from '../rules/rule';
import { companionParent, companionsByParent } from './companions';
import { gapCounts } from './gaps';
import { placeOf } from '../link/moduleCalls';

/**
 * The responsibility matrix: resources × aspects, from analyses already
 * computed. Companions come right after their parent and name it; gaps per
 * row use the one definition of a gap (features/gaps.ts).
 */
export function matrix(analyses: readonly Analysis[], onlyUri?: string, severityOf?: (f: Finding) => Severity): MatrixResult {
  const result: MatrixResult = { aspects: ASPECTS.map((a) => ({ id: a.id, title: a.title, short: a.short })), rows: [], cells: [] };
  for (const analysis of analyses) {
    const companions = companionsByParent(analysis);
    const add = (ra: ResourceAssessment, parent?: ResourceAssessment) => {
      const r = ra.resource;
      // A module's resource is listed under the `module` block that builds it, with its full address.
      const place = placeOf(r);
      result.rows.push({
        uri: place.uri,
        resourceId: r.id,
        type: r.type,
        range: place.range,
        service: ra.info!.service,
        serviceName: ra.info!.serviceInfo.name,
        model: ra.model ?? ra.info!.model,
        ...(parent ? { parent: parent.resource.id } : {}),
        gaps: gapCounts(ra.findings, severityOf),
      });
      const byFinding = new Map(ra.findings.map((f) => [f.key, f.ruleId]));
      result.cells.push(
        ASPECTS.map((a) => {
          const c = ra.cells.find((x) => x.aspect === a.id)!;
          return { owner: c.owner, category: c.category, applies: c.applies, status: c.status, findings: c.findings.map((k) => byFinding.get(k) ?? k), note: c.note, evidence: c.evidence };
        }),
      );
    };
    const placedIn = (ra: ResourceAssessment) => placeOf(ra.resource).uri;
    for (const ra of analysis.resources) {
      if (!ra.info || (onlyUri && placedIn(ra) !== onlyUri)) continue;
      const parent = companionParent(analysis, ra);
      // A companion is listed under its parent when the parent is listed too.
      if (parent && (!onlyUri || placedIn(parent) === onlyUri)) continue;
      add(ra);
      for (const child of companions.get(ra) ?? []) if (!onlyUri || placedIn(child) === onlyUri) add(child, ra);
    }
  }
  return result;
}
