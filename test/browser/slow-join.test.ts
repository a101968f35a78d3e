/**
 * Joining on a slow link: the witness's Chromium runs behind a veth pair limited to 256 kbit/s in
 * both directions (test/support/shaped-network.ts) and opens her link with nothing cached. Before
 * the split, the page's one script (311 KB, sent uncompressed) alone took about ten seconds over
 * such a link; now the link check, the words and the preview come first, precompressed, and the
 * mediasoup client follows while she looks at her preview.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { toneFile } from '../support/media-files.js';
import { createShapedLink, notRoot, type ShapedLink } from '../support/shaped-network.js';
import { startServerOn, type ServerOnAddress } from '../support/shaped-server.js';
import type { TestHearing } from '../support/server.js';

/** From opening the link to a preview that moves and a Join button that can be pressed. */
const USABLE_WITHIN_MS = 6000;

describe('the join page over a 256 kbit/s link', { skip: notRoot }, () => {
  let link: ShapedLink;
  let running: ServerOnAddress;
  let court: TestHearing;
  let weak: Browser;

  before(async () => {
    link = createShapedLink();
    running = await startServerOn(link.hostAddress);
    weak = await link.launchChromium({ origin: new URL(running.server.url).origin, insideNamespace: true, audioFile: toneFile(440) });
    court = await running.hearingWith([{ name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' }]);
    link.shapeDownlink({ rateKbit: 256, lossPercent: 0 });
    link.shapeUplink({ rateKbit: 256, lossPercent: 0 });
  });
  after(async () => {
    await weak?.close();
    await running?.close();
    link?.close();
  });

  it('shows her preview and a usable Join button within six seconds, then takes her into the hearing', async (t) => {
    const context = await weak.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    const opened = Date.now();
    await page.goto(court.people['Maria Rossi']!.url, { waitUntil: 'commit' });
    // Usable: her name is shown (the link was checked), her camera's picture moves, Join can be pressed.
    await page.getByText('Maria Rossi').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => {
        const video = document.getElementById('preview-video') as HTMLVideoElement;
        const join = document.getElementById('join-button') as HTMLButtonElement;
        return video.videoWidth > 0 && video.currentTime > 0 && !join.disabled && join.checkVisibility();
      },
      undefined,
      { timeout: 30_000, polling: 50 },
    );
    const usableMs = Date.now() - opened;

    // What crossed the link, as the browser counts it: every script compressed (gzip: Chromium asks for brotli over HTTPS only).
    const loaded = () =>
      page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.name.includes('/assets/'))
          .map((r) => ({ name: r.name.split('/').pop() ?? '', transfer: r.transferSize, decoded: r.decodedBodySize, end: r.responseEnd })),
      );
    // The two chunks the page announces, and the mediasoup client's, which it fetches during the preview.
    await page.waitForFunction(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('/assets/chunk-')).length >= 3, undefined, {
      timeout: 30_000,
    });
    const scripts = await loaded();
    const [navigation] = await page.evaluate(() =>
      (performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]).map((n) => ({ transfer: n.transferSize, decoded: n.decodedBodySize })),
    );
    const allLoadedMs = Math.max(...scripts.map((s) => s.end));
    const transfer = scripts.reduce((n, s) => n + s.transfer, navigation?.transfer ?? 0);
    t.diagnostic(
      `usable after ${usableMs} ms; every script in after ${allLoadedMs.toFixed(0)} ms of page time; ` +
        `${(transfer / 1024).toFixed(1)} KiB crossed the link for ${((scripts.reduce((n, s) => n + s.decoded, 0) + (navigation?.decoded ?? 0)) / 1024).toFixed(1)} KiB of page: ` +
        scripts.map((s) => `${s.name} ${(s.transfer / 1024).toFixed(1)} KiB`).join(', '),
    );
    assert.ok(usableMs < USABLE_WITHIN_MS, `usable after ${usableMs} ms`);
    // (A chunk of a few hundred bytes is mostly headers, compressed or not.)
    for (const script of scripts.filter((s) => s.decoded > 4096))
      assert.ok(script.transfer < script.decoded / 2, `${script.name} arrives compressed: ${script.transfer} of ${script.decoded} bytes`);
    assert.ok(transfer < 100 * 1024, `the whole page crossed the link in ${transfer} bytes`);

    // And the rest of the page works: Join takes her to the hearing's waiting room.
    await page.getByRole('button', { name: 'Join the hearing' }).click();
    await page.getByRole('heading', { name: 'You are in the waiting room' }).waitFor({ timeout: 30_000 });
    await context.close();
  });
});
