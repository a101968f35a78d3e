/**
 * The minutes in the court's language and the requested state's, side by side (MLA 2000 Art. 10(6)):
 * a German court hears an Italian witness through an Italian interpreter, with a French officer at
 * the requested site. The minutes are written in German and French from the same entries, signed
 * together, and printed with each section in both languages at the same height; an officer whose
 * language the minutes have no words for gets German minutes that say they must be translated.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CATALOGUES } from '../../language/all-catalogues.js';
import { generateMinutes, minutesJson, renderMinutesHtml, verifyMinutes, type Minutes } from '../../record/index.js';
import { MINUTES_CATALOGUES } from '../../record/minutes-words.js';
import { launchChromium, SCREENSHOTS } from '../support/browser.js';
import { startTestServer, type PersonSpec, type TestHearing, type TestServer } from '../support/server.js';

const TEXT = { id: 'rights-witness', version: '3', language: 'it', sha256: 'a'.repeat(64), source: 'model' };

/** A short hearing, through the officer's statement, recorded as the courtroom records it. */
async function heldHearing(server: TestServer, officerLanguage: string | null): Promise<TestHearing> {
  const people: PersonSpec[] = [
    { name: 'Richterin Anna Berger', role: 'presiding_judge', language: 'de' },
    { name: 'Juge Claire Martin', role: 'requested_officer', ...(officerLanguage ? { language: officerLanguage } : {}) },
    { name: 'Giulia Conti', role: 'person_heard', capacity: 'witness', language: 'it' },
    { name: 'Paola Ricci', role: 'interpreter', language: 'it', interprets: { from: 'de', into: 'it' } },
  ];
  const court = await server.hearingWith(people, { courtLanguage: 'de' });
  const id = (name: string) => court.people[name]!.id;
  const [judge, officer, witness, paola] = [id('Richterin Anna Berger'), id('Juge Claire Martin'), id('Giulia Conti'), id('Paola Ricci')];
  const record = (actorId: string | null, type: string, data: Record<string, unknown> = {}) =>
    server.store.events.append(court.hearing.id, { type, actorId, data });
  await record(judge, 'participant.entered', { role: 'presiding_judge' });
  await record(judge, 'hearing.opened');
  await record(officer, 'participant.entered', { role: 'requested_officer' });
  await record(paola, 'participant.entered', { role: 'interpreter' });
  await record(paola, 'interpretation.live', { channel: 'it', participantId: paola, relayFrom: null });
  await record(witness, 'participant.entered', { role: 'person_heard' });
  await record(judge, 'lobby.admitted', { participantId: witness });
  await record(judge, 'hearing.live');
  await record(officer, 'identity.verified', {
    participantId: witness,
    method: 'identity_document',
    documentType: 'passport',
    issuingCountry: 'IT',
    match: true,
    photoCompared: true,
  });
  await record(witness, 'rights.acknowledged', {
    participantId: witness,
    notice: TEXT,
    understanding: { language: 'it', via: 'interpreter', interpreterId: paola },
  });
  await record(judge, 'oath.taken', {
    participantId: witness,
    form: 'oath',
    language: 'it',
    understanding: { language: 'it', via: 'interpreter', interpreterId: paola },
  });
  await record(judge, 'testimony.started', { participantId: witness });
  await record(judge, 'hearing.paused', { cause: 'judge', reason: 'kurze Unterbrechung' });
  await record(judge, 'hearing.resumed', { cause: 'judge' });
  await record(judge, 'testimony.ended', { participantId: witness });
  await record(judge, 'hearing.ended', {});
  await record(officer, 'officer.statement', { identityEstablished: true, principlesRespected: true, remarks: null });
  return court;
}

