/**
 * A hearing in real Chromium: participants join from their links with fake cameras and microphones,
 * and each receives the others' audio and video through mediasoup (decoded frames and audio samples
 * rising), through arrivals, departures and a media-server restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toneFile } from '../support/media-files.js';
import {
  assertReceivesFrom,
  admit,
  assertVideoFrom,
  audioRises,
  enterHearing,
  launchChromium,
  receivedStreams,
  screenshot,
  type ParticipantPage,
} from '../support/browser.js';
import { until } from '../support/recorded-hearing.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('a hearing in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;

  before(async () => {
    // Everyone's microphone plays a steady tone, so "speaking" is certain and silence means muted.
    const tone = toneFile(440);
    [server, browser] = await Promise.all([startTestServer(), launchChromium({ audioFile: tone })]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const idOf = (name: string) => court.people[name]!.id;
  const tileNames = (p: ParticipantPage) => p.page.locator('#tiles .tile .name').allTextContents();

  it('the witness waits, receiving nothing, until the judge admits her; then they see and hear each other', async () => {
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url);
    await witness.page.getByRole('heading', { name: 'You are in the waiting room' }).waitFor();
    await witness.page.waitForTimeout(1500);
    assert.deepEqual(await receivedStreams(witness.page), [], 'nothing of the hearing reaches the waiting room');
    assert.equal(await judge.page.locator(`.tile[data-participant-id="${idOf('Maria Rossi')}"]`).count(), 0);
    await screenshot(witness.page, 'waiting-room');
    await screenshot(judge.page, 'judge-console-with-waiting-witness');
    await admit(judge.page, 'Maria Rossi');

    await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
    await assertReceivesFrom(witness.page, idOf('Judge Anna Berger'));
    // The full 640 px layer once the bandwidth estimate has ramped up (on a busy machine the first
    // frames may come from the 320 px layer).
    for (const [page, from] of [
      [judge.page, 'Maria Rossi'],
      [witness.page, 'Judge Anna Berger'],
    ] as const) {
      await until(
        `${from} is received at 640 px`,
        async () => (await receivedStreams(page)).some((s) => s.participantId === idOf(from) && s.kind === 'video' && s.frameWidth === 640),
        20_000,
      );
    }

    assert.deepEqual((await tileNames(judge)).sort(), ['Judge Anna Berger (you)', 'Maria Rossi']);
    const witnessTile = judge.page.locator(`.tile[data-participant-id="${idOf('Maria Rossi')}"]`);
    assert.equal(await witnessTile.locator('.role').textContent(), 'Witness');
    await judge.page.waitForFunction((id) => {
      const video = document.querySelector<HTMLVideoElement>(`.tile[data-participant-id="${id}"] video`);
      return video !== null && video.videoWidth === 640 && !video.hidden;
    }, idOf('Maria Rossi'));
    await screenshot(judge.page, 'hearing-judge-and-witness');
  });

  it('shows who is speaking', async () => {
    await witness.page.locator('#waiting-room').waitFor({ state: 'hidden' });
    // The server's audio-level observer marks the speakers on every page.
    await judge.page.waitForSelector(`.tile[data-participant-id="${idOf('Maria Rossi')}"][data-speaking="true"]`, { timeout: 10_000 });
    await witness.page.waitForSelector(`.tile[data-participant-id="${idOf('Judge Anna Berger')}"][data-speaking="true"]`, { timeout: 10_000 });
  });

  it('someone who joins late receives everyone already there, and is received by them', async () => {
    counsel = await enterHearing(browser, court.people['Tom Okafor']!.url);
    await admit(judge.page, 'Tom Okafor');
    await assertReceivesFrom(counsel.page, idOf('Judge Anna Berger'));
    await assertReceivesFrom(counsel.page, idOf('Maria Rossi'));
    await assertReceivesFrom(judge.page, idOf('Tom Okafor'));
    assert.equal((await tileNames(counsel)).length, 3);
  });

  it('a participant who mutes is shown muted, and no longer speaking, to the others', async () => {
    await witness.page.getByRole('button', { name: 'Mute' }).click();
    const witnessTile = `.tile[data-participant-id="${idOf('Maria Rossi')}"]`;
    const mark = judge.page.locator(`${witnessTile} .muted-mark`);
    await mark.waitFor({ state: 'visible' });
    await judge.page.waitForSelector(`${witnessTile}[data-speaking="false"]`, { timeout: 5_000 });
    await judge.page.waitForSelector(`.tile[data-participant-id="${idOf('Tom Okafor')}"][data-speaking="true"]`, { timeout: 5_000 });
    await witness.page.getByRole('button', { name: 'Unmute' }).click();
    await mark.waitFor({ state: 'hidden' });
  });

  it('whoever else speaks is large: beside the person heard for the judge, in the middle of the witness’s screen', async () => {
    const tile = (page: Page, name: string) => page.locator(`.tile[data-participant-id="${idOf(name)}"]`);
    // Only counsel speaks: the witness and the judge are silent.
    await witness.page.getByRole('button', { name: 'Mute' }).click();
    await judge.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await tile(judge.page, 'Tom Okafor').and(judge.page.locator('[data-speaker="true"]')).waitFor({ timeout: 10_000 });
    await tile(witness.page, 'Tom Okafor').and(witness.page.locator('[data-featured="true"]')).waitFor({ timeout: 10_000 });
    // Two connection alerts above the stage, as a loaded machine produces them: the speaker stays in sight.
    await judge.page.evaluate(() => {
      const alerts = document.getElementById('quality-alerts')!;
      if (alerts.children.length > 0) return;
      alerts.hidden = false;
      for (const text of ['Maria Rossi: 9 % of received packets lost', 'Tom Okafor: 6 % of received packets lost'])
        alerts.append(Object.assign(document.createElement('li'), { textContent: text }));
    });
    await judge.page.waitForTimeout(200);
    const heard = (await tile(judge.page, 'Maria Rossi').boundingBox())!;
    const speaker = (await tile(judge.page, 'Tom Okafor').boundingBox())!;
    const self = (await judge.page.locator('.tile.self').boundingBox())!;
    console.log(
      `[geometry] judge 1280×800 while counsel speaks: person heard ${Math.round(heard.width)}×${Math.round(heard.height)}, counsel ${Math.round(speaker.width)}×${Math.round(speaker.height)}, own view ${Math.round(self.width)} px wide`,
    );
    assert.equal(await tile(judge.page, 'Maria Rossi').getAttribute('data-featured'), 'true', 'the person heard stays the judge’s main picture');
    const controls = (await judge.page.locator('#controls').boundingBox())!;
    assert.ok(
      speaker.y >= heard.y + heard.height - 1 && speaker.y + speaker.height <= controls.y + 1,
      'counsel is under her, on screen above the controls without scrolling',
    );
    assert.ok(heard.height > speaker.height && speaker.height > self.height * 1.4, 'she is the largest, counsel large, the judge’s own view small');
    await screenshot(judge.page, 'hearing-judge-counsel-speaks');
    await screenshot(witness.page, 'hearing-witness-counsel-speaks');
    // When the judge speaks again, the witness's screen goes back to the judge.
    await judge.page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await counsel.page.getByRole('button', { name: 'Mute' }).click();
    await tile(witness.page, 'Judge Anna Berger').and(witness.page.locator('[data-featured="true"]')).waitFor({ timeout: 10_000 });
    await counsel.page.getByRole('button', { name: 'Unmute' }).click();
    await witness.page.getByRole('button', { name: 'Unmute' }).click();
  });

  it('the judge shows a document by sharing the screen, and stops', async () => {
    await judge.page.getByRole('button', { name: 'Share screen' }).click();
    await judge.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    const screenAtWitness = async () =>
      (await receivedStreams(witness.page)).find((s) => s.participantId === idOf('Judge Anna Berger') && s.source === 'screen');
    await witness.page.waitForFunction(
      (id) => (document.querySelector<HTMLVideoElement>(`.tile[data-participant-id="${id}"] video`)?.videoWidth ?? 0) > 640,
      idOf('Judge Anna Berger'),
      { timeout: 15_000 },
    );
    const first = await screenAtWitness();
    await witness.page.waitForTimeout(1500);
    const second = await screenAtWitness();
    assert.ok(first && second && second.framesDecoded > first.framesDecoded, `screen frames rising: ${JSON.stringify([first, second])}`);
    const fit = await witness.page.locator(`.tile[data-participant-id="${idOf('Judge Anna Berger')}"] video`).evaluate((v) => getComputedStyle(v).objectFit);
    assert.equal(fit, 'contain', 'a shared document is shown whole, never cropped');
    await screenshot(witness.page, 'hearing-witness-sees-shared-screen');

    await judge.page.getByRole('button', { name: 'Stop sharing' }).click();
    await judge.page.getByRole('button', { name: 'Share screen' }).waitFor();
    // The judge's camera comes back on the witness's screen.
    await witness.page.waitForFunction(
      (id) => document.querySelector<HTMLVideoElement>(`.tile[data-participant-id="${id}"] video`)?.videoWidth === 640,
      idOf('Judge Anna Berger'),
      { timeout: 15_000 },
    );
    assert.equal(await screenAtWitness(), undefined, 'the screen stream is gone');
  });

  it('survives the media server dying: media resumes without reloading, and a muted microphone stays muted', async () => {
    for (const p of [judge, witness, counsel]) await p.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await witness.page.getByRole('button', { name: 'Mute' }).click();
    const media = await server.sfu.hearing(court.hearing.id);
    process.kill(media.slot.worker.pid, 'SIGKILL');

    await assertReceivesFrom(witness.page, idOf('Judge Anna Berger'), 30_000);
    await assertReceivesFrom(counsel.page, idOf('Judge Anna Berger'), 30_000);
    // The witness's video is back at the judge, but not a sound from her muted microphone.
    await assertVideoFrom(judge.page, idOf('Maria Rossi'));
    await judge.page.locator(`.tile[data-participant-id="${idOf('Maria Rossi')}"] .muted-mark`).waitFor({ state: 'visible' });
    assert.equal(await audioRises(judge.page, idOf('Maria Rossi')), false, 'a muted microphone stays silent after the restart');
    for (const p of [judge, witness, counsel]) {
      assert.equal(await p.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true);
    }
    assert.equal((await tileNames(judge)).length, 3);

    await witness.page.getByRole('button', { name: 'Unmute' }).click();
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
  });

  it('a participant whose connection drops is back in the hearing without reloading', async () => {
    await witness.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const attendee = server.signaling.presence.get(court.hearing.id, idOf('Maria Rossi'));
    assert.ok(attendee);
    attendee.socket.conn.close(); // the network drops under the page: socket.io reconnects by itself
    await judge.page.locator(`.tile[data-participant-id="${idOf('Maria Rossi')}"]`).waitFor({ state: 'detached' });
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'), 30_000);
    await assertReceivesFrom(witness.page, idOf('Judge Anna Berger'), 30_000);
    assert.equal(await witness.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true);
  });

  it('when one leaves, their tile goes from everyone else’s screen', async () => {
    await counsel.page.getByRole('button', { name: 'Leave' }).click();
    await counsel.page.getByRole('heading', { name: 'You have left the hearing' }).waitFor();
    for (const p of [judge, witness]) {
      await p.page.locator(`.tile[data-participant-id="${idOf('Tom Okafor')}"]`).waitFor({ state: 'detached' });
      assert.equal((await tileNames(p)).length, 2);
    }
    await screenshot(judge.page, 'hearing-after-counsel-left');
  });

  it('someone who left can rejoin from the same page and is seen and heard again', async () => {
    await counsel.page.getByRole('button', { name: 'Rejoin' }).click();
    await counsel.page.locator('#hearing-view').waitFor({ state: 'visible' });
    await assertReceivesFrom(counsel.page, idOf('Judge Anna Berger'));
    await assertReceivesFrom(judge.page, idOf('Tom Okafor'));
  });
});
