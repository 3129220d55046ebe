import * as assert from 'node:assert/strict';
import { describe, it, before } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, WAIT_MS, hasRule, hoverText, insertedText, isSuppression, suppressionText, lacksRule, measurements, open, positionOf, quickFixes, ruleId, ruleIds, srmDiagnostics, waitForDiagnostics, waitForTabs, workspaceFile } from './helpers';

/** Set by the driver for the run without workspace trust. */
const restricted = process.env.SRM_LENS_VSCODE_TRUST === 'restricted';

describe(`SRM Lens in VS Code ${vscode.version} (${restricted ? 'Restricted Mode' : 'trusted workspace'})`, function () {
  this.timeout(WAIT_MS + 10_000);

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, !restricted, restricted ? 'the workspace should be in Restricted Mode' : 'the workspace should be trusted');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    // The workspace holds .tf files: workspaceContains activates the extension at start-up.
    await extension.activate();
    // The language server starts in the background; the first template's diagnostics say it is ready.
    await open('cloudformation/queue.json');
    await waitForDiagnostics(workspaceFile('cloudformation/queue.json'), 'sqs-queue-encrypted', hasRule('sqs-queue-encrypted'));
  });

  it('is active, and the workspace trust is what the run asked for', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(vscode.workspace.isTrusted, !restricted);
  });

  it('reports the expected rules on CloudFormation YAML, measuring the time to the first diagnostics', async () => {
    const uri = workspaceFile('cloudformation/storage.yaml');
    const started = Date.now();
    await open('cloudformation/storage.yaml');
    await waitForDiagnostics(uri, 'the S3 findings', (d) => d.length > 0);
    measurements[`first diagnostics after opening a template, server running (${restricted ? 'restricted' : 'trusted'}), ms`] = Date.now() - started;
    const ids = ruleIds(uri);
    for (const id of ['s3-bucket-secure-transport', 's3-bucket-versioning', 's3-bucket-access-logging']) assert.ok(ids.includes(id), `${id} missing from [${ids.join(', ')}]`);
  });

  it('reports the expected rules on CloudFormation JSON and SAM', async () => {
    assert.ok(ruleIds(workspaceFile('cloudformation/queue.json')).includes('sqs-queue-encrypted'));
    const sam = workspaceFile('sam/template.yaml');
    await open('sam/template.yaml');
    await waitForDiagnostics(sam, 'the SAM findings', (d) => hasRule('lambda-function-supported-runtime')(d) && hasRule('dynamodb-table-pitr')(d));
  });

  it('hovers an S3 bucket with its owner summary', async () => {
    const doc = await open('cloudformation/storage.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'AWS::S3::Bucket', 5));
    const text = hoverText(hovers);
    assert.match(text, /S3/, `the hover names no service: ${text}`);
    // The owner words: the customer's part ("customer", "yours"), the shared part, AWS's part ("AWS", "inherited").
    assert.match(text, /customer|yours/i, `the hover names no customer-owned aspect: ${text}`);
    assert.match(text, /\bAWS\b(?!::)|inherited/i, `the hover names no AWS-owned aspect: ${text}`);
    assert.match(text, /shared/i, `the hover names no shared aspect: ${text}`);
  });

  it('offers a quick fix, and applying it removes the diagnostic', async () => {
    const doc = await open('cloudformation/storage.yaml');
    const diagnostics = await waitForDiagnostics(doc.uri, 's3-bucket-versioning', hasRule('s3-bucket-versioning'));
    const versioning = diagnostics.find((d) => ruleId(d) === 's3-bucket-versioning')!;
    const actions = await quickFixes(doc, versioning.range);
    const fix = actions.find((a) => !isSuppression(a) && insertedText(a.edit).includes('VersioningConfiguration'));
    assert.ok(fix?.edit, `no quick fix enables versioning among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => suppressionText(a).includes('srm-lens:ignore s3-bucket-versioning')), 'no suppression offered next to the fix');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the editor refused the fix');
    assert.match(doc.getText(), /VersioningConfiguration:\s*\n\s*Status: Enabled/);
    const after = await waitForDiagnostics(doc.uri, 'no s3-bucket-versioning', lacksRule('s3-bucket-versioning'));
    assert.ok(after.some((d) => ruleId(d) === 's3-bucket-secure-transport'), 'the fix removed other findings too');
  });

  it('fix-all applies only safe fixes, within the document, and suppresses nothing', async () => {
    const doc = await open('cloudformation/archive.yaml');
    const before = await waitForDiagnostics(doc.uri, 'the archive findings', (d) => ['sqs-queue-encrypted', 's3-bucket-access-logging'].every((id) => hasRule(id)(d)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.srm-lens');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.srm-lens');
    assert.ok(fixAll?.edit, `no fix-all action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepEqual(fixAll.edit.entries().map(([uri]) => uri.toString()), [doc.uri.toString()], 'fix-all edits another file');
    assert.doesNotMatch(insertedText(fixAll.edit), /srm-lens:ignore/, 'fix-all suppresses findings');
    assert.equal(await vscode.workspace.applyEdit(fixAll.edit), true);
    assert.match(doc.getText(), /SqsManagedSseEnabled: true/);
    // Encrypting a queue with SQS-owned keys costs nothing and changes nothing for its clients: the one fix every fix-all applies.
    const after = await waitForDiagnostics(doc.uri, 'no sqs-queue-encrypted', lacksRule('sqs-queue-encrypted'));
    // Access logging needs a target bucket only the customer can name: it has no fix and must stay.
    assert.ok(hasRule('s3-bucket-access-logging')(after), 'a finding without a fix disappeared');
    // Versioning bills every stored version and the TLS-only policy refuses HTTP clients: offered one by one, never in fix-all.
    for (const id of ['s3-bucket-versioning', 's3-bucket-secure-transport']) assert.ok(hasRule(id)(after), `fix-all applied the fix of ${id}, which costs money or changes behaviour`);
    assert.ok(after.length < before.length);
  });

  it('updates one Terraform file when another file of the module changes', async () => {
    const main = workspaceFile('terraform/pair/main.tf');
    await open('terraform/pair/main.tf');
    await waitForDiagnostics(main, 's3-bucket-versioning from the suspended aws_s3_bucket_versioning', hasRule('s3-bucket-versioning'));
    const versioning = await open('terraform/pair/versioning.tf', false);
    const edit = new vscode.WorkspaceEdit();
    const start = positionOf(versioning, '"Suspended"', 0);
    edit.replace(versioning.uri, new vscode.Range(start, start.translate(0, '"Suspended"'.length)), '"Enabled"');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const after = await waitForDiagnostics(main, 'no s3-bucket-versioning once versioning.tf says "Enabled"', lacksRule('s3-bucket-versioning'));
    assert.ok(after.some((d) => ruleId(d) === 's3-bucket-secure-transport'), 'the other findings of main.tf went too');
  });

  it('follows a root module into the local module it calls', async () => {
    const root = workspaceFile('terraform/root/main.tf');
    const module = workspaceFile('terraform/root/modules/store/main.tf');
    await open('terraform/root/main.tf');
    // The module's bucket as the call creates it: reported on the call, pointing into the module.
    const atCall = await waitForDiagnostics(root, 's3-bucket-versioning on the module call', hasRule('s3-bucket-versioning'));
    const versioning = atCall.find((d) => ruleId(d) === 's3-bucket-versioning')!;
    assert.ok(versioning.relatedInformation?.some((r) => r.location.uri.path.endsWith('/modules/store/main.tf')), 'the finding on the call does not point into the module');
    await open('terraform/root/modules/store/main.tf');
    await waitForDiagnostics(module, 'the module bucket findings', hasRule('s3-bucket-versioning'));
    const parseErrors = srmDiagnostics(root).filter((d) => ruleId(d) === undefined && d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(parseErrors.map((d) => d.message), [], 'the root module has parse errors');
  });

  it('shows code lenses that open the matrix on their resource', async () => {
    const doc = await open('cloudformation/storage.yaml');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    const matrixLenses = lenses.filter((l) => l.command?.command === 'srmLens.showMatrix');
    assert.ok(matrixLenses.length >= 1, `no matrix lens among ${lenses.length} lenses`);
    assert.ok(matrixLenses.some((l) => l.command?.arguments?.includes('UploadsBucket')), 'no lens names UploadsBucket');
    assert.ok(matrixLenses.every((l) => (l.command?.title ?? '').length > 0), 'a lens without a title');
  });

  it('opens the matrix panel from its command', async () => {
    await open('cloudformation/storage.yaml');
    const isMatrix = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('srmLens.matrix');
    await vscode.commands.executeCommand('srmLens.showMatrix');
    const tabs = await waitForTabs('a matrix panel', (all) => all.some(isMatrix));
    assert.equal(tabs.filter(isMatrix).length, 1);
    const matrixTab = tabs.find(isMatrix)!;
    assert.ok(matrixTab.isActive, 'the matrix panel is not the active tab');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it("links each diagnostic to its rule's section of the rule reference", async () => {
    const id = 's3-bucket-secure-transport';
    const diagnostic = srmDiagnostics(workspaceFile('cloudformation/storage.yaml')).find((d) => ruleId(d) === id);
    assert.ok(diagnostic, `${id} is gone`);
    const code = diagnostic.code;
    assert.ok(typeof code === 'object' && code.target, 'the diagnostic carries no rule link');
    const target = code.target;
    if (target.scheme === 'command') {
      // The link runs an SRM Lens command with the rule id, which shows the rule's section.
      const args: unknown = JSON.parse(target.query || '[]');
      assert.ok(Array.isArray(args) && args.includes(id), `the link's command does not name ${id}: ${target.toString()}`);
      await vscode.commands.executeCommand(target.path, ...args);
      await waitForTabs(`a tab showing the section of ${id}`, (tabs) => tabs.some((t) => t.label.includes(id)));
      const shown = vscode.workspace.textDocuments.find((d) => d.uri.path.includes(id));
      if (shown) assert.ok(shown.getText().includes(id), 'the section shown does not name its rule');
    } else {
      assert.match(target.path, /\/docs\/rules\.md$/);
      assert.equal(target.fragment, id);
      await vscode.commands.executeCommand('vscode.open', target);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.path.endsWith('/docs/rules.md'), `the link opened ${editor?.document.uri.toString() ?? 'nothing'}`);
      assert.ok(editor.document.getText().split('\n').includes(`## ${id}`), 'the rule reference has no section for the rule');
    }
  });
});
