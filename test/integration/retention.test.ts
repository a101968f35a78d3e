/**
 * Retention, from the authority's settings to what is left: Paris keeps recordings 30 days, personal
 * data 90 and the court's file ten years. A hearing is held with a passport checked and a recording
 * made. A month after its close the recording's folder is gone and the record says so; after three
 * months the personal data is erased — e-mail addresses, links, the test connection's contacts and the
 * passport's fingerprint — while the record's chain still verifies, each erased value's seal in place;
 * after ten years the file itself is deleted, the log naming its last entry and hash. Every deletion
 * happens once however often the rules run. The database's own rules hold on both engines: a record
 * is deleted only with its note in the log.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyChain } from '../../record/index.js';
import { verifyPersonalValues } from '../../record/personal-values.js';
import { sweepRetention } from '../../retention/index.js';
import type { Participant } from '../../scheduling/index.js';
import { driverFor, openStore } from '../../store/index.js';
import { scheduleRequest, twoSignedIn } from '../support/coordinators.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ask, join as joinHearing, refusal, type TestSocket } from '../support/socket-client.js';
import { postgresBackend, sqliteBackend, type StoreBackend } from '../support/store-backends.js';
import { until } from '../support/until.js';

/** Runs one of the command-line tools on the test server's database, as an operator would. */
function command(cli: string, args: string[], server: TestServer): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { PATH: process.env.PATH ?? '', HEARING_ROOM_DATABASE_URL: server.config.databaseUrl, HEARING_ROOM_DATA_DIR: server.dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout + result.stderr };
}
const VERIFY_RECORD = fileURLToPath(new URL('../../record/cli.ts', import.meta.url));
const RETENTION = fileURLToPath(new URL('../../retention/cli.ts', import.meta.url));

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const DAY = 86_400_000;

