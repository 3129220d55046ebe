import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { HOVER_COMMANDS } from '../../server/src/protocol/matrix';
import { LanguageService } from '../../server/src/languageService';
import { initTerraformParser } from '../../server/src/parse';
import { collectFiles } from '../../server/src/workspace/collectFiles';
import { diskHost } from '../../server/src/workspace/workspaceHost';
import { corpusPresent, corpusRoot } from '../helpers';

const skip = corpusPresent ? false : `the corpus folder ${corpusRoot} is absent (it exists on the team's machines and in CI)`;
const markdownIt = createRequire(__filename)('markdown-it') as (options: { html: boolean; linkify: boolean }) => { render(src: string): string };
const renderer = markdownIt({ html: true, linkify: true });

/** Every 4th template of the corpus, in a fixed order: a few hundred real files, CloudFormation and Terraform. */
function sample(): string[] {
  const files = collectFiles([corpusRoot]).files.filter((f) => /\.(ya?ml|json|template|tf)$/.test(f) && !/\/terraform-plan\//.test(f)).sort();
  return files.filter((_f, i) => i % 4 === 0);
}

describe('resource hovers on corpus templates', { skip }, () => {
  before(() => initTerraformParser());

  test('every resource hover fits in 12 rendered lines and links only to SRM Lens commands and AWS documentation', (t) => {
    const lengths: number[] = [];
    let files = 0;
    for (const path of sample()) {
      const uri = URI.file(path).toString();
      const service = new LanguageService(diskHost);
      service.openDocument(uri, 1, readFileSync(path, 'utf8'));
      const analysis = service.analysis(uri);
      if (!analysis) continue;
      files++;
      for (const ra of analysis.resourcesIn(uri)) {
        if (!ra.info) continue;
        const h = service.hover(uri, ra.resource.idRange.start);
        const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
        assert.ok(md, `${path}: no hover on ${ra.resource.id}`);
        const html = renderer.render(md);
        const blocks = [...html.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)].length;
        lengths.push(blocks);
        assert.ok(blocks <= 12, `${path} ${ra.resource.id}: ${blocks} lines`);
        for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) {
          assert.ok(HOVER_COMMANDS.some((c) => href.startsWith(`command:${c}?`)) || /^https:\/\/docs\.aws\.amazon\.com\//.test(href), `${path} ${ra.resource.id}: link ${href}`);
        }
        assert.doesNotMatch(html, /<(img|script|iframe|svg|style)\b/i, `${path} ${ra.resource.id}`);
      }
    }
    assert.ok(files > 100, `only ${files} templates sampled`);
    lengths.sort((a, b) => a - b);
    t.diagnostic(`${files} templates, ${lengths.length} resource hovers: median ${lengths[lengths.length >> 1]} lines, 95th percentile ${lengths[Math.floor(lengths.length * 0.95)]}, max ${lengths[lengths.length - 1]}`);
  });
});
