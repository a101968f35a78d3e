/**
 * Two coordinators in different countries agree a hearing in real Chromium: Paris drafts and sends,
 * Montréal accepts and proposes the slot the finder offers, Paris agrees, the test connection is
 * booked and passes, Paris schedules, and each downloads invitations that a calendar reads at the
 * right local time — 15:00 in Paris, 09:00 in Montréal. Before the slot is agreed the summons can only
 * be previewed as a draft; once scheduled, Montréal copies the witness's e-mail, in Arabic.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { CATALOGUES } from '../../language/all-catalogues.js';
import { accessibilityViolations, launchChromium, screenshot } from '../support/browser.js';
import { PASSWORD, tuesdayInWeeks, twoAuthorities } from '../support/coordinators.js';
import { startTestServer, type TestServer } from '../support/server.js';

async function signInPage(browser: Browser, url: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(`${url}/coordinator`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Inbox/ }).waitFor();
  return page;
}

async function openCase(page: Page, box: 'Inbox' | 'Outbox', caseReference: string): Promise<void> {
  await page.getByRole('button', { name: box, exact: true }).click();
  await page.getByRole('button', { name: `Open ${caseReference}` }).click();
  await page.getByRole('heading', { name: new RegExp(caseReference) }).waitFor();
}

async function invitationFrom(page: Page, name: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download the invitation of ${name}` }).click()]);
  const text = await readFile((await download.path())!, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

describe('two coordinators agreeing a hearing in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const day = tuesdayInWeeks(5);
  const monday = new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  before(async () => {
    server = await startTestServer();
    await twoAuthorities(server.store);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes a request from draft to scheduled, and each side downloads invitations in its own time', async () => {
    const paris = await signInPage(browser, server.url, 'claire@justice.fr');
    await paris.getByRole('button', { name: 'New request' }).click();
    await paris.getByLabel('Title').fill('Hearing of a witness in Montréal');
    await paris.getByLabel('Case reference').fill('PAR-2026-0107');
    await paris.getByLabel('Instrument').fill('Treaty on mutual legal assistance in criminal matters (France–Canada)');
    await paris.getByLabel('Article').fill('Art. 14');
    await paris.getByLabel('Why the person cannot or should not appear in person').fill('The witness is 84 and cannot travel.');
    await paris.getByLabel('Presiding judge').fill('Judge Anne Leroy');
    await paris.getByLabel('Judge’s e-mail').fill('anne.leroy@justice.fr');
    await paris.locator('#f-personName').fill('Youssef Benali');
    await paris.locator('#f-personLanguage').selectOption('ar');
    await paris.locator('#f-personEmail').fill('y.benali@example.ca');
    await paris.getByLabel('Interpretation').fill('French–Arabic, consecutive');
    await paris.locator('#f-windowStart').fill(`${day}T08:00`);
    await paris.locator('#f-windowEnd').fill(`${day}T19:00`);
    await paris.getByLabel('Salle 4.12 (Hearing room)').check();
    await paris.getByLabel('Judge Anne Leroy (Judge)').check();
    await screenshot(paris, 'coordinator-1-paris-new-request');
    assert.deepEqual(await accessibilityViolations(paris), [], 'the new request form meets WCAG 2.1 AA');
    await paris.getByRole('button', { name: 'Save draft' }).click();
    await paris.getByRole('button', { name: 'Send the request' }).click();
    await paris.getByText('Sent, awaiting decision').first().waitFor();

    const montreal = await signInPage(browser, server.url, 'marc@justice.qc.ca');
    await montreal.getByRole('cell', { name: 'PAR-2026-0107', exact: true }).waitFor();
    await screenshot(montreal, 'coordinator-2-montreal-inbox');
    assert.deepEqual(await accessibilityViolations(montreal), [], 'the inbox meets WCAG 2.1 AA');
    await openCase(montreal, 'Inbox', 'PAR-2026-0107');
    await montreal.getByLabel('Judicial officer present at your site').fill('Juge Luc Gagnon');
    await montreal.getByLabel('Salle de visioconférence 2 (Hearing room)').check();
    await montreal.getByRole('button', { name: 'Accept the request' }).click();
    await montreal.getByRole('button', { name: 'Find the earliest slots' }).click();
    const firstSlot = montreal.locator('.slot-list li').first();
    await firstSlot.waitFor();
    assert.match(await firstSlot.innerText(), /Cour du Québec, Montréal: .* 09:00 UTC-[45] – 10:30 \(America\/Toronto\)/);
    assert.match(await firstSlot.innerText(), /Tribunal judiciaire de Paris: .* 15:00 UTC\+1 – 16:30 \(Europe\/Paris\)/);
    assert.match(await firstSlot.innerText(), /Interpreter: Nadia Haddad/);
    await screenshot(montreal, 'coordinator-3-montreal-slot-finder');
    assert.deepEqual(await accessibilityViolations(montreal), [], 'a request with its slot finder meets WCAG 2.1 AA');
    await montreal.getByRole('button', { name: 'Propose slot 1' }).click();
    await montreal.getByText('Slot proposed by Cour du Québec, Montréal').waitFor();

    // Not agreed yet: the summons is a draft, and the page says so before anyone opens it.
    await montreal.getByText(/Draft: the time is not agreed yet/).waitFor();
    await montreal.getByLabel('Language of the summons').fill('it');
    await montreal.getByRole('button', { name: 'Preview the draft summons' }).click();
    await montreal.getByText(/this summons is a draft, marked as such on its face/).waitFor();
    const [preview] = await Promise.all([
      montreal.context().waitForEvent('page'),
      montreal.getByRole('link', { name: 'Open the draft summons in Italian to read or print' }).click(),
    ]);
    await preview.getByText('Bozza — non vale come citazione finché l’orario non è concordato').waitFor();
    assert.equal(await preview.locator('html').getAttribute('lang'), 'it');
    assert.equal(
      await preview.locator('.draft-banner').evaluate((e) => getComputedStyle(e).borderTopStyle),
      'solid',
      'its own stylesheet is allowed by the page’s policy',
    );
    await preview.close();

    await openCase(paris, 'Outbox', 'PAR-2026-0107');
    await paris.getByRole('button', { name: 'Agree the proposed slot' }).click();
    await paris.getByLabel(/^Start \(your time/).fill(`${monday}T15:00`);
    await paris.getByRole('button', { name: 'Book the test connection' }).click();
    await paris.getByText('Test connection booked').first().waitFor();

    await openCase(montreal, 'Inbox', 'PAR-2026-0107');
    await montreal.getByLabel('Contact at Tribunal judiciaire de Paris').fill('Claire Martin +33 1 44 32 00 00');
    await montreal.getByLabel('Contact at Cour du Québec, Montréal').fill('Marc Tremblay +1 514 393 0000');
    await montreal.getByRole('button', { name: 'Record the test result' }).click();
    await montreal.getByText('Test connection: go').first().waitFor();

    await openCase(paris, 'Outbox', 'PAR-2026-0107');
    await paris.getByRole('button', { name: 'Schedule the hearing' }).click();
    await paris.getByText('Scheduled', { exact: true }).first().waitFor();
    await screenshot(paris, 'coordinator-4-paris-scheduled');

    const forJudge = await invitationFrom(paris, 'Judge Anne Leroy');
    assert.equal(forJudge.startDate.zone?.tzid, 'Europe/Paris');
    assert.equal(forJudge.startDate.toString(), `${day}T15:00:00`);

    await openCase(montreal, 'Inbox', 'PAR-2026-0107');
    await screenshot(montreal, 'coordinator-5-montreal-scheduled');
    const forWitness = await invitationFrom(montreal, 'Youssef Benali');
    assert.equal(forWitness.startDate.zone?.tzid, 'America/Toronto');
    assert.equal(forWitness.startDate.toString(), `${day}T09:00:00`);
    assert.equal(forWitness.startDate.toJSDate().getTime(), forJudge.startDate.toJSDate().getTime(), 'the same instant at both sites');
    assert.equal(forWitness.uid.endsWith('@hearing-room'), true);
    assert.match(forWitness.summary, /^جلسة عبر الاتصال المرئي/, 'the witness reads his invitation in Arabic');

    await montreal.getByRole('button', { name: 'E-mail for Youssef Benali' }).click();
    await montreal.getByRole('heading', { name: 'E-mail to Youssef Benali (in Arabic)' }).waitFor();
    assert.match(await montreal.getByLabel('Subject').inputValue(), /^جلسة عبر الاتصال المرئي بتاريخ .* – القضية \u2068PAR-2026-0107\u2069$/);
    const text = await montreal.getByLabel('Text').inputValue();
    assert.match(text, /America\/Toronto[\s\S]*Europe\/Paris/);
    assert.match(text, /#token=/);
    await montreal.getByRole('link', { name: /Download the \.ics to attach/ }).waitFor();
    await screenshot(montreal, 'coordinator-6-montreal-witness-email');

    await montreal.getByRole('button', { name: 'Agenda' }).click();
    await montreal.getByRole('heading', { name: 'Agenda, at both sites' }).waitFor();
    await screenshot(montreal, 'coordinator-7-montreal-agenda');
    assert.deepEqual(await accessibilityViolations(montreal), [], 'the agenda meets WCAG 2.1 AA');

    // The calendar: Montréal's week, its own clock first and Paris's beneath; the entry opens the request.
    await montreal.getByRole('button', { name: 'Calendar', exact: true }).click();
    await montreal.getByRole('heading', { name: 'Calendar of hearings (America/Toronto)' }).waitFor();
    const column = montreal.locator(`.week li[data-date="${day}"]`);
    for (let week = 0; week < 6 && (await column.count()) === 0; week++) {
      // Each week drawn before the next is asked for: a click while the last is still loading would skip past the hearing's.
      const shown = await montreal.locator('.week li[data-date]').first().getAttribute('data-date');
      await montreal.getByRole('button', { name: 'Next week' }).click();
      await montreal.waitForFunction((before) => document.querySelector('.week li[data-date]')?.getAttribute('data-date') !== before, shown);
    }
    const entry = column.getByRole('button', { name: /Hearing PAR-2026-0107/ });
    assert.match((await entry.textContent()) ?? '', /^09:00–10:30Hearing PAR-2026-0107.*: 15:00–16:30$/);
    assert.deepEqual(await accessibilityViolations(montreal), [], 'the calendar meets WCAG 2.1 AA');
    await screenshot(montreal, 'coordinator-7b-montreal-calendar');
    await montreal.setViewportSize({ width: 390, height: 844 });
    assert.ok(await montreal.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling on a phone');
    await screenshot(montreal, 'coordinator-7c-montreal-calendar-phone');
    await montreal.setViewportSize({ width: 1280, height: 900 });
    await entry.click();
    await montreal.getByRole('heading', { name: /PAR-2026-0107/ }).waitFor();
  });

  it('speaks the coordinator’s language: French from her browser, German when she picks it, kept when she comes back', async () => {
    const fr = CATALOGUES.fr;
    const de = CATALOGUES.de;
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'fr-FR' });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
      await page.goto(`${server.url}/coordinator`);
      await page.getByRole('heading', { name: fr['coord.signIn'] }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
      await page.getByLabel(fr['coord.email']).fill('claire@justice.fr');
      await page.getByLabel(fr['coord.password'], { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: fr['coord.signIn'] }).click();
      await page.getByRole('heading', { name: fr['coord.inbox.title'] }).waitFor();
      await page.getByRole('button', { name: fr['coord.tab.outbox'], exact: true }).click();
      await page.getByRole('heading', { name: fr['coord.outbox.title'] }).waitFor();
      // The stage in her words, and the hearing's time at both sites written in French.
      const row = page.getByRole('row', { name: /PAR-2026-0107/ });
      await row.getByText(fr['coord.stage.scheduled'], { exact: true }).waitFor();
      const when = (await row.locator('.at-sites').innerText()).split('\n');
      assert.match(when[0]!, /^Tribunal judiciaire de Paris: .*(lun|mar|mer|jeu|ven)\..* 15:00 UTC\+[12] – 16:30 \(Europe\/Paris\)$/, when[0]);
      assert.match(when[1]!, /^Cour du Québec, Montréal: .* 09:00 UTC-[45] – 10:30 \(America\/Toronto\)$/, when[1]);
      await row.getByRole('button', { name: fr['coord.openCase'].replace('{caseReference}', 'PAR-2026-0107') }).click();
      await page.getByRole('heading', { name: fr['coord.request.history'] }).waitFor();
      const history = await page.locator('ol.events').innerText();
      assert.ok(history.includes(fr['coord.event.schedule']), history);
      assert.doesNotMatch(history, /\bby\b|schedule|Scheduled/, 'no English in the history');
      const witness = page.getByRole('row', { name: /Youssef Benali/ });
      await witness.getByText(fr['capacity.witness'], { exact: true }).waitFor();
      await screenshot(page, `coordinator-8-french-${viewport.width}`);
      if (viewport.width < 500) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px)`);
      }

      await page.getByLabel(fr['coord.language']).selectOption('de');
      await page.getByRole('heading', { name: de['coord.request.history'] }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
      await page.getByRole('button', { name: de['coord.tab.agenda'], exact: true }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: de['coord.inbox.title'] }).waitFor();
      await context.close();
    }
  });

  it('adds an interpreter with her languages, chosen by name from every language', async () => {
    const paris = await signInPage(browser, server.url, 'claire@justice.fr');
    await paris.getByRole('button', { name: 'Rooms, judges and interpreters', exact: true }).click();
    await paris.getByRole('heading', { name: 'Your rooms, judges and interpreters' }).waitFor();
    const names = await paris
      .locator('#all-languages option')
      .evaluateAll((options) => options.map((o) => `${o.textContent} = ${(o as HTMLOptionElement).value}`));
    assert.ok(names.length >= 180, `${names.length} languages to choose from`);
    for (const expected of ['Polish (pl) = pl', 'Tigrinya (ti) = ti', 'Pashto (ps) = ps']) assert.ok(names.includes(expected), `the list offers ${expected}`);
    const form = paris.locator('#resource-form');
    await form.getByLabel('Kind').selectOption('interpreter');
    await form.getByLabel('Name').fill('Agnieszka Nowak');
    const search = form.getByRole('combobox', { name: 'Languages the interpreter works in' });
    await search.fill('not a language');
    await form.getByRole('button', { name: 'Add the language' }).click();
    await form.getByText('Choose a language from the list, or type its tag').waitFor();
    for (const tag of ['pl', 'fr']) {
      await search.fill(tag);
      await form.getByRole('button', { name: 'Add the language' }).click();
    }
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const row = paris.getByRole('row', { name: /Agnieszka Nowak/ });
    await row.getByText('Polish (pl), French (fr)').waitFor();
    await row.getByText('Interpreter', { exact: true }).waitFor();
    await screenshot(paris, 'coordinator-9-resources');

    // She adds German to her languages: the form comes back filled in, and the row says it at once.
    await row.getByRole('button', { name: 'Change Agnieszka Nowak' }).click();
    const change = paris.getByRole('region', { name: 'Change Agnieszka Nowak' });
    assert.equal(await change.getByLabel('Name').inputValue(), 'Agnieszka Nowak');
    await change.getByRole('combobox', { name: 'Languages the interpreter works in' }).fill('de');
    await change.getByRole('button', { name: 'Add the language' }).click();
    await change.getByRole('button', { name: 'Save the changes' }).click();
    await row.getByText('Polish (pl), French (fr), German (de)').waitFor();
    await paris.getByRole('status').getByText('Agnieszka Nowak is changed.').waitFor();

    // No longer booked: asked first in the page's own dialog; kept when the answer is no.
    await row.getByRole('button', { name: 'No longer book Agnieszka Nowak' }).click();
    const dialog = paris.getByRole('dialog');
    await dialog.getByText('No longer book Agnieszka Nowak? Hearings already arranged keep the name').waitFor();
    assert.deepEqual(await accessibilityViolations(paris), [], 'the resources page and its dialog meet WCAG 2.1 AA');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await row.waitFor();
    await row.getByRole('button', { name: 'No longer book Agnieszka Nowak' }).click();
    await dialog.getByRole('button', { name: 'No longer book' }).click();
    await row.waitFor({ state: 'detached' });
    await paris.getByRole('status').getByText('Agnieszka Nowak is no longer booked.').waitFor();
    await paris.context().close();
  });

  it('sets the authority’s hours, holidays, time zone and retention periods on a page, and shows the keys’ identifiers to read out', async () => {
    const paris = await signInPage(browser, server.url, 'claire@justice.fr');
    await paris.getByRole('button', { name: 'Working hours and keys' }).click();
    await paris.getByRole('heading', { name: 'Your authority’s working hours, rules and keys' }).waitFor();
    assert.equal(await paris.getByLabel('Your authority’s time zone').inputValue(), 'Europe/Paris');
    await paris.getByRole('button', { name: 'Add hours' }).click();
    const added = paris.locator('table.working-hours tbody tr').last();
    await added.getByLabel('Day', { exact: true }).selectOption({ label: 'Saturday' });
    await added.getByLabel('From', { exact: true }).fill('09:00');
    await added.getByLabel('To', { exact: true }).fill('12:00');
    await paris.locator('input[name="holiday"]').fill('2026-12-25');
    await paris.getByRole('button', { name: 'Add the date' }).click();
    await paris.getByLabel('Quiet time before and after each hearing (minutes)').fill('20');
    // How long a closed hearing's data is kept: recordings a month, personal data three months, the file ten years.
    await paris.getByLabel('Recordings (days)').fill('30');
    await paris.getByLabel('Personal data gathered to run the hearing (days)').fill('90');
    await paris.getByLabel('The court’s file: record, minutes, request and documents (days)').fill('3650');
    await paris.getByRole('button', { name: 'Save the settings' }).click();
    await paris.getByRole('status').getByText('The settings are saved.').waitFor();
    const saved = await paris.evaluate(async () => (await fetch('/api/authority')).json());
    assert.deepEqual(saved.retention, { recordingsDays: 30, personalDataDays: 90, recordDays: 3650 });
    assert.equal(await paris.getByLabel('Recordings (days)').inputValue(), '30', 'shown again as saved');
    await paris.getByRole('group', { name: 'Keeping and deleting' }).scrollIntoViewIfNeeded();
    await screenshot(paris, 'coordinator-10b-retention');
    assert.ok(
      saved.workingHours.some((p: { weekday: number; from: string; to: string }) => p.weekday === 6 && p.from === '09:00' && p.to === '12:00'),
      JSON.stringify(saved.workingHours),
    );
    assert.ok(saved.holidays.includes('2026-12-25'));
    assert.equal(saved.bufferMinutes, 20);
    // Shown again as saved, the holiday by its name in the page's language.
    await paris.getByRole('button', { name: 'Remove Friday, December 25, 2026' }).waitFor();
    const keys = await paris.evaluate(async () => (await fetch('/minutes-public-keys')).json());
    for (const keyId of [keys.court.keyId, keys.requested.keyId]) {
      assert.equal((await paris.locator(`.keys code[data-key-id="${keyId}"]`).textContent())?.replaceAll(' ', ''), keyId);
    }
    // A zone that does not exist is refused in words naming it; nothing changes.
    await paris.getByLabel('Your authority’s time zone').fill('Europe/Atlantis');
    await paris.getByRole('button', { name: 'Save the settings' }).click();
    await paris
      .getByRole('alert')
      .getByText(/timeZone/)
      .waitFor();
    assert.equal((await paris.evaluate(async () => (await fetch('/api/authority')).json())).timeZone, 'Europe/Paris');
    assert.deepEqual(await accessibilityViolations(paris), [], 'the settings page meets WCAG 2.1 AA');
    await screenshot(paris, 'coordinator-10-settings');
    await paris.context().close();
  });

  it('refuses a wrong password in words, in the language of the page', async () => {
    for (const language of ['en', 'ar'] as const) {
      const words = CATALOGUES[language];
      const context = await browser.newContext({ locale: language });
      const page = await context.newPage();
      await page.goto(`${server.url}/coordinator`);
      await page.getByLabel(words['coord.email']).fill('claire@justice.fr');
      await page.getByLabel(words['coord.password'], { exact: true }).fill('not the password');
      await page.getByRole('button', { name: words['coord.signIn'] }).click();
      await page.getByRole('alert').getByText(words['api.wrongPassword']).waitFor();
      assert.deepEqual(await accessibilityViolations(page), [], `the sign-in page with its refusal meets WCAG 2.1 AA (${language})`);
      if (language === 'ar') assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      await context.close();
    }
  });
});
