/**
 * bench/page-size — what a person on a slow link downloads before the join page is usable, and in
 * all. Reads the built pages (`node web/build.mjs`) as the server sends them: precompressed, brotli
 * when the browser accepts it (every current one does), gzip otherwise.
 *
 * - first paint: the page itself (its stylesheet inline), its script and the chunks the page
 *   announces beside it (modulepreload) — everything the link check, the words and the preview need;
 * - total: first paint plus the chunks that script imports later (the mediasoup client), fetched
 *   while the person looks at the preview.
 *
 * Times are the bytes alone over the given link rates, without round trips or TCP's slow start:
 * the shaped-link join test (test/browser/slow-join.test.ts) measures a real page.
 *
 * Usage: ./hearing-room bench page-size
 */
import { readFileSync, statSync } from 'node:fs';
import { findWebRoot } from '../../server/http.js';

const root = findWebRoot();
const size = (path: string) => ({ raw: statSync(path).size, br: statSync(`${path}.br`).size, gzip: statSync(`${path}.gz`).size });

const html = readFileSync(`${root}/join.html`, 'utf8');
const announced = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
const later = new Set<string>();
// Follow every import from the announced scripts: static ones should all be announced already.
const queue = [...announced];
const seen = new Set(queue);
while (queue.length > 0) {
  const file = queue.shift()!;
  const code = readFileSync(`${root}/assets/${file}`, 'utf8');
  for (const [, dynamic, path] of code.matchAll(/(import\(|from|import)\s*"\.\/([^"]+\.js)"/g)) {
    if (!path || seen.has(path)) continue;
    seen.add(path);
    queue.push(path);
    if (dynamic === 'import(') later.add(path);
    else if (!later.has(file)) console.warn(`${path} is imported statically by ${file} but not announced by the page`);
  }
}

type Sizes = ReturnType<typeof size>;
const sum = (rows: Sizes[]) => rows.reduce((a, b) => ({ raw: a.raw + b.raw, br: a.br + b.br, gzip: a.gzip + b.gzip }), { raw: 0, br: 0, gzip: 0 });
const firstFiles: [string, Sizes][] = [['join.html', size(`${root}/join.html`)], ...announced.map((f): [string, Sizes] => [f, size(`${root}/assets/${f}`)])];
const laterFiles: [string, Sizes][] = [...seen].filter((f) => !announced.includes(f)).map((f) => [f, size(`${root}/assets/${f}`)]);
const first = sum(firstFiles.map(([, s]) => s));
const total = sum([first, ...laterFiles.map(([, s]) => s)]);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const at = (bytes: number, kbit: number) => `${((bytes * 8) / (kbit * 1000)).toFixed(1)} s`;
console.log('file                          raw         brotli      gzip');
for (const [name, s] of [...firstFiles, ...laterFiles]) {
  console.log(
    `${name.padEnd(30)}${kb(s.raw).padEnd(12)}${kb(s.br).padEnd(12)}${kb(s.gzip)}${laterFiles.some(([n]) => n === name) ? '   (after the preview)' : ''}`,
  );
}
console.log('');
console.log('                              raw         brotli      gzip        brotli at 256 kbit/s   at 128 kbit/s');
for (const [label, s] of [
  ['first paint', first],
  ['total', total],
] as const) {
  console.log(`${label.padEnd(30)}${kb(s.raw).padEnd(12)}${kb(s.br).padEnd(12)}${kb(s.gzip).padEnd(12)}${at(s.br, 256).padEnd(23)}${at(s.br, 128)}`);
}
