import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isTerraform, type NamedBlock, type TemplateDocument } from '../model/document';

const BLOCK_KIND: Record<NamedBlock['kind'], SymbolKind> = {
  output: SymbolKind.Property,
  local: SymbolKind.Constant,
  condition: SymbolKind.Boolean,
  mapping: SymbolKind.Object,
  module: SymbolKind.Module,
  data: SymbolKind.Struct,
  provider: SymbolKind.Package,
  terraform: SymbolKind.Package,
};

/** The outline: resources, parameters or variables, outputs and the other named sections. */
export function symbols(doc: TemplateDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const r of doc.resources) {
    out.push({ name: r.id, detail: r.type, kind: SymbolKind.Class, range: r.range, selectionRange: r.idRange });
  }
  for (const i of doc.inputs) {
    out.push({ name: i.name, detail: i.type ?? (isTerraform(doc.format) ? 'variable' : 'parameter'), kind: SymbolKind.Variable, range: i.range, selectionRange: i.nameRange });
  }
  for (const b of doc.blocks) {
    out.push({ name: b.name, detail: b.kind, kind: BLOCK_KIND[b.kind], range: b.range, selectionRange: b.nameRange });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
