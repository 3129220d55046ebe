import type { TemplateDocument } from '../model/document';

/**
 * What linking needs from the world to follow `module` blocks: the parsed
 * Terraform files of a directory and the text of `modules.json`. Paths are
 * whatever the caller uses (file paths for the CLI, URIs for the editor);
 * linking only joins them and compares them.
 */
export interface ModuleHost {
  /** The directory holding a file. */
  directoryOf(file: string): string;
  /** `relative` (a module source such as `../../`, or a `Dir` of `modules.json`) from `dir`, normalised so one directory has one name. */
  join(dir: string, relative: string): string;
  /** The parsed `.tf` and `.tf.json` files directly inside `dir`; empty when there are none or it cannot be read. */
  documents(dir: string): TemplateDocument[];
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
}
