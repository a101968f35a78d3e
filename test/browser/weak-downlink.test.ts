/**
 * The person heard on a 256 kbit/s downlink losing 5 % of packets, the judge on a clean link: the
 * witness's Chromium runs in a network namespace behind a shaped veth pair (test/support/
 * shaped-network.ts). Counsel, in the same hearing on a clean link, must keep the full picture.
 * Over such a link a bare room decoded no video at all in 30 s and concealed
 * 10–24 % of the audio; with simulcast and audio-first priorities the witness must see the judge
 * (frames decoded, rising) and hear her with little concealment: lost audio packets are asked for
 * again (NACK for Opus, retransmitted by the SFU), so she hears far less than the link loses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { admit, enterHearing, type ParticipantPage } from '../support/browser.js';
import { incomingFrom, notRoot, SETTLE_MS, WINDOW_MS, type Incoming, type ShapedLink } from '../support/shaped-network.js';
import { openShapedHearing, type ShapedHearing } from '../support/shaped-hearing.js';
import type { TestHearing } from '../support/server.js';

describe('a witness on a 256 kbit/s downlink with 5 % loss', { skip: notRoot }, () => {
  let shaped: ShapedHearing;
  let link: ShapedLink;
  let court: TestHearing;
  let clean: Browser;
  let weak: Browser;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;

  before(async () => {
    shaped = await openShapedHearing([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
    ({ link, court, clean, weak } = shaped);
  });
  after(async () => {
    await shaped?.close();
  });

  it("decodes the judge's video and hears her with little concealment, while counsel on a clean link gets the full picture", async (t) => {
    const judgeId = court.people['Judge Anna Berger']!.id;
    judge = await enterHearing(clean, court.people['Judge Anna Berger']!.url);
    // The page loads over the clean link; the hearing's media crosses the shaped one.
    witness = await enterHearing(weak, court.people['Maria Rossi']!.url);
    await witness.page.getByRole('heading', { name: 'You are in the waiting room' }).waitFor();
    counsel = await enterHearing(clean, court.people['Tom Okafor']!.url);
    link.shapeDownlink({ rateKbit: 256, lossPercent: 5 });
    await admit(judge.page, 'Maria Rossi');
    await admit(judge.page, 'Tom Okafor');
    // The judge puts a question: she is the one speaking, so her camera comes first after the audio.
    for (const listener of [witness, counsel]) await listener.page.getByRole('button', { name: 'Mute', exact: true }).click();

    await witness.page.waitForTimeout(SETTLE_MS);
    const counselId = court.people['Tom Okafor']!.id;
    const [first, counselFirst] = await Promise.all([incomingFrom(witness.page, judgeId), incomingFrom(witness.page, counselId)]);
    await witness.page.waitForTimeout(WINDOW_MS);
    const [second, counselSecond, atCounsel] = await Promise.all([
      incomingFrom(witness.page, judgeId),
      incomingFrom(witness.page, counselId),
      incomingFrom(counsel.page, judgeId),
    ]);
    const pick = (rows: Incoming[], kind: string) => rows.find((r) => r.kind === kind);
    const [v1, v2, a1, a2] = [pick(first, 'video'), pick(second, 'video'), pick(first, 'audio'), pick(second, 'audio')];
    assert.ok(v1 && v2 && a1 && a2, `the witness receives the judge's audio and video: ${JSON.stringify({ first, second })}`);

    const frames = v2.framesDecoded - v1.framesDecoded;
    const counselFrames = (pick(counselSecond, 'video')?.framesDecoded ?? 0) - (pick(counselFirst, 'video')?.framesDecoded ?? 0);
    const samples = a2.totalSamplesReceived - a1.totalSamplesReceived;
    const concealed = (a2.concealedSamples - a1.concealedSamples) / samples;
    const audioLoss = (a2.packetsLost - a1.packetsLost) / (a2.packetsLost - a1.packetsLost + a2.packetsReceived - a1.packetsReceived);
    t.diagnostic(
      `over ${WINDOW_MS / 1000} s: ${frames} frames decoded (${(frames / (WINDOW_MS / 1000)).toFixed(1)} fps) at ${v2.frameWidth} px, ` +
        `audio concealed ${(concealed * 100).toFixed(1)} %, audio packets lost after retransmission ${(audioLoss * 100).toFixed(1)} % ` +
        `(${a2.nackCount - a1.nackCount} asked for again); ` +
        `counsel's video beside it ${counselFrames} frames; counsel decodes the judge at ${pick(atCounsel, 'video')?.frameWidth ?? 0} px`,
    );
    // At least 2 frames a second: a face that moves, not a still.
    assert.ok(frames >= (2 * WINDOW_MS) / 1000, `video frames decoded: ${frames}`);
    assert.ok(v2.frameWidth > 0);
    assert.ok(samples > 0, 'audio arrives');
    // Lost audio is asked for again and arrives in time: what the link loses (5 %) is not what she hears.
    const audioNacks = a2.nackCount - a1.nackCount;
    assert.ok(audioNacks > 0, `her page asks for lost audio again: ${audioNacks} NACKs`);
    assert.ok(concealed < 0.02, `audio concealed: ${(concealed * 100).toFixed(1)} %, below the link's 5 % loss`);
    // The speaker's camera comes before a silent participant's on the weak link.
    assert.ok(frames >= counselFrames, `judge ${frames} frames, counsel ${counselFrames}`);
    // The SFU chose per receiver: the weak link's low layer did not lower anyone else's picture.
    assert.ok(v2.frameWidth < 640, `the witness gets a lower layer: ${v2.frameWidth} px`);
    assert.equal(pick(atCounsel, 'video')?.frameWidth, 640, 'counsel on a clean link gets the full picture');
  });
});
