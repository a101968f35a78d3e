/** The HTTP side as a browser and an operator meet it: pages, security headers, health. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { findWebRoot } from '../../server/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A GET that leaves the body as sent: fetch would decode it and hide the encoding. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('the HTTP server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => server?.close());

  it('serves the join page for a hearing address, with headers that keep it private', async () => {
    const response = await fetch(`${server.url}/join/5b0c1a52-0d5e-4c55-9e4c-1b2b8e4f7a10`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<title>Join the hearing/);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  it('serves the page script precompressed, cached for a year under its hashed name', async () => {
    const page = await (await fetch(`${server.url}/join`)).text();
    const script = /<script type="module" src="(\/assets\/join-[A-Z0-9]{8}\.js)">/.exec(page)?.[1];
    assert.ok(script, 'the page names its script by content hash');
    const raw = readFileSync(`${findWebRoot()}${script}`);
    for (const [accept, encoding, decode] of [
      ['br', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
    ] as const) {
      const response = await rawGet(`${server.url}${script}`, accept);
      assert.equal(response.status, 200);
      assert.equal(response.headers['content-encoding'], encoding);
      assert.match(response.headers['content-type'] ?? '', /javascript/);
      assert.equal(response.headers.vary, 'Accept-Encoding');
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.ok(response.body.length < raw.length / 2, `${encoding}: ${response.body.length} bytes for ${raw.length}`);
      assert.deepEqual(decode(response.body), raw, 'the same script once decoded');
    }
    const plain = await rawGet(`${server.url}${script}`, 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, raw);
    assert.equal((await rawGet(`${server.url}/assets/..%2Fjoin.html`, 'br')).status, 404);
    assert.equal((await rawGet(`${server.url}/assets/join.js`, 'br')).status, 404);
  });

  it('serves pdf.js the character maps and standard fonts it asks for by name, and nothing beside them', async () => {
    const cmap = await rawGet(`${server.url}/pdf-data/cmaps/UniGB-UCS2-H.bcmap`, 'identity');
    assert.equal(cmap.status, 200);
    assert.deepEqual(cmap.body, readFileSync(`${findWebRoot()}/pdf-data/cmaps/UniGB-UCS2-H.bcmap`));
    assert.equal((await rawGet(`${server.url}/pdf-data/standard-fonts/FoxitSerif.pfb`, 'identity')).status, 200);
    assert.equal((await rawGet(`${server.url}/pdf-data/standard-fonts/LICENSE_FOXIT`, 'identity')).status, 404);
    assert.equal((await rawGet(`${server.url}/pdf-data/cmaps/..%2F..%2Fjoin.html`, 'identity')).status, 404);
    assert.equal((await rawGet(`${server.url}/pdf-data/secrets/UniGB-UCS2-H.bcmap`, 'identity')).status, 404);
  });

  it("inlines the join page's stylesheet and allows exactly it in the Content-Security-Policy", async () => {
    const response = await rawGet(`${server.url}/join/5b0c1a52-0d5e-4c55-9e4c-1b2b8e4f7a10`, 'br');
    assert.equal(response.headers['content-encoding'], 'br');
    assert.equal(response.headers['cache-control'], 'no-store');
    const html = brotliDecompressSync(response.body).toString('utf8');
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    assert.ok(css, 'the stylesheet is inline');
    assert.doesNotMatch(html, /rel="stylesheet"/, 'no stylesheet request before the first paint');
    const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, new RegExp(`style-src 'self' ${hash.replace(/[+/]/g, '\\$&')};`));
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  it('answers an unknown address in words', async () => {
    const response = await fetch(`${server.url}/admin`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /Open the personal link/);
  });

  it('is ready when the database answers and the recording disk has room, and says which fails otherwise', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    const body = (await ready.json()) as { ready: boolean; database: { ok: boolean }; recordingDisk: { ok: boolean; freeMb: number; minimumFreeMb: number } };
    assert.equal(ready.status, 200);
    assert.deepEqual([body.ready, body.database.ok, body.recordingDisk.ok], [true, true, true]);
    assert.ok(body.recordingDisk.freeMb > 0);
    // A disk that cannot keep the free space asked for: not ready, and the report names the disk.
    const full = await startTestServer({ env: { HEARING_ROOM_RECORDING_MIN_FREE_MB: String(1024 * 1024 * 1024) } });
    try {
      const response = await fetch(`${full.url}/readyz`);
      const report = (await response.json()) as typeof body;
      assert.equal(response.status, 503);
      assert.deepEqual([report.ready, report.database.ok, report.recordingDisk.ok], [false, true, false]);
    } finally {
      await full.close();
    }
  });

  it('reports the media workers’ health by counts only, and counts a replacement', async () => {
    const healthy = await (await fetch(`${server.url}/healthz`)).json();
    assert.deepEqual(healthy, { status: 'ok', workers: { total: 1, alive: 1, replaced: 0 }, hearings: 0 });
    const [slot] = server.sfu.pool.list();
    const replaced = once(server.sfu, 'worker-replaced');
    process.kill(slot!.worker.pid, 'SIGKILL');
    await replaced;
    const after = await (await fetch(`${server.url}/healthz`)).json();
    assert.deepEqual(after.workers, { total: 1, alive: 1, replaced: 1 });
    assert.equal(JSON.stringify(after).includes(String(slot!.worker.pid)), false, 'no process ids');
  });
});