describe('retention periods applied to a closed hearing', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  let hearingId: string;
  let closedAt: number;
  let recordingId: string;
  let witnessLink: string;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });
  const after_ = (days: number) => new Date(closedAt + days * DAY + 60_000);
  const sweep = (days: number) => sweepRetention({ store: server.store, recordingsDir: server.config.recording.dir, now: after_(days) });

  it('the coordinator sets the periods, and a file cannot keep less than what it holds', async () => {
    const { sites, paris, montreal } = await twoSignedIn(server);
    const current = (await paris.get('/api/authority')).body;
    const settings = { workingHours: current.workingHours, holidays: current.holidays, bufferMinutes: current.bufferMinutes, minLeadDays: current.minLeadDays };
    const wrong = await paris.put('/api/authority/settings', { ...settings, retention: { recordingsDays: 30, personalDataDays: 5000, recordDays: 3650 } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, 'retention.personalDataDays');
    const careless = await paris.put('/api/authority/settings', { ...settings, retention: { recordingsDays: 1, personalDataDays: 1, recordDays: 1 } });
    assert.equal(careless.status, 400, 'a court’s file is kept at least a year');
    assert.equal(careless.body.field, 'retention.recordDays');
    const saved = await paris.put('/api/authority/settings', { ...settings, retention: { recordingsDays: 30, personalDataDays: 90, recordDays: 3650 } });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.retention, { recordingsDays: 30, personalDataDays: 90, recordDays: 3650 });

    // A hearing held: the officer checks the witness's passport, the judge records, and ends.
    ({ id: hearingId } = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'RET-2026-1',
      language: 'ar',
      weeksAhead: 9,
      witnessEmail: 'youssef.benali@example.org',
    }));
    const people = await server.store.participants.listByHearing(hearingId);
    const person = (role: Participant['role']) => people.find((p) => p.role === role)!;
    const enter = async (participant: Participant) => {
      const link = await server.linkFor(participant, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) });
      const { socket } = await joinHearing(server.url, { token: link.token, hearingId });
      sockets.push(socket);
      assert.equal((await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS })).ok, true);
      return { socket, token: link.token };
    };
    const judge = await enter(person('presiding_judge'));
    const officer = await enter(person('requested_officer'));
    const witness = await enter(person('person_heard'));
    witnessLink = witness.token;
    assert.equal((await ask(judge.socket, 'court:admit', { participantId: person('person_heard').id })).ok, true);
    const checked = await ask(officer.socket, 'court:verify-identity', {
      participantId: person('person_heard').id,
      method: 'identity_document',
      documentType: 'passport',
      issuingCountry: 'CA',
      documentNumber: 'HK4471203',
      match: true,
      photoCompared: true,
    });
    assert.equal(checked.ok, true, JSON.stringify(checked.error));
    assert.equal((await ask(judge.socket, 'court:confirm-identity', { participantId: person('requested_officer').id })).ok, true);
    assert.equal((await ask(judge.socket, 'court:go-live', {})).ok, true);
    assert.equal((await ask(judge.socket, 'court:start-recording', { legalBasis: 'Art. 10(6) MLA Convention 2000' })).ok, true);
    recordingId = String((await server.store.events.list(hearingId)).find((e) => e.type === 'recording.started')?.data.recordingId);
    await until('the recording’s folder exists', async () => existsSync(join(server.config.recording.dir, recordingId)), 10_000);
    assert.equal((await ask(judge.socket, 'court:end', {})).ok, true);
    closedAt = Date.parse((await server.store.events.list(hearingId)).find((e) => e.type === 'hearing.ended')!.at);
    // Until the court has finished its minutes, nothing of the hearing may go, however short the periods.
    assert.deepEqual(await sweep(5000), [], 'the minutes are not yet transmitted');
    const as = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const minutesUrl = `${server.url}/hearings/${hearingId}/minutes`;
    const statement = await fetch(`${minutesUrl}/statement`, {
      method: 'POST',
      headers: as(officer.token),
      body: JSON.stringify({ identityEstablished: true, principlesRespected: true }),
    });
    assert.equal(statement.status, 200, await statement.text());
    const page = await fetch(minutesUrl, { headers: as(judge.token) });
    const read = { read: page.headers.get('x-minutes-sha256'), throughSeq: Number(page.headers.get('x-minutes-through-seq')) };
    const signed = await fetch(`${minutesUrl}/sign`, { method: 'POST', headers: as(judge.token), body: JSON.stringify(read) });
    assert.equal(signed.status, 200, await signed.text());
    assert.equal((await fetch(`${minutesUrl}/countersign`, { method: 'POST', headers: as(officer.token) })).status, 200);
    const sent = await fetch(`${minutesUrl}/transmit`, {
      method: 'POST',
      headers: as(officer.token),
      body: JSON.stringify({ to: 'Tribunal judiciaire de Paris' }),
    });
    assert.equal(sent.status, 200, await sent.text());

    // The passport's fingerprint and last digits, and the confirmed name, are kept beside the record, sealed in it.
    const personal = await server.store.events.personalValues(hearingId);
    assert.deepEqual(personal.map((p) => p.field).sort(), ['displayName', 'documentNumberHash', 'documentNumberLast']);
    const verified = (await server.store.events.list(hearingId)).find((e) => e.type === 'identity.verified')!;
    assert.equal(verified.data.documentNumberLast, '203', 'readers see the value while it is kept');
    const stored = JSON.stringify(await server.store.events.rawRows(hearingId));
    assert.ok(!stored.includes('"documentNumberLast":"203"'), 'the entry itself holds only the seal');
  });

  it('after 30 days the recording goes, once, and the record says so', async () => {
    assert.deepEqual(await sweep(29), [], 'nothing is due before its time');
    const done = await sweep(30);
    assert.deepEqual(
      done.map((a) => [a.category, a.ruleDays]),
      [['recordings', 30]],
    );
    assert.equal(existsSync(join(server.config.recording.dir, recordingId)), false, 'the recording’s folder is gone');
    const entry = (await server.store.events.list(hearingId)).find((e) => e.type === 'retention.applied');
    assert.deepEqual(entry?.data.recordings, [recordingId]);
    assert.deepEqual(await sweep(31), [], 'a deletion done is not done again');
  });

  it('after 90 days the personal data is erased and the chain still verifies, each erased value’s seal in place', async () => {
    const addresses = (await server.store.requests.people(hearingId)).filter((p) => p.email !== null).length;
    assert.ok(addresses >= 1, 'the witness’s address was kept until now');
    const done = await sweep(90);
    assert.deepEqual(
      done.map((a) => a.category),
      ['personal_data'],
    );
    assert.deepEqual(done[0]!.detail, { recordValues: 3, emailAddresses: addresses, links: 3, lettersUnsent: 0, testContacts: 2 });
    const contacts = await server.store.requests.people(hearingId);
    assert.ok(
      contacts.every((p) => p.email === null),
      'no e-mail address is left',
    );
    assert.equal((await refusal(server.url, { token: witnessLink, hearingId })).code, 'token_invalid', 'the links are gone');
    const request = (await server.store.requests.get(hearingId))!;
    assert.deepEqual(request.testResult?.contacts, { requesting: 'erased under the retention rules', requested: 'erased under the retention rules' });

    const rows = await server.store.events.rawRows(hearingId);
    assert.equal(verifyChain(hearingId, rows).ok, true, 'the chain holds after the erasure');
    assert.deepEqual(verifyPersonalValues(rows, await server.store.events.personalValues(hearingId), { erasureLogged: true }), {
      kept: 0,
      erased: 3,
      problem: null,
    });
    const verified = (await server.store.events.list(hearingId)).find((e) => e.type === 'identity.verified')!;
    assert.equal((verified.data.documentNumberLast as { erased?: boolean }).erased, true);
    assert.equal(
      verifyPersonalValues(rows, [], { erasureLogged: false }).problem?.kind,
      'removed',
      'values gone without a retention rule erasing them are named',
    );
    const verified_ = command(VERIFY_RECORD, ['verify', hearingId], server);
    assert.equal(verified_.status, 0, verified_.stdout);
    assert.match(verified_.stdout, /the chain holds/);
    assert.match(verified_.stdout, /Personal values: 0 kept, each matching the seal its entry holds; 3 erased under the retention rules/);
    const names = (await server.store.participants.listByHearing(hearingId)).map((p) => p.displayName);
    assert.ok(names.includes('Youssef Benali'), 'the file still names who took part');
  });

  it('after ten years the court’s file is deleted, leaving the note of it with the record’s last hash', async () => {
    const before = await server.store.events.rawRows(hearingId);
    const last = before.at(-1)!;
    const done = await sweep(3650);
    assert.deepEqual(
      done.map((a) => a.category),
      ['record'],
    );
    assert.equal(await server.store.hearings.get(hearingId), null);
    assert.deepEqual(await server.store.events.rawRows(hearingId), []);
    const log = await server.store.retention.log(hearingId);
    assert.deepEqual(log.map((e) => e.category).sort(), ['personal_data', 'record', 'recordings']);
    const record = log.find((e) => e.category === 'record')!;
    assert.equal(record.detail.caseReference, 'RET-2026-1');
    assert.equal(record.detail.entries, Number(last.seq));
    assert.equal(record.detail.lastHash, String(last.hash));
    assert.equal((record.detail.signedMinutes as string[]).length, 1, 'the signed minutes’ hash is kept in the note');
    assert.deepEqual(await sweep(4000), [], 'a deleted file is not swept again');
    const told = command(VERIFY_RECORD, ['verify', hearingId], server);
    assert.equal(told.status, 0, told.stdout);
    assert.match(
      told.stdout,
      new RegExp(`deleted on .* under its authority's retention period \\(3650 days .*it held ${last.seq} entries, the last with hash ${last.hash}`),
    );
    const due = command(RETENTION, ['--dry-run'], server);
    assert.equal(due.status, 0, due.stdout);
    assert.match(due.stdout, /Nothing is due under the retention periods/);
  });
});

