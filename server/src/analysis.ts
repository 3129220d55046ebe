import type { AssessOptions } from './assess/assess';
import { assessIncrementally, type RecordedAssessment } from './assess/incremental';
import type { ResourceAssessment } from './assess/assessment';
import type { LinkedModel } from './link/linkedModel';
import type { Resource, TemplateDocument } from './model/document';
import type { Finding } from './rules/rule';

/**
 * One assessed unit (a template, or a Terraform module) as the editor sees
 * it: the linked model, the assessment, and indexes every feature reads.
 * Computed once per change of any of its documents; features never parse
 * or check again.
 */
export class Analysis {
  readonly resources: ResourceAssessment[];
  /** The assessment with what each resource's verdicts read: the next analysis of the unit keeps what still holds. */
  readonly recorded: RecordedAssessment;
  private readonly byResource = new Map<Resource, ResourceAssessment>();
  private readonly byKey = new Map<string, Finding>();

  constructor(
    readonly model: LinkedModel,
    /** Document versions this analysis was computed from; a code action for another version gets no edit. */
    readonly versions: ReadonlyMap<string, number | undefined>,
    readonly options: AssessOptions,
    /** The unit's analysis before the change: resources whose inputs did not change keep their assessment, moved to their new lines. */
    previous?: Analysis,
  ) {
    this.recorded = assessIncrementally(model, options, previous?.recorded);
    this.resources = this.recorded.resources;
    for (const ra of this.resources) {
      this.byResource.set(ra.resource, ra);
      for (const f of ra.findings) this.byKey.set(f.key, f);
    }
  }

  get documents(): readonly TemplateDocument[] {
    return this.model.documents;
  }

  document(uri: string): TemplateDocument | undefined {
    return this.model.documents.find((d) => d.uri === uri);
  }

  resourcesIn(uri: string): ResourceAssessment[] {
    return this.resources.filter((ra) => ra.resource.uri === uri);
  }

  assessmentOf(resource: Resource): ResourceAssessment | undefined {
    return this.byResource.get(resource);
  }

  finding(key: string): Finding | undefined {
    return this.byKey.get(key);
  }

  /** Findings shown in a document: those whose range is in it. */
  findingsIn(uri: string): Finding[] {
    return this.resources.flatMap((ra) => ra.findings).filter((f) => f.uri === uri);
  }
}
