/**
 * The person heard on a 256 kbit/s downlink losing 5 % of packets, the judge on a clean link: the
 * witness's Chromium runs in a network namespace behind a shaped veth pair (test/support/
 * shaped-network.ts). Counsel, in the same hearing on a clean link, must keep the full picture.
 * Over such a link a bare room decoded no video at all in 30 s and concealed
 * 10–24 % of the audio; with simulcast and audio-first priorities the witness must see the judge
 * (frames decoded, rising) and hear her with little concealment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { admit, enterHearing } from '../support/browser.js';
import { incomingFrom, notRoot, SETTLE_MS, WINDOW_MS, type Incoming, type ShapedLink } from '../support/shaped-network.js';
import { openShapedHearing, type ShapedHearing } from '../support/shaped-hearing.js';
import type { TestHearing } from '../support/server.js';

describe('a witness on a 256 kbit/s uplink with 5 % loss', { skip: notRoot }, () => {
  let shaped: ShapedHearing;
  let link: ShapedLink;
  let court: TestHearing;
  let clean: Browser;
  let weak: Browser;

  before(async () => {
    shaped = await openShapedHearing([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    ({ link, court, clean, weak } = shaped);
  });
  after(async () => {
    await shaped?.close();
  });

  it('the judge hears her clearly and keeps seeing her', async (t) => {
    const witnessId = court.people['Maria Rossi']!.id;
    const judge = await enterHearing(clean, court.people['Judge Anna Berger']!.url);
    const witness = await enterHearing(weak, court.people['Maria Rossi']!.url);
    await witness.page.getByRole('heading', { name: 'You are in the waiting room' }).waitFor();
    link.shapeUplink({ rateKbit: 256, lossPercent: 5 });
    await admit(judge.page, 'Maria Rossi');
    // The witness answers: the judge listens.
    await judge.page.getByRole('button', { name: 'Mute', exact: true }).click();

    await judge.page.waitForTimeout(SETTLE_MS);
    const first = await incomingFrom(judge.page, witnessId);
    await judge.page.waitForTimeout(WINDOW_MS);
    const second = await incomingFrom(judge.page, witnessId);
    const pick = (rows: Incoming[], kind: string) => rows.find((r) => r.kind === kind);
    const [v1, v2, a1, a2] = [pick(first, 'video'), pick(second, 'video'), pick(first, 'audio'), pick(second, 'audio')];
    assert.ok(v1 && v2 && a1 && a2, `the judge receives the witness's audio and video: ${JSON.stringify({ first, second })}`);

    const frames = v2.framesDecoded - v1.framesDecoded;
    const samples = a2.totalSamplesReceived - a1.totalSamplesReceived;
    const concealed = (a2.concealedSamples - a1.concealedSamples) / samples;
    const audioLoss = (a2.packetsLost - a1.packetsLost) / (a2.packetsLost - a1.packetsLost + a2.packetsReceived - a1.packetsReceived);
    t.diagnostic(
      `over ${WINDOW_MS / 1000} s: ${frames} frames decoded (${(frames / (WINDOW_MS / 1000)).toFixed(1)} fps) at ${v2.frameWidth} px, ` +
        `audio concealed ${(concealed * 100).toFixed(1)} %, audio packets lost ${(audioLoss * 100).toFixed(1)} %`,
    );
    assert.ok(frames >= (2 * WINDOW_MS) / 1000, `video frames decoded: ${frames}`);
    assert.ok(samples > 0, 'audio arrives');
    // The SFU asks her browser again for the audio her uplink lost (NACK for Opus): the judge hears well under the link's 5 %.
    assert.ok(concealed < 0.025, `audio concealed: ${(concealed * 100).toFixed(1)} %`);
  });
});
