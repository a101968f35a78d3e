/**
 * Letters e-mailed through the court's mail relay, received by a real SMTP server (smtp-server) and
 * read as a mail program reads them (mailparser, ical.js): when the coordinators schedule a hearing,
 * each person with an address gets the invitation in her language with its calendar file as the
 * message's text/calendar part (METHOD:REQUEST), and the person heard gets the summons; a relay that
 * says "try later" is tried again, and each outcome is in the request's history; a move sends the
 * invitation again with the new time (SEQUENCE up, "New time" first); a cancellation sends
 * METHOD:CANCEL; a relay that refuses for good is not tried again, and the history says so; and
 * letters queued with a step survive a server that stops before sending them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { historyOf, scheduleRequest, signIn, twoAuthorities, type Client } from '../support/coordinators.js';
import { startMailRelay, type ReceivedMail, type TestMailRelay } from '../support/mail-relay.js';
import { freePort } from '../support/several-servers.js';
import { until } from '../support/until.js';

const mailEnv = (relay: { url: string }) => ({
  HEARING_ROOM_SMTP_URL: relay.url,
  HEARING_ROOM_MAIL_FROM: 'Hearing Room <hearings@tribunal-paris.example>',
  HEARING_ROOM_MAIL_RETRY_SECONDS: '1',
  HEARING_ROOM_MAIL_ATTEMPTS: '3',
});

/** The message's calendar part (the alternative mail programs show as an invitation) and its event. */
function calendarOf(mail: ReceivedMail) {
  const part = /Content-Type: text\/calendar; charset=utf-8; method=(\w+)/i.exec(mail.raw);
  assert.ok(part, 'the message carries a text/calendar part with its method');
  const ics = mail.parsed.attachments.find((a) => a.contentType === 'application/ics' || a.contentType === 'text/calendar');
  assert.ok(ics, 'and the calendar file as an attachment');
  const calendar = new ICAL.Component(ICAL.parse(ics.content.toString('utf8')));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { method: part[1]!.toUpperCase(), calendarMethod: String(calendar.getFirstPropertyValue('method')), event };
}

const to = (mail: ReceivedMail) => mail.recipients.join(',');

/** Montréal's interpreters between French and each language the witnesses below speak. */
async function interpreters(server: TestServer, sites: Awaited<ReturnType<typeof twoAuthorities>>): Promise<void> {
  for (const language of ['es', 'it'])
    await server.store.authorities.createResource({
      authorityId: sites.montreal.authorityId,
      kind: 'interpreter',
      name: `Interpreter fr–${language}`,
      languages: ['fr', language],
      email: null,
    });
}

