// Writes the extension's page for the .vsix: client/README.md with every
// image inlined as a data: URI. VS Code shows an installed extension's page
// in a webview that loads images only from https: or data: and does not
// resolve paths relative to the extension, so an image file shipped in the
// .vsix would show as broken; inlined, the screenshots travel inside the page
// and no image file needs to ship at all.
//
//   node scripts/packageReadme.mjs [--out dist/README.md]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'client', 'README.md');
const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : join(root, 'dist', 'README.md'));
const MIME = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

const problems = [];
const page = readFileSync(source, 'utf8').replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, alt, target) => {
  if (/^(https?|data):/i.test(target)) return whole;
  const file = resolve(dirname(source), target);
  const mime = MIME[extname(file).toLowerCase()];
  if (!mime) problems.push(`${target}: only PNG, JPEG and GIF images can be inlined`);
  else if (!existsSync(file)) problems.push(`${target}: no such image (${file})`);
  else return `![${alt}](data:${mime};base64,${readFileSync(file).toString('base64')})`;
  return whole;
});
if (problems.length) {
  console.error(`client/README.md:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
console.log(`wrote ${out} (${Math.round(page.length / 1024)} KB)`);
