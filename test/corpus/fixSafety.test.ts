import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assess } from '../../server/src/assess/assess';
import { applyEdits } from '../../server/src/edit/applyEdits';
import type { TemplateDocument } from '../../server/src/model/document';
import { parseFile } from '../../server/src/parse';
import type { Finding } from '../../server/src/rules/rule';
import { scanPaths } from '../../server/src/workspace/scan';
import { corpusPresent, corpusRoot } from '../helpers';

const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;

const signature = (f: Finding) => `${f.key} ${f.message}`;

/**
 * Every fix SRM Lens offers on real templates and modules, applied one at a
 * time: the file still parses, the finding is gone, no other finding
 * appears or changes, and the rule offers nothing more on that resource.
 */
describe('fix safety on the corpus', { skip }, () => {
  test('every fix is safe, complete and idempotent', async () => {
    const scan = await scanPaths([corpusRoot]);
    const failures: string[] = [];
    let applied = 0;
    let atInputs = 0;
    const perSyntax: Record<string, number> = {};
    for (const model of scan.models) {
      const findings = assess(model).resources.flatMap((r) => r.findings);
      for (const finding of findings) {
        const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
        if (!fix || finding.suppressed) continue;
        const docs: TemplateDocument[] = model.documents.map((doc) => {
          const edits = fix.edits.filter((e) => e.uri === doc.uri);
          if (!edits.length) return doc;
          const outcome = parseFile(doc.uri, applyEdits(doc.text, edits));
          if (outcome.kind !== 'template') {
            failures.push(`${finding.key} in ${doc.uri}: the fixed file is no longer a template (${outcome.reason})`);
            return doc;
          }
          const newErrors = outcome.document.errors.filter((e) => e.severity === 'error' && !doc.errors.some((o) => o.message === e.message));
          if (newErrors.length) failures.push(`${finding.key} in ${doc.uri}: the fix breaks the file: ${newErrors[0].message}`);
          return outcome.document;
        });
        const after = assess(model.withDocuments(docs)).resources.flatMap((r) => r.findings);
        const still = after.filter((f) => f.key === finding.key);
        if (still.length) failures.push(`${finding.key} in ${finding.uri}: still reported after "${fix.title}": ${still[0].message}`);
        // A finding that points at the fixed resource as its cause (an instance's public IP inherited
        // from the subnet being fixed) may go away with it; nothing else may change.
        const fixedResource = model.resources.find((r) => new RegExp(`@${r.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(#\\d+)?$`).test(finding.key));
        const causedByFixed = (f: Finding) => !!fixedResource && f.related.some((r) => r.uri === fixedResource.uri && r.range.start.line === fixedResource.idRange.start.line);
        // A fix at a parameter's or variable's default also settles the other findings that read the same default.
        const input = /set through the (?:Default of parameter (\S+)|default of var\.(\S+))(?: \(.*\))?$/.exec(fix.title);
        const inputName = input ? (input[1] ?? input[2]) : undefined;
        if (inputName) atInputs++;
        const sameInput = (f: Finding) => !!inputName && (f.message.includes(`default of parameter ${inputName}`) || f.message.includes(`default of var.${inputName}`));
        const expected = new Set(findings.filter((f) => f !== finding && !causedByFixed(f) && !sameInput(f)).map(signature));
        const actual = new Set(after.filter((f) => f.key !== finding.key && !causedByFixed(f) && !sameInput(f)).map(signature));
        // A fix never replaces a reference to a parameter or variable with a literal: every input stays as used as it was.
        for (const name of model.inputs.map((i) => i.name)) {
          const uses = (texts: string[]) => texts.reduce((n, t) => n + (t.match(new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g'))?.length ?? 0), 0);
          const before = uses(model.documents.map((d) => d.text));
          const later = uses(docs.map((d) => d.text));
          if (later < before) failures.push(`${finding.key} in ${finding.uri}: "${fix.title}" removes a use of ${name}, overwriting the author's choice with a literal`);
        }
        const appeared = [...actual].filter((s) => !expected.has(s));
        const vanished = [...expected].filter((s) => !actual.has(s));
        if (appeared.length || vanished.length) {
          failures.push(`${finding.key} in ${finding.uri}: other findings changed (+${appeared.slice(0, 2).join('; ')} -${vanished.slice(0, 2).join('; ')})`);
        }
        applied++;
        const syntax = model.documents.find((d) => d.uri === finding.uri)?.format ?? 'unknown';
        perSyntax[syntax] = (perSyntax[syntax] ?? 0) + 1;
      }
    }
    console.log(`fix-safety sweep: ${applied} fixes applied one by one (${Object.entries(perSyntax).map(([k, v]) => `${k} ${v}`).join(', ')}), ${atInputs} of them at a parameter or variable default`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} unsafe fixes`);
    assert.ok(applied > 100, `only ${applied} fixes were exercised`);
  });
});
