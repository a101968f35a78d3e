/**
 * Audio-only, in real Chromium over a shaped link. The witness's Chromium runs behind a veth pair
 * (test/support/shaped-network.ts); the judge and counsel are on clean links in the same hearing.
 *
 * 1. Her link drops to 128 kbit/s with 10 % loss both ways: the server switches her incoming video
 *    off by itself — counsel's camera stops reaching her — she keeps hearing the judge, her page says
 *    why, and the record holds the change with the figures that decided it; counsel keeps the judge's
 *    full picture. The link is restored: her video comes back by itself, and the record says so.
 * 2. The judge orders audio-only for her from the console: no video frame reaches her any more, the
 *    judge's voice still does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { admit, assertVideoFrom, enterHearing, type ParticipantPage } from '../support/browser.js';
import { openShapedHearing, type ShapedHearing } from '../support/shaped-hearing.js';
import { incomingFrom, notRoot, type Incoming, type ShapedLink } from '../support/shaped-network.js';
import type { ServerOnAddress } from '../support/shaped-server.js';
import type { TestHearing } from '../support/server.js';

const pick = (rows: Incoming[], kind: string) => rows.find((r) => r.kind === kind);

/** What a page received from one participant over a window: frames decoded, audio concealed. */
async function over(page: Page, fromId: string, ms: number) {
  const first = await incomingFrom(page, fromId);
  await page.waitForTimeout(ms);
  const second = await incomingFrom(page, fromId);
  const [v1, v2, a1, a2] = [pick(first, 'video'), pick(second, 'video'), pick(first, 'audio'), pick(second, 'audio')];
  const samples = (a2?.totalSamplesReceived ?? 0) - (a1?.totalSamplesReceived ?? 0);
  return {
    frames: (v2?.framesDecoded ?? 0) - (v1?.framesDecoded ?? 0),
    width: v2?.frameWidth ?? 0,
    samples,
    concealed: samples > 0 ? ((a2?.concealedSamples ?? 0) - (a1?.concealedSamples ?? 0)) / samples : 1,
  };
}

