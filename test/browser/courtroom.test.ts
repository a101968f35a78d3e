/**
 * A whole hearing, driven through the pages in real Chromium as the people in it would: the officer
 * and the judge open it; the witness, who speaks French and whose page speaks French, waits and
 * receives nothing; the judge admits her; the officer checks her identity, puts her rights before her in
 * her language and records her oath; she acknowledges
 * her rights; she testifies; the officer intervenes once and lifts it; the judge ends the hearing.
 * The minutes, generated from the record, tell all of it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CATALOGUES } from '../../language/all-catalogues.js';
import {
  admit,
  assertReceivesFrom,
  enterHearing,
  keepLocalTracks,
  launchChromium,
  liveLocalTracks,
  receivedStreams,
  screenshot,
  type ParticipantPage,
  pressAndConfirm,
} from '../support/browser.js';
import { toneFile } from '../support/media-files.js';
import { verifyMinutes } from '../../record/index.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('a hearing from opening to minutes', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;

  before(async () => {
    const tone = toneFile(330);
    [server, browser] = await Promise.all([startTestServer(), launchChromium({ audioFile: tone })]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Jean Dupont', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'fr' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const idOf = (name: string) => court.people[name]!.id;
  const status = (p: ParticipantPage) => p.page.locator('#court-status');
  const waitStatus = (p: ParticipantPage, text: string | RegExp) =>
    p.page.waitForFunction(
      ([pattern, flags]) => new RegExp(pattern, flags).test(document.getElementById('court-status')?.textContent ?? ''),
      [text instanceof RegExp ? text.source : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), text instanceof RegExp ? text.flags : ''] as const,
      { timeout: 15_000 },
    );
  const gatePassed = (page: Page, gate: string) =>
    page
      .locator(`[data-person-heard="${idOf('Maria Rossi')}"] li[data-gate="${gate}"][data-passed="true"]`)
      .first()
      .waitFor({ timeout: 15_000 });

  it('the officer and the judge open the hearing; the witness waits and receives nothing', async () => {
    officer = await enterHearing(browser, court.people['Officer Jean Dupont']!.url, keepLocalTracks);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url, keepLocalTracks);
    await waitStatus(judge, 'Opened — not yet live');
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url, keepLocalTracks);
    await witness.page.getByRole('heading', { name: "Vous êtes en salle d'attente" }).waitFor();
    assert.equal(await witness.page.locator('html').getAttribute('lang'), 'fr', 'her page speaks her language');
    await witness.page.waitForTimeout(1500);
    assert.deepEqual(await receivedStreams(witness.page), []);
    await assertReceivesFrom(judge.page, idOf('Officer Jean Dupont'));
  });

  it('the judge admits the witness and goes live with the officer present', async () => {
    await admit(judge.page, 'Maria Rossi');
    await assertReceivesFrom(witness.page, idOf('Judge Anna Berger'));
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
    await judge.page.getByRole('button', { name: 'Go live' }).click();
    await waitStatus(witness, /^En direct$/);
  });

  it('testimony is refused while the gates are open, in words the judge reads', async () => {
    await judge.page.getByRole('button', { name: 'Start testimony' }).click();
    await judge.page.getByRole('alert').filter({ hasText: 'Testimony cannot start yet' }).waitFor();
    assert.match((await judge.page.locator('#court-error').textContent()) ?? '', /identity verified by the requested-state officer/);
  });

  it('the officer verifies identity, puts the rights before the witness in her language, and she acknowledges them', async () => {
    const identity = officer.page.getByRole('form', { name: 'Identity check' });
    await identity.getByLabel('Issuing country').fill('IT');
    await identity.getByLabel('Document number').fill('YA1234567');
    // The court's state changes while the officer types (the judge mutes everyone): nothing typed is lost.
    await judge.page.getByRole('button', { name: 'Mute all' }).click();
    await witness.page.getByRole('button', { name: 'Rétablir le micro' }).waitFor();
    assert.equal(await identity.getByLabel('Document number').inputValue(), 'YA1234567');
    await witness.page.getByRole('button', { name: 'Rétablir le micro' }).click(); // the court never unmutes; she does
    await identity.getByLabel('The person matches the document').check();
    await identity.getByLabel('Photo compared with the person').check();
    await identity.getByRole('button', { name: 'Record identity check' }).click();
    await gatePassed(judge.page, 'identity');
    await officer.page.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('form[aria-label="Identity check"] input[name="documentNumber"]')?.value ?? '') === '',
    );

    const rights = officer.page.getByRole('form', { name: 'Rights and caution' });
    await rights.getByText('Speaks French: the texts are shown in French.').waitFor();
    await rights.getByRole('button', { name: 'Show rights to the person heard' }).click();
    const notice = witness.page.locator('#rights-notice');
    await notice.getByRole('heading', { name: 'Vos droits au cours de cette audition' }).waitFor();
    assert.equal(await notice.getAttribute('lang'), 'fr');
    await screenshot(witness.page, 'courtroom-rights-notice-fr');
    await notice.getByRole('button', { name: "J'ai lu et compris" }).click();
    await notice.waitFor({ state: 'hidden' });
    await gatePassed(judge.page, 'rights');

    const oath = officer.page.getByRole('form', { name: 'Oath' });
    await oath.getByLabel('Form').selectOption('affirmation');
    await oath.getByRole('button', { name: 'Record oath or affirmation' }).click();
    await gatePassed(judge.page, 'oath');
    await screenshot(officer.page, 'courtroom-officer-console');
  });

  it('the witness testifies, and consults her lawyer privately: the judge receives nothing of it', async () => {
    await judge.page.getByRole('button', { name: 'Start testimony' }).click();
    await waitStatus(judge, 'Live — testimony in progress');
    await screenshot(judge.page, 'courtroom-judge-testimony');

    counsel = await enterHearing(browser, court.people['Tom Okafor']!.url, keepLocalTracks);
    await admit(judge.page, 'Tom Okafor');
    await assertReceivesFrom(counsel.page, idOf('Maria Rossi'));
    await witness.page.getByRole('button', { name: 'Consulter en privé' }).click();
    await waitStatus(witness, /chiffrée de bout en bout/);
    await assertReceivesFrom(counsel.page, idOf('Maria Rossi'));
    const fromWitness = async () => (await receivedStreams(judge.page)).filter((s) => s.participantId === idOf('Maria Rossi'));
    for (let i = 0; i < 20 && (await fromWitness()).length > 0; i++) await judge.page.waitForTimeout(250);
    assert.deepEqual(await fromWitness(), [], 'the judge holds no stream of the consultation');
    await counsel.page.getByRole('button', { name: 'End consultation' }).click();
    await witness.page.getByRole('button', { name: 'Rétablir le micro' }).click(); // back muted from the consultation; she unmutes
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
  });

  it('the officer intervenes once, and only the officer lifts it', async () => {
    const intervene = officer.page.getByRole('form', { name: 'Intervene' });
    await intervene.getByLabel('Action').selectOption('pause');
    await intervene.getByLabel('Reason').fill('The caution was not interpreted into Italian');
    await intervene.getByRole('button', { name: 'Intervene' }).click();
    await waitStatus(judge, /requested-state officer has intervened/);
    await waitStatus(witness, /l’autorité judiciaire de l’État requis est intervenue/);
    assert.equal(await judge.page.getByRole('button', { name: 'Resume' }).count(), 0, 'the judge is offered no way to override');
    await officer.page.getByRole('button', { name: 'Lift the intervention' }).click();
    await waitStatus(judge, /^Live/);
  });

  it('the judge ends the hearing, and the minutes tell what happened', async () => {
    const witnessErrors: string[] = [];
    witness.page.on('pageerror', (error) => witnessErrors.push(error.message));
    await pressAndConfirm(judge.page, 'End the hearing');
    await waitStatus(judge, 'The hearing has ended');
    assert.equal(await status(witness).textContent(), "L'audience est terminée. Merci.");
    // Every camera and microphone stops at once, and the witness is told so in her language.
    for (const [name, participant] of [
      ['judge', judge],
      ['officer', officer],
      ['witness', witness],
      ['counsel', counsel],
    ] as const) {
      await participant.page
        .waitForFunction(
          () => ((window as unknown as { __localTracks?: MediaStreamTrack[] }).__localTracks ?? []).every((t) => t.readyState === 'ended'),
          undefined,
          { timeout: 5_000 },
        )
        .catch(() => undefined);
      assert.deepEqual(await liveLocalTracks(participant.page), [], `no camera or microphone of the ${name} is still open`);
    }
    await witness.page.getByRole('heading', { name: CATALOGUES.fr['court.endedThanks'] }).waitFor();
    await witness.page.getByText(CATALOGUES.fr['ended.mediaOff']).waitFor();
    await screenshot(witness.page, 'courtroom-witness-ended');
    assert.deepEqual(witnessErrors, [], 'the witness’s page shows the end without an error');

    const headers = { Authorization: `Bearer ${court.people['Officer Jean Dupont']!.token}` };
    const response = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes.json`, { headers });
    assert.equal(response.status, 200);
    const minutes = await response.json();
    assert.equal(minutes.status, 'final');
    assert.deepEqual(
      minutes.personsHeard.map((p: { name: string }) => p.name),
      ['Maria Rossi'],
    );
    assert.deepEqual(minutes.gates.map((g: { gate: string }) => g.gate).sort(), ['identity', 'oath', 'rights']);
    assert.equal(minutes.oaths[0].form, 'affirmation');
    assert.equal(minutes.testimony.length, 1);
    assert.equal(minutes.consultations.length, 1, 'the consultation, by its times only');
    assert.ok(minutes.participants.some((p: { name: string; function: string }) => p.name === 'Tom Okafor' && p.function === 'Counsel'));
    assert.equal(minutes.interventions.length, 1);
    assert.match(minutes.interventions[0].reason, /not interpreted/);
    assert.ok(
      minutes.pauses.some((p: { reason: string | null; to: string | null }) => /not interpreted/.test(p.reason ?? '') && p.to),
      JSON.stringify(minutes.pauses),
    );
    assert.ok(minutes.times.opened && minutes.times.inSession && minutes.times.ended);
    assert.equal(JSON.stringify(minutes).includes('YA1234567'), false, 'the document number is not in the minutes');

    const page = await judge.page.context().newPage();
    await page.setExtraHTTPHeaders(headers);
    await page.goto(`${server.url}/hearings/${court.hearing.id}/minutes`);
    await page.getByText('Maria Rossi').first().waitFor();
    await screenshot(page, 'courtroom-minutes');
    await page.close();
  });

  it('the officer states, the judge signs, the officer countersigns and transmits — from the consoles, by keyboard', async () => {
    const officerMinutes = officer.page.locator('#minutes-panel');
    const judgeMinutes = judge.page.locator('#minutes-panel');
    await judgeMinutes.getByText('The minutes are signed once the requested-state officer has made her statement.').waitFor();
    assert.equal(await judgeMinutes.getByRole('button', { name: 'Sign the minutes' }).count(), 0, 'nothing to sign before the officer’s statement');

    // Read on the page where the hearing was held: the printed minutes, section by section.
    await officerMinutes.getByRole('button', { name: 'Read the minutes' }).click();
    await officerMinutes.getByRole('heading', { name: /\d+\. Statement of the requested-state officer/ }).waitFor();
    const press = async (p: ParticipantPage, name: string | RegExp, key: string) => {
      await p.page
        .locator('#minutes-panel')
        .getByRole(typeof name === 'string' ? 'checkbox' : 'button', { name })
        .focus();
      await p.page.keyboard.press(key);
    };
    await press(officer, 'I established the identity of the person heard.', 'Space');
    await press(officer, 'The fundamental principles of the law of my state were respected.', 'Space');
    await press(officer, /^Record my statement$/, 'Enter');
    await officerMinutes.getByText('Your statement is in the minutes.').waitFor();

    // The judge's console follows without reloading; she signs only what she has read.
    await judgeMinutes.getByText('Read the minutes before you sign them.').waitFor();
    await press(judge, /^Read the minutes$/, 'Enter');
    await judgeMinutes.locator('p.statement', { hasText: /stated for the minutes that the identity of the person heard was established/ }).waitFor();
    await press(judge, 'I have read these minutes and they are accurate.', 'Space');
    await press(judge, /^Sign the minutes$/, 'Enter');
    await judgeMinutes.getByText('The minutes are signed.').waitFor();
    await judgeMinutes.locator('dl[data-signature="judge"]').waitFor();
    // Reopened after the hearing closed, her page still holds the minutes and where they stand.
    await judge.page.reload();
    await judgeMinutes.getByText(/Signed by Judge Anna Berger, presiding judge, at/).waitFor();
    await judge.page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(judge.page, 'courtroom-minutes-judge-signed');

    await press(officer, 'I have read these minutes as the presiding judge signed them.', 'Space');
    await press(officer, /^Countersign the minutes$/, 'Enter');
    await officerMinutes.getByText('The minutes are countersigned.').waitFor();
    await officerMinutes.getByLabel('Transmit to').fill('Landgericht Berlin');
    await press(officer, /^Record the transmission$/, 'Enter');
    await officerMinutes.getByText(/Transmitted to Landgericht Berlin at/).waitFor();
    await judgeMinutes.getByText(/Transmitted to Landgericht Berlin at/).waitFor();
    await officer.page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(officer.page, 'courtroom-minutes-officer-transmitted');

    // Both signatures hold over the very bytes served, with the two public keys and nothing else.
    const headers = { Authorization: `Bearer ${court.people['Judge Anna Berger']!.token}` };
    const json = await (await fetch(`${server.url}/hearings/${court.hearing.id}/minutes.json`, { headers })).text();
    const keys = await (await fetch(`${server.url}/minutes-public-keys`)).json();
    const record = await server.store.events.list(court.hearing.id);
    const countersigned = record.find((e) => e.type === 'minutes.countersigned')!;
    const signature = (await server.store.minutes.get(court.hearing.id, String(countersigned.data.sha256)))!.signature;
    assert.equal(verifyMinutes(json, signature, keys.court.pem), true, 'the judge’s signature');
    assert.equal(verifyMinutes(json, String(countersigned.data.signature), keys.requested.pem), true, 'the officer’s countersignature');
    assert.deepEqual(
      record.filter((e) => e.type.startsWith('minutes.') || e.type === 'officer.statement').map((e) => [e.type, e.actorId]),
      [
        ['officer.statement', idOf('Officer Jean Dupont')],
        ['minutes.signed', idOf('Judge Anna Berger')],
        ['minutes.countersigned', idOf('Officer Jean Dupont')],
        ['minutes.transmitted', idOf('Officer Jean Dupont')],
      ],
    );
  });
});
