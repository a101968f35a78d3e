/**
 * A child heard, as the judge and she see it: the judge's console says she is a child and whether her
 * support person is in the hearing; admitting her first is refused in words; with her support person
 * admitted she comes in; once live the console says when her break is due and gives it in one press,
 * which her page shows as a break; and when her support person's page goes, the hearing pauses by
 * itself and her page says why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { admit, enterHearing, LAPTOP, launchChromium, PHONE, screenshot, soundOnly, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { renderMinutesHtml } from '../../record/index.js';
import { minutesNow } from '../support/minutes.js';

describe('a child heard with her support person', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let child: ParticipantPage;
  let support: ParticipantPage;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: 'Lia Rossi', role: 'person_heard', capacity: 'witness', vulnerability: 'child' },
      { name: 'Marta Rossi', role: 'support_person' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, undefined, LAPTOP);
    officer = await enterHearing(browser, court.people['Officer Giulia Conti']!.url, soundOnly);
    child = await enterHearing(browser, court.people['Lia Rossi']!.url, soundOnly, PHONE);
    support = await enterHearing(browser, court.people['Marta Rossi']!.url, soundOnly, PHONE);
  });
  after(async () => {
    for (const p of [child, officer]) await p?.close();
    await browser?.close();
    await server?.close();
  });

  const section = () => judge.page.getByRole('region', { name: 'Vulnerable person' });

  it('the judge is told she is a child, and admitting her before her support person is refused in words', async () => {
    await section().getByText('Lia Rossi is a child: admitted and heard only with a support person in the hearing.').waitFor();
    await section().getByText('Support person Marta Rossi: not in the hearing').waitFor();
    await judge.page.getByRole('button', { name: 'Admit Lia Rossi' }).click();
    await judge.page.getByRole('alert').filter({ hasText: 'Admit her support person first' }).waitFor();
    assert.equal(await judge.page.getByRole('button', { name: 'Admit Lia Rossi' }).count(), 1, 'she is still in the waiting room');
    await screenshot(judge.page, 'vulnerable-judge-refused');
  });

  it('with her support person admitted she comes in, with her picture kept from observers by default', async () => {
    await admit(judge.page, 'Marta Rossi');
    await section().getByText('Support person Marta Rossi: in the hearing').waitFor();
    await admit(judge.page, 'Lia Rossi');
    const measures = judge.page.getByRole('form', { name: /Protective measures for Lia Rossi/ }).getByRole('status');
    await measures.filter({ hasText: 'Hide video from observers' }).waitFor();
    assert.match((await measures.textContent()) ?? '', /Her recording for the presiding judge only/);
  });

  it('live: the console says when her break is due and gives it in one press; her page shows the break', async () => {
    await judge.page.getByRole('button', { name: 'Go live' }).click();
    await section()
      .getByText(/Next break due at \d\d:\d\d UTC\./)
      .waitFor();
    await screenshot(judge.page, 'vulnerable-judge-live');
    await section().getByRole('button', { name: 'Break of 10 minutes' }).click();
    await child.page.locator('#court-status').filter({ hasText: 'a break for the person heard' }).waitFor();
    await screenshot(child.page, 'vulnerable-child-break');
    assert.equal(
      await section()
        .getByRole('button', { name: /Break of/ })
        .count(),
      0,
      'no second break while one runs',
    );
    await judge.page.getByRole('button', { name: 'Resume' }).click();
    await child.page.locator('#court-status').filter({ hasNotText: 'a break' }).waitFor();
  });

  it('her support person’s page goes: the hearing pauses by itself and her page says why', async () => {
    await support.close();
    await child.page.locator('#court-status').filter({ hasText: 'no support person is in the hearing beside the person heard' }).waitFor({ timeout: 20_000 });
    await section().getByText('Support person Marta Rossi: not in the hearing').waitFor();
    const paused = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'hearing.paused').map((e) => e.data.cause);
    assert.deepEqual(paused, ['break', 'support_absent']);
    await screenshot(child.page, 'vulnerable-child-support-gone');
  });

  it('the minutes say she is a child heard with a support person, name her support person, and give each pause its reason', async () => {
    const minutes = await minutesNow(server, court);
    assert.equal(minutes.personsHeard[0]!.vulnerability, 'a child, heard with a support person');
    assert.deepEqual(
      minutes.participants.filter((p) => p.role === 'support_person').map((p) => [p.name, p.function]),
      [['Marta Rossi', 'Support person']],
    );
    assert.deepEqual(
      minutes.pauses.map((p) => p.cause),
      ['a break for the vulnerable person heard', 'no support person beside the vulnerable person heard'],
    );
    const html = renderMinutesHtml(minutes, { signed: null, transmissions: [] });
    assert.match(html, /Vulnerable person<\/dt><dd>a child, heard with a support person/);
  });
});
