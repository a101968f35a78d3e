/**
 * The consoles as their users see them, measured: the judge on a 1366×768 laptop sees a waiting
 * witness and her Admit button without scrolling (the tab's title counts who waits), then the person
 * heard fills at least half of the stage; the witness on a 390×844 phone finds Join without scrolling
 * and a control bar no taller than 15 % of the screen; the officer checks her identity with her face
 * at 480 px or more beside the form, and she acknowledges her rights without scrolling. The figures
 * are printed for the record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  accessibilityViolations,
  assertVideoFrom,
  enterHearing,
  launchChromium,
  openLink,
  screenshot,
  type ParticipantPage,
  pressAndConfirm,
} from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const LAPTOP = { width: 1366, height: 768 };
const WIDE = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

/** The part of a box inside the viewport, in px². */
async function visibleArea(page: Page, locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  if (!box) return 0;
  const width = Math.max(0, Math.min(box.x + box.width, viewport.width) - Math.max(box.x, 0));
  const height = Math.max(0, Math.min(box.y + box.height, viewport.height) - Math.max(box.y, 0));
  return width * height;
}

async function insideViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return Boolean(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height);
}

/** Presses Tab until `name` has the focus (at most `limit` times): what a keyboard user does. */
async function tabTo(page: Page, name: string, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (
      await page.evaluate(
        (wanted) => (document.activeElement?.textContent ?? '').trim() === wanted || document.activeElement?.getAttribute('aria-label') === wanted,
        name,
      )
    )
      return presses;
  }
  throw new Error(`${name} was not reached in ${limit} presses of Tab`);
}

/** Counts the tones the page plays (the judge's chime is two), without changing what it plays. */
function countTones(): void {
  const start = OscillatorNode.prototype.start;
  (window as unknown as { tones: number }).tones = 0;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
    (window as unknown as { tones: number }).tones++;
    return start.apply(this, args);
  };
}

/** Every WCAG 2.1 AA problem axe-core finds in a page, collected per state and asserted at the end. */
const accessibility: string[] = [];
async function checkAccessibility(page: Page, state: string): Promise<void> {
  for (const violation of await accessibilityViolations(page)) accessibility.push(`${state}: ${violation}`);
}

