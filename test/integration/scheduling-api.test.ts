/**
 * The scheduling API as two coordinators meet it: Paris asks Montréal to hear a witness, the request
 * goes from draft to scheduled, each side sees only what concerns it, invitations open in any calendar
 * at the right instant, and a resource can never be booked twice — also when both ask at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, signIn, tuesdayInWeeks, twoAuthorities, type Client } from '../support/coordinators.js';
import { CATALOGUES } from '../../language/all-catalogues.js';
import { Translator } from '../../language/index.js';

/** Arabic text without the invisible isolates that keep each Latin value in its place. */
const unisolated = (text: string) => text.replace(/[\u2068\u2069]/g, '');

function parseInvitation(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, event };
}

describe('the scheduling API', () => {
  let server: TestServer;
  let paris: Client;
  let montreal: Client;
  let sites: Awaited<ReturnType<typeof twoAuthorities>>;
  const day = tuesdayInWeeks(5);

  before(async () => {
    server = await startTestServer();
    sites = await twoAuthorities(server.store);
    paris = await signIn(server.url, sites.paris.email);
    montreal = await signIn(server.url, sites.montreal.email);
  });
  after(async () => server?.close());

  async function draft(caseReference: string, language = 'ar') {
    const response = await paris.post('/api/requests', await draftBody(caseReference, language));
    assert.equal(response.status, 201, response.text);
    return response.body;
  }

  async function draftBody(caseReference: string, language = 'ar') {
    return {
      title: 'Hearing of a witness in Montréal',
      caseReference,
      requestedAuthorityId: sites.montreal.authorityId,
      legalBasis: { instrument: 'Treaty on mutual legal assistance in criminal matters (France–Canada)', article: 'Art. 14' },
      reasonsNotInPerson: 'The witness is 84 and cannot travel.',
      conductedBy: [{ name: 'Judge Anne Leroy', role: 'presiding_judge', email: 'anne.leroy@justice.fr' }],
      person: { name: 'Youssef Benali', nationality: 'CA', capacity: 'witness', language, email: 'y.benali@example.ca' },
      hearingLanguage: 'fr',
      interpretation: 'French–Arabic, consecutive',
      durationMinutes: 90,
      proposedWindows: [{ start: { local: `${day}T08:00`, zone: 'Europe/Paris' }, end: { local: `${day}T19:00`, zone: 'Europe/Paris' } }],
      resourceIds: [sites.paris.roomId, sites.paris.judgeId],
    };
  }

  const act = (client: Client, id: string, action: object) => client.post(`/api/requests/${id}/actions`, { action });

  it('a vulnerable person is drafted only with her support person, who is invited with her at the requested site', async () => {
    const body = await draftBody('PAR-2026-0077', 'fr');
    const without = await paris.post('/api/requests', { ...body, person: { ...body.person, vulnerability: 'child' } });
    assert.equal(without.status, 400, without.text);
    assert.equal(without.body.field, 'person.supportPerson');
    assert.match(without.body.message, /support person/);
    const made = await paris.post('/api/requests', {
      ...body,
      person: { ...body.person, vulnerability: 'child', supportPerson: { name: 'Samira Benali', email: 's.benali@example.ca' } },
    });
    assert.equal(made.status, 201, made.text);
    const people = await server.store.participants.listByHearing(made.body.id);
    const heard = people.find((p) => p.role === 'person_heard')!;
    assert.equal(heard.vulnerability, 'child');
    const support = people.filter((p) => p.role === 'support_person');
    assert.deepEqual(
      support.map((p) => [p.displayName, p.language, p.vulnerability]),
      [['Samira Benali', 'fr', null]],
    );
    assert.equal(made.body.details.person.supportPerson, 'Samira Benali');
  });

  it('takes a request from draft to scheduled, each step an event with who and when', async () => {
    const request = await draft('PAR-2026-0042');
    assert.equal(request.stage, 'draft');
    assert.equal((await montreal.get(`/api/requests/${request.id}`)).status, 404, 'a draft is not the other side’s to see');

    assert.equal((await act(paris, request.id, { type: 'send' })).body.stage, 'requested');
    const inbox = (await montreal.get('/api/requests')).body.inbox;
    assert.ok(inbox.some((r: { id: string }) => r.id === request.id));

    const accepted = await act(montreal, request.id, {
      type: 'accept',
      resourceIds: [sites.montreal.roomId],
      officer: { name: 'Juge Luc Gagnon', email: 'luc.gagnon@justice.qc.ca' },
    });
    assert.equal(accepted.body.stage, 'accepted', accepted.text);

    const slots = await montreal.get(`/api/requests/${request.id}/slots`);
    assert.equal(slots.status, 200, slots.text);
    const [first] = slots.body;
    // Paris 09:00–17:00 and Montréal 09:00–17:00 overlap 15:00–17:00 Paris time; 90 minutes fits at 15:00.
    assert.match(first.atSites[0].text, /09:00 UTC-[45] – 10:30 \(America\/Toronto\)/);
    assert.match(first.atSites[1].text, /15:00 UTC\+1 – 16:30 \(Europe\/Paris\)/);
    assert.equal(first.interpreter, 'Nadia Haddad');

    assert.equal(
      (await act(montreal, request.id, { type: 'propose_slot', start: { utc: first.start }, interpreterId: first.interpreterId })).body.stage,
      'slot_proposed',
    );
    // Until the other side agrees, the summons is a draft on its face and gives the proposed time as such.
    const proposed = (await montreal.get(`/api/requests/${request.id}/summons`)).body;
    assert.equal(proposed.draft, true);
    assert.match(proposed.html, /class="draft-banner"/);
    assert.match(proposed.html, /اقتُرح هذا الموعد، ولم توافق عليه السلطة الأخرى بعد/);
    const own = await act(montreal, request.id, { type: 'agree_slot' });
    assert.equal(own.status, 403);
    assert.match(own.body.message, /other authority must agree/);
    assert.equal((await act(paris, request.id, { type: 'agree_slot' })).body.stage, 'slot_agreed');
    const agreed = (await montreal.get(`/api/requests/${request.id}/summons`)).body;
    assert.equal(agreed.draft, false, 'once the slot is agreed the summons is final');
    assert.doesNotMatch(agreed.html.replace(/<style>[\s\S]*<\/style>/, ''), /draft/i);
    assert.match(agreed.html, /توقيت المحكمة، <bdi>Tribunal judiciaire de Paris<\/bdi>/);

    const testStart = new Date(Date.parse(first.start) - 24 * 3600_000).toISOString();
    assert.equal((await act(paris, request.id, { type: 'book_test', start: { utc: testStart }, durationMinutes: 30 })).body.stage, 'test_booked');
    const early = await act(paris, request.id, { type: 'schedule' });
    assert.equal(early.status, 409);
    const go = await act(montreal, request.id, {
      type: 'record_test',
      result: 'go',
      audio: true,
      video: true,
      network: '40 ms RTT, no loss',
      encryption: 'DTLS-SRTP',
      contacts: { requesting: 'Claire Martin +33 1 44 32 00 00', requested: 'Marc Tremblay +1 514 393 0000' },
    });
    assert.equal(go.body.stage, 'test_passed', go.text);
    const scheduled = await act(paris, request.id, { type: 'schedule' });
    assert.equal(scheduled.body.stage, 'scheduled', scheduled.text);

    const types = scheduled.body.events.map((e: { type: string }) => e.type);
    assert.deepEqual(types, [
      'request.drafted',
      'request.send',
      'request.accept',
      'request.propose_slot',
      'summons.generated',
      'request.agree_slot',
      'summons.generated',
      'request.book_test',
      'request.record_test',
      'request.schedule',
    ]);
    assert.ok(scheduled.body.events.every((e: { by: string }) => /Claire Martin|Marc Tremblay/.test(e.by)));
    const hearing = await server.store.hearings.get(request.id);
    assert.equal(hearing?.status, 'scheduled');
    assert.equal(hearing?.scheduledStart, first.start);
    // The interpreter booked for the pair serves the channel into the witness's language in the hearing.
    const interpreter = (await server.store.participants.listByHearing(request.id)).find((p) => p.role === 'interpreter');
    assert.deepEqual(interpreter?.interprets, { from: 'fr', into: 'ar' });
  });

  it('refuses to schedule a request the requested authority has not accepted', async () => {
    const request = await draft('PAR-2026-0050');
    await act(paris, request.id, { type: 'send' });
    const response = await act(paris, request.id, { type: 'schedule' });
    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'illegal_transition');
    assert.match(response.body.message, /cannot be scheduled before the requested authority accepts/);
    assert.equal((await paris.get(`/api/requests/${request.id}`)).body.stage, 'requested');
  });

  it('records a refusal with its ground, and lets the requested side propose other times', async () => {
    const a = await draft('PAR-2026-0051');
    await act(paris, a.id, { type: 'send' });
    const notYours = await act(paris, a.id, { type: 'refuse', ground: 'other', explanation: 'x' });
    assert.equal(notYours.status, 403);
    const refused = await act(montreal, a.id, { type: 'refuse', ground: 'suspect_refuses', explanation: 'The person does not consent to a video hearing.' });
    assert.equal(refused.body.stage, 'refused');
    assert.equal(refused.body.decision.ground, 'suspect_refuses');

    const b = await draft('PAR-2026-0052');
    await act(paris, b.id, { type: 'send' });
    const later = tuesdayInWeeks(7);
    const countered = await act(montreal, b.id, {
      type: 'propose_times',
      windows: [{ start: { local: `${later}T09:00`, zone: 'America/Toronto' }, end: { local: `${later}T12:00`, zone: 'America/Toronto' } }],
    });
    assert.equal(countered.body.stage, 'counter_proposed');
    assert.equal(countered.body.windowsProposedBy, 'Cour du Québec, Montréal');
  });

  it('names the field of a malformed body and changes nothing', async () => {
    const before = (await paris.get('/api/requests')).body.outbox.length;
    const response = await paris.post('/api/requests', { title: 'x', caseReference: 'y', requestedAuthorityId: 'not-an-id' });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'invalid_input');
    assert.equal(response.body.field, 'requestedAuthorityId');
    const garbage = await fetch(`${server.url}/api/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    assert.equal(garbage.status, 400);
    assert.equal((await paris.get('/api/requests')).body.outbox.length, before);
  });

  it('refuses a local time skipped by daylight saving, and asks which one when it happens twice', async () => {
    const request = await draft('PAR-2026-0053');
    await act(paris, request.id, { type: 'send' });
    // In 2027 the clocks in Paris go forward on 28 March at 02:00 and back on 31 October at 03:00.
    const skipped = await paris.post(`/api/requests/${request.id}/slot-check`, { start: { local: '2027-03-28T02:30', zone: 'Europe/Paris' } });
    assert.equal(skipped.status, 400);
    assert.equal(skipped.body.code, 'nonexistent_local_time');
    const twice = await paris.post(`/api/requests/${request.id}/slot-check`, { start: { local: '2027-10-31T02:30', zone: 'Europe/Paris' } });
    assert.equal(twice.body.code, 'ambiguous_local_time');
    assert.equal(twice.body.details.length, 2);
  });

  it('explains in words why a time does not work', async () => {
    const request = await draft('PAR-2026-0054');
    const check = await paris.post(`/api/requests/${request.id}/slot-check`, { start: { local: `${day}T10:00`, zone: 'Europe/Paris' } });
    assert.equal(check.status, 200);
    assert.ok(
      check.body.problems.some((p: string) => /04:00–05:30 in America\/Toronto is outside the working hours of Cour du Québec/.test(p)),
      check.text,
    );
  });

  it('answers each coordinator in the language her dashboard is shown in', async () => {
    const request = await draft('PAR-2026-0055');
    const german = await signIn(server.url, sites.paris.email, PASSWORD, 'de');
    const check = await german.post(`/api/requests/${request.id}/slot-check`, { start: { local: `${day}T10:00`, zone: 'Europe/Paris' } });
    const de = new Translator('de', 'de', CATALOGUES.de);
    const expected = de.t('api.outsideHours', { from: '04:00', to: '05:30', zone: 'America/Toronto', site: 'Cour du Québec, Montréal', hours: '09:00–17:00' });
    assert.ok(check.body.problems.includes(expected), `${check.text} should hold ${expected}`);

    const spanish = await signIn(server.url, sites.paris.email, PASSWORD, 'es-ES');
    const early = await spanish.post(`/api/requests/${request.id}/actions`, { action: { type: 'agree_slot' } });
    assert.equal(early.body.code, 'illegal_transition');
    const es = CATALOGUES.es;
    for (const words of [es['api.action.agree_slot'], es['coord.stage.draft'], es['api.action.send']])
      assert.ok(early.body.message.includes(words), `"${early.body.message}" says "${words}"`);
    assert.doesNotMatch(early.body.message, /You cannot|request is/);

    const arabic = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'ar' },
      body: JSON.stringify({ email: sites.paris.email, password: 'not the password' }),
    });
    assert.equal((await arabic.json()).message, CATALOGUES.ar['api.wrongPassword']);
    const english = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': '*' },
      body: JSON.stringify({ email: sites.paris.email, password: 'not the password' }),
    });
    assert.equal((await english.json()).message, 'The e-mail address or the password is wrong.', 'English for a reader who names no language');
  });

  it('never books a room twice, even when both coordinators agree at the same moment', async () => {
    const target = tuesdayInWeeks(9);
    const ids: string[] = [];
    for (const ref of ['PAR-RACE-1', 'PAR-RACE-2', 'PAR-RACE-3']) {
      const request = await draft(ref, 'fr');
      await act(paris, request.id, { type: 'send' });
      await act(montreal, request.id, { type: 'accept', resourceIds: [sites.montreal.roomId], officer: { name: 'Juge Luc Gagnon' } });
      const proposed = await act(montreal, request.id, { type: 'propose_slot', start: { local: `${target}T15:00`, zone: 'Europe/Paris' } });
      assert.equal(proposed.status, 200, proposed.text);
      ids.push(request.id);
    }
    const results = await Promise.all(ids.map((id) => act(paris, id, { type: 'agree_slot' })));
    const agreed = results.filter((r) => r.status === 200);
    assert.equal(agreed.length, 1, results.map((r) => r.text).join('\n'));
    for (const refused of results.filter((r) => r.status !== 200)) {
      assert.equal(refused.body.code, 'slot_conflict');
      assert.match(JSON.stringify(refused.body), /already booked|a moment ago/);
    }
  });

  it('gives each participant an invitation in their own zone, with their link, that a calendar reads at the right instant', async () => {
    const { outbox } = (await paris.get('/api/requests')).body;
    const request = outbox.find((r: { caseReference: string }) => r.caseReference === 'PAR-2026-0042');
    const full = (await paris.get(`/api/requests/${request.id}`)).body;
    const witness = full.people.find((p: { function: string }) => p.function === 'Witness');
    const judge = full.people.find((p: { function: string }) => p.function === 'Presiding judge');

    const forWitness = await montreal.get(`/api/requests/${request.id}/invitations/${witness.id}`);
    assert.equal(forWitness.status, 200, forWitness.text);
    assert.match(forWitness.headers.get('content-type') ?? '', /text\/calendar/);
    const w = parseInvitation(forWitness.text);
    assert.equal(w.calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(w.event.startDate.zone?.tzid, 'America/Toronto');
    assert.equal(w.event.startDate.toJSDate().toISOString(), full.slot.start);
    assert.equal(w.event.startDate.hour, 9, 'nine in the morning in Montréal');
    assert.equal(w.event.uid, `${request.id}.${witness.id}@hearing-room`);
    assert.match(String(w.event.organizer), /mailto:claire@justice\.fr/i);
    const link = String(w.event.component.getFirstPropertyValue('url'));
    assert.match(link, new RegExp(`/join/${request.id}#token=`));
    // In his language, Arabic, with his time and the court's, and what to have ready.
    assert.equal(forWitness.headers.get('content-language'), 'ar');
    assert.equal(w.event.component.getFirstProperty('summary')!.getParameter('language'), 'ar');
    assert.match(w.event.summary, /\u2068PAR-2026-0042\u2069/, 'the Latin case number is isolated inside Arabic');
    assert.match(unisolated(w.event.summary), /^جلسة عبر الاتصال المرئي بتاريخ .* – القضية PAR-2026-0042$/);
    assert.match(unisolated(w.event.description), /التوقيت المحلي لديك \(.* – America\/Toronto\)\n.*9:00/);
    assert.match(unisolated(w.event.description), /توقيت المحكمة، Tribunal judiciaire de Paris \(.* – Europe\/Paris\)\n.*3:00/);
    assert.match(w.event.description, /وثيقة هوية/);
    assert.ok(w.event.description.includes(link));

    // The message to send him, with the .ics to attach: one fresh link in both, the earlier one withdrawn.
    const mail = await montreal.get(`/api/requests/${request.id}/invitations/${witness.id}/message`);
    assert.equal(mail.status, 200, mail.text);
    assert.equal(mail.body.language, 'ar');
    assert.equal(mail.body.fallback, false);
    assert.match(mail.body.subject, /PAR-2026-0042/);
    assert.match(unisolated(mail.body.text), /^السيد\/السيدة Youssef Benali المحترم\/المحترمة،/);
    const mailed = mail.body.text.match(/https?:\S+#token=\S+/)![0];
    assert.equal(String(parseInvitation(mail.body.attachment.ics).event.component.getFirstPropertyValue('url')), mailed);
    assert.notEqual(mailed, link, 'each invitation carries a fresh link');
    assert.equal(mail.body.attachment.filename, 'PAR-2026-0042-Youssef-Benali.ics');

    const forJudge = parseInvitation((await paris.get(`/api/requests/${request.id}/invitations/${judge.id}`)).text);
    assert.equal(forJudge.event.startDate.zone?.tzid, 'Europe/Paris');
    assert.equal(forJudge.event.startDate.hour, 15);
    assert.equal(forJudge.event.startDate.toJSDate().toISOString(), full.slot.start);
    assert.equal(forJudge.event.component.getFirstProperty('description')!.getParameter('language'), 'fr', 'the judge reads French, the hearing’s language');
    assert.match(forJudge.event.description, /Votre heure locale \(.* – Europe\/Paris\)\n.*15:00/);
    assert.match(forJudge.event.description, /Heure locale – Cour du Québec, Montréal \(.* – America\/Toronto\)\n.*09:00/);

    // The link works for the witness from shortly before the start until the end, and for nobody else.
    const token = link.split('#token=')[1]!;
    const verified = await server.tokens.verify(token, request.id).catch((e: Error) => e);
    assert.match(String((verified as Error).message ?? ''), /opens at/);
  });

  it('sends an update with a higher SEQUENCE on a reschedule and a CANCEL on cancellation, same UID', async () => {
    const request = (await paris.get('/api/requests')).body.outbox.find((r: { caseReference: string }) => r.caseReference === 'PAR-2026-0042');
    const full = (await paris.get(`/api/requests/${request.id}`)).body;
    const witness = full.people.find((p: { function: string }) => p.function === 'Witness');
    const before = parseInvitation((await montreal.get(`/api/requests/${request.id}/invitations/${witness.id}`)).text).event;
    const newStart = new Date(Date.parse(full.slot.start) + 7 * 86_400_000).toISOString();
    const moved = await act(montreal, request.id, { type: 'reschedule', start: { utc: newStart } });
    assert.equal(moved.status, 200, moved.text);
    const after = parseInvitation((await montreal.get(`/api/requests/${request.id}/invitations/${witness.id}`)).text).event;
    assert.equal(after.uid, before.uid);
    assert.equal(after.sequence, before.sequence + 1);
    assert.equal(after.startDate.toJSDate().toISOString(), newStart);

    const cancelled = await act(paris, request.id, { type: 'cancel', reason: 'The witness has died.' });
    assert.equal(cancelled.body.stage, 'cancelled');
    const cancel = parseInvitation((await montreal.get(`/api/requests/${request.id}/invitations/${witness.id}`)).text);
    assert.equal(cancel.calendar.getFirstPropertyValue('method'), 'CANCEL');
    assert.equal(cancel.event.uid, before.uid);
    assert.equal(cancel.event.sequence, after.sequence + 1);
    assert.equal(cancel.event.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.match(cancel.event.summary, /^أُلغيت: /);
    assert.match(cancel.event.description, /أُلغيت هذه الجلسة. لم يعد رابطك الشخصي صالحًا/);
    assert.doesNotMatch(cancel.event.description, /#token=/);
    const noSummons = await montreal.get(`/api/requests/${request.id}/summons`);
    assert.equal(noSummons.status, 409, 'a cancelled hearing has no summons to serve');
  });

  it('publishes each authority’s and each room’s calendar behind a secret URL only', async () => {
    const made = await montreal.post('/api/feeds', { resourceId: sites.montreal.roomId });
    assert.equal(made.status, 201);
    const feed = await fetch(made.body.url);
    assert.equal(feed.status, 200);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    assert.ok(calendar.getAllSubcomponents('vevent').length >= 1);
    const guessed = await fetch(`${server.url}/feeds/${'A'.repeat(43)}.ics`);
    assert.equal(guessed.status, 404);
    const notOurs = await paris.post('/api/feeds', { resourceId: sites.montreal.roomId });
    assert.equal(notOurs.status, 400);
  });

  it('writes a feed in the language of the coordinator who made it', async () => {
    const made = await montreal.post('/api/feeds', { language: 'fr' });
    assert.equal(made.status, 201);
    const calendar = new ICAL.Component(ICAL.parse(await (await fetch(made.body.url)).text()));
    assert.match(String(calendar.getFirstPropertyValue('x-wr-calname')), /^Cour du Québec, Montréal – audiences par vidéoconférence$/);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.ok(events.length >= 1);
    for (const event of events) {
      assert.match(event.summary, /^(ANNULÉ : )?(Audience par vidéoconférence|Connexion d’essai) \S+ avec Tribunal judiciaire de Paris$/, event.summary);
      assert.match(event.description, /\nÉtape : /, 'its stage in French');
      assert.doesNotMatch(event.description, /Status|scheduled|Mon |Tue |Wed |Thu |Fri /, 'no English left');
    }
    const bad = await montreal.post('/api/feeds', { language: 'not a tag!' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'language');
  });

  it('writes the summons in the person’s language, right to left in Arabic, a draft before a slot is agreed, and warns about a short lead time', async () => {
    const request = (await paris.get('/api/requests')).body.outbox.find((r: { caseReference: string }) => r.caseReference === 'PAR-2026-0054');
    const summons = await paris.get(`/api/requests/${request.id}/summons`);
    assert.equal(summons.status, 200, summons.text);
    assert.equal(summons.body.language, 'ar');
    assert.equal(summons.body.direction, 'rtl');
    assert.match(summons.body.html, /<html lang="ar" dir="rtl">/);
    assert.match(summons.body.html, /استدعاء/);
    assert.equal(summons.body.draft, true, 'a request still in draft has only a draft summons');
    assert.match(summons.body.html, /مسودة — لا تُعدّ استدعاءً صالحًا/);
    assert.match(summons.body.html, /Draft — not valid as a summons until the time is agreed/);
    assert.match(summons.body.html, /ستُعقد الجلسة خلال الفترة التالية/);
    assert.ok(summons.body.warnings.some((w: string) => /draft/.test(w)));

    // The printable page carries its own stylesheet, which its Content-Security-Policy allows and no other.
    const page = await paris.get(`/api/requests/${request.id}/summons.html?language=it`);
    assert.equal(page.status, 200);
    const css = page.text.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const hash = createHash('sha256').update(css).digest('base64');
    assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`style-src 'self' 'sha256-${hash.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
    assert.equal(page.headers.get('content-language'), 'it');

    const polish = await paris.get(`/api/requests/${request.id}/summons?language=pl`);
    assert.equal(polish.body.language, 'en');
    assert.equal(polish.body.fallback, true);
    assert.match(polish.body.html, /This summons is not in your language, Polish \(polski\)/);
    assert.ok(polish.body.warnings.some((w: string) => /no summons texts in Polish/.test(w)));
    const nonsense = await paris.get(`/api/requests/${request.id}/summons?language=xx-notalanguage`);
    assert.equal(nonsense.status, 400);
    assert.equal(nonsense.body.field, 'language');
    assert.equal(summons.body.warnings.filter((w: string) => /less than the 14 days/.test(w)).length, 0, 'five weeks ahead is enough');
    await server.store.authorities.updateSettings(sites.paris.authorityId, {
      workingHours: (await paris.get('/api/authority')).body.workingHours,
      holidays: [],
      bufferMinutes: 15,
      minLeadDays: 60,
    });
    const short = await paris.get(`/api/requests/${request.id}/summons?language=de`);
    assert.match(short.body.html, /Ladung/);
    assert.ok(short.body.warnings.some((w: string) => /less than the 60 days/.test(w)));
  });

  it('serves an OpenAPI document generated from the same schemas', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    const document = await response.json();
    assert.equal(document.openapi, '3.1.0');
    const action = document.paths['/api/requests/{id}/actions'].post;
    const variants =
      action.requestBody.content['application/json'].schema.properties.action.oneOf ??
      action.requestBody.content['application/json'].schema.properties.action.anyOf;
    assert.ok(variants.some((v: { properties: { type: { const: string } } }) => v.properties.type.const === 'schedule'));
  });

  it('changes an interpreter’s languages, and retires a room that new requests can no longer book while old ones still name it', async () => {
    const added = await paris.post('/api/resources', { kind: 'interpreter', name: 'Leila Haddad', languages: ['fr', 'ar'] });
    assert.equal(added.status, 201, added.text);
    const changed = await paris.put(`/api/resources/${added.body.id}`, {
      name: 'Leila Haddad-Morel',
      languages: ['fr', 'ar', 'en'],
      email: 'l.haddad@interpretes.fr',
    });
    assert.equal(changed.status, 200, changed.text);
    const listed = (await paris.get('/api/resources')).body.find((r: { id: string }) => r.id === added.body.id);
    assert.deepEqual([listed.name, listed.languages, listed.email], ['Leila Haddad-Morel', ['fr', 'ar', 'en'], 'l.haddad@interpretes.fr']);
    // A malformed change names its field and changes nothing.
    const bad = await paris.put(`/api/resources/${added.body.id}`, { name: 'X', languages: ['not a language'] });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /languages/);
    assert.equal((await paris.get('/api/resources')).body.find((r: { id: string }) => r.id === added.body.id).name, 'Leila Haddad-Morel');
    // Another authority's resource is not there to change or retire.
    assert.equal((await montreal.put(`/api/resources/${added.body.id}`, { name: 'Taken over', languages: [] })).status, 404);
    assert.equal((await montreal.delete(`/api/resources/${added.body.id}`)).status, 404);

    const room = await paris.post('/api/resources', { kind: 'room', name: 'Salle 4 (closing)' });
    const before = await paris.post('/api/requests', { ...(await draftBody('PAR-2026-0201')), resourceIds: [room.body.id] });
    assert.equal(before.status, 201, before.text);
    assert.equal((await paris.delete(`/api/resources/${room.body.id}`)).status, 200);
    assert.ok(!(await paris.get('/api/resources')).body.some((r: { id: string }) => r.id === room.body.id), 'a retired room is not offered any more');
    const after = await paris.post('/api/requests', { ...(await draftBody('PAR-2026-0202')), resourceIds: [room.body.id] });
    assert.equal(after.status, 400);
    assert.equal(after.body.field, 'resourceIds');
    assert.match(after.body.message, /Salle 4 \(closing\) is no longer booked/);
    assert.equal((await paris.get(`/api/requests/${before.body.id}`)).status, 200, 'the request that booked it is still there');
    assert.equal((await paris.delete(`/api/resources/${room.body.id}`)).status, 404, 'retired once');
  });

  it('changes the authority’s time zone with its hours, and refuses a zone that does not exist, naming the field', async () => {
    const current = (await montreal.get('/api/authority')).body;
    const settings = { workingHours: current.workingHours, holidays: current.holidays, bufferMinutes: current.bufferMinutes, minLeadDays: current.minLeadDays };
    const wrong = await montreal.put('/api/authority/settings', { ...settings, timeZone: 'America/Atlantis' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /timeZone/);
    const moved = await montreal.put('/api/authority/settings', { ...settings, timeZone: 'America/Halifax' });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.timeZone, 'America/Halifax');
    assert.equal((await montreal.put('/api/authority/settings', settings)).body.timeZone, 'America/Halifax', 'left out, the zone stays');
    await montreal.put('/api/authority/settings', { ...settings, timeZone: current.timeZone });
  });

  it('refuses a coordinator without a session, and rate-limits wrong passwords', async () => {
    assert.equal((await fetch(`${server.url}/api/requests`)).status, 401);
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (
        await fetch(`${server.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.org', password: 'wrong' }),
        })
      ).status;
    }
    assert.equal(last, 429);
  });
});
