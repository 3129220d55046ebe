import { writeFileSync } from 'node:fs';
import { controlMatrixCsv, controlMatrixMarkdown, resourceMatrixCsv, resourceMatrixMarkdown } from '../report/matrixFormats';
import { controlMatrixHtml, resourceMatrixHtml } from '../report/matrixHtml';
import { controlMatrixBuilder, matrixRowsOf, resourceMatrixOf, type MatrixRow } from '../report/matrixReport';
import { EXIT, single, type Output, type ParsedArgs } from './args';
import { runStreamedScan, scanSetup } from './scanSession';

const FORMATS = ['markdown', 'csv', 'html', 'json'] as const;

/**
 * `srm-lens matrix <paths…>`: the responsibility matrix as a report —
 * resources × aspects (`--by resource`, the default) or the customer
 * responsibility matrix, one row per control (`--by control`).
 * Exit 0, or 2 when a path named on the command line could not be read.
 */
export async function matrixCommand(args: ParsedArgs, write: Output, writeError: Output): Promise<number> {
  const format = single(args, '--format', FORMATS) ?? 'markdown';
  const by = single(args, '--by', ['resource', 'control']) ?? 'resource';
  const output = single(args, '--output');
  // The matrix keeps its rows (or per-control tallies) file by file; the scan behind it streams as `scan` does.
  const rows: MatrixRow[] = [];
  const controls = controlMatrixBuilder();
  const { head, unreadableInputs } = await runStreamedScan(scanSetup(args, 'matrix'), () => ({
    file: (file) => (by === 'control' ? controls.add(file) : rows.push(...matrixRowsOf(file))),
    end: () => undefined,
  }));
  const html = { generatedAt: new Date().toISOString(), scanned: args.positional };
  let text: string;
  if (by === 'control') {
    const m = controls.matrix(head);
    text = format === 'json' ? JSON.stringify(m, null, 2) + '\n' : format === 'csv' ? controlMatrixCsv(m) : format === 'html' ? controlMatrixHtml(m, html) : controlMatrixMarkdown(m);
  } else {
    const m = resourceMatrixOf(head, rows);
    text = format === 'json' ? JSON.stringify(m, null, 2) + '\n' : format === 'csv' ? resourceMatrixCsv(m) : format === 'html' ? resourceMatrixHtml(m, html) : resourceMatrixMarkdown(m);
  }
  if (output) writeFileSync(output, text);
  else write(text);
  for (const e of head.errors) writeError(`srm-lens: ${e.path}: ${e.message}\n`);
  return unreadableInputs.length ? EXIT.usage : EXIT.ok;
}
