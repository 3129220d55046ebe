import { URI } from 'vscode-uri';
import { ConfigError, findProjectConfig, loadProjectConfig, type ProjectConfig } from './projectConfig';

/**
 * The configuration the language server uses: the `.srm-lens.yaml` found
 * walking up from the first workspace folder on disk. A file with problems
 * is not applied; the problem (file, line, message) is returned to be shown.
 */
export function projectConfigForFolders(folders: readonly string[]): { config?: ProjectConfig; problem?: string } {
  const folder = folders.map((f) => URI.parse(f)).find((u) => u.scheme === 'file');
  if (!folder) return {};
  const path = findProjectConfig(folder.fsPath);
  if (!path) return {};
  try {
    return { config: loadProjectConfig(path) };
  } catch (error) {
    if (error instanceof ConfigError) return { problem: `${error.message} (the configuration file is ignored until it is fixed)` };
    throw error;
  }
}
