import type { CodeAction, CodeActionContext, CodeLens, Diagnostic, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { Analysis } from './analysis';
import type { ProjectConfig } from './config/projectConfig';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { diagnostics, notAnalysedDiagnostic, siblingNotReadDiagnostic } from './features/diagnostics';
import { hover } from './features/hover';
import { matrix } from './features/matrix';
import { symbols } from './features/symbols';
import { LinkedModel } from './link/linkedModel';
import type { TfvarsFile } from './link/terraformResolver';
import { isTerraformConfiguration, type TemplateDocument } from './model/document';
import { setMaxFileMegabytes } from './parse/limits';
import { parseFile, type ParseOutcome } from './parse';
import { reparseYamlResource } from './parse/yamlResourceReparse';
import { reparseTerraformBlock } from './parse/terraformBlockReparse';
import { isAutoLoadedTfvars, parseTfvars, tfvarsLoadOrder } from './parse/tfvars';
import type { MatrixParams, MatrixResult, ResourceDetailParams } from './protocol/matrix';
import { companionsByParent } from './features/companions';
import { resourceDetail } from './features/resourceSummary';
import { assessOptionsFrom, DEFAULT_SETTINGS, matchesGlob, withProjectConfig, type Settings } from './settings';
import { EditorModuleHost } from './workspace/editorModules';
import { baseName, directoryOf, type WorkspaceHost } from './workspace/workspaceHost';

interface SourceText {
  text: string;
  /** Editor version for open documents; undefined for files read from disk. */
  version?: number;
}

const TERRAFORM_FILE = /\.tf(\.json)?$/i;

/**
 * The SRM Lens language service: every editor feature as a plain function
 * of documents, with no LSP connection inside (server.ts owns that), so
 * features are tested directly. Documents are parsed once per version and
 * assessed once per unit (a template, or a Terraform module directory);
 * every feature reads that one analysis.
 */
export class LanguageService {
  private readonly open = new Map<string, SourceText>();
  private readonly disk = new Map<string, SourceText | null>();
  private readonly parsed = new Map<string, { text: string; outcome: ParseOutcome }>();
  private readonly analyses = new Map<string, Analysis>();
  /** Directories each cached analysis read through module calls: a change in any of them makes it stale. */
  private readonly moduleDirectories = new Map<string, Set<string>>();
  /** Module directories some analysed module calls: on their own they show only their defaults. */
  private readonly calledDirectories = new Set<string>();
  /** The analysis each unit had before its last change: what hovers and lenses read while the next one waits. */
  private readonly previous = new Map<string, Analysis>();
  private settings: Settings = DEFAULT_SETTINGS;
  private readonly modules: EditorModuleHost;
  /** Set when the client asks for suppression reasons itself (initialization option `askReason`). */
  askReason = false;
  private editorSettings: Settings = DEFAULT_SETTINGS;
  private projectConfig: ProjectConfig | undefined;

  constructor(private readonly host: WorkspaceHost) {
    this.modules = new EditorModuleHost(
      (dir) => this.host.listDirectory(dir),
      (uri) => (this.excluded(uri) ? undefined : this.parse(uri)),
      (uri) => this.source(uri)?.text,
    );
  }

  // --- documents ------------------------------------------------------------------

  openDocument(uri: string, version: number, text: string): void {
    this.open.set(uri, { text, version });
    this.invalidate(uri);
  }

  updateDocument(uri: string, version: number, text: string): void {
    this.openDocument(uri, version, text);
  }

  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.invalidate(uri);
    this.evictClosedUnit(uri);
  }

  /**
   * A closed document gives its memory back: its parse, and once no file of
   * its unit is open, the unit's analyses and the files read from disk for it.
   */
  private evictClosedUnit(uri: string): void {
    this.parsed.delete(uri);
    const key = this.unitKey(uri);
    if (this.unitDocuments(uri).some((u) => this.open.has(u))) return;
    this.analyses.delete(key);
    this.previous.delete(key);
    if (!TERRAFORM_FILE.test(uri)) return;
    const dir = directoryOf(uri);
    for (const cache of [this.parsed, this.disk]) {
      for (const u of [...cache.keys()]) if (directoryOf(u) === dir && !this.open.has(u)) cache.delete(u);
    }
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles): forget what was read of it. */
  fileChanged(uri: string): void {
    this.disk.delete(uri);
    this.invalidate(uri);
  }

  /** The editor's settings; they override the repository's `.srm-lens.yaml` (see `withProjectConfig`). */
  setSettings(settings: Settings): void {
    if (settings.maxFileSizeMB !== this.settings.maxFileSizeMB) {
      setMaxFileMegabytes(settings.maxFileSizeMB);
      this.parsed.clear();
    }
    this.editorSettings = settings;
    this.settings = withProjectConfig(settings, this.projectConfig);
    this.analyses.clear();
    this.moduleDirectories.clear();
    this.previous.clear();
  }

  /** The repository's `.srm-lens.yaml` (undefined when there is none), found by the server from the workspace folder. */
  setProjectConfig(config: ProjectConfig | undefined): void {
    this.projectConfig = config;
    this.setSettings(this.editorSettings);
  }

  getSettings(): Settings {
    return this.settings;
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  version(uri: string): number | undefined {
    return this.open.get(uri)?.version;
  }

  /** Open documents analysed together with `uri` (the other files of its Terraform module), itself included. */
  unitDocuments(uri: string): string[] {
    if (!TERRAFORM_FILE.test(uri)) return [uri];
    const dir = directoryOf(uri);
    return [...this.open.keys()].filter((u) => TERRAFORM_FILE.test(u) && directoryOf(u) === dir);
  }

  private invalidate(uri: string): void {
    this.retire(this.unitKey(uri));
    const dir = directoryOf(uri);
    for (const [unit, dirs] of this.moduleDirectories) {
      if (!dirs.has(dir)) continue;
      this.retire(unit);
      this.moduleDirectories.delete(unit);
    }
    // A tfvars file belongs to its directory's module.
    if (/\.tfvars(\.json)?$/i.test(uri)) this.retire(`module:${directoryOf(uri)}`);
  }

  private retire(key: string): void {
    const current = this.analyses.get(key);
    if (current) this.previous.set(key, current);
    this.analyses.delete(key);
  }

  private unitKey(uri: string): string {
    return TERRAFORM_FILE.test(uri) ? `module:${directoryOf(uri)}` : uri;
  }

  private source(uri: string): SourceText | undefined {
    const open = this.open.get(uri);
    if (open) return open;
    if (!this.disk.has(uri)) {
      const text = this.host.readFile(uri);
      this.disk.set(uri, text === undefined ? null : { text });
    }
    return this.disk.get(uri) ?? undefined;
  }

  private parse(uri: string): ParseOutcome | undefined {
    const src = this.source(uri);
    if (!src) return undefined;
    const cached = this.parsed.get(uri);
    if (cached && cached.text === src.text) return cached.outcome;
    // An edit inside one resource of a YAML template, or one top-level block of a Terraform file, re-parses that part only.
    const before = cached?.outcome.kind === 'template' ? cached.outcome.document : undefined;
    const reparsed = before && (reparseYamlResource(before, cached!.text, src.text) ?? reparseTerraformBlock(before, cached!.text, src.text));
    const outcome: ParseOutcome = reparsed ? { kind: 'template', document: reparsed } : parseFile(uri, src.text, baseName(uri));
    this.parsed.set(uri, { text: src.text, outcome });
    return outcome;
  }

  private excluded(uri: string): boolean {
    const path = URI.parse(uri).path;
    return this.settings.exclude.some((g) => matchesGlob(path, g));
  }

  // --- analysis -------------------------------------------------------------------

  /** Why a document is not analysed, when it is not: shown by the client, never as a diagnostic. */
  parseOutcome(uri: string): ParseOutcome | undefined {
    return this.parse(uri);
  }

  /** The analysis of the unit a document belongs to, computed at most once per change. */
  analysis(uri: string): Analysis | undefined {
    if (this.excluded(uri)) return undefined;
    const key = this.unitKey(uri);
    const cached = this.analyses.get(key);
    if (cached) return cached;
    const outcome = this.parse(uri);
    if (outcome?.kind !== 'template') return undefined;
    const documents = isTerraformConfiguration(outcome.document.format) ? this.moduleDocuments(uri) : [outcome.document];
    const versions = new Map(documents.map((d) => [d.uri, this.open.get(d.uri)?.version]));
    const tfvars = isTerraformConfiguration(outcome.document.format) ? this.moduleTfvars(directoryOf(uri)) : [];
    const terraform = isTerraformConfiguration(outcome.document.format);
    const model = new LinkedModel(documents, tfvars, terraform ? this.modules : undefined);
    if (terraform) model.calledElsewhere = this.calledDirectories.has(directoryOf(uri));
    // Resources the change did not reach keep their assessment from the unit's previous analysis.
    const analysis = new Analysis(model, versions, assessOptionsFrom(this.settings), this.previous.get(key));
    this.analyses.set(key, analysis);
    if (terraform) this.noteModuleCalls(key, model);
    return analysis;
  }

  /** Remembers which directories an analysis read through module calls, and marks the called modules' own analyses. */
  private noteModuleCalls(key: string, model: LinkedModel): void {
    const units = model.units().slice(1);
    if (units.length === 0) return;
    const dirs = new Set<string>();
    for (const unit of units) {
      if (!unit.scope) continue;
      dirs.add(unit.scope.directory);
      if (!this.calledDirectories.has(unit.scope.directory)) {
        this.calledDirectories.add(unit.scope.directory);
        // Its analysis, if any, was computed before anyone was known to call it.
        this.analyses.delete(`module:${unit.scope.directory}`);
      }
    }
    this.moduleDirectories.set(key, dirs);
  }

  private moduleDocuments(uri: string): TemplateDocument[] {
    const dir = directoryOf(uri);
    const uris = new Set([...this.host.listDirectory(dir).filter((u) => TERRAFORM_FILE.test(u)), ...this.unitDocuments(uri)]);
    const docs: TemplateDocument[] = [];
    for (const u of [...uris].sort()) {
      if (this.excluded(u)) continue;
      const outcome = this.parse(u);
      if (outcome?.kind === 'template') docs.push(outcome.document);
    }
    return docs;
  }

  private moduleTfvars(dir: string): TfvarsFile[] {
    const auto = this.host.listDirectory(dir).filter((u) => isAutoLoadedTfvars(baseName(u)));
    const extra = this.settings.terraformVarFiles.map((p) => (p.includes('://') ? p : p.startsWith('/') ? URI.file(p).toString() : `${dir}/${p}`));
    const ordered = [...auto.sort((a, b) => tfvarsLoadOrder(baseName(a), baseName(b))), ...extra];
    const files: TfvarsFile[] = [];
    for (const u of ordered) {
      const src = this.source(u);
      if (src) files.push({ uri: u, values: parseTfvars(u, src.text) });
    }
    return files;
  }

  // --- features -------------------------------------------------------------------

  diagnostics(uri: string): Diagnostic[] {
    const outcome = this.parse(uri);
    if (!outcome || this.excluded(uri)) return [];
    if (outcome.kind === 'error') return [notAnalysedDiagnostic(outcome.reason)];
    if (outcome.kind !== 'template') return [];
    const own = diagnostics(outcome.document, this.analysis(uri), this.settings);
    return isTerraformConfiguration(outcome.document.format) ? [...this.unreadableSiblings(uri), ...own] : own;
  }

  /**
   * A file of the same Terraform module that could not be read leaves its resources out of the
   * analysis (a companion missing makes its bucket look unversioned): each such file is named.
   */
  private unreadableSiblings(uri: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const sibling of this.host.listDirectory(directoryOf(uri)).filter((u) => TERRAFORM_FILE.test(u)).sort()) {
      if (sibling === uri || this.excluded(sibling)) continue;
      const outcome = this.parse(sibling);
      const reason = outcome ? (outcome.kind === 'error' ? outcome.reason : undefined) : this.host.whyUnreadable?.(sibling);
      if (reason) out.push(siblingNotReadDiagnostic(baseName(sibling), reason));
    }
    return out;
  }

  /**
   * The analysis a view answers from at once: the current one if computed,
   * else the one before the last change (diagnostics follow when the new one
   * is done), else a new one. Code actions never use it: their edits need the
   * current text.
   */
  lastAnalysis(uri: string): Analysis | undefined {
    if (this.excluded(uri)) return undefined;
    const key = this.unitKey(uri);
    const last = this.analyses.get(key) ?? this.previous.get(key);
    return last?.document(uri) ? last : this.analysis(uri);
  }

  /** `from: 'last'` answers from the last analysis without waiting for a new one (the editor, while typing). */
  hover(uri: string, position: Position, from: 'current' | 'last' = 'current'): Hover | null {
    const a = from === 'last' ? this.lastAnalysis(uri) : this.analysis(uri);
    return a ? hover(a, uri, position, this.settings) : null;
  }

  codeActions(uri: string, range: Range, context: CodeActionContext): CodeAction[] {
    const a = this.analysis(uri);
    const actions = a ? codeActions(a, uri, range, context, this.version(uri), { askReason: this.askReason }) : [];
    return this.settings.fixAll === 'off' ? actions.filter((x) => x.kind !== FIX_ALL_KIND) : actions;
  }

  codeLenses(uri: string, from: 'current' | 'last' = 'current'): CodeLens[] {
    const a = from === 'last' ? this.lastAnalysis(uri) : this.analysis(uri);
    return a && this.settings.codeLens ? codeLenses(a, uri) : [];
  }

  symbols(uri: string): DocumentSymbol[] {
    const outcome = this.parse(uri);
    return outcome?.kind === 'template' ? symbols(outcome.document) : [];
  }

  matrix(params: MatrixParams, workspaceUris: () => string[] = () => []): MatrixResult {
    const analyses: Analysis[] = [];
    const seen = new Set<Analysis>();
    for (const u of this.matrixUris(params, workspaceUris)) this.collectAnalysis(u, seen, analyses);
    return matrix(analyses, params.scope === 'document' ? params.uri : undefined);
  }

  /**
   * The same matrix, computed in slices that give the event loop back, so a
   * hover or an edit is answered while a large workspace is analysed.
   */
  async matrixInSlices(params: MatrixParams, workspaceUris: () => string[] = () => [], sliceMs = 20): Promise<MatrixResult> {
    const analyses: Analysis[] = [];
    const seen = new Set<Analysis>();
    let sliceStart = Date.now();
    for (const u of this.matrixUris(params, workspaceUris)) {
      this.collectAnalysis(u, seen, analyses);
      if (Date.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
    }
    return matrix(analyses, params.scope === 'document' ? params.uri : undefined, (f) => this.settings.rules[f.ruleId]?.severity ?? f.severity);
  }

  /** The "Full table" of a resource's hover, as Markdown; undefined when the resource is not (or no longer) there. */
  resourceDetail(params: ResourceDetailParams): string | undefined {
    const a = this.analysis(params.uri);
    const ra = a?.resourcesIn(params.uri).find((r) => r.resource.id === params.resourceId && r.info);
    return a && ra ? resourceDetail(ra, companionsByParent(a).get(ra) ?? []) : undefined;
  }

  private matrixUris(params: MatrixParams, workspaceUris: () => string[]): string[] {
    return params.scope === 'document' && params.uri ? [params.uri] : workspaceUris().filter((u) => !params.uri || u.startsWith(params.uri));
  }

  private collectAnalysis(uri: string, seen: Set<Analysis>, into: Analysis[]): void {
    const a = this.analysis(uri);
    if (a && !seen.has(a)) {
      seen.add(a);
      into.push(a);
    }
  }

}
