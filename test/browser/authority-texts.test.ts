/**
 * A coordinator loads her authority's Italian caution in real Chromium on a 1366×768 screen: the
 * table says the model text applies, she fills the labelled form, checks the preview as the witness
 * will read it, confirms from the keyboard, and the table then names her authority's version and the
 * start of its hash. Loading the same version again is refused with the field named and focused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { textHash } from '../../courtroom/index.js';
import { launchChromium, screenshot } from '../support/browser.js';
import { PASSWORD, twoAuthorities } from '../support/coordinators.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TITLE = 'Avvertimenti al testimone';
const BODY = 'Lei ha l’obbligo di dire la verità.\n\nPuò rifiutarsi di rispondere alle domande dalle quali potrebbe emergere una Sua responsabilità penale.';

const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.id || document.activeElement?.textContent || '');

describe('a coordinator loads her authority’s text in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    await twoAuthorities(server.store);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    await page.goto(`${server.url}/coordinator`);
    await page.getByLabel('E-mail').fill('claire@justice.fr');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Inbox/ }).waitFor();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const form = () => page.locator('#text-form');
  const italianRights = () =>
    page
      .getByRole('row', { name: /^Italian \(it\)/ })
      .getByRole('cell')
      .first();

  it('shows where the model text applies, then loads a version through a preview and a confirmation', async () => {
    await page.getByRole('button', { name: 'Texts of rights and oath' }).click();
    await page.getByRole('heading', { name: 'Texts of rights and oath' }).waitFor();
    assert.match(await italianRights().innerText(), /Model text\s+model-/);
    await screenshot(page, 'authority-texts-1-model-texts');

    await form().getByLabel('Which text').selectOption('rights-and-caution');
    await form().getByLabel('Language').fill('it');
    await form().getByLabel('Version').fill('2026-04');
    await form().getByLabel('Title').fill(TITLE);
    await form().getByLabel('Text as approved').fill(BODY);
    await form().getByLabel('Approved by').fill('Presidente del Tribunale');
    await form().getByLabel('Approved by').press('Enter'); // submits the form: the preview, nothing saved yet
    const preview = page.getByRole('region', { name: 'Check before saving' });
    await preview.waitFor();
    assert.equal(await focusedName(page), 'preview-title', 'focus moves to the preview so a screen reader reads it');
    const shown = preview.locator('article');
    assert.equal(await shown.getAttribute('lang'), 'it');
    assert.equal(await shown.getByRole('heading').innerText(), TITLE);
    assert.equal(await shown.locator('.shown-body').innerText(), BODY, 'paragraphs kept as approved');
    assert.match(await preview.innerText(), /Replaces\s+the model version model-/);
    assert.match(await preview.innerText(), /permanent/);
    assert.deepEqual(
      await server.store.authorityTexts.history((await server.store.authorities.findByName('Tribunal judiciaire de Paris'))!.id),
      [],
      'nothing saved before confirming',
    );
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'authority-texts-2-preview');

    // Back to editing keeps every word; then confirm from the keyboard alone.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Back to editing');
    await page.keyboard.press('Enter');
    assert.equal(await form().getByLabel('Text as approved').inputValue(), BODY);
    await page.getByRole('button', { name: 'Preview' }).click();
    await preview.waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Save this version permanently');
    await page.keyboard.press('Enter');

    await page.getByRole('caption').filter({ hasText: 'Versions your authority has approved' }).waitFor();
    const cell = await italianRights().innerText();
    assert.match(cell, /Your authority’s\s+2026-04\s/);
    assert.match(cell, new RegExp(textHash(TITLE, BODY).slice(0, 12)));
    assert.match((await page.getByRole('status').textContent()) ?? '', /Version 2026-04 of Rights and caution in Italian \(it\) is saved/);
    await screenshot(page, 'authority-texts-3-saved');
    await page.getByRole('caption').filter({ hasText: 'Versions your authority has approved' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'authority-texts-4-history');
  });

  it('refuses the same version again, naming and focusing the field, with the words kept', async () => {
    await form().getByLabel('Which text').selectOption('rights-and-caution');
    await form().getByLabel('Language').fill('it');
    await form().getByLabel('Version').fill('2026-04');
    await form().getByLabel('Title').fill(TITLE);
    await form().getByLabel('Text as approved').fill('Un’altra stesura.');
    await form().getByLabel('Approved by').fill('Presidente del Tribunale');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Save this version permanently' }).click();
    const alert = page.locator('#alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Version 2026-04 .* never changed/);
    assert.equal(await focusedName(page), 'f-version');
    assert.match(
      await form()
        .getByLabel('Version')
        .getAttribute('aria-describedby')
        .then((id) => page.locator(`#${id}`).innerText()),
      /never changed/,
      'the refusal stands beside the field',
    );
    assert.equal(await form().getByLabel('Text as approved').inputValue(), 'Un’altra stesura.');
    await screenshot(page, 'authority-texts-5-refused');

    await form().getByLabel('Version').fill('2026-05');
    await form().getByLabel('Language').fill('xx-QQ');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Save this version permanently' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'f-language');
    assert.match(await alert.innerText(), /language/);
  });
});
