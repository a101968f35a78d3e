/**
 * The join page as a person meets it: a bad link explains itself in words, and the page works on a
 * phone-sized screen and with the keyboard alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { joinUrl } from '../../server/demo.js';
import { accessibilityViolations, launchChromium, openLink, screenshot } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('the join page', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Public Observer', role: 'observer' },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const reasonShownFor = async (url: string, name: string) => {
    const { page, close } = await openLink(browser, url);
    await page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    const alert = await page.getByRole('alert').textContent();
    assert.equal(await page.locator('#join-setup').isVisible(), false, 'no way to join with a bad link');
    await screenshot(page, `bad-link-${name}`);
    assert.deepEqual(await accessibilityViolations(page), [], 'the page that refuses a link meets WCAG 2.1 AA');
    await close();
    return alert ?? '';
  };

  it('says when an expired link expired and what to do', async () => {
    const link = await server.linkFor(court.people['Maria Rossi']!, { notBefore: new Date(Date.now() - 7200_000), expiresAt: new Date(Date.now() - 3600_000) });
    assert.match(await reasonShownFor(link.url, 'expired'), /This link expired at .* UTC\. Ask the court for a new one\./);
  });

  it('says a withdrawn link was withdrawn', async () => {
    const link = await server.linkFor(court.people['Maria Rossi']!);
    await server.store.tokens.revoke(link.tokenId, 'reissued');
    assert.match(await reasonShownFor(link.url, 'revoked'), /withdrawn by the court/);
  });

  it('says a damaged link is not valid', async () => {
    const token = court.people['Maria Rossi']!.token;
    const damaged = joinUrl(server.url, court.hearing.id, `${token.slice(0, -6)}AAAAAA`);
    assert.match(await reasonShownFor(damaged, 'damaged'), /not valid\. Check that you copied all of it/);
  });

  it('says a link opened on another hearing’s address belongs elsewhere', async () => {
    const other = await server.hearingWith([{ name: 'X', role: 'observer' }]);
    const misplaced = joinUrl(server.url, other.hearing.id, court.people['Maria Rossi']!.token);
    assert.match(await reasonShownFor(misplaced, 'wrong-hearing'), /belongs to another hearing/);
  });

  it('says a page opened without a token needs the personal link', async () => {
    assert.match(await reasonShownFor(`${server.url}/join/${court.hearing.id}`, 'missing'), /without a join link/);
  });

  it('on a phone: shows the name, the function, a camera preview and a live microphone meter, and joins from the keyboard', async () => {
    const { page, close } = await openLink(browser, court.people['Maria Rossi']!.url, { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Join the hearing' }).waitFor();
    assert.equal(await page.locator('#self-name').textContent(), 'Maria Rossi');
    assert.equal(await page.locator('#self-role').textContent(), 'Witness');
    await page.waitForFunction(() => (document.getElementById('preview-video') as HTMLVideoElement).videoWidth > 0);
    await page.waitForFunction(() => (document.getElementById('mic-level') as HTMLMeterElement).value > 0, undefined, { timeout: 10_000 });
    assert.ok((await page.locator('#camera-select option').count()) >= 1, 'a camera to choose');
    assert.ok((await page.locator('#microphone-select option').count()) >= 1, 'a microphone to choose');
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 390, `no sideways scrolling on a phone (page is ${pageWidth}px wide)`);
    await screenshot(page, 'join-phone');

    // Keyboard only: Tab until the join button has focus, then Enter.
    await page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.id === 'join-button')); i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'join-button');
    await page.keyboard.press('Enter');
    await page.locator('#hearing-view').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Leave' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Share screen' }).isVisible(), false, 'the person heard cannot share a screen');
    const controlsWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(controlsWidth <= 390, `hearing view fits a phone (${controlsWidth}px)`);
    await screenshot(page, 'hearing-phone');
    await close();
  });

  it('an observer joins without camera or microphone and has no controls to send', async () => {
    const { page, close } = await openLink(browser, court.people['Public Observer']!.url);
    await page.getByText('You follow this hearing without camera or microphone.').waitFor();
    await page.getByRole('button', { name: 'Join the hearing' }).click();
    await page.locator('#hearing-view').waitFor({ state: 'visible' });
    for (const name of ['Mute', 'Stop camera', 'Share screen']) {
      assert.equal(await page.getByRole('button', { name }).isVisible(), false, `${name} is hidden for an observer`);
    }
    await close();
  });
});
