/**
 * A deaf witness who reads American Sign Language, in real Chromium on her phone: her stage keeps the
 * sign-language interpreter large whoever speaks, with the presiding judge beside; a hearing witness
 * in the same court follows the voice as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { admit, enterHearing, LAPTOP, launchChromium, PHONE, screenshot, soundOnly } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf } from '../support/words.js';

describe('the sign-language interpreter kept large for the person who reads sign language', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge', language: 'en' },
      { name: 'Officer Jean Dupont', role: 'requested_officer', language: 'en' },
      { name: 'Grace Miller', role: 'person_heard', capacity: 'witness', language: 'ase' },
      { name: 'Paul Reed', role: 'interpreter', language: 'ase', interprets: { from: 'en', into: 'ase' } },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('her phone keeps the interpreter large, with the judge beside; the judge’s stage keeps her large', async () => {
    const en = await wordsOf('en');
    const judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, soundOnly, LAPTOP);
    const grace = await enterHearing(browser, court.people['Grace Miller']!.url, soundOnly, PHONE);
    await enterHearing(browser, court.people['Paul Reed']!.url, soundOnly, LAPTOP);
    await admit(judge.page, 'Grace Miller', en);
    await admit(judge.page, 'Paul Reed', en);
    const tile = (page: typeof grace.page, name: string) => page.locator(`li[data-participant-id="${court.people[name]!.id}"]`);
    await tile(grace.page, 'Paul Reed').and(grace.page.locator('[data-featured="true"]')).waitFor();
    await tile(grace.page, 'Judge Anna Berger').and(grace.page.locator('[data-speaker="true"]')).waitFor();
    await screenshot(grace.page, 'sign-language-witness-phone');
    const [interpreter, beside] = await Promise.all([tile(grace.page, 'Paul Reed').boundingBox(), tile(grace.page, 'Judge Anna Berger').boundingBox()]);
    assert.ok(interpreter && beside, 'both pictures on her stage');
    // On a phone the stage is one column: the interpreter first, at least as large as the judge.
    assert.ok(interpreter.y < beside.y, `the interpreter comes first on her phone (${interpreter.y} / ${beside.y})`);
    assert.ok(
      interpreter.width * interpreter.height >= beside.width * beside.height,
      `and is no smaller (${interpreter.width}×${interpreter.height} / ${beside.width}×${beside.height})`,
    );
    await tile(judge.page, 'Grace Miller').and(judge.page.locator('[data-featured="true"]')).waitFor();
  });
});
