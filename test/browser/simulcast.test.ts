/**
 * What a weak link relies on, checked in real Chromium: cameras are sent as simulcast layers the SFU
 * can choose from per receiver (three for a 720p camera, two for the 640x480 the join page asks for,
 * as many as Chromium sends for the size), a receiver on a clean link still gets the full picture,
 * and each receiver's consumers are prioritised audio first, then the person speaking, then everyone
 * else. Figures come from mediasoup's and the browsers' getStats.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { toneFile } from '../support/media-files.js';
import { admit, assertReceivesFrom, enterHearing, launchChromium, receivedStreams, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import type { HearingMedia } from '../../sfu/index.js';

type Streams = ReturnType<HearingMedia['streams']>[number];

describe('simulcast and consumer priorities', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;

  before(async () => {
    // A steady tone on every microphone: the loudest speaker is decided by who is muted.
    const tone = toneFile(440);
    [server, browser] = await Promise.all([startTestServer(), launchChromium({ audioFile: tone })]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    judge = await enterWith720pCamera(browser, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url);
    await admit(judge.page, 'Maria Rossi');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const idOf = (name: string) => court.people[name]!.id;
  const streamsOf = async (participantId: string): Promise<Streams> => {
    const media = await server.sfu.hearing(court.hearing.id);
    const streams = media.streams().find((s) => s.participantId === participantId);
    assert.ok(streams, `${participantId} has media on the server`);
    return streams;
  };
  /** Polls the server until `check` holds, returning the last figures for the failure message. */
  const eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!check(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      value = await read();
    }
    assert.ok(check(value), `not reached: ${JSON.stringify(value)}`);
    return value;
  };

  /** Waits until every layer of a camera reaches the server, and returns their figures. */
  const layersArriving = async (producerId: string, encodings: number) => {
    const media = await server.sfu.hearing(court.hearing.id);
    return eventually(
      async () => (await media.producerStats(producerId)).filter((s) => s.byteCount > 0).map((s) => ({ rid: s.rid ?? '', bitrate: s.bitrate })),
      (layers) => new Set(layers.map((l) => l.rid)).size === encodings,
    );
  };
  /** Waits until `page` decodes `owner`'s camera at `width` pixels, frames rising. */
  const decodesAt = async (page: ParticipantPage, owner: string, width: number) =>
    eventually(
      async () => {
        const pick = async () => (await receivedStreams(page.page)).find((s) => s.participantId === owner && s.kind === 'video');
        const first = await pick();
        await page.page.waitForTimeout(500);
        const second = await pick();
        return { width: second?.frameWidth ?? 0, rising: (second?.framesDecoded ?? 0) > (first?.framesDecoded ?? 0) };
      },
      (v) => v.width === width && v.rising,
      20_000,
    );

  it('a 720p camera reaches the server as three simulcast layers; a clean receiver gets the top one', async (t) => {
    const judgeId = idOf('Judge Anna Berger');
    await assertReceivesFrom(witness.page, judgeId);
    const producers = (await streamsOf(judgeId)).producers;
    const camera = producers.find((p) => p.source === 'camera');
    assert.ok(camera, 'the judge sends a camera');
    assert.equal(camera.type, 'simulcast');
    assert.equal(camera.encodings, 3);
    assert.equal(producers.find((p) => p.source === 'microphone')?.type, 'simple');
    // Every layer really arrives (one stats entry per rid, with bytes): the SFU has a choice to make.
    const layers = await layersArriving(camera.producerId, 3);

    const consumer = (await streamsOf(idOf('Maria Rossi'))).consumers.find((c) => c.producerId === camera.producerId);
    assert.ok(consumer);
    assert.equal(consumer.type, 'simulcast');
    assert.deepEqual(consumer.preferredLayers, { spatialLayer: 2, temporalLayer: 2 });
    // Nothing limits the witness's link here: the SFU climbs to the full picture.
    await decodesAt(witness, judgeId, 1280);
    t.diagnostic(`judge's layers arriving: ${layers.map((l) => `${l.rid} ${Math.round(l.bitrate / 1000)} kbit/s`).join(', ')}`);
  });

  it('a 640x480 camera is sent as two layers, and a clean receiver still gets it whole', async (t) => {
    const witnessId = idOf('Maria Rossi');
    const camera = (await streamsOf(witnessId)).producers.find((p) => p.source === 'camera');
    assert.ok(camera);
    assert.equal(camera.type, 'simulcast');
    assert.equal(camera.encodings, 2);
    const layers = await layersArriving(camera.producerId, 2);
    await decodesAt(judge, witnessId, 640);
    t.diagnostic(`witness's layers arriving: ${layers.map((l) => `${l.rid} ${Math.round(l.bitrate / 1000)} kbit/s`).join(', ')}`);
  });

  it('audio is prioritised above video on every receiving link', async () => {
    for (const holder of [idOf('Judge Anna Berger'), idOf('Maria Rossi')]) {
      const { consumers } = await streamsOf(holder);
      const audio = consumers.find((c) => c.kind === 'audio');
      const videos = consumers.filter((c) => c.kind === 'video');
      assert.ok(audio && videos.length > 0, JSON.stringify(consumers));
      for (const video of videos) assert.ok(audio.priority > video.priority, `audio ${audio.priority} above video ${video.priority}`);
    }
  });

  it("the speaker's camera is prioritised above the others, and follows who speaks", async () => {
    const judgeId = idOf('Judge Anna Berger');
    const witnessId = idOf('Maria Rossi');
    const cameraPriority = async (holder: string, owner: string) =>
      (await streamsOf(holder)).consumers.find((c) => c.ownerId === owner && c.source === 'camera')?.priority ?? 0;
    const both = async () => ({ judgeAtWitness: await cameraPriority(witnessId, judgeId), witnessAtJudge: await cameraPriority(judgeId, witnessId) });

    // Only the judge speaks.
    await witness.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await eventually(both, ({ judgeAtWitness, witnessAtJudge }) => judgeAtWitness > witnessAtJudge && witnessAtJudge > 0);

    // Now only the witness speaks: the priorities change places.
    await judge.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await witness.page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await eventually(both, ({ judgeAtWitness, witnessAtJudge }) => witnessAtJudge > judgeAtWitness && judgeAtWitness > 0);

    // Whatever the priorities, the video still flows both ways.
    await judge.page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await assertReceivesFrom(judge.page, witnessId);
    await assertReceivesFrom(witness.page, judgeId);
  });
});

/**
 * Enters the hearing with a camera that delivers 1280x720 whatever the page asks for, as many
 * laptop cameras do: Chromium's fake camera otherwise follows the join page's 640x480.
 */
async function enterWith720pCamera(browser: Browser, url: string): Promise<ParticipantPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) =>
      original(constraints?.video ? { ...constraints, video: { width: { exact: 1280 }, height: { exact: 720 } } } : constraints);
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  const join = page.getByRole('button', { name: 'Join the hearing' });
  await join.waitFor();
  await page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
  await join.click();
  await page.locator('#hearing-view').waitFor({ state: 'visible' });
  return { page, close: () => context.close() };
}
