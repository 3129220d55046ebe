import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assess } from '../server/src/assess/assess';
import { applyEdits } from '../server/src/edit/applyEdits';
import { LinkedModel } from '../server/src/link/linkedModel';
import type { TemplateDocument } from '../server/src/model/document';
import { initTerraformParser, parseFile } from '../server/src/parse';
import { RULES, ruleById } from '../server/src/rules';
import type { Finding, Verdict } from '../server/src/rules/rule';

export type Syntax = 'yaml' | 'json' | 'terraform';
const FILE: Record<Syntax, string> = { yaml: 'template.yaml', json: 'template.json', terraform: 'main.tf' };

export interface Analysed {
  docs: TemplateDocument[];
  model: LinkedModel;
  findings: Finding[];
}

/** Parses and assesses one file (or a Terraform module given as several files). */
export function analyse(files: Record<string, string>): Analysed {
  const docs = Object.entries(files).map(([name, text]) => {
    const outcome = parseFile(`/fixture/${name}`, text);
    if (outcome.kind !== 'template') throw new Error(`${name} is not a template: ${outcome.reason}`);
    return outcome.document;
  });
  const model = new LinkedModel(docs);
  // Opt-in rules are tested like the others.
  const findings = assess(model, { enabledRules: new Set(RULES.map((r) => r.id)) }).resources.flatMap((r) => r.findings);
  return { docs, model, findings };
}

/** The verdicts one rule gives for one resource of a fixture. */
export function verdicts(files: Record<string, string>, ruleId: string, resourceId: string): Verdict[] {
  const rule = ruleById(ruleId);
  assert.ok(rule, `rule ${ruleId} is not registered in rules/index.ts`);
  const { model } = analyse(files);
  const resource = model.resource(resourceId);
  assert.ok(resource, `fixture has no resource ${resourceId}`);
  return rule.check(resource, { model });
}

export interface RuleCase {
  /** The resource the rule looks at. */
  resource: string;
  /** Fixture text; `fail` must produce a finding, `pass` none, `unknown` a cannot-tell verdict. */
  fail: string;
  pass: string;
  unknown?: string;
  /** Set when this syntax cannot express a fix (the test then asserts there is none). */
  noFix?: boolean;
  /** Extra module files for Terraform (e.g. variables.tf). */
  extraFiles?: Record<string, string>;
}

/**
 * The standard tests for one rule in each syntax: the failing fixture gets a
 * finding; its preferred fix, applied, leaves a file that parses and passes;
 * applying the fixes again changes nothing; the passing fixture gets none;
 * the unknown fixture gets cannot-tell, not a finding.
 */
export function describeRule(ruleId: string, cases: Partial<Record<Syntax, RuleCase>>): void {
  describe(`rule ${ruleId}`, () => {
    before(() => initTerraformParser());
    for (const [syntax, c] of Object.entries(cases) as [Syntax, RuleCase][]) {
      const files = (text: string) => ({ ...(c.extraFiles ?? {}), [FILE[syntax]]: text });
      const own = (a: Analysed) => a.findings.filter((f) => f.ruleId === ruleId && f.key.includes(`@${c.resource}`));

      test(`${syntax}: the rule's fixable flag agrees with the fixture`, () => {
        const rule = ruleById(ruleId);
        assert.ok(rule, `rule ${ruleId} is not registered`);
        assert.equal(rule.fixable[syntax === 'terraform' ? 'terraform' : 'cloudformation'], !c.noFix, 'fixable metadata disagrees with the test case');
      });

      test(`${syntax}: failing fixture has a finding${c.noFix ? '' : ' whose fix makes it pass'}`, () => {
        const found = own(analyse(files(c.fail)));
        assert.ok(found.length > 0, `no ${ruleId} finding on ${c.resource}`);
        if (c.noFix) {
          assert.equal(found[0].fixes.length, 0, 'a fix was offered where none was expected');
          return;
        }
        const fix = found[0].fixes.find((f) => f.preferred) ?? found[0].fixes[0];
        assert.ok(fix, `${ruleId} offers no fix in ${syntax}`);
        const byFile = new Map<string, string>(Object.entries(files(c.fail)).map(([n, t]) => [`/fixture/${n}`, t]));
        for (const uri of new Set(fix.edits.map((e) => e.uri))) {
          byFile.set(uri, applyEdits(byFile.get(uri) ?? '', fix.edits.filter((e) => e.uri === uri)));
        }
        const fixedFiles = Object.fromEntries([...byFile].map(([uri, t]) => [uri.replace('/fixture/', ''), t]));
        const after = analyse(fixedFiles);
        for (const d of after.docs) assert.deepEqual(d.errors.filter((e) => e.severity === 'error'), [], `fixed ${d.uri} does not parse:\n${d.text}`);
        assert.deepEqual(own(after).map((f) => f.message), [], `fix did not resolve ${ruleId}:\n${[...byFile.values()].join('\n---\n')}`);
        const again = own(after).flatMap((f) => f.fixes);
        assert.equal(again.length, 0, 'applying fixes again would change the file');
      });

      test(`${syntax}: passing fixture has no finding`, () => {
        assert.deepEqual(own(analyse(files(c.pass))).map((f) => f.message), []);
        assert.ok(verdicts(files(c.pass), ruleId, c.resource).some((v) => v.status === 'met' || v.status === 'aws-default' || v.status === 'not-applicable'));
      });

      if (c.unknown !== undefined) {
        const unknown = c.unknown;
        test(`${syntax}: undecidable fixture says cannot tell`, () => {
          assert.deepEqual(own(analyse(files(unknown))).map((f) => f.message), []);
          assert.ok(verdicts(files(unknown), ruleId, c.resource).some((v) => v.status === 'cannot-tell'), 'expected a cannot-tell verdict');
        });
      }
    }
  });
}
