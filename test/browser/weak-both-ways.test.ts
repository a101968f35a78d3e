/**
 * The person heard on a link weak both ways at once — 256 kbit/s with 5 % loss down and up — while
 * she and the judge talk; counsel on a clean link too. The judge must hear her clearly, she must
 * decode the judge's video (frames rising), no clean link may be put on audio-only, and counsel must
 * keep the judge's full picture.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { admit, enterHearing } from '../support/browser.js';
import { openShapedHearing, type ShapedHearing } from '../support/shaped-hearing.js';
import { incomingFrom, notRoot, SETTLE_MS, WINDOW_MS, type Incoming } from '../support/shaped-network.js';

const pick = (rows: Incoming[], kind: string) => rows.find((r) => r.kind === kind);

describe('a witness on a link weak both ways: 256 kbit/s with 5 % loss down and up', { skip: notRoot }, () => {
  let shaped: ShapedHearing;

  before(async () => {
    shaped = await openShapedHearing([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
  });
  after(async () => shaped?.close());

  it('the judge hears her clearly, she sees the judge, and counsel keeps the full picture', async (t) => {
    const { link, running, court, clean, weak } = shaped;
    const [judgeId, witnessId] = [court.people['Judge Anna Berger']!.id, court.people['Maria Rossi']!.id];
    const judge = await enterHearing(clean, court.people['Judge Anna Berger']!.url);
    const witness = await enterHearing(weak, court.people['Maria Rossi']!.url);
    await witness.page.getByRole('heading', { name: 'You are in the waiting room' }).waitFor();
    const counsel = await enterHearing(clean, court.people['Tom Okafor']!.url);
    link.shapeDownlink({ rateKbit: 256, lossPercent: 5 });
    link.shapeUplink({ rateKbit: 256, lossPercent: 5 });
    await admit(judge.page, 'Maria Rossi');
    await admit(judge.page, 'Tom Okafor');
    // The judge and she talk; counsel listens with his camera off, so the judge's is the one she watches.
    await counsel.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await counsel.page.getByRole('button', { name: 'Stop camera' }).click();

    await witness.page.waitForTimeout(SETTLE_MS);
    const figures = () => Promise.all([incomingFrom(judge.page, witnessId), incomingFrom(witness.page, judgeId), incomingFrom(counsel.page, judgeId)]);
    const [atJudge1, atWitness1] = await figures();
    await witness.page.waitForTimeout(WINDOW_MS);
    const [atJudge2, atWitness2, atCounsel] = await figures();

    const [heard1, heard2, seen1, seen2] = [pick(atJudge1, 'audio'), pick(atJudge2, 'audio'), pick(atWitness1, 'video'), pick(atWitness2, 'video')];
    assert.ok(heard1 && heard2 && seen1 && seen2, `the judge hears her and she receives the judge's video: ${JSON.stringify({ atJudge2, atWitness2 })}`);
    const samples = heard2.totalSamplesReceived - heard1.totalSamplesReceived;
    const concealed = (heard2.concealedSamples - heard1.concealedSamples) / samples;
    const frames = seen2.framesDecoded - seen1.framesDecoded;
    const [hers1, hers2] = [pick(atWitness1, 'audio'), pick(atWitness2, 'audio')];
    const herConcealed =
      hers1 && hers2 ? (hers2.concealedSamples - hers1.concealedSamples) / Math.max(1, hers2.totalSamplesReceived - hers1.totalSamplesReceived) : NaN;
    const verdicts = (await running.server.store.events.list(court.hearing.id)).filter((e) => e.type === 'media.audio_only');
    t.diagnostic(
      `over ${WINDOW_MS / 1000} s: the judge hears her with ${(concealed * 100).toFixed(1)} % concealed; ` +
        `she decodes the judge at ${seen2.frameWidth} px, ${frames} frames (${(frames / (WINDOW_MS / 1000)).toFixed(1)} fps), ` +
        `and hears the judge's room with ${(herConcealed * 100).toFixed(1)} % concealed; counsel decodes the judge at ${pick(atCounsel, 'video')?.frameWidth ?? 0} px; ` +
        `her link's verdicts: ${JSON.stringify(verdicts.map((e) => [(e.data as { active: boolean }).active, (e.data as { reason?: string }).reason]))}`,
    );
    assert.ok(samples > 0, 'her voice arrives');
    assert.ok(concealed < 0.08, `her audio concealed at the judge: ${(concealed * 100).toFixed(1)} %`);
    // Once her uplink is full too, the SFU's estimate for her falls to about 65 kbit/s and the judge's
    // lowest layer shares it with his speech: runs here decoded 1.6 to 4.8 fps. What must hold is that
    // she keeps seeing him, at least a frame a second, never a frozen picture.
    assert.ok(frames >= WINDOW_MS / 1000, `the judge's video frames decoded by her: ${frames}`);
    assert.ok(seen2.frameWidth > 0);
    // Her link may be put on audio-only (the SFU's estimate for it falls below what video needs once
    // her uplink is full too), but the camera of whom she answers stays at its lowest layer; the
    // clean links never are.
    assert.deepEqual(
      verdicts.filter((e) => (e.data as { participantId: string }).participantId !== witnessId).map((e) => e.data),
      [],
      'no clean link is put on audio-only',
    );
    assert.equal(pick(atCounsel, 'video')?.frameWidth, 640, 'counsel on a clean link gets the full picture');
  });
});
