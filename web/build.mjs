// Builds the browser pages: one bundle per page, minified, with a source map, into web/dist.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const out = `${root}dist`;
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
const result = await build({
  entryPoints: { join: `${root}src/join-page.ts`, coordinator: `${root}src/coordinator/main.ts` },
  outdir: `${out}/assets`,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox115', 'safari16'],
  metafile: true,
  logLevel: 'warning',
});
for (const file of ['index.html', 'join.html', 'coordinator.html']) await cp(`${root}${file}`, `${out}/${file}`);
await cp(`${root}styles.css`, `${out}/assets/styles.css`);
// The printable minutes (record/minutes-html.ts) link this; the CSP forbids inline styles.
await cp(`${root}minutes.css`, `${out}/assets/minutes.css`);
const bytes = Object.entries(result.metafile.outputs)
  .filter(([name]) => name.endsWith('.js'))
  .map(([name, info]) => `${name.replace(`${root}`, 'web/')} ${(info.bytes / 1024).toFixed(0)} KiB`);
console.log(`web built: ${bytes.join(', ')}`);
