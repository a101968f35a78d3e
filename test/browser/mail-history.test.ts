/**
 * What the coordinator sees of the letters the court's relay took or refused: the request's history
 * names each letter and its person, says when a letter waits for another try and when it, and why,
 * and marks the one she must send another way. Seen on the laptop and on a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser.js';
import { historyOf, PASSWORD, scheduleRequest, signIn, twoAuthorities } from '../support/coordinators.js';
import { startMailRelay, type TestMailRelay } from '../support/mail-relay.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { until } from '../support/until.js';

describe('the letters in a request’s history', () => {
  let relay: TestMailRelay;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    relay = await startMailRelay();
    server = await startTestServer({
      env: {
        HEARING_ROOM_SMTP_URL: relay.url,
        HEARING_ROOM_MAIL_FROM: 'Hearing Room <hearings@tribunal-paris.example>',
        HEARING_ROOM_MAIL_RETRY_SECONDS: '1',
        HEARING_ROOM_MAIL_ATTEMPTS: '3',
      },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await relay?.close();
  });

  it('says which went, which waited and which she must send another way', async () => {
    const sites = await twoAuthorities(server.store);
    const paris = await signIn(server.url, sites.paris.email);
    const montreal = await signIn(server.url, sites.montreal.email);
    relay.refuseNext(1, 451, 'anne.leroy@justice.fr');
    const request = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'PAR-2026-0901',
      language: 'ar',
      witnessEmail: 'y.benali@example.ca',
      judgeEmail: 'anne.leroy@justice.fr',
    });
    // The judge's invitation goes at its second attempt, before anything changes.
    await until('the judge’s invitation, at its second attempt', async () => relay.received.some((m) => m.recipients.includes('anne.leroy@justice.fr')));
    // The witness's address turns out wrong: the relay refuses the new time for good.
    relay.refuseNext(2, 550, 'y.benali@example.ca');
    const later = new Date(Date.parse(request.body.slot.start) + 86_400_000).toISOString();
    assert.equal((await paris.post(`/api/requests/${request.id}/actions`, { action: { type: 'reschedule', start: { utc: later } } })).status, 200);
    await until('the refusal in the history', async () => (await historyOf(paris, request.id)).some((e) => e.type === 'mail.failed'));

    for (const viewport of [
      { width: 1366, height: 768, name: 'laptop' },
      { width: 390, height: 844, name: 'phone' },
    ]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server.url}/coordinator`);
      await page.getByLabel('E-mail').fill(sites.paris.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: /Inbox/ }).waitFor();
      await page.getByRole('button', { name: 'Outbox', exact: true }).click();
      await page.getByRole('button', { name: 'Open PAR-2026-0901' }).click();
      // The page opens with what she must do about them, before anything else and without scrolling.
      const unsent = page.getByRole('region', { name: /letters could not be e-mailed/ });
      await unsent.waitFor();
      assert.match(await unsent.innerText(), /^2 letters could not be e-mailed: send them another way\./);
      assert.equal(await unsent.getByRole('listitem').count(), 2);
      assert.ok(await unsent.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight), 'seen without scrolling');
      await screenshot(page, `coordinator-11-letters-top-${viewport.name}`);
      const history = page.getByRole('region', { name: 'History' }).or(page.locator('section[aria-labelledby="log-title"]'));
      await history.waitFor();
      const text = await history.innerText();
      assert.match(text, /Invitation e-mailed to Youssef Benali/);
      assert.match(text, /Summons e-mailed to Youssef Benali/);
      assert.match(text, /Invitation to Judge Anne Leroy not sent yet \(the mail server refused it: smtp 451\); next try/);
      assert.match(text, /Invitation e-mailed to Judge Anne Leroy/);
      const problem = history.locator('.event-problem');
      assert.equal(await problem.count(), 2, 'the new time and the summons, to send another way');
      for (const line of await problem.allInnerTexts()) {
        assert.match(line, /^(New time|Summons) to Youssef Benali not e-mailed \(the mail server refused it: smtp 550\): send it another way/);
      }
      assert.equal(await problem.first().evaluate((li) => getComputedStyle(li).fontWeight), '700', 'they stand out');
      await problem.last().scrollIntoViewIfNeeded();
      await screenshot(page, `coordinator-11-letters-${viewport.name}`);
      await context.close();
    }
  });
});
