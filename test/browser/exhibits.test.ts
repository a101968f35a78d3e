/**
 * A document shown in the hearing, in real Chromium: the judge adds a two-page PDF to the bundle from
 * his console, shows it to everyone; the witness on her phone sees the first page as a picture,
 * turns to the second; the judge stops showing it and it leaves her screen. Nothing she is sent is
 * the file itself.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  accessibilityViolations,
  admit,
  enterHearing,
  LAPTOP,
  launchChromium,
  PHONE,
  screenshot,
  soundOnly,
  type ParticipantPage,
} from '../support/browser.js';
import { pdfWithPages, solidPng } from '../support/documents.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf, type Words } from '../support/words.js';

describe('a document shown to the hearing', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;
  let en: Words, it_: Words;
  const documentsSeen: string[] = [];

  before(async () => {
    [server, browser, en, it_] = await Promise.all([startTestServer(), launchChromium(), wordsOf('en'), wordsOf('it')]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge', language: 'en' },
      { name: 'Officer Giulia Conti', role: 'requested_officer', language: 'it' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'it' },
      { name: 'Tom Okafor', role: 'counsel', language: 'en' },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the judge adds a PDF to the bundle from his console and shows it to everyone', async () => {
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, soundOnly, LAPTOP);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url, soundOnly, PHONE);
    witness.page.on('response', (response) => {
      if (response.url().includes('/exhibits/')) documentsSeen.push(response.headers()['content-type'] ?? '');
    });
    await admit(judge.page, 'Maria Rossi', en);
    const file = join(server.dataDir, 'contract.pdf');
    writeFileSync(file, pdfWithPages('Exhibit A: the contract, page one', 'Exhibit A: the contract, page two'));
    const section = judge.page.locator('section.exhibits');
    await section.getByRole('heading', { name: en('console.exhibits') }).waitFor();
    await section.getByLabel(en('console.exhibitTitle')).fill('Exhibit A — the contract');
    await section.getByLabel(en('console.exhibitFile')).setInputFiles(file);
    await section.getByRole('button', { name: en('console.exhibitSubmit') }).click();
    const row = section.locator('li', { hasText: 'Exhibit A — the contract' });
    await row.getByText(en('console.exhibitPages', { pages: 2 }), { exact: false }).waitFor();
    await row.getByRole('button', { name: en('console.exhibitShow') }).click();
    await row.getByRole('button', { name: en('console.exhibitStop') }).waitFor();
    // The judge's own view of it opens folded: the person heard stays the large picture on his stage.
    await judge.page.locator('#exhibit').waitFor();
    assert.equal(await judge.page.locator('#exhibit details.exhibit-pages').evaluate((d: HTMLDetailsElement) => d.open), false);
    await screenshot(judge.page, 'exhibits-judge-console');
  });

  it('the witness sees the first page on her phone, turns to the second, in Italian', async () => {
    const panel = witness.page.locator('#exhibit');
    await panel.getByRole('heading', { name: it_('exhibit.shownTitle', { title: 'Exhibit A — the contract' }) }).waitFor();
    const image = panel.locator('img.exhibit-page[data-page="1"]');
    await image.waitFor();
    await witness.page.waitForFunction(() => ((document.querySelector('img.exhibit-page') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    const shown = await image.evaluate((img: HTMLImageElement) => ({ natural: img.naturalWidth, width: img.getBoundingClientRect().width }));
    assert.ok(shown.natural > 500, `a page rendered at reading size (${shown.natural} px)`);
    assert.ok(shown.width <= PHONE.width, `and fitted to her screen (${shown.width} px)`);
    await panel.getByText(it_('exhibit.page', { page: 1, pages: 2 })).waitFor();
    await screenshot(witness.page, 'exhibits-witness-page-1-phone');
    await panel.getByRole('button', { name: it_('exhibit.next') }).click();
    await panel.locator('img.exhibit-page[data-page="2"]').waitFor();
    await panel.getByText(it_('exhibit.page', { page: 2, pages: 2 })).waitFor();
    assert.ok(documentsSeen.length >= 2 && documentsSeen.every((type) => type === 'image/png'), `she was sent pictures only: ${JSON.stringify(documentsSeen)}`);
    assert.deepEqual(await accessibilityViolations(witness.page), []);
  });

  it('counsel adds a photograph from his own page, and it appears in the judge’s list', async () => {
    counsel = await enterHearing(browser, court.people['Tom Okafor']!.url, soundOnly, LAPTOP);
    const file = join(server.dataDir, 'photograph.png');
    writeFileSync(file, await solidPng('teal', 800, 600));
    const section = counsel.page.locator('section.exhibits');
    await section.getByLabel(en('console.exhibitTitle')).fill('Photograph of the harbour');
    await section.getByLabel(en('console.exhibitFile')).setInputFiles(file);
    await section.getByRole('button', { name: en('console.exhibitSubmit') }).click();
    await section.locator('li', { hasText: 'Photograph of the harbour' }).waitFor();
    assert.equal(await section.getByRole('button', { name: en('console.exhibitShow') }).count(), 0, 'counsel adds; only the judge shows');
    await judge.page.locator('section.exhibits li', { hasText: 'Photograph of the harbour' }).waitFor({ timeout: 20_000 });
  });

  it('when the judge stops showing it, it leaves her screen', async () => {
    await judge.page
      .locator('section.exhibits')
      .getByRole('button', { name: en('console.exhibitStop') })
      .click();
    await witness.page.locator('#exhibit').waitFor({ state: 'hidden' });
    assert.equal(await witness.page.locator('img.exhibit-page[src]').count(), 0, 'the picture is gone from the page');
  });

  it('the judge shows the photograph to counsel alone, ticked on his console: counsel sees it, the witness does not', async () => {
    await admit(judge.page, 'Tom Okafor', en);
    const section = judge.page.locator('section.exhibits');
    const row = section.locator('li', { hasText: 'Photograph of the harbour' });
    await row.getByRole('button', { name: en('console.exhibitShowSome') }).click();
    const chooser = row.getByRole('group', { name: en('console.exhibitChoose', { title: 'Photograph of the harbour' }) });
    await chooser.waitFor();
    const showChosen = chooser.getByRole('button', { name: en('console.exhibitShowChosen') });
    assert.equal(await showChosen.isDisabled(), true, 'nobody ticked yet: nothing to show');
    // Those in the courtroom are offered, the two judicial authorities are not (they always see it).
    assert.deepEqual((await chooser.locator('label').allTextContents()).sort(), ['Maria Rossi — Witness', 'Tom Okafor — Counsel']);
    await chooser.getByLabel(/Tom Okafor/).check();
    await screenshot(judge.page, 'exhibits-judge-chooses-whom');
    await showChosen.click();
    await row.getByRole('button', { name: en('console.exhibitStop') }).waitFor();
    await row.getByText(en('console.exhibitShownTo', { names: 'Tom Okafor' })).waitFor();
    await counsel.page.locator('#exhibit img.exhibit-page[data-page="1"]').waitFor();
    // Her page is told nothing: the court shows it to counsel only.
    await witness.page.waitForTimeout(1500);
    assert.equal(await witness.page.locator('#exhibit').isVisible(), false, 'the witness is not shown it');
    const shown = (await server.store.events.list(court.hearing.id)).findLast((e) => e.type === 'exhibit.shown')!;
    assert.deepEqual(shown.data.to, [court.people['Tom Okafor']!.id]);
    assert.deepEqual(await accessibilityViolations(judge.page), []);
  });
});
