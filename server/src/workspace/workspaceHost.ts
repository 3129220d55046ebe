import { readdirSync } from 'node:fs';
import { URI, Utils } from 'vscode-uri';
import { readText } from './readText';

/**
 * What the language service needs from the world besides open documents:
 * files of a Terraform module that are not open, and directory listings.
 * Tests give an in-memory host; the server gives the disk.
 */
export interface WorkspaceHost {
  /** Text of a file by URI, or undefined when it cannot be read (a reason is not needed here: the file is not open). */
  readFile(uri: string): string | undefined;
  /** URIs of the files directly inside a directory URI. */
  listDirectory(uri: string): string[];
  /** Why the last `readFile` of this URI gave nothing, for files that matter though nobody opened them (a module's siblings). */
  whyUnreadable?(uri: string): string | undefined;
}

const readFailures = new Map<string, string>();

export const diskHost: WorkspaceHost = {
  readFile(uri) {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const read = readText(parsed.fsPath);
    if (read.ok) readFailures.delete(uri);
    else readFailures.set(uri, read.reason);
    return read.ok ? read.text : undefined;
  },
  whyUnreadable: (uri) => readFailures.get(uri),
  listDirectory(uri) {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return [];
    try {
      return readdirSync(parsed.fsPath).map((name) => Utils.joinPath(parsed, name).toString());
    } catch {
      return [];
    }
  },
};

export function directoryOf(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

export function baseName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}
