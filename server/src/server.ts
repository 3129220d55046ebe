import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initTerraformParser, parseFile } from './parse';

// Language server entry. For now it reports parse problems of templates; the
// language service (hover, findings, fixes, matrix) plugs in here.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const ready = initTerraformParser();

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));

documents.onDidChangeContent(async ({ document }) => {
  await ready;
  const outcome = parseFile(document.uri, document.getText());
  const errors = outcome.kind === 'template' ? outcome.document.errors : [];
  connection.sendDiagnostics({
    uri: document.uri,
    version: document.version,
    diagnostics: errors.map((e) => ({
      range: e.range,
      message: e.message,
      source: 'srm-lens',
      severity: e.severity === 'error' ? DiagnosticSeverity.Error : e.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    })),
  });
});

documents.listen(connection);
connection.listen();
