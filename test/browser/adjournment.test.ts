/**
 * Adjournment as the people in the hearing live it: the judge presses "Adjourn to a new date" and
 * gives the reason in the page's own dialog; the witness, on her phone and in Portuguese, is told in
 * her language that the hearing is adjourned, why, and that a new invitation will come — her camera
 * and microphone released; her old link no longer opens the hearing; the record holds the reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  admit,
  enterHearing,
  keepLocalTracks,
  LAPTOP,
  launchChromium,
  liveLocalTracks,
  openLink,
  PHONE,
  screenshot,
  soundOnly,
  type ParticipantPage,
} from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf, type Words } from '../support/words.js';

const REASON = 'O intérprete de português adoeceu';

describe('the judge adjourns the hearing to a new date', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let witness: ParticipantPage;
  let pt: Words;
  let en: Words;

  before(async () => {
    [server, browser, pt, en] = await Promise.all([startTestServer(), launchChromium(), wordsOf('pt'), wordsOf('en')]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: 'Marta Silva', role: 'person_heard', capacity: 'witness', language: 'pt' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, soundOnly, LAPTOP);
    officer = await enterHearing(browser, court.people['Officer Giulia Conti']!.url, soundOnly);
    witness = await enterHearing(browser, court.people['Marta Silva']!.url, keepLocalTracks, PHONE);
    await admit(judge.page, 'Marta Silva');
    await judge.page.getByRole('button', { name: 'Go live' }).click();
  });
  after(async () => {
    for (const p of [witness, officer, judge]) await p?.close();
    await browser?.close();
    await server?.close();
  });

  it('the witness is told in her language, with the reason, and her camera and microphone are released', async () => {
    assert.ok((await liveLocalTracks(witness.page)).length > 0, 'she was sending before');
    await judge.page.locator('#court-console').getByRole('button', { name: 'Adjourn to a new date' }).click();
    const dialog = judge.page.getByRole('dialog');
    await dialog.getByRole('textbox').fill(REASON);
    await screenshot(judge.page, 'adjournment-judge-dialog');
    await dialog.getByRole('button', { name: 'OK' }).click();

    await witness.page.getByRole('heading', { name: pt('left.adjournedTitle') }).waitFor();
    const message = await witness.page.locator('#left-message').textContent();
    assert.equal(message, pt('left.adjourned', { reason: REASON }));
    assert.deepEqual(await liveLocalTracks(witness.page), [], 'her camera and microphone are off');
    await screenshot(witness.page, 'adjournment-witness-phone');
    await judge.page.getByRole('heading', { name: 'The hearing is adjourned' }).waitFor();
    await screenshot(judge.page, 'adjournment-judge');
  });

  it('her old link no longer opens the hearing, and the record holds the reason', async () => {
    const again = await openLink(browser, court.people['Marta Silva']!.url, PHONE);
    await again.page.locator('#link-error').getByText(en('join.adjourned')).waitFor();
    await again.close();
    const entries = await server.store.events.list(court.hearing.id);
    const adjourned = entries.find((e) => e.type === 'hearing.adjourned');
    assert.equal(adjourned?.data.reason, REASON);
    assert.equal(adjourned?.actorId, court.people['Judge Anna Berger']!.id);
    assert.equal((await server.store.hearings.get(court.hearing.id))?.status, 'adjourned');
  });
});
