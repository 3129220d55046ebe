// Bundles the extension client, the language server and the CLI into dist/,
// and copies the tree-sitter runtime and Terraform grammar next to them.
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

const common = {
  // web-tree-sitter's CommonJS build still asks import.meta.url where its module lives.
  define: { SRM_LENS_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/importMetaUrl.js'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  // The server starts on every window: identifiers stay (readable stacks), whitespace and syntax are
  // minified in every build, which V8 compiles measurably faster at start-up.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its modules from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
};

// Code compiled with `vm.Script` (the launcher's code cache) has no loader for `import()`, which
// web-tree-sitter uses for two Node modules: they become static imports. A web-tree-sitter that
// imports otherwise fails the build, so an upgrade cannot break the CLI silently.
const staticNodeImports = {
  name: 'static-node-imports',
  setup(b) {
    b.onLoad({ filter: /web-tree-sitter[\\/]tree-sitter\.js$/ }, async ({ path }) => {
      const imports = { 'fs/promises': '__srmLensFsPromises', module: '__srmLensNodeModule' };
      let contents = readFileSync(path, 'utf8');
      for (const [name, binding] of Object.entries(imports)) {
        const dynamic = `await import("${name}")`;
        if (contents.split(dynamic).length !== 2) throw new Error(`${path}: expected one ${dynamic}; update esbuild.mjs`);
        contents = `import * as ${binding} from "node:${name}";\n${contents.replace(dynamic, binding)}`;
      }
      if (/\bimport\(/.test(contents)) throw new Error(`${path}: a dynamic import() is left; update esbuild.mjs`);
      return { contents, loader: 'js' };
    });
  },
};
const compiledByLauncher = { plugins: [staticNodeImports] };

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // `srm-lens`: a small launcher that compiles the CLI's bundle through V8's code cache (`cliLauncher.ts`).
  { entryPoints: ['server/src/cliLauncher.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cliBundle.js', ...compiledByLauncher },
  // The thread `srm-lens scan --jobs N` starts (a launcher and its bundle); it sits next to cli.js so the CLI finds it.
  { entryPoints: ['server/src/scanWorkerLauncher.ts'], outfile: 'dist/scanWorker.js' },
  { entryPoints: ['server/src/scanWorker.ts'], outfile: 'dist/scanWorkerBundle.js', ...compiledByLauncher },
];

mkdirSync('dist/knowledge', { recursive: true });
// The knowledge base is read lazily at run time rather than parsed with the bundle.
for (const name of ['cloudformationTypes.json', 'terraformTypes.json']) {
  copyFileSync(`server/src/knowledge/generated/${name}`, `dist/knowledge/${name}`);
}
for (const [from, to] of [
  ['web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/tree-sitter-terraform.wasm'],
]) {
  copyFileSync(require.resolve(from), to);
}

if (watch) {
  for (const entry of entries) await (await context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
}
