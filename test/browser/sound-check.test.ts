/**
 * The sound check before interpreted testimony, in real Chromium: the Italian interpreter checks with
 * the Italian witness from her booth console that they hear each other; the judge sees it on the
 * witness's gates, and when the interpreter records that they do not hear each other well enough,
 * the judge is told her testimony waits and the court refuses to start it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { admit, enterHearing, LAPTOP, launchChromium, PHONE, screenshot, soundOnly, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf, type Words } from '../support/words.js';

describe('the interpreter’s sound check with the person heard', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let lucia: ParticipantPage;
  let en: Words, it_: Words;

  before(async () => {
    [server, browser, en, it_] = await Promise.all([startTestServer(), launchChromium(), wordsOf('en'), wordsOf('it')]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge', language: 'en' },
      { name: 'Officer Giulia Conti', role: 'requested_officer', language: 'it' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'it' },
      { name: 'Lucia Bianchi', role: 'interpreter', language: 'it', interprets: { from: 'en', into: 'it' } },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the interpreter records that they hear each other; the judge sees it beside the witness’s gates', async () => {
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, soundOnly, LAPTOP);
    await enterHearing(browser, court.people['Maria Rossi']!.url, soundOnly, PHONE);
    lucia = await enterHearing(browser, court.people['Lucia Bianchi']!.url, soundOnly, LAPTOP);
    await admit(judge.page, 'Maria Rossi', en);
    await admit(judge.page, 'Lucia Bianchi', en);
    const check = lucia.page.locator(`.sound-check[data-person-heard="${court.people['Maria Rossi']!.id}"]`);
    await check.getByText(it_('booth.soundCheck', { name: 'Maria Rossi' })).waitFor();
    await check.getByText(it_('booth.soundNotChecked')).waitFor();
    await check.getByRole('button', { name: it_('booth.soundGo') }).click();
    await lucia.page.locator('.sound-check[data-sound-result="go"]').waitFor();
    const chip = judge.page.locator(`.gates[data-person-heard="${court.people['Maria Rossi']!.id}"] li[data-gate="sound"]`);
    await chip.and(judge.page.locator('[data-passed="true"]')).waitFor();
    await screenshot(lucia.page, 'sound-check-booth-it');
  });

  it('a no-go is shown to the judge as holding the testimony, and the court refuses to start it', async () => {
    await lucia.page
      .locator('.sound-check')
      .getByRole('button', { name: it_('booth.soundNoGo') })
      .click();
    const chip = judge.page.locator(`.gates[data-person-heard="${court.people['Maria Rossi']!.id}"] li[data-gate="sound"][data-passed="false"]`);
    await chip.waitFor();
    assert.match((await chip.getAttribute('title')) ?? '', /testimony waits/);
    await screenshot(judge.page, 'sound-check-no-go-judge');
    const entries = await server.store.events.list(court.hearing.id);
    const checks = entries.filter((e) => e.type === 'interpretation.sound_checked').map((e) => (e.data as { result: string }).result);
    assert.deepEqual(checks, ['go', 'no_go']);
  });
});
