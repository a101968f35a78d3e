/**
 * A person sought consents to surrender, in real Chromium: the German court hears her by video in
 * Portugal. The Portuguese judge puts the consent before her from his console; she reads it on her
 * phone in Portuguese and is told she answers once her lawyer has attested; her lawyer attests from
 * his page; the law asks for her signature, so she signs in the box on her screen (refused without
 * it) and consents; the judge confirms it was given freely and knowingly; the German judge's console
 * shows every step; and the printed minutes show her signature as she drew it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { MODEL_TEXT_BOOK } from '../../courtroom/index.js';
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
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf, type Words } from '../support/words.js';

describe('a consent to surrender taken by video, from the judge’s console to the person’s phone to the minutes', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let ana: ParticipantPage;
  let lawyer: ParticipantPage;
  let de: Words, pt: Words;
  const text = MODEL_TEXT_BOOK.text('extradition-consent', 'pt')!;

  before(async () => {
    [server, browser, de, pt] = await Promise.all([startTestServer(), launchChromium(), wordsOf('de'), wordsOf('pt')]);
    court = await server.hearingWith(
      [
        { name: 'Richterin Anna Berger', role: 'presiding_judge', language: 'de' },
        { name: 'Juiz Paulo Costa', role: 'requested_officer', language: 'pt' },
        { name: 'Ana Pereira', role: 'person_heard', capacity: 'person_sought', language: 'pt' },
        { name: 'Rui Matos', role: 'counsel', language: 'pt' },
      ],
      { courtLanguage: 'de' },
    );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const url = (name: string) => court.people[name]!.url;
  const declaration = () => ana.page.locator('.declaration[data-declaration="consent_to_surrender"]');
  const officerCourse = () => officer.page.locator('.extradition-course[data-declaration="consent_to_surrender"]');

  it('the Portuguese judge puts the consent before her; she reads it in Portuguese on her phone, and waits for her lawyer', async () => {
    judge = await enterHearing(browser, url('Richterin Anna Berger'), soundOnly, LAPTOP);
    officer = await enterHearing(browser, url('Juiz Paulo Costa'), soundOnly, LAPTOP);
    ana = await enterHearing(browser, url('Ana Pereira'), soundOnly, PHONE);
    lawyer = await enterHearing(browser, url('Rui Matos'), soundOnly, LAPTOP);
    await admit(judge.page, 'Ana Pereira', de);
    await admit(judge.page, 'Rui Matos', de);
    await judge.page.getByRole('button', { name: de('console.goLive') }).click();

    // What a declaration rests on: the judge identifies her, puts her rights to her in Portuguese, records her consent to the video hearing.
    const anaId = court.people['Ana Pereira']!.id;
    const officerForm = (name: string) => officer.page.locator(`form[aria-label="${name}"][data-payload*="${anaId}"]`);
    const identity = officerForm(pt('console.identityCheck'));
    await identity.getByLabel(pt('console.method')).selectOption('personal_knowledge');
    await identity.getByLabel(pt('console.matches')).check();
    await identity.getByRole('button', { name: pt('console.recordIdentity') }).click();
    await officerForm(pt('console.gate.rights'))
      .getByRole('button', { name: pt('console.showRights') })
      .click();
    await ana.page
      .locator('#rights-notice')
      .getByRole('button', { name: pt('person.acknowledge') })
      .click();
    await officerForm(pt('console.gate.consent'))
      .getByRole('button', { name: pt('console.recordConsent') })
      .click();
    await judge.page.locator(`.gates[data-person-heard="${anaId}"] li[data-gate="consent"][data-passed="true"]`).waitFor();

    const section = officer.page.locator('section.extradition');
    await section.getByRole('heading', { name: pt('console.extradition', { name: 'Ana Pereira' }) }).waitFor();
    const form = section.locator('form[data-command="extradition:inform"]');
    await form.getByLabel(pt('console.extraditionDeclaration')).selectOption('consent_to_surrender');
    await form.getByLabel(pt('console.extraditionSignature')).check();
    await screenshot(officer.page, 'extradition-officer-inform-pt');
    await form.getByRole('button', { name: pt('console.extraditionInform') }).click();
    await officerCourse().getByText(pt('console.extraditionCounselWaiting')).waitFor();

    await declaration().getByRole('heading', { name: text.title }).waitFor();
    assert.equal(await declaration().locator('.declaration-body').getAttribute('lang'), 'pt');
    assert.equal(await declaration().locator('.declaration-body').textContent(), text.body, 'the exact words the record names');
    await declaration().getByText(pt('declaration.irrevocable')).waitFor();
    await declaration().getByText(pt('declaration.waitingCounsel')).waitFor();
    assert.equal(
      await declaration()
        .getByRole('button', { name: pt('declaration.give.consent_to_surrender') })
        .count(),
      0,
      'no answer before her lawyer attests',
    );
    const sideways = await ana.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(sideways <= 0, `her phone does not scroll sideways (${sideways} px)`);
    await screenshot(ana.page, 'extradition-person-waiting-pt-phone');
  });

  it('her lawyer attests from his page; she is asked to sign, refused without a signature, signs with her finger and consents', async () => {
    await lawyer.page.getByRole('button', { name: pt('attest.counsel', { name: 'Ana Pereira' }) }).click();
    await lawyer.page.locator('.declaration.attest[role], .declaration.attest p[role="status"]').first().waitFor();
    await officerCourse().getByText(pt('console.extraditionAnswerWaiting')).waitFor();

    const give = declaration().getByRole('button', { name: pt('declaration.give.consent_to_surrender') });
    await give.waitFor();
    await declaration().getByText(pt('declaration.sign')).waitFor();
    await give.click();
    await declaration().getByText(pt('declaration.signFirst')).waitFor();

    const pad = declaration().locator('canvas.signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    assert.ok(box.width >= 300 && box.width <= PHONE.width, `the box fits her phone and is wide enough to sign in (${box.width} px)`);
    // Her signature: two strokes, drawn with the pointer as a finger or a mouse draws them.
    const mouse = ana.page.mouse;
    const stroke = async (points: [number, number][]) => {
      await mouse.move(box.x + points[0]![0] * box.width, box.y + points[0]![1] * box.height);
      await mouse.down();
      for (const [x, y] of points.slice(1)) await mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 4 });
      await mouse.up();
    };
    await stroke([
      [0.1, 0.7],
      [0.2, 0.3],
      [0.3, 0.7],
      [0.4, 0.3],
    ]);
    await stroke([
      [0.5, 0.6],
      [0.8, 0.5],
    ]);
    await screenshot(ana.page, 'extradition-person-signed-pt-phone');
    const giveBox = (await give.boundingBox())!;
    assert.ok(giveBox.height >= 40, `the answer is a button a finger can press (${giveBox.height} px high)`);
    await give.click();
    // Giving it binds her: she is asked once more, with what it means.
    const dialog = ana.page.getByRole('dialog');
    await dialog.getByText(pt('declaration.irrevocable')).waitFor();
    await dialog.getByRole('button', { name: pt('declaration.give.consent_to_surrender') }).click();
    await declaration().getByText(pt('declaration.given')).waitFor();

    const entries = await server.store.events.list(court.hearing.id);
    const declared = entries.find((e) => e.type === 'extradition.declared')!;
    const strokes = (declared.data as { signature: { strokes: [number, number][][] } }).signature.strokes;
    assert.equal(strokes.length, 2, 'the two strokes she drew');
    assert.ok(strokes[0]!.length >= 4, 'each with the points her pointer passed');
    assert.ok(
      strokes.flat().every(([x, y]) => x >= 0 && x <= 1000 && y >= 0 && y <= 400),
      'on the 1000 × 400 pad',
    );
    assert.equal(declared.actorId, court.people['Ana Pereira']!.id, 'her own device gave it');
  });

  it('the Portuguese judge confirms it; she is told it is on the record, with no way to take it back; the German judge sees every step', async () => {
    await officerCourse()
      .getByRole('button', { name: pt('console.extraditionAccept') })
      .click();
    // Confirming binds her: the judge is asked once more.
    const asked = officer.page.getByRole('dialog');
    await asked.getByText(pt('console.extraditionAcceptQuestion')).waitFor();
    await asked.getByRole('button', { name: pt('console.extraditionAccept') }).click();
    await officer.page.locator('.extradition-course[data-declaration="consent_to_surrender"][data-standing="true"]').waitFor();
    await declaration().getByText(pt('declaration.accepted')).waitFor();
    assert.equal(
      await declaration()
        .getByRole('button', { name: pt('declaration.revoke') })
        .count(),
      0,
      'irrevocable: nothing offers to take it back',
    );
    await screenshot(ana.page, 'extradition-person-accepted-pt-phone');
    await screenshot(officer.page, 'extradition-officer-accepted-pt');

    const judgeCourse = judge.page.locator('.extradition-course[data-declaration="consent_to_surrender"]');
    await judgeCourse.getByText(de('console.extraditionIrrevocable'), { exact: false }).waitFor();
    const steps = await judgeCourse.locator('.extradition-steps li').allTextContents();
    assert.ok(steps.length >= 5, `informed, lawyer, answer, ruling, irrevocable: ${JSON.stringify(steps)}`);
    assert.ok(
      steps.every((s) => s.startsWith('✓')),
      `every step done: ${JSON.stringify(steps)}`,
    );
    assert.equal(await judgeCourse.getByRole('button').count(), 0, 'the presiding judge sees it, and does not take it');
    await judge.page.locator('section.extradition').scrollIntoViewIfNeeded();
    await screenshot(judge.page, 'extradition-judge-console-de');
    assert.deepEqual(await accessibilityViolations(ana.page), [], 'her page passes axe');
    assert.deepEqual(await accessibilityViolations(officer.page), [], 'the judge’s console passes axe');
  });

  it('the printed minutes show the consent, step by step, with the signature as she drew it', async () => {
    const minutes = await browser.newPage({ viewport: LAPTOP });
    await minutes.setExtraHTTPHeaders({ authorization: `Bearer ${court.people['Richterin Anna Berger']!.token}` });
    await minutes.goto(`${server.url}/hearings/${court.hearing.id}/minutes`);
    const signature = minutes.locator('svg.signature').first();
    await signature.waitFor();
    const drawn = (await signature.boundingBox())!;
    assert.ok(drawn.width > 100 && drawn.height > 40, `the signature is drawn where a reader sees it (${drawn.width}×${drawn.height})`);
    assert.equal(await minutes.locator('svg.signature polyline').count(), 4, 'two strokes, in the German and in the Portuguese minutes');
    await signature.scrollIntoViewIfNeeded();
    await screenshot(minutes, 'extradition-minutes-signature');
    await minutes.close();
  });
});
