// Injected into the CommonJS bundles so that code written for ES modules can ask where it lives.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