for (const backend of [sqliteBackend, postgresBackend] as StoreBackend[]) {
  describe(`the database keeps a record unless the retention log says it was deleted (${backend.name})`, () => {
    it('refuses to delete a record’s entries without the note, and lets the retention rules delete one with it', async (t) => {
      const db = await backend.open().catch((error: unknown) => {
        if (backend === postgresBackend && !process.env.CI) return null;
        throw error;
      });
      if (!db) return t.skip('no PostgreSQL here');
      const store = await openStore(db.url);
      const raw = driverFor(db.url);
      try {
        const hearing = await store.hearings.create({
          title: 'Hearing of a witness abroad',
          caseReference: 'RET-2',
          status: 'closed',
          scheduledStart: '2026-01-01T09:00:00.000Z',
          scheduledEnd: '2026-01-01T10:00:00.000Z',
          courtLanguage: 'en',
        });
        await store.events.append(hearing.id, { type: 'hearing.opened', actorId: null, data: {} });
        const someone = await store.participants.create({ hearingId: hearing.id, displayName: 'Maria Rossi', role: 'person_heard', capacity: 'witness' });
        await store.events.append(hearing.id, {
          type: 'participant.identity_confirmed',
          actorId: null,
          data: { participantId: someone.id, displayName: 'Maria Rossi', function: 'Witness' },
        });
        await store.events.append(hearing.id, { type: 'hearing.ended', actorId: null, data: {} });
        await assert.rejects(raw.run('DELETE FROM hearing_events WHERE hearing_id = ?', [hearing.id]), /append-only/);
        // A value kept beside the record is neither changed nor removed but by the retention rules.
        await assert.rejects(raw.run('UPDATE record_personal_data SET value = \'"Someone else"\' WHERE hearing_id = ?', [hearing.id]), /kept until/);
        await assert.rejects(raw.run('DELETE FROM record_personal_data WHERE hearing_id = ?', [hearing.id]), /kept until/);
        const deleted = await store.retention.deleteRecord({
          hearingId: hearing.id,
          authorityId: null,
          ruleDays: 3650,
          closedAt: '2026-01-01T10:00:00.000Z',
          appliedAt: new Date().toISOString(),
        });
        assert.equal(deleted?.detail.entries, 3);
        assert.deepEqual(await store.events.rawRows(hearing.id), []);
        // The note itself is written once: neither changed nor removed.
        await assert.rejects(raw.run("UPDATE retention_log SET detail = '{}' WHERE hearing_id = ?", [hearing.id]), /written once/);
        await assert.rejects(raw.run('DELETE FROM retention_log WHERE hearing_id = ?', [hearing.id]), /written once/);
      } finally {
        await raw.close();
        await store.close();
        await db.cleanup();
      }
    });
  });
}
