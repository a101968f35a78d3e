/** The HTTP side as a browser and an operator meet it: pages, security headers, health. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

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

  it('serves the page script', async () => {
    const response = await fetch(`${server.url}/assets/join.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
  });

  it('answers an unknown address in words', async () => {
    const response = await fetch(`${server.url}/admin`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /Open the personal link/);
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
