/**
 * The front page, for someone who typed the address instead of opening her link, speaks her
 * browser's language: Arabic right to left, Chinese, and English where the pages have no catalogue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { CATALOGUES } from '../../language/all-catalogues.js';
import { accessibilityViolations, launchChromium, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the front page', () => {
  let server: TestServer;
  let browser: Browser;
  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [locale, catalogue, dir] of [
    ['ar-EG', 'ar', 'rtl'],
    ['zh-CN', 'zh', 'ltr'],
    ['pl-PL', 'en', 'ltr'],
  ] as const) {
    it(`speaks ${catalogue} to a browser in ${locale}`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByText(CATALOGUES[catalogue]['landing.help']).waitFor();
      assert.equal(await page.locator('main p').first().innerText(), CATALOGUES[catalogue]['landing.what']);
      assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), [catalogue, dir]);
      if (catalogue === 'ar') await screenshot(page, 'landing-ar-phone');
      assert.deepEqual(await accessibilityViolations(page), [], 'the front page meets WCAG 2.1 AA');
      await context.close();
    });
  }
});
