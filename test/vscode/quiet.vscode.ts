import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, WAIT_MS, hoverText, measurements, open, positionOf, srmDiagnostics, waitForDiagnostics, workspaceFile } from './helpers';

/**
 * A workspace without Terraform: nothing activates SRM Lens at start-up.
 * VS Code activates extensions by language, not by content, so opening any
 * YAML file starts it; what must hold is that files that are not templates
 * (a Kubernetes manifest, a GitHub workflow) get nothing from it.
 */
describe(`SRM Lens activation and quiet files in VS Code ${vscode.version}`, function () {
  this.timeout(WAIT_MS + 10_000);
  const quiet = ['k8s/deployment.yaml', '.github/workflows/ci.yml'];

  it('is not active before a file is opened', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.isActive, false, 'SRM Lens activated with no template open');
  });

  it('activates on opening a template and reports on it, measuring the cold start', async () => {
    for (const file of quiet) await open(file);
    const template = workspaceFile('cloudformation/storage.yaml');
    const started = Date.now();
    await open('cloudformation/storage.yaml');
    await waitForDiagnostics(template, 'the first findings', (d) => d.length > 0);
    measurements['first diagnostics after opening a template, cold (activation and server start included), ms'] = Date.now() - started;
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  // The server answers in order: once the template's diagnostics and these requests are back, the quiet files were handled before.
  for (const file of quiet) {
    it(`gives ${file} no hover, no code lens, no symbols and no diagnostics`, async () => {
      const doc = await open(file);
      const word = doc.getText().includes('kind:') ? 'kind:' : 'runs-on';
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, word));
      assert.doesNotMatch(hoverText(hovers), /\b(AWS|customer|Shared)\b/, 'an SRM Lens hover on a file that is not a template');
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.deepEqual(lenses.map((l) => l.command?.title ?? '(unresolved)'), []);
      const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
      assert.ok(!symbols.some((s) => /AWS::|aws_/.test(s.detail ?? '')), 'resource symbols on a file that is not a template');
      assert.deepEqual(srmDiagnostics(doc.uri).map((d) => d.message), []);
    });
  }
});
