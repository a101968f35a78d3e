/**
 * A hearing in real Chromium: participants join from their links with fake cameras and microphones,
 * and each receives the others' audio and video through mediasoup (decoded frames and audio samples
 * rising), through arrivals, departures and a media-server restart.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertReceivesFrom, enterHearing, launchChromium, screenshot, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('a hearing in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
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

  it('the judge and the witness see and hear each other', async () => {
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url);

    const atJudge = await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
    const atWitness = await assertReceivesFrom(witness.page, idOf('Judge Anna Berger'));
    assert.equal(atJudge.video.frameWidth, 640);
    assert.equal(atWitness.video.frameWidth, 640);

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
    // The fake microphone beeps; the server's audio-level observer marks the speaker on every page.
    await judge.page.waitForSelector(`.tile[data-participant-id="${idOf('Maria Rossi')}"][data-speaking="true"]`, { timeout: 10_000 });
  });

  it('someone who joins late receives everyone already there, and is received by them', async () => {
    counsel = await enterHearing(browser, court.people['Tom Okafor']!.url);
    await assertReceivesFrom(counsel.page, idOf('Judge Anna Berger'));
    await assertReceivesFrom(counsel.page, idOf('Maria Rossi'));
    await assertReceivesFrom(judge.page, idOf('Tom Okafor'));
    assert.equal((await tileNames(counsel)).length, 3);
  });

  it('a participant who mutes is shown muted to the others', async () => {
    await witness.page.getByRole('button', { name: 'Mute' }).click();
    const mark = judge.page.locator(`.tile[data-participant-id="${idOf('Maria Rossi')}"] .muted-mark`);
    await mark.waitFor({ state: 'visible' });
    await witness.page.getByRole('button', { name: 'Unmute' }).click();
    await mark.waitFor({ state: 'hidden' });
  });

  it('survives the media server dying: media resumes without reloading any page', async () => {
    for (const p of [judge, witness, counsel]) await p.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const media = await server.sfu.hearing(court.hearing.id);
    process.kill(media.slot.worker.pid, 'SIGKILL');
    await judge.page.waitForFunction(() => document.getElementById('connection-status')?.textContent?.includes('restarted'), undefined, { timeout: 10_000 }).catch(() => undefined);

    await assertReceivesFrom(judge.page, idOf('Maria Rossi'), 30_000);
    await assertReceivesFrom(witness.page, idOf('Judge Anna Berger'), 30_000);
    await assertReceivesFrom(counsel.page, idOf('Judge Anna Berger'), 30_000);
    for (const p of [judge, witness, counsel]) {
      assert.equal(await p.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true);
    }
    assert.equal((await tileNames(judge)).length, 3);
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
});
