import { URI, Utils } from 'vscode-uri';
import type { ModuleHost } from '../link/moduleHost';
import { isTerraformConfiguration, type TemplateDocument } from '../model/document';
import type { ParseOutcome } from '../parse';
import { directoryOf } from './workspaceHost';

const TERRAFORM_FILE = /\.tf(\.json)?$/i;

/**
 * Module directories for the language service, by URI: files come through
 * the service (open documents as typed, closed ones from the workspace
 * host), parsed by its cache, so a module called twice is parsed once.
 */
export class EditorModuleHost implements ModuleHost {
  constructor(
    private readonly listDirectory: (dir: string) => string[],
    private readonly parse: (uri: string) => ParseOutcome | undefined,
    private readonly read: (uri: string) => string | undefined,
  ) {}

  directoryOf(file: string): string {
    return directoryOf(file);
  }

  join(dir: string, relative: string): string {
    const joined = Utils.joinPath(URI.parse(dir), relative.replace(/\\/g, '/')).toString();
    return joined.replace(/\/+$/, '');
  }

  documents(dir: string): TemplateDocument[] {
    const docs: TemplateDocument[] = [];
    for (const uri of this.listDirectory(dir).filter((u) => TERRAFORM_FILE.test(u)).sort()) {
      const outcome = this.parse(uri);
      if (outcome?.kind === 'template' && isTerraformConfiguration(outcome.document.format)) docs.push(outcome.document);
    }
    return docs;
  }

  readFile(file: string): string | undefined {
    return this.read(file);
  }
}
