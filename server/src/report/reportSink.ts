import type { JsonFile, JsonReport } from './jsonReport';

/** Everything of a report but its files: known before the first file is written (see `commands/scanStream.ts`). */
export type ReportHead = Omit<JsonReport, 'files'>;

/**
 * A report format written file by file, in report order, so a scan need not
 * hold its whole report: `file` for each file, then `end` once.
 */
export interface ReportSink {
  file(file: JsonFile): void;
  /** The JSON report only: a file given as the texts `renderJsonFile` rendered for it. */
  fileParts?(parts: Iterable<string>): void;
  end(): void;
}

export type Write = (text: string) => void;

/** A whole report through a sink, as one string: how each format renders a report held in memory. */
export function renderThrough(report: JsonReport, sink: (head: ReportHead, write: Write) => ReportSink): string {
  const parts: string[] = [];
  const { files, ...head } = report;
  const s = sink(head, (text) => parts.push(text));
  for (const file of files) s.file(file);
  s.end();
  return parts.join('');
}
