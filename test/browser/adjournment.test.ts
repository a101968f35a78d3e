/**
 * Adjournment as the people in the hearing live it: the judge presses "Adjourn to a new date" and
 * gives the reason in the page's own dialog; the witness, on his phone and in Arabic, is told in
 * his language that the hearing is adjourned, why, and that a new invitation will come — his camera
 * and microphone released; his old link no longer opens the hearing; the record holds the reason.
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
import { scheduleRequest, twoSignedIn } from '../support/coordinators.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf, type Words } from '../support/words.js';

const REASON = 'L’interprète vers l’arabe est tombé malade';

describe('the judge adjourns the hearing to a new date', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let witness: ParticipantPage;
  let ar: Words;
  let en: Words;
  let judgeSays: Words;

  before(async () => {
    [server, browser, ar, en] = await Promise.all([startTestServer(), launchChromium(), wordsOf('ar'), wordsOf('en')]);
    // A hearing the two coordinators scheduled: its request is what waits for the new date.
    const { sites, paris, montreal } = await twoSignedIn(server);
    const { id } = await scheduleRequest(paris, montreal, sites, { caseReference: 'ADJ-2026-2', language: 'ar', weeksAhead: 7 });
    const hearing = (await server.store.hearings.get(id))!;
    const people: TestHearing['people'] = {};
    for (const p of await server.store.participants.listByHearing(id)) {
      const link = await server.linkFor(p, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) });
      people[p.role] = { ...p, token: link.token, url: link.url };
    }
    court = { hearing, people };
    judge = await enterHearing(browser, people.presiding_judge!.url, soundOnly, LAPTOP);
    officer = await enterHearing(browser, people.requested_officer!.url, soundOnly);
    witness = await enterHearing(browser, people.person_heard!.url, keepLocalTracks, PHONE);
    judgeSays = await wordsOf(await judge.page.evaluate(() => document.documentElement.lang));
    await admit(judge.page, people.person_heard!.displayName, judgeSays);
    await judge.page.getByRole('button', { name: judgeSays('console.goLive') }).click();
  });
  after(async () => {
    for (const p of [witness, officer, judge]) await p?.close();
    await browser?.close();
    await server?.close();
  });

  it('the witness is told in his language, with the reason, and his camera and microphone are released', async () => {
    assert.ok((await liveLocalTracks(witness.page)).length > 0, 'he was sending before');
    await judge.page
      .locator('#court-console')
      .getByRole('button', { name: judgeSays('console.adjourn') })
      .click();
    const dialog = judge.page.getByRole('dialog');
    await dialog.getByRole('textbox').fill(REASON);
    await screenshot(judge.page, 'adjournment-judge-dialog');
    await dialog.getByRole('button', { name: judgeSays('dialog.confirm') }).click();

    await witness.page.getByRole('heading', { name: ar('left.adjournedTitle') }).waitFor();
    const message = await witness.page.locator('#left-message').textContent();
    assert.equal(message, ar('left.adjourned', { reason: `\u2068${REASON}\u2069` }), 'the court’s reason isolated in her right-to-left text');
    assert.deepEqual(await liveLocalTracks(witness.page), [], 'his camera and microphone are off');
    await screenshot(witness.page, 'adjournment-witness-phone');
    await judge.page.getByRole('heading', { name: judgeSays('left.adjournedTitle') }).waitFor();
    await screenshot(judge.page, 'adjournment-judge');
  });

  it('his old link no longer opens the hearing, and the record holds the reason', async () => {
    const again = await openLink(browser, court.people.person_heard!.url, PHONE);
    await again.page.locator('#link-error').getByText(en('join.adjourned')).waitFor();
    await screenshot(again.page, 'adjournment-old-link-phone');
    await again.close();
    const entries = await server.store.events.list(court.hearing.id);
    const adjourned = entries.find((e) => e.type === 'hearing.adjourned');
    assert.equal(adjourned?.data.reason, REASON);
    assert.equal(adjourned?.actorId, court.people.presiding_judge!.id);
    assert.equal((await server.store.hearings.get(court.hearing.id))?.status, 'adjourned');
  });
});
