import type { Analysis } from '../analysis';
import type { ResourceAssessment } from '../assess/assessment';
import type { LinkedModel } from '../link/linkedModel';
import type { ModuleCall } from '../link/moduleCalls';
import { gapsOf } from './gaps';

/** One `module` block of a document with what it builds, for the hover, lens and diagnostics of the block. */
export interface ModuleCallSummary {
  call: ModuleCall<LinkedModel>;
  /** Resources the call builds, those of the modules it calls included, with full addresses. */
  resources: ResourceAssessment[];
  /** Open findings across those resources (the one definition of a gap, features/gaps.ts). */
  gaps: number;
  /** Calls below this one that could not be followed, with their reasons. */
  notFollowed: ModuleCall<LinkedModel>[];
}

/** The module calls written in `uri`, in source order. */
export function moduleCallsIn(analysis: Analysis, uri: string): ModuleCallSummary[] {
  return analysis.model.moduleCalls
    .filter((call) => call.block.uri === uri)
    .map((call) => {
      const resources = analysis.resources.filter((ra) => {
        const top = ra.resource.module?.calls[0];
        return top?.uri === uri && top.address === call.address;
      });
      const gaps = gapsOf(...resources).length;
      const notFollowed = call.instance ? call.instance.units().flatMap((u) => u.moduleCalls.filter((c) => !c.instance)) : [];
      return { call, resources, gaps, notFollowed };
    });
}
