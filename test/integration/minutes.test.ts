/**
 * The minutes of a realistic hearing, generated from its record: a witness abroad under a pseudonym
 * is admitted, identified, cautioned and sworn, gives evidence, is interrupted by the officer, claims
 * a privilege, consults counsel, loses the connection and comes back; an Italian interpreter interprets
 * while her colleague never connects; then the requested-state officer makes her statement, the judge
 * signs, the officer countersigns and transmits. Read as JSON, field by field against Art. 10(6) of
 * the 2000 EU MLA Convention, as the printed page, and in Chromium.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateMinutes, minutesJson, renderMinutesHtml, verifyChain, verifyMinutes, type Minutes, type Sites } from '../../record/index.js';
import type { HearingEvent } from '../../store/index.js';
import { launchChromium, SCREENSHOTS } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const REAL_NAME = 'Maria Rossi';
const PSEUDONYM = 'Witness A';
let SITES: Sites = {
  requesting: { authority: 'Landgericht Berlin', place: 'Berlin, Germany', timeZone: 'Europe/Berlin' },
  requested: { authority: 'Tribunale di Milano', place: 'Milan, Italy', timeZone: 'Europe/Rome' },
};
const TEXT = { id: 'rights-witness', version: '3', language: 'it', sha256: 'a'.repeat(64) };

describe('the minutes of a hearing', () => {
  let server: TestServer;
  let court: TestHearing;
  let events: HearingEvent[];
  let minutes: Minutes;
  const bearer = (name: string) => ({ authorization: `Bearer ${court.people[name]!.token}` });
  const url = (path: string) => `${server.url}/hearings/${court.hearing.id}${path}`;

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: REAL_NAME, role: 'person_heard', capacity: 'witness' },
      { name: 'Tom Okafor', role: 'counsel' },
      { name: 'Lena Vogt', role: 'clerk' },
      { name: 'Paola Ricci', role: 'interpreter', language: 'it', interprets: { from: 'de', into: 'it' } },
      { name: 'Marco Neri', role: 'interpreter', language: 'it', interprets: { from: 'de', into: 'it' } },
    ]);
    const id = (name: string) => court.people[name]!.id;
    const [judge, officer, witness, counsel, paola] = [id('Judge Anna Berger'), id('Officer Giulia Conti'), id(REAL_NAME), id('Tom Okafor'), id('Paola Ricci')];
    SITES = {
      ...SITES,
      of: {
        [judge]: 'requesting',
        [id('Lena Vogt')]: 'requesting',
        [officer]: 'requested',
        [witness]: 'requested',
        [counsel]: 'requested',
        [paola]: 'requested',
        [id('Marco Neri')]: 'requested',
      },
    };
    const record = (actorId: string | null, type: string, data: Record<string, unknown> = {}) =>
      server.store.events.append(court.hearing.id, { type, actorId, data });

    await record(judge, 'participant.entered', { role: 'presiding_judge' });
    await record(judge, 'hearing.opened');
    await record(officer, 'participant.entered', { role: 'requested_officer' });
    await record(judge, 'participant.identity_confirmed', {
      participantId: officer,
      displayName: 'Giulia Conti',
      function: 'Judicial officer of the requested state',
    });
    await record(paola, 'participant.entered', { role: 'interpreter' });
    await record(paola, 'interpretation.live', { channel: 'it', participantId: paola, relayFrom: null });
    await record(counsel, 'participant.entered', { role: 'counsel' });
    await record(null, 'lobby.waiting', { participantId: counsel });
    await record(judge, 'lobby.admitted', { participantId: counsel });
    await record(witness, 'participant.entered', { role: 'person_heard' });
    await record(null, 'lobby.waiting', { participantId: witness });
    await record(judge, 'protection.set', { participantId: witness, pseudonym: PSEUDONYM, hideVideoFromObservers: true, audioOnly: false });
    await record(judge, 'lobby.admitted', { participantId: witness });
    await record(judge, 'hearing.live');
    await record(witness, 'quality.summary', {
      participantId: witness,
      endpoint: { browser: 'Chrome 131', os: 'Windows 11' },
      codecs: ['opus', 'VP8'],
      bitrateKbps: { sendAudio: 32, sendVideo: 850, receive: 1400 },
      encryption: 'DTLS-SRTP (AES-128-GCM)',
      roundTripMs: 48,
      packetLossPercent: 0.4,
    });
    await record(officer, 'identity.verified', {
      participantId: witness,
      method: 'identity_document',
      documentType: 'passport',
      issuingCountry: 'IT',
      documentNumberLast: '4821',
      match: true,
      photoCompared: true,
    });
    await record(officer, 'rights.shown', { participantId: witness, notice: TEXT });
    await record(witness, 'rights.acknowledged', { participantId: witness, notice: TEXT });
    await record(judge, 'oath.taken', {
      participantId: witness,
      form: 'oath',
      language: 'it',
      understanding: { language: 'it', via: 'interpreter', interpreterId: paola },
    });
    await record(judge, 'testimony.started', { participantId: witness });
    await record(officer, 'officer.intervened', {
      action: 'pause',
      reason: `The question put to ${REAL_NAME} about her employer is not allowed under Italian law`,
    });
    await record(officer, 'hearing.paused', { cause: 'officer', reason: 'question not allowed under the law of the requested state' });
    await record(officer, 'hearing.resumed', { cause: 'officer' });
    await record(witness, 'privilege.claimed', { participantId: witness, basis: 'privilege against self-incrimination (Art. 198 c.p.p.)' });
    await record(counsel, 'consultation.started', { consultationId: 'c-1', participantIds: [counsel, witness] });
    await record(counsel, 'consultation.ended', { consultationId: 'c-1' });
    await record(witness, 'participant.left', { reason: 'disconnected' });
    // She comes back later than she left: entries written within one millisecond would not say so.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await record(null, 'quality.incident', { participantId: witness, metric: 'packet_loss', value: 18, threshold: 5 });
    await record(judge, 'hearing.paused', { cause: 'judge', reason: 'the connection of the witness was lost' });
    await record(witness, 'participant.entered', { role: 'person_heard' });
    await record(judge, 'hearing.resumed', { cause: 'judge' });
    await record(witness, 'media.audio_only', {
      participantId: witness,
      active: true,
      cause: 'link',
      figures: { lossPercent: 11.2, availableKbps: 92, roundTripMs: 640, starvedVideos: 2 },
      reason: 'packet loss 11.2 % (above 8 %); no video layer fits the link',
    });
    await record(judge, 'media.audio_only', { participantId: witness, active: true, cause: 'court', cameraOff: true });
    await record(counsel, 'media.audio_only', { participantId: counsel, active: true, cause: 'participant', cameraOff: false });
    await record(witness, 'media.audio_only', {
      participantId: witness,
      active: false,
      cause: 'link',
      figures: { lossPercent: 0.4 },
      reason: 'packet loss 0.4 % (below 3 %) for 5 reports in a row',
    });
    await record(counsel, 'media.audio_only', { participantId: counsel, active: false, cause: 'participant' });
    await record(judge, 'testimony.ended', { participantId: witness });
    await record(judge, 'hearing.ended', { reason: 'the examination is completed' });
    await record(officer, 'officer.statement', { identityEstablished: true, principlesRespected: true, remarks: null });
    events = await server.store.events.list(court.hearing.id);
    minutes = generateMinutes(court.hearing, await server.store.participants.listByHearing(court.hearing.id), events, SITES);
  });
  after(async () => server?.close());

  it('state every field the issue asks for, drawn from the record', () => {
    assert.equal(minutes.status, 'final');
    assert.deepEqual(minutes.dates, [events[0]!.at.slice(0, 10)]);
    assert.equal(minutes.times.opened, events[1]!.at);
    assert.equal(minutes.times.inSession, events.find((e) => e.type === 'hearing.live')!.at);
    assert.equal(minutes.times.ended, events.find((e) => e.type === 'hearing.ended')!.at);
    assert.equal(minutes.times.endReason, 'the examination is completed');
    assert.deepEqual(minutes.sites.requested, SITES.requested);

    const [heard] = minutes.personsHeard;
    assert.equal(heard!.name, PSEUDONYM);
    assert.equal(heard!.capacity, 'Witness');
    assert.equal(heard!.realNameWithheld, true);
    assert.deepEqual(heard!.protectiveMeasures[0]!.measures, [`named by the pseudonym "${PSEUDONYM}"`, 'video hidden from observers']);
    assert.equal(heard!.attendance.length, 2, 'connected twice: the connection was lost once');

    assert.deepEqual(
      minutes.participants.map((p) => [p.name, p.function]),
      [
        ['Judge Anna Berger', 'Presiding judge'],
        ['Giulia Conti', 'Judicial officer of the requested state'],
        ['Tom Okafor', 'Counsel'],
        ['Paola Ricci', 'Interpreter'],
        ['Marco Neri', 'Interpreter'],
        ['Lena Vogt', 'Clerk'],
      ],
    );
    assert.deepEqual(
      minutes.gates.map((g) => g.gate),
      ['identity', 'rights', 'oath'],
    );
    assert.match(minutes.gates[0]!.details, /identity document; matches the person: yes; photograph compared: yes; document details withheld/);
    assert.deepEqual(
      minutes.oaths.map((o) => [o.form, o.language]),
      [['oath', 'it']],
    );
    assert.equal(minutes.testimony.length, 1);
    assert.notEqual(minutes.testimony[0]!.ended, null);
    assert.equal(minutes.interventions[0]!.action, 'paused the hearing');
    assert.match(minutes.privilegeClaims[0]!.basis, /self-incrimination/);
    assert.deepEqual(
      minutes.pauses.map((p) => [p.cause, p.to !== null]),
      [
        ['intervention of the requested-state officer', true],
        ['paused by the presiding judge', true],
      ],
    );
    assert.deepEqual(
      minutes.consultations.map((c) => c.participants),
      [['Tom Okafor', PSEUDONYM]],
    );
    assert.deepEqual(minutes.recording, { made: false, segments: [], statement: 'No recording was made.', runs: [], gaps: [] });
    assert.deepEqual(minutes.technical.endpoints[0]!.codecs, ['opus', 'VP8']);
    assert.equal(minutes.technical.endpoints[0]!.encryption, 'DTLS-SRTP (AES-128-GCM)');
    assert.deepEqual(
      minutes.technical.incidents.map((i) => [i.metric, i.value, i.threshold]),
      [['packet loss', 18, 5]],
    );
    assert.deepEqual(
      minutes.technical.audioOnly.map((a) => [a.name, a.cause, a.decidedBy, a.cameraOff, a.to !== null]),
      [
        [PSEUDONYM, 'the connection could not carry video (automatic)', null, false, true],
        [PSEUDONYM, 'ordered by the court', 'Judge Anna Berger', true, false],
        ['Tom Okafor', 'chosen by the participant', 'Tom Okafor', false, true],
      ],
    );
    assert.match(minutes.technical.audioOnly[0]!.reason ?? '', /packet loss 11.2 %/, 'the figures that decided it');
    assert.ok(minutes.chronology.some((c) => /could not carry video \(packet loss 11.2 %/.test(c.text)));
    assert.match(renderMinutesHtml(minutes, { signed: null, transmissions: [] }), /Audio-only reception[\s\S]*ordered by the court; camera stopped/);
    const [lost] = minutes.technical.interruptions;
    assert.equal(lost!.cause, 'connection lost');
    assert.ok(lost!.restoredAt && lost!.restoredAt > lost!.at, 'the time the witness came back');
    assert.equal(minutes.chronology.length, events.length);
    assert.deepEqual(minutes.record, { hearingId: court.hearing.id, entries: events.length, throughSeq: events.length, hashThrough: events.at(-1)!.hash });
  });

  it('hold everything Art. 10(6) MLA 2000 asks for, each statement attributed to whoever made it, numbered once', async () => {
    // Date and place: the day the court sat, the court's seat and the requested state's site.
    assert.equal(minutes.dates.length, 1);
    assert.deepEqual([minutes.sites.requesting?.authority, minutes.sites.requesting?.place], ['Landgericht Berlin', 'Berlin, Germany']);
    assert.deepEqual([minutes.sites.requested?.authority, minutes.sites.requested?.place], ['Tribunale di Milano', 'Milan, Italy']);
    // The identity of the person heard (by her pseudonym, her capacity) and where she was.
    assert.deepEqual(
      minutes.personsHeard.map((p) => [p.name, p.capacity, p.site]),
      [[PSEUDONYM, 'Witness', 'requested']],
    );
    // The identity and function of every person in the requested state, and every other participant with their site.
    assert.deepEqual(
      minutes.participants.filter((p) => p.site === 'requested').map((p) => [p.name, p.function]),
      [
        ['Giulia Conti', 'Judicial officer of the requested state'],
        ['Tom Okafor', 'Counsel'],
        ['Paola Ricci', 'Interpreter'],
        ['Marco Neri', 'Interpreter'],
      ],
    );
    assert.deepEqual(
      minutes.participants.filter((p) => p.site === 'requesting').map((p) => p.name),
      ['Judge Anna Berger', 'Lena Vogt'],
    );
    // Each oath with its language and the interpreter through whom it was taken.
    assert.deepEqual(
      minutes.oaths.map((o) => [o.form, o.language, o.via, o.interpreter]),
      [['oath', 'it', 'interpreter', 'Paola Ricci']],
    );
    // The interpreters who interpreted, with their sites and times; the one who never connected is said to have not.
    const [paola, marco] = minutes.interpreters;
    assert.deepEqual([paola!.name, paola!.site, paola!.connected, paola!.interpreted.map((x) => x.channel)], ['Paola Ricci', 'requested', true, ['it']]);
    assert.ok(paola!.interpreted[0]!.from && paola!.interpreted[0]!.to, 'from when to when she interpreted');
    assert.deepEqual([marco!.name, marco!.connected, marco!.interpreted], ['Marco Neri', false, []]);
    // The officer's statement, by the officer.
    assert.deepEqual(
      [minutes.officerStatement?.by, minutes.officerStatement?.identityEstablished, minutes.officerStatement?.principlesRespected],
      ['Giulia Conti', true, true],
    );
    // Technical conditions.
    assert.ok(minutes.technical.endpoints.length > 0 && minutes.technical.incidents.length > 0);
    // Attribution: the judge recorded the officer's confirmation, and the minutes say so.
    assert.ok(
      minutes.chronology.some(
        (c) =>
          c.text ===
          'Judge Anna Berger (Presiding judge) recorded that Giulia Conti (Judicial officer of the requested state) confirmed their name and function for the minutes.',
      ),
    );

    const html = renderMinutesHtml(minutes, { signed: null, transmissions: [] });
    const headings = [...html.matchAll(/<h2>(\d+)\. ([^<]+)<\/h2>/g)].map((m) => [Number(m[1]), m[2]!]);
    assert.deepEqual(
      headings.map(([n]) => n),
      headings.map((_, i) => i + 1),
      'sections numbered 1, 2, 3… once each',
    );
    assert.equal(new Set(headings.map(([, title]) => title)).size, headings.length, 'no section twice');
    for (const said of [
      'Statement of the requested-state officer',
      'Giulia Conti, requested-state officer, stated for the minutes that the identity of the person heard was established, and that the fundamental principles of the law of the requested state were respected',
      'did not connect',
      'through the interpreter Paola Ricci',
      'Seat of the court',
    ]) {
      assert.ok(html.includes(said), `the page says "${said}"`);
    }
  });

  it('never name the protected witness by their real name, not even where it was typed into a reason', () => {
    const everything = minutesJson(minutes) + renderMinutesHtml(minutes, { signed: null, transmissions: [] });
    for (const part of [REAL_NAME, 'Maria', 'Rossi', '4821']) assert.equal(everything.toLowerCase().includes(part.toLowerCase()), false, `"${part}" appears`);
    assert.match(minutes.interventions[0]!.reason, /The question put to Witness A about her employer/);
  });

  it('read as a judge reads them on the printed page', async () => {
    const response = await fetch(url('/minutes'), { headers: bearer('Judge Anna Berger') });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /style-src 'self'/);
    const html = await response.text();
    for (const words of [
      'Minutes of a hearing by videoconference',
      'Judge Anna Berger',
      'Presiding judge',
      'Giulia Conti',
      'Judicial officer of the requested state',
      'Tom Okafor',
      'Counsel',
      `<bdi>${PSEUDONYM}</bdi> <span class="tag">pseudonym — real name withheld</span>`,
      'Identity verified',
      'Rights and caution acknowledged',
      'oath in Italian',
      'intervened and paused the hearing',
      'claimed a privilege: privilege against self-incrimination',
      'A private consultation between Tom Okafor (Counsel) and Witness A (Witness) began (its content is not recorded).',
      'lost the connection.',
      'reconnected.',
      'packet loss',
      'DTLS-SRTP (AES-128-GCM)',
      'opus, VP8',
      'No recording was made.',
      'ended the hearing: the examination is completed.',
      'The presiding judge has not signed these minutes.',
    ])
      assert.ok(html.includes(words), `the page says "${words}"`);
    assert.doesNotMatch(html, /<script|style=/i);
    assert.match(html, /<link rel="stylesheet" href="\/assets\/minutes.css">/);
    assert.equal((await fetch(`${server.url}/assets/minutes.css`)).status, 200);

    const withSites = renderMinutesHtml(minutes, { signed: null, transmissions: [] });
    assert.match(
      withSites,
      /Landgericht Berlin, Berlin, Germany <span class="muted">\(Europe\/Berlin, UTC\+1 on that day\)|Landgericht Berlin, Berlin, Germany <span class="muted">\(Europe\/Berlin, UTC\+2 on that day\)/,
    );
  });

  it('are open to the judge, the officer and the clerk only, and say why to anyone else', async () => {
    assert.equal((await fetch(url('/minutes.json'), { headers: bearer('Lena Vogt') })).status, 200);
    assert.equal((await fetch(url('/minutes.json'), { headers: bearer('Officer Giulia Conti') })).status, 200);
    const counsel = await fetch(url('/minutes'), { headers: bearer('Tom Okafor') });
    assert.equal(counsel.status, 403);
    assert.equal((await counsel.json()).code, 'forbidden');
    const witness = await fetch(url('/minutes.json'), { headers: bearer(REAL_NAME) });
    assert.equal(witness.status, 403);
    const anonymous = await fetch(url('/minutes'));
    assert.deepEqual(await anonymous.json(), {
      code: 'unauthenticated',
      message: 'Present the token of your personal link as "Authorization: Bearer <token>".',
      field: 'header.authorization',
    });
    const otherHearing = await fetch(`${server.url}/hearings/not-a-hearing/minutes`, { headers: bearer('Judge Anna Berger') });
    assert.deepEqual(await otherHearing.json(), { code: 'invalid_input', message: 'path.id: must be a hearing id', field: 'path.id' });
    const officerSigns = await fetch(url('/minutes/sign'), { method: 'POST', headers: bearer('Officer Giulia Conti') });
    assert.equal(officerSigns.status, 403, 'the officer countersigns; she does not sign in the judge’s place');
    const judgeCountersigns = await fetch(url('/minutes/countersign'), { method: 'POST', headers: bearer('Judge Anna Berger') });
    assert.equal(judgeCountersigns.status, 403);
    const badStatement = await fetch(url('/minutes/statement'), {
      method: 'POST',
      headers: { ...bearer('Officer Giulia Conti'), 'content-type': 'application/json' },
      body: '{"identityEstablished":true,"principlesRespected":false}',
    });
    assert.deepEqual(await badStatement.json(), {
      code: 'invalid_input',
      message: 'body.remarks: say why, where the identity was not established or a principle was not respected',
      field: 'body.remarks',
    });
  });

  it('are signed by the judge and countersigned by the officer; both verify with the public keys alone, and fail after one character changes', async () => {
    const early = await fetch(url('/minutes/countersign'), { method: 'POST', headers: bearer('Officer Giulia Conti') });
    assert.equal(early.status, 409, 'nothing to countersign before the judge signs');
    const page = await fetch(url('/minutes'), { headers: bearer('Judge Anna Berger') });
    const read = page.headers.get('x-minutes-sha256');
    assert.match(read ?? '', /^[0-9a-f]{64}$/, 'the page names the bytes it shows');
    const unread = await fetch(url('/minutes/sign'), { method: 'POST', headers: bearer('Judge Anna Berger') });
    assert.equal((await unread.json()).field, 'body.read', 'no signature without naming the minutes she read');
    const stale = await fetch(url('/minutes/sign'), {
      method: 'POST',
      headers: { ...bearer('Judge Anna Berger'), 'content-type': 'application/json' },
      body: JSON.stringify({ read: 'b'.repeat(64), throughSeq: Number(page.headers.get('x-minutes-through-seq')) }),
    });
    assert.equal(stale.status, 409);
    assert.equal((await stale.json()).code, 'minutes_changed', 'she never signs minutes other than those she read');
    const signed = await fetch(url('/minutes/sign'), {
      method: 'POST',
      headers: { ...bearer('Judge Anna Berger'), 'content-type': 'application/json' },
      body: JSON.stringify({ read, throughSeq: Number(page.headers.get('x-minutes-through-seq')) }),
    });
    assert.equal(signed.status, 200);
    const signature = await signed.json();
    assert.match(signature.keyId, /^[0-9a-f]{16}$/);
    const countersigned = await fetch(url('/minutes/countersign'), { method: 'POST', headers: bearer('Officer Giulia Conti') });
    assert.equal(countersigned.status, 200);
    const countersignature = await countersigned.json();
    assert.equal(countersignature.sha256, signature.sha256, 'the same bytes');
    assert.notEqual(countersignature.keyId, signature.keyId, 'two keys: the court’s and the requested authority’s');

    const copy = await fetch(url('/minutes.json'), { headers: bearer('Judge Anna Berger') });
    const json = await copy.text();
    assert.equal(copy.headers.get('x-minutes-signature'), signature.signature);
    assert.equal(copy.headers.get('x-minutes-countersignature'), countersignature.signature, 'whoever receives the JSON alone can check both');
    assert.equal(signature.sha256, read, 'the bytes she read are the bytes she signed');
    const keys = await (await fetch(`${server.url}/minutes-public-keys`)).json();
    assert.equal(keys.court.pem, signature.publicKeyPem);
    assert.equal(keys.requested.pem, countersignature.publicKeyPem);
    for (const [s, key] of [
      [signature.signature, keys.court.pem],
      [countersignature.signature, keys.requested.pem],
    ] as const) {
      assert.equal(verifyMinutes(json, s, key), true);
      assert.equal(verifyMinutes(json.replace('Witness A', 'Witness B'), s, key), false);
      assert.equal(verifyMinutes(json.replace('"final"', '"finaL"'), s, key), false);
    }
    assert.equal(verifyMinutes(json, countersignature.signature, keys.court.pem), false, 'each signature under its own key only');

    const again = await (
      await fetch(url('/minutes/sign'), {
        method: 'POST',
        headers: { ...bearer('Judge Anna Berger'), 'content-type': 'application/json' },
        body: JSON.stringify({ read: signature.sha256, throughSeq: events.length }),
      })
    ).json();
    assert.deepEqual(again, signature, 'signing again gives the first signature');
    const late = await fetch(url('/minutes/statement'), {
      method: 'POST',
      headers: { ...bearer('Officer Giulia Conti'), 'content-type': 'application/json' },
      body: '{"identityEstablished":true,"principlesRespected":true}',
    });
    assert.equal(late.status, 409, 'no statement once the minutes are signed');
    const entries = await server.store.events.list(court.hearing.id);
    assert.deepEqual(
      entries.filter((e) => e.type === 'minutes.signed').map((e) => [e.actorId, e.data]),
      [[court.people['Judge Anna Berger']!.id, { sha256: signature.sha256, keyId: signature.keyId }]],
    );
    assert.deepEqual(
      entries.filter((e) => e.type === 'minutes.countersigned').map((e) => e.actorId),
      [court.people['Officer Giulia Conti']!.id],
    );
    assert.equal(JSON.parse(json).record.throughSeq, events.length, 'the signed minutes anchor the record at its last entry before signing');
  });

  it('record their transmission to the requesting authority in the chain', async () => {
    const bad = await fetch(url('/minutes/transmit'), {
      method: 'POST',
      headers: { ...bearer('Officer Giulia Conti'), 'content-type': 'application/json' },
      body: '{"to":""}',
    });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).field, 'body.to');
    const response = await fetch(url('/minutes/transmit'), {
      method: 'POST',
      headers: { ...bearer('Officer Giulia Conti'), 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'Landgericht Berlin' }),
    });
    assert.equal(response.status, 200);
    const { signature, countersignature, transmitted } = await response.json();
    const entries = await server.store.events.list(court.hearing.id);
    const last = entries.at(-1)!;
    assert.equal(last.seq, transmitted.seq);
    assert.deepEqual([last.type, last.data], ['minutes.transmitted', { to: 'Landgericht Berlin', sha256: signature.sha256 }]);
    assert.equal(last.actorId, court.people['Officer Giulia Conti']!.id);
    const report = verifyChain(court.hearing.id, await server.store.events.rawRows(court.hearing.id));
    assert.equal(report.ok && report.lastSeq, last.seq);
    const html = await (await fetch(url('/minutes'), { headers: bearer('Judge Anna Berger') })).text();
    assert.match(html, /Transmitted to Landgericht Berlin on/);
    assert.match(html, new RegExp(signature.signature.replace(/[+/]/g, '\\$&')));
    assert.match(html, new RegExp(countersignature.signature.replace(/[+/]/g, '\\$&')));
    assert.match(html, /Countersigned<\/dt><dd>[^<]*by Officer Giulia Conti, requested-state officer/);
  });

  it('print as an A4 document in Chromium', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, extraHTTPHeaders: bearer('Judge Anna Berger') });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && failed.push(`${r.status()} ${r.url()}`));
      await page.goto(url('/minutes'));
      assert.equal(await page.locator('h1').textContent(), court.hearing.title);
      const background = await page.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor);
      assert.equal(background, 'rgb(255, 255, 255)', 'the stylesheet applied');
      assert.deepEqual(failed, [], 'every resource of the page loads');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/minutes.png`, fullPage: true });
      const pdf = await page.pdf({ path: `${SCREENSHOTS}/minutes.pdf`, format: 'A4', printBackground: true });
      assert.ok(pdf.length > 10_000);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

describe('minutes before the hearing has ended', () => {
  it('are a draft, and cannot be signed', async () => {
    const server = await startTestServer();
    try {
      const court = await server.hearingWith([
        { name: 'Judge', role: 'presiding_judge' },
        { name: 'Officer', role: 'requested_officer' },
      ]);
      await server.store.events.append(court.hearing.id, { type: 'hearing.opened', actorId: court.people.Judge!.id, data: {} });
      const auth = { authorization: `Bearer ${court.people.Officer!.token}` };
      const html = await (await fetch(`${server.url}/hearings/${court.hearing.id}/minutes`, { headers: auth })).text();
      assert.match(html, /Draft: the record does not yet hold the end of the hearing/);
      const sign = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes/sign`, {
        method: 'POST',
        headers: { authorization: `Bearer ${court.people.Judge!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ read: 'a'.repeat(64), throughSeq: 1 }),
      });
      assert.equal(sign.status, 409);
      assert.deepEqual(await sign.json(), { code: 'hearing_not_ended', message: 'The minutes can be signed once the hearing has ended.' });
      const early = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes/statement`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ identityEstablished: true, principlesRespected: true }),
      });
      assert.equal(early.status, 409, 'the statement covers the whole hearing: it is made after the end');
    } finally {
      await server.close();
    }
  });
});
