/**
 * A protective measure lifted takes effect at once, both ways: the judge hides the witness's picture
 * from observers and the observer's page loses it; the judge lifts it and the observer sees her
 * again on the same page, without reconnecting or reloading — the court's rule offers again what it
 * allows again, as it closes what it no longer allows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { admit, assertVideoFrom, enterHearing, launchChromium, receivedStreams, screenshot, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('a protective measure, applied and lifted', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let observer: ParticipantPage;
  const id = (name: string) => court.people[name]!.id;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Press Observer', role: 'observer' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url);
    await admit(judge.page, 'Maria Rossi');
    observer = await enterHearing(browser, court.people['Press Observer']!.url);
    await admit(judge.page, 'Press Observer');
  });
  after(async () => {
    // The witness's page stays open throughout: it is her picture that is protected.
    await witness?.close();
    await browser?.close();
    await server?.close();
  });

  /** The SFU holds nothing the court's rule forbids, and, within `withinMs`, everything it allows. */
  async function mediaMatchesTheCourt(withinMs = 10_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    let audit = await server.signaling.auditMedia(court.hearing.id);
    assert.deepEqual(audit.unwanted, [], 'no consumer the court’s rule forbids');
    while (audit.missing.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      audit = await server.signaling.auditMedia(court.hearing.id);
      assert.deepEqual(audit.unwanted, [], 'no consumer the court’s rule forbids');
    }
    assert.deepEqual(audit.missing, [], 'every stream the court’s rule allows has reached its receiver');
  }

  const witnessVideoAtObserver = async () => (await receivedStreams(observer.page)).some((s) => s.participantId === id('Maria Rossi') && s.kind === 'video');

  async function applyMeasures(hide: boolean): Promise<void> {
    const form = judge.page.getByRole('form', { name: /Protective measures for Maria Rossi/ });
    const box = form.getByLabel('Hide video from observers');
    if (hide) await box.check();
    else await box.uncheck();
    await form.getByRole('button', { name: 'Apply the measures' }).click();
  }

  it('the observer sees the witness before any measure', async () => {
    await assertVideoFrom(observer.page, id('Maria Rossi'));
    await mediaMatchesTheCourt();
    await observer.page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
  });

  it('hidden from observers: the observer’s page loses her picture, the judge keeps it', async () => {
    await applyMeasures(true);
    for (let i = 0; i < 40 && (await witnessVideoAtObserver()); i++) await observer.page.waitForTimeout(250);
    assert.equal(await witnessVideoAtObserver(), false, 'the observer receives no picture of the witness');
    await mediaMatchesTheCourt();
    await assertVideoFrom(judge.page, id('Maria Rossi'));
    assert.ok(
      (await receivedStreams(observer.page)).some((s) => s.participantId === id('Maria Rossi') && s.kind === 'audio'),
      'the observer still hears her',
    );
    await screenshot(observer.page, 'protection-observer-hidden');
  });

  it('lifted: the observer sees her again on the same page, without reconnecting', async () => {
    await applyMeasures(false);
    await assertVideoFrom(observer.page, id('Maria Rossi'), 10_000);
    await mediaMatchesTheCourt();
    assert.equal(await observer.page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage), true, 'the page was not reloaded');
    await screenshot(observer.page, 'protection-observer-lifted');
  });
});