describe('the minutes in two languages', () => {
  let server: TestServer;
  let court: TestHearing;
  let minutes: Minutes;
  const bearer = (name: string) => ({ authorization: `Bearer ${court.people[name]!.token}` });
  const url = (path: string) => `${server.url}/hearings/${court.hearing.id}${path}`;

  before(async () => {
    server = await startTestServer();
    court = await heldHearing(server, 'fr');
    minutes = generateMinutes(court.hearing, await server.store.participants.listByHearing(court.hearing.id), await server.store.events.list(court.hearing.id));
  });
  after(async () => server?.close());

  it('are written in the court’s language and again in the requested state’s, from the same entries', () => {
    assert.equal(minutes.language, 'de');
    assert.deepEqual(minutes.languages, { court: 'de', requested: 'fr' });
    const french = minutes.translation;
    assert.ok(french, 'a French version');
    assert.equal(french.language, 'fr');
    assert.equal(french.translation, null);
    assert.deepEqual(
      french.chronology.map((c) => c.seq),
      minutes.chronology.map((c) => c.seq),
      'sentence for sentence, entry for entry',
    );
    // Each sentence is the catalogue's, in its language: German here, French there, never English.
    const opened = minutes.chronology[1]!;
    assert.equal(opened.text, MINUTES_CATALOGUES.de['chron.opened'].replace('{actor}', `Richterin Anna Berger (${CATALOGUES.de['role.presiding_judge']})`));
    assert.equal(
      french.chronology[1]!.text,
      MINUTES_CATALOGUES.fr['chron.opened'].replace('{actor}', `Richterin Anna Berger (${CATALOGUES.fr['role.presiding_judge']})`),
    );
    const english = generateMinutes({ ...court.hearing, courtLanguage: 'en' }, [], []);
    assert.equal(english.translation, null);
    for (const version of [minutes, french]) {
      for (const c of version.chronology) {
        assert.doesNotMatch(c.text, /[{}]/, `${version.language}: no placeholder left in "${c.text}"`);
        assert.doesNotMatch(c.text, /\b(the hearing|connected|was|through the interpreter)\b/, `${version.language}: no English in "${c.text}"`);
      }
    }
    // The oath through the interpreter, named in both; the language of the oath in each reader's words.
    assert.match(minutes.chronology.find((c) => c.seq === minutes.oaths[0]!.seq)!.text, /Paola Ricci/);
    assert.match(minutes.chronology.find((c) => c.seq === minutes.oaths[0]!.seq)!.text, /Italienisch/);
    assert.match(french.chronology.find((c) => c.seq === french.oaths[0]!.seq)!.text, /italien/);
    assert.equal(french.personsHeard[0]!.capacity, CATALOGUES.fr['capacity.witness']);
    assert.equal(minutes.pauses[0]!.reason, 'kurze Unterbrechung', 'what was typed is given as it was typed');
  });

  it('sign both versions at once: the signature fails if a word of the translation changes', async () => {
    const page = await fetch(url('/minutes'), { headers: bearer('Richterin Anna Berger') });
    const read = page.headers.get('x-minutes-sha256')!;
    const signed = await fetch(url('/minutes/sign'), {
      method: 'POST',
      headers: { ...bearer('Richterin Anna Berger'), 'content-type': 'application/json' },
      body: JSON.stringify({ read, throughSeq: Number(page.headers.get('x-minutes-through-seq')) }),
    });
    assert.equal(signed.status, 200);
    const signature = await signed.json();
    const json = await (await fetch(url('/minutes.json'), { headers: bearer('Juge Claire Martin') })).text();
    assert.equal(json, minutesJson(JSON.parse(json) as Minutes));
    const keys = await (await fetch(`${server.url}/minutes-public-keys`)).json();
    assert.equal(verifyMinutes(json, signature.signature, keys.court.pem), true);
    const opened = MINUTES_CATALOGUES.fr['chron.opened'].split(' ').find((word) => word.length > 4 && !word.includes('{'))!;
    assert.ok(json.includes(opened), `the French version is in the signed bytes ("${opened}")`);
    assert.equal(verifyMinutes(json.replace(opened, `${opened}x`), signature.signature, keys.court.pem), false);
  });

  it('print each section side by side, German then French, each in its own language, and one above the other on a phone', async () => {
    const html = await (await fetch(url('/minutes'), { headers: bearer('Richterin Anna Berger') })).text();
    assert.match(html, /<html lang="de" dir="ltr">/);
    const germanHeadings = [...html.matchAll(/<div class="version" role="group" aria-label="[^"]*" lang="de" dir="ltr"><h2>(\d+)\. ([^<]+)<\/h2>/g)].map(
      (m) => m[2],
    );
    const frenchHeadings = [...html.matchAll(/<div class="version" role="group" aria-label="[^"]*" lang="fr" dir="ltr"><h2>(\d+)\. ([^<]+)<\/h2>/g)].map(
      (m) => m[2],
    );
    assert.equal(germanHeadings.length, 13);
    assert.equal(frenchHeadings.length, germanHeadings.length, 'every section in both languages');
    assert.equal(germanHeadings[0], MINUTES_CATALOGUES.de['html.h.date']);
    assert.equal(frenchHeadings[0], MINUTES_CATALOGUES.fr['html.h.date']);
    assert.ok(html.includes(MINUTES_CATALOGUES.de['html.kind']) && html.includes(MINUTES_CATALOGUES.fr['html.kind']));

    const browser = await launchChromium();
    try {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const [label, viewport] of [
        ['laptop', { width: 1366, height: 768 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const context = await browser.newContext({ viewport, extraHTTPHeaders: bearer('Richterin Anna Berger') });
        const page = await context.newPage();
        await page.goto(url('/minutes'));
        const [german, french] = await page.locator('section.side-by-side').nth(5).locator('.version').all();
        const g = (await german!.boundingBox())!;
        const f = (await french!.boundingBox())!;
        if (label === 'laptop') {
          assert.ok(Math.abs(g.y - f.y) < 2, 'the officer’s statement stands at the same height in both languages');
          assert.ok(f.x >= g.x + g.width - 1, 'French to the right of German');
          assert.ok(g.width > 280, `each column is wide enough to read (${g.width} px)`);
        } else {
          assert.ok(f.y >= g.y + g.height - 1, 'on a phone, French below German');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow} px)`);
        }
        await page.screenshot({ path: `${SCREENSHOTS}/minutes-de-fr-${label}.png`, fullPage: label === 'laptop' });
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});

describe('the minutes when the requested state’s language has no version', () => {
  it('are given in the court’s language, saying that they must be translated; right to left where the officer reads Arabic', async () => {
    const server = await startTestServer();
    try {
      const polish = await heldHearing(server, 'pl');
      const m = generateMinutes(
        polish.hearing,
        await server.store.participants.listByHearing(polish.hearing.id),
        await server.store.events.list(polish.hearing.id),
      );
      assert.equal(m.language, 'de');
      assert.equal(m.translation, null);
      const html = renderMinutesHtml(m, { signed: null, transmissions: [] });
      const missing = MINUTES_CATALOGUES.de['html.languages.missing'].replace(/\{court\}/g, 'Deutsch').replace(/\{requested\}/g, 'Polnisch');
      assert.ok(html.includes(missing), `the page says "${missing}"`);

      const arabic = await heldHearing(server, 'ar');
      const a = generateMinutes(
        arabic.hearing,
        await server.store.participants.listByHearing(arabic.hearing.id),
        await server.store.events.list(arabic.hearing.id),
      );
      assert.equal(a.translation?.language, 'ar');
      const page = renderMinutesHtml(a, { signed: null, transmissions: [] });
      assert.match(page, /lang="ar" dir="rtl"><h2>1\. /, 'the Arabic version is written right to left');
      assert.match(page, /class="minutes two-languages"/);
    } finally {
      await server.close();
    }
  });
});