describe('letters e-mailed through the court’s relay', () => {
  let relay: TestMailRelay;
  let server: TestServer;
  let paris: Client;
  let montreal: Client;
  let sites: Awaited<ReturnType<typeof twoAuthorities>>;

  // A second server on the same database: two postmen take letters from one outbox, and each
  // letter must still reach its person once.
  let other: TestServer;
  let databaseDir: string;

  before(async () => {
    relay = await startMailRelay();
    databaseDir = mkdtempSync(join(tmpdir(), 'hearing-room-mail-'));
    const database = { HEARING_ROOM_DATABASE_URL: `sqlite:${join(databaseDir, 'court.sqlite')}` };
    server = await startTestServer({ env: { ...mailEnv(relay), ...database } });
    other = await startTestServer({ env: { ...mailEnv(relay), ...database } });
    sites = await twoAuthorities(server.store);
    await interpreters(server, sites);
    paris = await signIn(server.url, sites.paris.email);
    montreal = await signIn(server.url, sites.montreal.email);
  });
  after(async () => {
    await other?.close();
    await server?.close();
    await relay?.close();
    if (databaseDir) rmSync(databaseDir, { recursive: true, force: true });
  });

  it('sends each person her invitation and the person heard her summons, in her language, trying again when the relay says later', async () => {
    // The relay is busy for the first two recipients: those letters must come later, not never.
    relay.refuseNext(2, 451);
    const request = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'PAR-2026-0301',
      language: 'ar',
      witnessEmail: 'y.benali@example.ca',
      officerEmail: 'm.gagnon@justice.qc.ca',
      judgeEmail: 'anne.leroy@justice.fr',
    });
    const people = (await paris.get(`/api/requests/${request.id}`)).body.people as { id: string; name: string; email: string | null; role: string }[];
    const addressed = people.filter((p) => p.email);
    assert.ok(addressed.length >= 3, 'the witness, the judge and the officer have addresses');
    // One invitation per person with an address, and the summons.
    const mails = await relay.waitFor(addressed.length + 1);
    assert.equal(relay.refusals(), 2);

    const witnessMails = mails.filter((m) => to(m) === 'y.benali@example.ca');
    assert.equal(witnessMails.length, 2, 'the witness gets her invitation and her summons');
    const invitation = witnessMails.find((m) => m.parsed.attachments.some((a) => /calendar|ics/.test(a.contentType)))!;
    assert.match(invitation.parsed.subject ?? '', /جلسة عبر الاتصال المرئي/, 'the subject is in Arabic');
    assert.match(invitation.parsed.text ?? '', /Youssef Benali/);
    assert.equal(invitation.parsed.headers.get('content-language'), 'ar');
    const link = /https?:\/\/\S+\/join\/\S+/.exec(invitation.parsed.text ?? '')?.[0] ?? /https?:\/\/\S+#\S+/.exec(invitation.parsed.text ?? '')?.[0];
    assert.ok(link !== undefined && [server.url, other.url].some((url) => link.startsWith(url)), `the message gives her personal link on the service: ${link}`);
    const { method, calendarMethod, event } = calendarOf(invitation);
    assert.equal(method, 'REQUEST');
    assert.equal(calendarMethod, 'REQUEST');
    assert.equal(event.sequence, 0);
    assert.equal(event.startDate.toJSDate().toISOString(), request.body.slot.start);
    assert.ok(event.attendees.some((a) => String(a.getFirstValue()).toLowerCase() === 'mailto:y.benali@example.ca'));

    const summons = witnessMails.find((m) => m !== invitation)!;
    assert.match(summons.parsed.subject ?? '', /استدعاء/, 'the summons comes with an Arabic subject');
    const document = summons.parsed.attachments.find((a) => a.contentType === 'text/html');
    assert.ok(document, 'the summons is attached');
    assert.match(document.content.toString('utf8'), /<html lang="ar" dir="rtl">/);
    assert.match(summons.parsed.text ?? '', /PAR-2026-0301/);

    const judge = mails.find((m) => to(m) === 'anne.leroy@justice.fr');
    assert.ok(judge, 'the judge gets her invitation');
    assert.match(judge.parsed.subject ?? '', /Audience par visioconférence|Hearing by video/);

    // The history says what became of each letter, the relay's answer included.
    const events = await historyOf(paris, request.id);
    const deferred = events.filter((e) => e.type === 'mail.deferred');
    assert.equal(deferred.length, 2);
    assert.ok(deferred.every((e) => e.data.reason === 'smtp 451' && e.system && typeof e.data.nextAttemptAt === 'string'));
    const sent = events.filter((e) => e.type === 'mail.sent');
    assert.equal(sent.length, addressed.length + 1);
    assert.ok(sent.some((e) => e.data.kind === 'summons' && e.data.language === 'ar'));
    assert.equal(sent.filter((e) => e.data.attempt === 2).length, 2, 'the two deferred letters went at their second attempt');
    assert.ok(!JSON.stringify(events).includes('y.benali@example.ca'), 'no address in the history');
    // Two postmen, and still one message per letter.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(relay.received.length, addressed.length + 1, 'no letter was sent twice');
    // Once taken, nothing personal is kept in the outbox: only the outcome.
    const letters = await server.store.mail.ofHearing(request.id);
    assert.ok(letters.every((l) => l.state === 'sent'));
    assert.ok(!JSON.stringify(letters).includes('y.benali@example.ca'), 'no address in the outbox');
  });

  /** A hearing scheduled from Paris of a witness who reads Spanish, her letters to `witnessEmail`. */
  const spanishWitnessHeard = (caseReference: string, weeksAhead: number, witnessEmail: string, more: { officerEmail?: string } = {}) =>
    scheduleRequest(paris, montreal, sites, { caseReference, language: 'es', weeksAhead, witnessEmail, ...more });

  it('sends the invitation again when the hearing moves, and the cancellation when it is cancelled', async () => {
    const start = relay.received.length;
    const request = await spanishWitnessHeard('PAR-2026-0302', 6, 'l.garcia@example.es');
    const original = await until('the invitation', async () =>
      relay.received.slice(start).find((m) => to(m) === 'l.garcia@example.es' && /text\/calendar/.test(m.raw)),
    );
    const before = relay.received.length;
    const uid = calendarOf(original).event.uid;
    const later = new Date(Date.parse(request.body.slot.start) + 24 * 3600_000).toISOString();
    const moved = await paris.post(`/api/requests/${request.id}/actions`, { action: { type: 'reschedule', start: { utc: later } } });
    assert.equal(moved.status, 200, moved.text);
    const update = await until('the update', async () =>
      relay.received.slice(before).find((m) => to(m) === 'l.garcia@example.es' && /text\/calendar/.test(m.raw)),
    );
    assert.match(update.parsed.subject ?? '', /^Nueva hora:/, 'the subject says the time moved');
    assert.match(update.parsed.text ?? '', /La hora de esta audiencia ha cambiado/);
    const updated = calendarOf(update);
    assert.equal(updated.event.uid, uid, 'the same event, so calendars update it');
    assert.equal(updated.event.sequence, 1);
    assert.equal(updated.event.startDate.toJSDate().toISOString(), later);

    const beforeCancel = relay.received.length;
    const cancelled = await paris.post(`/api/requests/${request.id}/actions`, { action: { type: 'cancel', reason: 'The witness has died.' } });
    assert.equal(cancelled.status, 200, cancelled.text);
    const cancellation = await until('the cancellation', async () =>
      relay.received.slice(beforeCancel).find((m) => to(m) === 'l.garcia@example.es' && /method=CANCEL/i.test(m.raw)),
    );
    const gone = calendarOf(cancellation);
    assert.equal(gone.method, 'CANCEL');
    assert.equal(gone.calendarMethod, 'CANCEL');
    assert.equal(gone.event.uid, uid);
    assert.equal(gone.event.sequence, 2);
    assert.match(cancellation.parsed.subject ?? '', /^Anulada:/);
  });

  it('does not invite to the new date someone the court removed from the hearing', async () => {
    const request = await spanishWitnessHeard('PAR-2026-0305', 11, 'r.ortega@example.es', { officerEmail: 'm.tremblay@justice.gouv.qc.ca' });
    const people = await server.store.participants.listByHearing(request.id);
    const witness = people.find((p) => p.role === 'person_heard')!;
    const officer = people.find((p) => p.role === 'requested_officer')!;
    // The court removed the witness during the first sitting.
    await server.store.events.append(request.id, {
      type: 'participant.removed',
      actorId: null,
      data: { participantId: witness.id, reason: 'disrupted the hearing' },
    });
    const later = new Date(Date.parse(request.body.slot.start) + 7 * 24 * 3600_000).toISOString();
    const moved = await paris.post(`/api/requests/${request.id}/actions`, { action: { type: 'reschedule', start: { utc: later } } });
    assert.equal(moved.status, 200, moved.text);
    const updates = (await server.store.mail.ofHearing(request.id)).filter((l) => l.kind === 'update').map((l) => l.participantId);
    assert.ok(updates.includes(officer.id), 'the officer is told the new date');
    assert.ok(!updates.includes(witness.id), 'the removed witness is not');
  });

  it('tells each person that an adjourned hearing continues on its new date, in her language', async () => {
    const request = await spanishWitnessHeard('PAR-2026-0306', 15, 'c.navarro@example.es');
    await until('the invitation', async () => relay.received.find((m) => to(m) === 'c.navarro@example.es' && /text\/calendar/.test(m.raw)));
    const before = relay.received.length;
    // The court adjourned it at its first sitting (what signaling/adjournment.ts does with the court's decision).
    assert.equal(await server.store.requests.adjourn(request.id, 'the interpreter fell ill', new Date(Date.now() + 1000).toISOString()), true);
    const later = new Date(Date.parse(request.body.slot.start) + 14 * 24 * 3600_000).toISOString();
    const fixed = await montreal.post(`/api/requests/${request.id}/actions`, { action: { type: 'reschedule', start: { utc: later } } });
    assert.equal(fixed.status, 200, fixed.text);
    const letter = await until('the new date', async () =>
      relay.received.slice(before).find((m) => to(m) === 'c.navarro@example.es' && /text\/calendar/.test(m.raw)),
    );
    assert.match(letter.parsed.subject ?? '', /^Reanudación de la audiencia tras su aplazamiento:/, 'the subject says the hearing continues');
    assert.match(letter.parsed.text ?? '', /El tribunal aplazó esta audiencia a una nueva fecha\. Se reanuda/);
    assert.match(letter.parsed.text ?? '', /lo actuado en la sesión anterior se mantiene/);
    assert.doesNotMatch(letter.parsed.text ?? '', /La hora de esta audiencia ha cambiado/, 'not merely a new time');
  });

  it('never sends a letter that a newer one replaced: a retried invitation does not follow the new time', async () => {
    // The judge's relay is busy: her invitation waits for a second attempt while the hearing moves.
    relay.refuseNext(1, 451, 'j.moreau@justice.fr');
    const request = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'PAR-2026-0305',
      language: 'fr',
      weeksAhead: 8,
      judgeEmail: 'j.moreau@justice.fr',
    });
    const later = new Date(Date.parse(request.body.slot.start) + 2 * 24 * 3600_000).toISOString();
    const moved = await paris.post(`/api/requests/${request.id}/actions`, { action: { type: 'reschedule', start: { utc: later } } });
    assert.equal(moved.status, 200, moved.text);
    const events = await until('both letters settled', async () => {
      const all = await historyOf(paris, request.id);
      const judgeId = ((await paris.get(`/api/requests/${request.id}`)).body.people as { id: string; role: string }[]).find(
        (p) => p.role === 'presiding_judge',
      )!.id;
      const hers = all.filter((e) => e.type.startsWith('mail.') && e.data.participantId === judgeId);
      return hers.some((e) => e.type === 'mail.superseded') && hers.some((e) => e.type === 'mail.sent') ? hers : undefined;
    });
    // A moment more: nothing else may follow.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const hers = relay.received.filter((m) => to(m) === 'j.moreau@justice.fr');
    assert.equal(hers.length, 1, 'she receives one letter, not the old time after the new one');
    const { event } = calendarOf(hers[0]!);
    assert.equal(event.startDate.toJSDate().toISOString(), later, 'at the new time');
    const superseded = events.find((e) => e.type === 'mail.superseded')!;
    assert.equal(superseded.data.kind, 'invitation');
    const letters = await server.store.mail.ofHearing(request.id);
    assert.ok(letters.some((l) => l.state === 'superseded'));
  });

  it('gives up at once on a permanent refusal, and says so in the history', async () => {
    const before = relay.received.length;
    relay.refuseNext(1, 550, 'nobody@example.fr');
    const refusedBefore = relay.refusals();
    const request = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'PAR-2026-0303',
      language: 'fr',
      weeksAhead: 7,
      witnessEmail: 'nobody@example.fr',
    });
    const failed = await until('the failure in the history', async () => {
      const events = await historyOf(paris, request.id);
      return events.find((e) => e.type === 'mail.failed');
    });
    assert.equal(failed.data.reason, 'smtp 550');
    assert.equal(failed.data.attempt, 1);
    // The other letter (the summons) still went; the refused one was never offered again.
    await relay.waitFor(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(relay.refusals(), refusedBefore + 1);
    const letters = await server.store.mail.ofHearing(request.id);
    assert.deepEqual(letters.map((l) => l.state).sort(), ['failed', 'sent']);
  });
});