describe('audio-only for a witness whose link cannot carry video', { skip: notRoot }, () => {
  let shaped: ShapedHearing;
  let link: ShapedLink;
  let running: ServerOnAddress;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;
  const id = (name: string) => court.people[name]!.id;
  const audioOnlyEntries = async (): Promise<Record<string, unknown>[]> =>
    (await running.server.store.events.list(court.hearing.id))
      .filter((e) => e.type === 'media.audio_only')
      .map((e) => ({ actorId: e.actorId, ...(e.data as Record<string, unknown>) }));
  async function waitForEntry(match: (entry: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = (await audioOnlyEntries()).find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`no such audio-only entry in ${timeoutMs / 1000} s; the record has ${JSON.stringify(await audioOnlyEntries())}`);
  }

  before(async () => {
    shaped = await openShapedHearing([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
    ({ link, running, court } = shaped);
    const { clean, weak } = shaped;
    judge = await enterHearing(clean, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(weak, court.people['Maria Rossi']!.url);
    counsel = await enterHearing(clean, court.people['Tom Okafor']!.url);
    await admit(judge.page, 'Maria Rossi');
    await admit(judge.page, 'Tom Okafor');
    // The judge puts the questions: the others listen.
    for (const listener of [witness, counsel]) await listener.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await assertVideoFrom(witness.page, id('Tom Okafor'), 30_000);
  });
  after(async () => shaped?.close());

  it('switches her to audio-only by itself on 128 kbit/s with 10 % loss, keeps her hearing, says so, records why, and gives the video back when the link recovers', async (t) => {
    const witnessId = id('Maria Rossi');
    const shapedAt = Date.now();
    link.shapeDownlink({ rateKbit: 128, lossPercent: 10 });
    link.shapeUplink({ rateKbit: 128, lossPercent: 10 });
    const switched = await waitForEntry((e) => e.participantId === witnessId && e.cause === 'link' && e.active === true, 60_000);
    const switchedAfter = (Date.now() - shapedAt) / 1000;
    assert.equal(switched.actorId, witnessId, 'the entry is about her own link');
    assert.ok(switched.figures && Object.keys(switched.figures).length > 0, `the figures that decided it: ${JSON.stringify(switched)}`);
    assert.match(String(switched.reason), /packet loss|estimated bandwidth|no video layer|frozen/);

    const notice = witness.page.locator('#audio-only-notice');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await notice.textContent()) ?? '', /too weak for video/);
    const counselTile = witness.page.locator(`li.tile[data-participant-id="${id('Tom Okafor')}"]`);
    // Every page shows each connection in words: hers as the others see it, and in the judge's panel with why.
    await counsel.page.locator(`li.tile[data-participant-id="${witnessId}"] .quality-mark`, { hasText: 'Poor connection' }).waitFor({ timeout: 10_000 });
    await judge.page.locator(`#connections li[data-participant-id="${witnessId}"]`, { hasText: 'Maria Rossi: poor connection' }).waitFor({ timeout: 10_000 });
    await judge.page.locator('#connections li', { hasText: 'Maria Rossi: the connection cannot carry video' }).waitFor({ timeout: 10_000 });
    assert.equal(await counselTile.getAttribute('data-video-off'), 'true');
    assert.equal(await counselTile.locator('.video-off-mark').textContent(), 'Video off');

    // Let what was in flight drain, then measure: no frame of counsel, the judge's voice intelligible.
    await witness.page.waitForTimeout(3000);
    const [fromCounsel, fromJudge, atCounsel] = await Promise.all([
      over(witness.page, id('Tom Okafor'), 12_000),
      over(witness.page, id('Judge Anna Berger'), 12_000),
      over(counsel.page, id('Judge Anna Berger'), 12_000),
    ]);
    t.diagnostic(
      `switched after ${switchedAfter.toFixed(1)} s: ${String(switched.reason)} ${JSON.stringify(switched.figures)}; over 12 s on audio-only: ` +
        `counsel's camera ${fromCounsel.frames} frames, the judge's ${fromJudge.frames} frames at ${fromJudge.width} px (kept at its lowest layer if it fits), ` +
        `the judge's audio ${(fromJudge.concealed * 100).toFixed(1)} % concealed; counsel decodes the judge at ${atCounsel.width} px, ${atCounsel.frames} frames`,
    );
    assert.ok(fromCounsel.frames <= 1, `counsel's video no longer reaches her: ${fromCounsel.frames} frames`);
    assert.ok(fromJudge.samples > 0, 'she still hears the judge');
    assert.ok(fromJudge.concealed < 0.15, `the judge's audio concealed: ${(fromJudge.concealed * 100).toFixed(1)} %`);
    assert.equal(atCounsel.width, 640, 'counsel on a clean link keeps the full picture');
    assert.ok(atCounsel.frames >= 12 * 10, `counsel's video of the judge moves: ${atCounsel.frames} frames`);

    const cleanLinks = (await audioOnlyEntries()).filter((e) => e.participantId !== witnessId);
    assert.deepEqual(cleanLinks, [], 'the judge and counsel, on clean links, keep their video although her stream reaches them damaged');

    const restoredAt = Date.now();
    link.unshape();
    const back = await waitForEntry((e) => e.participantId === witnessId && e.cause === 'link' && e.active === false, 90_000);
    t.diagnostic(`video back ${((Date.now() - restoredAt) / 1000).toFixed(1)} s after the link was restored: ${String(back.reason)}`);
    await notice.waitFor({ state: 'hidden', timeout: 10_000 });
    await assertVideoFrom(witness.page, id('Tom Okafor'), 20_000);
    assert.equal(await counselTile.getAttribute('data-video-off'), 'false');
  });

  it('the judge orders audio-only for her: no video frame reaches her, the judge’s voice still does', async (t) => {
    const witnessId = id('Maria Rossi');
    await assertVideoFrom(witness.page, id('Judge Anna Berger'), 20_000);
    await judge.page.getByRole('button', { name: 'Switch Maria Rossi to audio only' }).click();
    await waitForEntry((e) => e.participantId === witnessId && e.cause === 'court' && e.active === true && e.actorId === id('Judge Anna Berger'), 10_000);
    const notice = witness.page.locator('#audio-only-notice');
    await notice.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await notice.textContent()) ?? '', /The court has switched your incoming video off/);
    await witness.page.waitForTimeout(1500);
    const [fromJudge, fromCounsel] = await Promise.all([over(witness.page, id('Judge Anna Berger'), 6000), over(witness.page, id('Tom Okafor'), 6000)]);
    t.diagnostic(
      `on the court's order, over 6 s: the judge's camera ${fromJudge.frames} frames, counsel's ${fromCounsel.frames}; the judge's audio ${fromJudge.samples} samples, ${(fromJudge.concealed * 100).toFixed(1)} % concealed`,
    );
    assert.equal(fromJudge.frames, 0, 'no frame of the judge');
    assert.equal(fromCounsel.frames, 0, 'no frame of counsel');
    assert.ok(fromJudge.samples > 6 * 48_000 * 0.8, `the judge is still heard: ${fromJudge.samples} samples`);
    assert.ok(fromJudge.concealed < 0.05, 'on a clean link, clearly');
    // The judge's console says who is on audio-only and why.
    await judge.page.locator('#connections li', { hasText: 'Maria Rossi: ordered by you' }).waitFor({ timeout: 5000 });

    await judge.page.getByRole('button', { name: 'Restore the video Maria Rossi receives' }).click();
    await waitForEntry((e) => e.participantId === witnessId && e.cause === 'court' && e.active === false, 10_000);
    await assertVideoFrom(witness.page, id('Judge Anna Berger'), 20_000);
  });

  it('counsel chooses audio-only for himself, his camera stopped too: nothing of video reaches him, nor his picture the others', async (t) => {
    const counselId = id('Tom Okafor');
    await assertVideoFrom(witness.page, counselId, 20_000);
    await counsel.page.locator('#audio-only-camera').check();
    await counsel.page.getByRole('button', { name: 'Audio only' }).click();
    await waitForEntry((e) => e.participantId === counselId && e.cause === 'participant' && e.active === true && e.cameraOff === true, 10_000);
    await counsel.page.locator('#audio-only-notice', { hasText: 'You chose audio-only' }).waitFor({ timeout: 10_000 });
    await counsel.page.waitForTimeout(1500);
    const [atCounsel, atWitness] = await Promise.all([over(counsel.page, id('Judge Anna Berger'), 5000), over(witness.page, counselId, 5000)]);
    t.diagnostic(
      `counsel on his own audio-only: the judge's camera ${atCounsel.frames} frames, audio ${(atCounsel.concealed * 100).toFixed(1)} % concealed; his camera at the witness ${atWitness.frames} frames`,
    );
    assert.equal(atCounsel.frames, 0, 'no frame reaches him');
    assert.ok(atCounsel.samples > 0 && atCounsel.concealed < 0.05, 'he still hears the judge clearly');
    assert.equal(atWitness.frames, 0, 'his camera is stopped');
    await counsel.page.getByRole('button', { name: 'Receive video again' }).click();
    await waitForEntry((e) => e.participantId === counselId && e.cause === 'participant' && e.active === false, 10_000);
    await assertVideoFrom(counsel.page, id('Judge Anna Berger'), 20_000);
  });
});
