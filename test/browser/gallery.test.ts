/**
 * The public gallery, as the judge and a member of the public see it. The judge opens it and gets an
 * address to publish; someone without an account opens that address and watches the floor — the
 * judge's and the witness's pictures, labelled with their functions, never their names — through a
 * router on another media worker than the hearing's; the judge's console counts her. A protective
 * measure closes the gallery by itself, on her page too, and the record says why; with the measures
 * lifted the judge opens it again, and an order to sit in private closes it again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { admit, enterHearing, LAPTOP, launchChromium, PHONE, screenshot, soundOnly, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('the public gallery', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let witness: ParticipantPage;
  let observer: Page;
  let address: string;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ workers: 2 }), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, undefined, LAPTOP);
    officer = await enterHearing(browser, court.people['Officer Giulia Conti']!.url, soundOnly);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url, undefined, PHONE);
    await admit(judge.page, 'Maria Rossi');
    await judge.page.getByRole('button', { name: 'Go live' }).click();
  });
  after(async () => {
    await observer?.context().close();
    for (const p of [witness, officer, judge]) await p?.close();
    await browser?.close();
    await server?.close();
  });

  const section = () => judge.page.getByRole('region', { name: 'Public gallery' });
  const causes = async () =>
    (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'gallery.closed').map((e) => (e.data as { cause: string }).cause);

  it('the judge opens it and is given the address to publish', async () => {
    await section().getByRole('button', { name: 'Open the public gallery' }).click();
    const code = section().locator('#gallery-address');
    await code.filter({ hasText: /\/gallery\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/ }).waitFor();
    address = (await code.textContent())!;
  });

  it('someone without an account watches the floor, labelled by function, from another worker than the hearing’s, and is counted', async () => {
    observer = await (await browser.newContext({ viewport: PHONE })).newPage();
    await observer.goto(address);
    await observer.getByText('You are watching the hearing.').waitFor();
    await observer.waitForFunction(
      () => [...document.querySelectorAll<HTMLVideoElement>('#gallery-tiles video')].filter((v) => v.videoWidth > 0).length >= 2,
      undefined,
      {
        timeout: 20_000,
      },
    );
    const labels = await observer.locator('#gallery-tiles .caption').allTextContents();
    assert.deepEqual([...labels].sort(), ['Presiding judge', 'Witness']);
    assert.equal(await observer.getByText('Maria Rossi').count(), 0, 'no name is shown to the public');
    await section().getByText('1 person watching').waitFor({ timeout: 15_000 });
    const media = await server.sfu.hearing(court.hearing.id);
    const rooms = server.sfu.existingGallery(court.hearing.id)!.roomLoads();
    assert.deepEqual(rooms, [{ worker: 1 - media.workerIndex, observers: 1 }], 'the gallery’s room is on the other worker');
    assert.equal((await server.signaling.auditMedia(court.hearing.id)).unwanted.length, 0);
    await screenshot(observer, 'gallery-observer-phone');
    await screenshot(judge.page, 'gallery-judge-open');
  });

  it('a protective measure closes it by itself, on her page too, and the record says why', async () => {
    const form = judge.page.getByRole('form', { name: /Protective measures for Maria Rossi/ });
    await form.getByLabel('Pseudonym shown instead of the name').fill('Witness A');
    await form.getByRole('button', { name: 'Apply the measures' }).click();
    await observer.getByText('The public gallery is closed.', { exact: false }).waitFor({ timeout: 15_000 });
    assert.equal(await observer.locator('#gallery-tiles video').count(), 0, 'nothing of the hearing stays on her page');
    await section()
      .getByText(/Closed: a protective measure applies/)
      .waitFor();
    assert.equal(await section().getByRole('button', { name: 'Open the public gallery' }).count(), 0);
    assert.deepEqual(await causes(), ['protection']);
    assert.equal(server.sfu.existingGallery(court.hearing.id), undefined, 'its rooms are closed');
    await screenshot(observer, 'gallery-observer-closed');
  });

  it('with the measures lifted it opens again, and an order to sit in private closes it with its reason', async () => {
    // The court names her by her pseudonym now.
    const form = judge.page.getByRole('form', { name: /Protective measures for Witness A/ });
    await form.getByLabel('Pseudonym shown instead of the name').fill('');
    await form.getByRole('button', { name: 'Apply the measures' }).click();
    await section().getByRole('button', { name: 'Open the public gallery' }).click();
    await section()
      .locator('#gallery-address')
      .filter({ hasText: /\/gallery\// })
      .waitFor();
    await section().getByRole('button', { name: 'Sit in private' }).click();
    const asked = judge.page.getByRole('dialog');
    await asked.getByRole('textbox').fill('the witness speaks of her medical treatment');
    await asked.getByRole('button', { name: 'OK' }).click();
    await section().getByText('Closed: the court sits in private (the witness speaks of her medical treatment).').waitFor();
    assert.deepEqual(await causes(), ['protection', 'private']);
    const page = await (await browser.newContext()).newPage();
    const refused = await page.request.post(`${address}/observers`);
    assert.equal(refused.status(), 409, 'no place in a closed gallery');
    assert.match(((await refused.json()) as { message: string }).message, /closed/);
    await page.context().close();
  });
});
