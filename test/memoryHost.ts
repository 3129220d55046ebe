import type { WorkspaceHost } from '../server/src/workspace/workspaceHost';

/** A workspace that lives in memory: files by URI, directories derived from them. */
export function memoryHost(files: Record<string, string>): WorkspaceHost & { files: Record<string, string> } {
  return {
    files,
    readFile: (uri) => files[uri],
    listDirectory: (dir) => Object.keys(files).filter((u) => u.slice(0, u.lastIndexOf('/')) === dir),
  };
}
