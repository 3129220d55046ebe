import type { Analysis } from '../analysis';
import { ASPECTS } from '../knowledge/aspects';
import type { MatrixResult } from '../protocol/matrix';
import { placeOf } from '../link/moduleCalls';

/** The responsibility matrix: resources × aspects, from analyses already computed. */
export function matrix(analyses: readonly Analysis[], onlyUri?: string): MatrixResult {
  const result: MatrixResult = { aspects: ASPECTS.map((a) => ({ id: a.id, title: a.title, short: a.short })), rows: [], cells: [] };
  for (const analysis of analyses) {
    for (const ra of analysis.resources) {
      // A module's resource is listed under the `module` block that builds it, with its full address.
      const place = placeOf(ra.resource);
      if (!ra.info || (onlyUri && place.uri !== onlyUri)) continue;
      const r = ra.resource;
      result.rows.push({ uri: place.uri, resourceId: r.id, type: r.type, range: place.range, service: ra.info.service, serviceName: ra.info.serviceInfo.name, model: ra.model ?? ra.info.model });
      const byFinding = new Map(ra.findings.map((f) => [f.key, f.ruleId]));
      result.cells.push(
        ASPECTS.map((a) => {
          const c = ra.cells.find((x) => x.aspect === a.id)!;
          return { owner: c.owner, category: c.category, applies: c.applies, status: c.status, findings: c.findings.map((k) => byFinding.get(k) ?? k), note: c.note, evidence: c.evidence };
        }),
      );
    }
  }
  return result;
}
