import { realpathSync } from 'node:fs';
import { URI } from 'vscode-uri';
import { inside } from './collectFiles';
import type { WorkspaceHost } from './workspaceHost';

/**
 * The workspace is the boundary: the server reads files it was not given
 * (module siblings, tfvars, files named in settings, documents named in
 * requests) only inside the roots — the workspace folders, or the folders of
 * the open documents when there are none. A repository's settings or a
 * crafted request therefore cannot make the server read `/etc/shadow`, and a
 * symbolic link inside the workspace cannot lead outside it.
 */
export function boundedHost(host: WorkspaceHost, roots: () => string[]): WorkspaceHost {
  const allowed = (uri: string): boolean => {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return false;
    const target = realOrSelf(parsed.fsPath);
    return roots().some((root) => {
      const r = URI.parse(root);
      return r.scheme === 'file' && inside(realOrSelf(r.fsPath), target);
    });
  };
  return {
    readFile: (uri) => (allowed(uri) ? host.readFile(uri) : undefined),
    listDirectory: (uri) => (allowed(uri) ? host.listDirectory(uri) : []),
    whyUnreadable: (uri) => (allowed(uri) ? host.whyUnreadable?.(uri) : 'it is outside the workspace folders'),
  };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
