// Builds the browser pages into web/dist: one bundle per page, minified, with a source map, split so
// that the join page's first script is small (the mediasoup client is a chunk of its own, fetched
// while the person looks at the preview). Scripts and chunks carry a content hash in their names, so
// they can be cached for a year; the pages are rewritten to name them. The join page carries its
// stylesheet inline (its hash goes into dist/inline-styles.json, which the server adds to the page's
// Content-Security-Policy), so the first paint waits for one request only. Every text file is also
// written precompressed (.br, .gz) for the server to send as it is.
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('.', import.meta.url));
const out = `${root}dist`;
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
// Two scripts run on their own, outside the page's modules: the frame sealer as a dedicated worker
// (web/src/frame-sealer-worker.ts) and the voice mask in the audio worklet
// (web/src/voice-mask-worklet.ts). Each is built first, as a plain script, so that the pages can
// name it by its hashed file.
async function buildScript(name, entry) {
  const built = await build({
    entryPoints: { [name]: `${root}src/${entry}` },
    outdir: `${out}/assets`,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: !process.env.NO_MINIFY,
    sourcemap: true,
    format: 'iife',
    target: ['chrome110', 'firefox115', 'safari16'],
    metafile: true,
    logLevel: 'warning',
  });
  const file = Object.keys(built.metafile.outputs)
    .find((output) => output.endsWith('.js'))
    .split('/')
    .pop();
  return { built, file };
}
const sealer = await buildScript('frame-sealer', 'frame-sealer-worker.ts');
const voiceMask = await buildScript('voice-mask', 'voice-mask-worklet.ts');
// pdf.js's worker, which draws a PDF shared in a private consultation (web/src/pdf-pages.ts): a module
// worker, copied as it ships with a hash of its content in its name.
const pdfWorkerSource = await readFile(new URL('../node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs', import.meta.url));
const pdfWorker = `pdf-worker-${createHash('sha256').update(pdfWorkerSource).digest('hex').slice(0, 8).toUpperCase()}.js`;
await writeFile(`${out}/assets/${pdfWorker}`, pdfWorkerSource);
// The character maps and standard fonts it fetches for a PDF that does not embed them (Chinese or
// Russian text in a standard font): served at /pdf-data/ (server/built-files.ts).
await cp(new URL('../node_modules/pdfjs-dist/cmaps/', import.meta.url), `${out}/pdf-data/cmaps`, { recursive: true });
await cp(new URL('../node_modules/pdfjs-dist/standard_fonts/', import.meta.url), `${out}/pdf-data/standard-fonts`, { recursive: true });
const result = await build({
  entryPoints: {
    join: `${root}src/join-page.ts`,
    coordinator: `${root}src/coordinator/main.ts`,
    playback: `${root}src/playback-page.ts`,
    landing: `${root}src/landing-page.ts`,
    gallery: `${root}src/gallery-page.ts`,
  },
  outdir: `${out}/assets`,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  minify: !process.env.NO_MINIFY,
  sourcemap: true,
  format: 'esm',
  define: {
    FRAME_SEALER_URL: JSON.stringify(`/assets/${sealer.file}`),
    VOICE_MASK_URL: JSON.stringify(`/assets/${voiceMask.file}`),
    PDF_WORKER_URL: JSON.stringify(`/assets/${pdfWorker}`),
  },
  target: ['chrome110', 'firefox115', 'safari16'],
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries({ ...result.metafile.outputs, ...sealer.built.metafile.outputs, ...voiceMask.built.metafile.outputs }).filter(([name]) =>
  name.endsWith('.js'),
);
const entryFile = (entry) => {
  const found = outputs.find(([, info]) => info.entryPoint?.endsWith(entry));
  if (!found) throw new Error(`no output for ${entry}`);
  return found[0].split('/').pop();
};
const scripts = {
  '/assets/join.js': entryFile('src/join-page.ts'),
  '/assets/coordinator.js': entryFile('src/coordinator/main.ts'),
  '/assets/playback.js': entryFile('src/playback-page.ts'),
  '/assets/landing.js': entryFile('src/landing-page.ts'),
  '/assets/gallery.js': entryFile('src/gallery-page.ts'),
};
// The chunks an entry imports statically, announced in the page so they download beside it, not after it.
const preloads = (file) =>
  Object.entries(result.metafile.outputs)
    .find(([name]) => name.endsWith(`/${file}`))?.[1]
    .imports.filter((i) => i.kind === 'import-statement')
    .map((i) => `<link rel="modulepreload" href="/assets/${i.path.split('/').pop()}">`)
    .join('') ?? '';

const styles = await readFile(`${root}styles.css`, 'utf8');
const inlineStyles = {};
for (const file of ['index.html', 'join.html', 'coordinator.html', 'playback.html', 'gallery.html']) {
  let html = await readFile(`${root}${file}`, 'utf8');
  for (const [plain, hashed] of Object.entries(scripts))
    html = html.replace(`<script type="module" src="${plain}"></script>`, `<script type="module" src="/assets/${hashed}"></script>${preloads(hashed)}`);
  if (file === 'join.html') {
    const css = (await transform(styles, { loader: 'css', minify: true })).code.trim();
    html = html.replace('<link rel="stylesheet" href="/assets/styles.css">', `<style>${css}</style>`);
    inlineStyles[file] = [`'sha256-${createHash('sha256').update(css).digest('base64')}'`];
  }
  await writeFile(`${out}/${file}`, html);
}
await writeFile(`${out}/inline-styles.json`, JSON.stringify(inlineStyles));
await cp(`${root}styles.css`, `${out}/assets/styles.css`);
// The printable minutes (record/minutes-html.ts) link this; the CSP forbids inline styles.
await cp(`${root}minutes.css`, `${out}/assets/minutes.css`);

// Compressed once here, at the highest levels, rather than on every request.
const compressed = [];
for (const dir of [out, `${out}/assets`]) {
  for (const name of await readdir(dir)) {
    if (!/\.(html|js|css|map)$/.test(name)) continue;
    const body = await readFile(`${dir}/${name}`);
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    await writeFile(`${dir}/${name}.br`, br);
    await writeFile(`${dir}/${name}.gz`, gzipSync(body, { level: 9 }));
    compressed.push({ name, raw: body.length, br: br.length });
  }
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const sizes = outputs.map(([name]) => {
  const file = name.split('/').pop();
  const entry = compressed.find((c) => c.name === file);
  return `${file} ${kib(entry?.raw ?? 0)} (${kib(entry?.br ?? 0)} br)`;
});
console.log(`web built: ${sizes.join(', ')}`);