describe('letters queued with a step', () => {
  it('are sent by the server that starts next, when the one that queued them stopped first', async () => {
    // The first server's relay does not answer: its letters wait in the outbox, in the database.
    const silent = `smtp://127.0.0.1:${await freePort()}`;
    const databaseDir = mkdtempSync(join(tmpdir(), 'hearing-room-mail-'));
    const database = { HEARING_ROOM_DATABASE_URL: `sqlite:${join(databaseDir, 'court.sqlite')}` };
    const first = await startTestServer({ env: { ...mailEnv({ url: silent }), ...database, HEARING_ROOM_MAIL_ATTEMPTS: '20' } });
    const relay = await startMailRelay();
    let second: TestServer | undefined;
    try {
      const sites = await twoAuthorities(first.store);
      await interpreters(first, sites);
      const paris = await signIn(first.url, sites.paris.email);
      const montreal = await signIn(first.url, sites.montreal.email);
      const request = await scheduleRequest(paris, montreal, sites, { caseReference: 'PAR-2026-0304', language: 'it', witnessEmail: 'g.rossi@example.it' });
      await until('a first attempt', async () => ((await first.store.mail.ofHearing(request.id)).some((l) => l.attempts > 0) ? true : undefined));
      await first.close();
      second = await startTestServer({ env: { ...mailEnv(relay), ...database } });
      const mails = await relay.waitFor(2, 30_000);
      assert.ok(mails.every((m) => to(m) === 'g.rossi@example.it'));
      assert.ok(mails.some((m) => /Udienza in videoconferenza/.test(m.parsed.subject ?? '')));
      const events = await historyOf(await signIn(second.url, sites.paris.email), request.id);
      assert.ok(events.some((e) => e.type === 'mail.deferred' && e.data.reason === 'connection'));
      assert.equal(events.filter((e) => e.type === 'mail.sent').length, 2);
    } finally {
      await second?.close();
      await relay.close();
      rmSync(databaseDir, { recursive: true, force: true });
    }
  });
});
