/**
 * Live captions, as the people in the hearing read them: the captioner writes a line of what is
 * said; the person heard sees it under the picture without asking (on by default for her, on her
 * phone); the judge turns captions on with one button and sees the same line; the line is an entry of
 * the record and a row of the minutes, in the language it was written in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { renderMinutesHtml } from '../../record/index.js';
import { admit, enterHearing, LAPTOP, launchChromium, PHONE, screenshot, soundOnly, type ParticipantPage } from '../support/browser.js';
import { minutesNow } from '../support/minutes.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const LINE = 'Witness: I was at home that evening, with my sister.';

describe('live captions written by a captioner', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let witness: ParticipantPage;
  let captioner: ParticipantPage;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Paul Keller', role: 'captioner', language: 'en' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, soundOnly, LAPTOP);
    officer = await enterHearing(browser, court.people['Officer Giulia Conti']!.url, soundOnly);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url, soundOnly, PHONE);
    captioner = await enterHearing(browser, court.people['Paul Keller']!.url, undefined, LAPTOP);
    await admit(judge.page, 'Maria Rossi');
    await admit(judge.page, 'Paul Keller');
    await judge.page.getByRole('button', { name: 'Go live' }).click();
  });
  after(async () => {
    for (const p of [captioner, witness, officer, judge]) await p?.close();
    await browser?.close();
    await server?.close();
  });

  it('the captioner writes a line and the person heard reads it under the picture without asking', async () => {
    const input = captioner.page.getByLabel('What is said, line by line');
    await input.fill(LINE);
    await input.press('Enter');
    const panel = witness.page.getByRole('region', { name: 'Live captions' });
    await panel.getByText(LINE).waitFor();
    assert.equal(await input.inputValue(), '', 'the captioner’s line is cleared once recorded');
    await screenshot(witness.page, 'captions-witness-phone');
    await screenshot(captioner.page, 'captions-captioner');
  });

  it('the judge turns them on with one button and reads the same line', async () => {
    const panel = judge.page.getByRole('region', { name: 'Live captions' });
    assert.equal(await panel.isVisible(), false, 'off by default for the court');
    const toggle = judge.page.getByRole('button', { name: 'Captions' });
    await toggle.click();
    await panel.getByText(LINE).waitFor();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  });

  it('the line is in the record and in the minutes, as written and in its language', async () => {
    const lines = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'caption.line');
    assert.deepEqual(
      lines.map((e) => [e.actorId, e.data.language, e.data.text]),
      [[court.people['Paul Keller']!.id, 'en', LINE]],
    );
    const minutes = await minutesNow(server, court);
    assert.deepEqual(
      minutes.interpretation.captions?.map((c) => [c.name, c.text]),
      [['Paul Keller', LINE]],
    );
    assert.match(renderMinutesHtml(minutes, { signed: null, transmissions: [] }), /Live captions[\s\S]*<span lang="en">Witness: I was at home/);
    assert.ok(
      minutes.participants.some((p) => p.name === 'Paul Keller' && p.function === 'Captioner'),
      'the captioner is among those present',
    );
  });
});