describe('the consoles, measured', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let officer: ParticipantPage;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Jean Dupont', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the witness on a phone finds Join without scrolling', async () => {
    witness = await openLink(browser, court.people['Maria Rossi']!.url, PHONE);
    const join = witness.page.locator('#join-button');
    await witness.page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
    const box = await join.boundingBox();
    console.log(`[geometry] phone 390×844: Join button at y=${Math.round(box!.y)}..${Math.round(box!.y + box!.height)} px`);
    assert.ok(await insideViewport(witness.page, join), 'Join is inside the screen before any scrolling');
    await checkAccessibility(witness.page, 'witness, join page');
    await screenshot(witness.page, 'consoles-witness-phone-join');
  });

  it('the judge sees the waiting witness and her Admit button without scrolling, hears a chime, and admits her by keyboard', async () => {
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, countTones, LAPTOP);
    officer = await enterHearing(browser, court.people['Officer Jean Dupont']!.url, undefined, LAPTOP);
    await witness.page.locator('#join-button').click();
    const admit = judge.page.getByRole('button', { name: 'Admit Maria Rossi' });
    await admit.waitFor();
    assert.ok(await insideViewport(judge.page, admit), 'Admit is inside the 1366×768 screen without scrolling');
    assert.match(await judge.page.title(), /^\(1\) waiting · /);
    assert.equal(await judge.page.evaluate(() => (window as unknown as { tones: number }).tones), 2, 'one two-note chime when she arrives');
    await checkAccessibility(judge.page, 'judge, someone waiting');
    await checkAccessibility(witness.page, 'witness, in the waiting room');
    await screenshot(judge.page, 'consoles-judge-waiting');
    const presses = await tabTo(judge.page, 'Admit Maria Rossi');
    console.log(`[keyboard] judge: Admit reached with ${presses} presses of Tab`);
    await judge.page.keyboard.press('Enter');
    await judge.page.waitForFunction(() => !document.title.startsWith('('));
  });

  it('the person heard fills at least half of the judge’s stage at 1366×768', async () => {
    await assertVideoFrom(judge.page, court.people['Maria Rossi']!.id);
    const stage = judge.page.locator('.stage');
    const featured = judge.page.locator(`#tiles li[data-participant-id="${court.people['Maria Rossi']!.id}"]`);
    await judge.page.locator(`#tiles li[data-featured="true"][data-participant-id="${court.people['Maria Rossi']!.id}"]`).waitFor();
    const share = (await visibleArea(judge.page, featured)) / (await visibleArea(judge.page, stage));
    const box = (await featured.boundingBox())!;
    console.log(
      `[geometry] judge 1366×768: person heard ${Math.round(box.width)}×${Math.round(box.height)} px, ${(share * 100).toFixed(0)} % of the visible stage`,
    );
    assert.ok(share >= 0.5, `the person heard fills ${(share * 100).toFixed(0)} % of the stage`);
    const self = judge.page.locator('#tiles li.self');
    const selfBox = (await self.boundingBox())!;
    assert.ok(selfBox.width <= box.width / 3, `the judge’s own picture is small (${Math.round(selfBox.width)} px wide)`);
    // The gates of the person heard are one compact strip, not a column of lines.
    const strip = (await judge.page.locator(`[data-person-heard="${court.people['Maria Rossi']!.id}"] .gate-strip`).boundingBox())!;
    console.log(`[geometry] judge 1366×768: the gates' strip ${Math.round(strip.width)}×${Math.round(strip.height)} px`);
    assert.ok(strip.height <= 64, `the gates take ${Math.round(strip.height)} px of height`);
    await screenshot(judge.page, 'consoles-judge-live');
    await checkAccessibility(judge.page, 'judge, live');

    await judge.page.setViewportSize(WIDE);
    await judge.page.waitForTimeout(300);
    const wideShare = (await visibleArea(judge.page, featured)) / (await visibleArea(judge.page, stage));
    const wideBox = (await featured.boundingBox())!;
    console.log(
      `[geometry] judge 1920×1080: person heard ${Math.round(wideBox.width)}×${Math.round(wideBox.height)} px, ${(wideShare * 100).toFixed(0)} % of the visible stage`,
    );
    assert.ok(wideShare >= 0.5, `at 1920×1080 the person heard fills ${(wideShare * 100).toFixed(0)} % of the stage`);
    await screenshot(judge.page, 'consoles-judge-live-1920');
    await judge.page.setViewportSize(LAPTOP);
  });

  it('nothing moves for a judge who asked for reduced motion', async () => {
    await judge.page.emulateMedia({ reducedMotion: 'reduce' });
    const moving = await judge.page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((e) => {
          const style = getComputedStyle(e);
          return parseFloat(style.transitionDuration) > 0 || (style.animationName !== 'none' && parseFloat(style.animationDuration) > 0);
        })
        .map((e) => e.id || e.className),
    );
    assert.deepEqual(moving, []);
    await judge.page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('on the phone the witness sees the judge large and a slim control bar', async () => {
    await assertVideoFrom(witness.page, court.people['Judge Anna Berger']!.id);
    const controls = (await witness.page.locator('#controls').boundingBox())!;
    const share = controls.height / PHONE.height;
    console.log(`[geometry] phone 390×844: control bar ${Math.round(controls.height)} px high, ${(share * 100).toFixed(0)} % of the screen`);
    assert.ok(share <= 0.15, `the control bar takes ${(share * 100).toFixed(0)} % of the screen`);
    const judgeTile = witness.page.locator(`#tiles li[data-participant-id="${court.people['Judge Anna Berger']!.id}"]`);
    assert.equal(await judgeTile.getAttribute('data-featured'), 'true', 'the presiding judge is the large picture');
    await screenshot(witness.page, 'consoles-witness-phone-live');
    // Held sideways, and on the smallest phone the pages are made for.
    for (const size of [
      { width: 640, height: 360 },
      { width: 360, height: 640 },
    ]) {
      await witness.page.setViewportSize(size);
      await witness.page.waitForTimeout(300);
      const bar = (await witness.page.locator('#controls').boundingBox())!;
      const part = bar.height / size.height;
      console.log(`[geometry] phone ${size.width}×${size.height}: control bar ${Math.round(bar.height)} px high, ${(part * 100).toFixed(0)} % of the screen`);
      assert.ok(part <= 0.15, `at ${size.width}×${size.height} the control bar takes ${(part * 100).toFixed(0)} % of the screen`);
      await screenshot(witness.page, `consoles-witness-phone-${size.width}x${size.height}`);
    }
    await witness.page.setViewportSize(PHONE);
  });

  it('the officer checks the identity with the face at 480 px or more beside the form', async () => {
    const identity = officer.page.getByRole('form', { name: 'Identity check' });
    await identity.waitFor();
    const face = officer.page.locator(`#tiles li[data-participant-id="${court.people['Maria Rossi']!.id}"]`);
    await officer.page.locator(`#tiles li[data-featured="true"][data-participant-id="${court.people['Maria Rossi']!.id}"]`).waitFor();
    const faceBox = (await face.boundingBox())!;
    const formBox = (await identity.boundingBox())!;
    console.log(`[geometry] officer 1366×768: the face ${Math.round(faceBox.width)}×${Math.round(faceBox.height)} px, the form at x=${Math.round(formBox.x)}`);
    assert.ok(faceBox.width >= 480, `the face is ${Math.round(faceBox.width)} px wide`);
    assert.ok(formBox.x >= faceBox.x + faceBox.width - 1, 'the form is beside the face, not over it');
    assert.ok(await insideViewport(officer.page, face.locator('video')), 'the face is on screen while the form is filled');
    await screenshot(officer.page, 'consoles-officer-identity');
    await checkAccessibility(officer.page, 'officer, identity check');
    await identity.getByLabel('Issuing country').fill('IT');
    await identity.getByLabel('Document number').fill('YA1234567');
    await identity.getByLabel('The person matches the document').check();
    await identity.getByLabel('Photo compared with the person').check();
    const steps = officer.page.getByRole('list', { name: 'Steps before Maria Rossi testifies' });
    assert.equal(await steps.locator('li[aria-current="step"]').getAttribute('data-step'), 'identity', 'the identity check is the step to take now');
    await identity.getByRole('button', { name: 'Record identity check' }).click();
    // Done, the step folds to one line with its time, and the next one is marked.
    await steps.locator('li[data-step="identity"][data-step-state="done"] summary').waitFor();
    assert.equal(await steps.locator('li[aria-current="step"]').getAttribute('data-step'), 'rights');
    await screenshot(officer.page, 'consoles-officer-steps');
    await officer.page.getByRole('form', { name: 'Rights and caution' }).getByRole('button', { name: 'Show rights to the person heard' }).click();
  });

  it('the witness on the phone reads her rights and acknowledges them without scrolling', async () => {
    const acknowledge = witness.page.locator('#acknowledge-rights');
    await acknowledge.waitFor();
    const box = (await acknowledge.boundingBox())!;
    console.log(`[geometry] phone 390×844: acknowledge button at y=${Math.round(box.y)}..${Math.round(box.y + box.height)} px`);
    assert.ok(await insideViewport(witness.page, acknowledge), 'the acknowledge button is on screen');
    await screenshot(witness.page, 'consoles-witness-phone-rights');
    await checkAccessibility(witness.page, 'witness, rights');
    // By keyboard, as with a switch or a screen reader: Tab to the button and press it.
    await tabTo(witness.page, (await acknowledge.textContent())!.trim());
    await witness.page.keyboard.press('Enter');
    await witness.page.locator('#rights-notice').waitFor({ state: 'hidden' });
  });

  it('while the court records, everyone sees it, said once and politely', async () => {
    await judge.page.getByLabel('Legal basis for recording (required)').fill('Art. 10(8) MLA Convention 2000');
    await judge.page.getByRole('button', { name: 'Start recording' }).click();
    const indicator = witness.page.locator('#recording-indicator');
    await indicator.waitFor({ timeout: 15_000 });
    assert.equal(await indicator.getAttribute('aria-live'), 'polite');
    // The state arrives many times a minute; the words of the mark are written once.
    const rewrites = await witness.page.evaluate(async () => {
      let count = 0;
      const observer = new MutationObserver((records) => (count += records.length));
      observer.observe(document.getElementById('recording-indicator')!, { childList: true, subtree: true, characterData: true });
      await new Promise((resolve) => setTimeout(resolve, 5000));
      observer.disconnect();
      return count;
    });
    assert.equal(rewrites, 0, 'the recording mark is not rewritten while its meaning holds');
    await checkAccessibility(witness.page, 'witness, recorded');
    await checkAccessibility(judge.page, 'judge, recording');
  });

  it('every page in every state meets WCAG 2.1 AA as axe-core checks it, the end included', async () => {
    // Ending is asked first in the page's own dialog; the safe answer has the focus, and Escape keeps the hearing.
    await judge.page.locator('#court-console').getByRole('button', { name: 'End the hearing', exact: true }).click();
    const dialog = judge.page.getByRole('dialog', { name: /End the hearing for everyone\?/ });
    await dialog.waitFor();
    assert.equal(await judge.page.evaluate(() => document.activeElement?.textContent), 'Keep the hearing open');
    await checkAccessibility(judge.page, 'judge, asked to confirm the end');
    await screenshot(judge.page, 'consoles-judge-confirm-end');
    await judge.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await judge.page.waitForTimeout(500);
    assert.equal(await witness.page.locator('#left-view').isVisible(), false, 'the hearing goes on');
    await pressAndConfirm(judge.page, 'End the hearing');
    await witness.page.locator('#left-view').waitFor();
    await checkAccessibility(witness.page, 'witness, ended');
    await judge.page.locator('#minutes-panel').waitFor();
    await checkAccessibility(judge.page, 'judge, ended with the minutes');
    assert.deepEqual(accessibility, []);
  });
});
