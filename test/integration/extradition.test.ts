/**
 * A person sought consents to surrender before the requested state's judge, over real connections
 * to a real server with a real RFC 3161 time-stamping authority (Debian's openssl): what the record
 * holds, that the token dates the ruling's entry, that nothing re-opens it, and what the minutes say
 * — in the court's German and the requested state's Portuguese, printed with her signature.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { MODEL_TEXT_BOOK } from '../../courtroom/index.js';
import { verifyChain, type Minutes } from '../../record/index.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { startLocalTsa, type LocalTsa } from '../support/tsa.js';
import { until } from '../support/until.js';

const run = promisify(execFile);
const TEXT = MODEL_TEXT_BOOK.text('extradition-consent', 'pt')!.sha256;
const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const SIGNATURE = [
  [
    [120, 260],
    [200, 140],
    [280, 250],
    [360, 150],
  ],
  [
    [420, 240],
    [600, 200],
  ],
];

describe('extradition: a consent to surrender taken in the hearing', () => {
  let server: TestServer;
  let court: TestHearing;
  let tsa: LocalTsa;
  const sockets = new Map<string, TestSocket>();
  const id = (name: string) => court.people[name]!.id;
  const as = async (name: string, command: string, payload: Record<string, unknown>) => {
    const answer = await ask(sockets.get(name)!, command as never, payload as never);
    return answer as { ok: boolean; error?: { code: string; message: string } };
  };
  const record = () => server.store.events.list(court.hearing.id);

  before(async () => {
    tsa = await startLocalTsa('Extradition');
    const caFile = joinPath(process.env.TMPDIR ?? '/tmp', `tsa-ca-${process.pid}.pem`);
    writeFileSync(caFile, tsa.caPem);
    server = await startTestServer({ env: { HEARING_ROOM_RECORDING_TSA_URL: tsa.url, HEARING_ROOM_RECORDING_TSA_CA_FILE: caFile } });
    court = await server.hearingWith(
      [
        { name: 'Richterin Berger', role: 'presiding_judge', language: 'de' },
        { name: 'Juíza Costa', role: 'requested_officer', language: 'pt' },
        { name: 'Ana Pereira', role: 'person_heard', capacity: 'person_sought', language: 'pt' },
        { name: 'Dr. Rui Matos', role: 'counsel', language: 'pt' },
      ],
      { courtLanguage: 'de' },
    );
    for (const name of Object.keys(court.people)) {
      const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
      sockets.set(name, socket);
      const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false });
      assert.equal(entered.ok, true, JSON.stringify(entered.error));
    }
    for (const name of ['Ana Pereira', 'Dr. Rui Matos']) assert.equal((await as('Richterin Berger', 'court:admit', { participantId: id(name) })).ok, true);
    assert.equal((await as('Richterin Berger', 'court:go-live', {})).ok, true);
    // What a declaration rests on: she is identified, told her rights in Portuguese, and consents to the video hearing.
    const sought = id('Ana Pereira');
    assert.equal(
      (await as('Juíza Costa', 'court:verify-identity', { participantId: sought, method: 'personal_knowledge', match: true, photoCompared: false })).ok,
      true,
    );
    assert.equal((await as('Juíza Costa', 'court:show-rights', { participantId: sought })).ok, true);
    assert.equal((await as('Ana Pereira', 'court:acknowledge-rights', {})).ok, true);
    assert.equal(
      (await as('Juíza Costa', 'court:record-consent', { participantId: sought, method: 'oral_on_record', interpreterPresent: false, lawyerPresent: true })).ok,
      true,
    );
  });
  after(async () => {
    for (const socket of sockets.values()) socket.close();
    await server?.close();
    await tsa?.close();
  });

  it('the presiding judge cannot take it, nor her lawyer declare for her: the requested state’s judge takes it and she answers herself', async () => {
    const inform = {
      participantId: id('Ana Pereira'),
      declaration: 'consent_to_surrender',
      revocable: false,
      signatureRequired: true,
      counselWaived: false,
    };
    assert.equal((await as('Richterin Berger', 'extradition:inform', inform)).error?.code, 'forbidden');
    assert.equal((await as('Juíza Costa', 'extradition:inform', inform)).ok, true);
    assert.equal(
      (await as('Dr. Rui Matos', 'extradition:declare', { declaration: 'consent_to_surrender', answer: 'given', textSha256: TEXT })).error?.code,
      'forbidden',
    );
    const early = await as('Ana Pereira', 'extradition:declare', {
      declaration: 'consent_to_surrender',
      answer: 'given',
      textSha256: TEXT,
      signature: { strokes: SIGNATURE },
    });
    assert.equal(early.error?.code, 'attestation_missing', 'she answers after her lawyer attests');
    assert.equal((await as('Dr. Rui Matos', 'extradition:attest', { participantId: id('Ana Pereira'), declaration: 'consent_to_surrender' })).ok, true);
    const unsigned = await as('Ana Pereira', 'extradition:declare', { declaration: 'consent_to_surrender', answer: 'given', textSha256: TEXT });
    assert.equal(unsigned.error?.code, 'signature_required');
    const bad = await as('Ana Pereira', 'extradition:declare', {
      declaration: 'consent_to_surrender',
      answer: 'given',
      textSha256: TEXT,
      signature: { strokes: [[[5, 900]]] },
    });
    assert.equal(bad.error?.code, 'invalid_input');
    assert.match(bad.error?.message ?? '', /signature\.strokes/);
    assert.equal(
      (
        await as('Ana Pereira', 'extradition:declare', {
          declaration: 'consent_to_surrender',
          answer: 'given',
          textSha256: TEXT,
          signature: { strokes: SIGNATURE },
        })
      ).ok,
      true,
    );
    assert.equal(
      (await as('Juíza Costa', 'extradition:confirm', { participantId: id('Ana Pereira'), declaration: 'consent_to_surrender', accepted: true })).ok,
      true,
    );
  });

  it('the record holds the Portuguese text’s hash, the strokes she drew, the ruling, and a token on the ruling’s entry that openssl verifies', async () => {
    const entries = await until('the ruling time-stamped', async () => {
      const all = await record();
      return all.some((e) => e.type === 'extradition.timestamped') ? all : undefined;
    });
    const informed = entries.find((e) => e.type === 'extradition.informed')!;
    assert.equal((informed.data as { text: { sha256: string } }).text.sha256, MODEL_TEXT_BOOK.text('extradition-consent', 'pt')!.sha256);
    const declared = entries.find((e) => e.type === 'extradition.declared')!;
    assert.equal(declared.actorId, id('Ana Pereira'), 'her own device made the entry');
    assert.deepEqual((declared.data as { signature: { strokes: unknown } }).signature.strokes, SIGNATURE);
    const ruling = entries.find((e) => e.type === 'extradition.confirmed')!;
    assert.equal(ruling.actorId, id('Juíza Costa'));
    const stamp = entries.find((e) => e.type === 'extradition.timestamped')!;
    const { entrySha256, token } = stamp.data as { entrySha256: string; token: string };
    assert.equal(entrySha256, ruling.hash, 'the token dates the ruling’s entry, which chains every entry before it');
    const chain = verifyChain(court.hearing.id, await server.store.events.rawRows(court.hearing.id));
    assert.equal(chain.ok, true, 'the record still verifies');

    // openssl checks the token against the TSA's CA and the digest: a court can verify it without us.
    const dir = server.dataDir;
    writeFileSync(joinPath(dir, 'ruling.tsr'), Buffer.from(token, 'base64'));
    writeFileSync(joinPath(dir, 'tsa-ca.pem'), tsa.caPem);
    const { stdout } = await run('openssl', [
      'ts',
      '-verify',
      '-digest',
      entrySha256,
      '-in',
      joinPath(dir, 'ruling.tsr'),
      '-CAfile',
      joinPath(dir, 'tsa-ca.pem'),
    ]);
    assert.match(stdout, /Verification: OK/);
    await assert.rejects(
      run('openssl', ['ts', '-verify', '-digest', 'ab'.repeat(32), '-in', joinPath(dir, 'ruling.tsr'), '-CAfile', joinPath(dir, 'tsa-ca.pem')]),
      'another digest does not verify',
    );
  });

  it('once taken, nothing re-opens it: not the judge, not a new answer, not a revocation the law does not allow', async () => {
    const before = (await record()).length;
    const again = await as('Juíza Costa', 'extradition:inform', {
      participantId: id('Ana Pereira'),
      declaration: 'consent_to_surrender',
      revocable: true,
      revocationBasis: 'a provision that does not apply',
      signatureRequired: false,
      counselWaived: true,
    });
    assert.equal(again.error?.code, 'irrevocable');
    assert.equal(
      (await as('Ana Pereira', 'extradition:declare', { declaration: 'consent_to_surrender', answer: 'refused', textSha256: TEXT })).error?.code,
      'already_confirmed',
    );
    const revoke = await as('Ana Pereira', 'extradition:revoke', { declaration: 'consent_to_surrender' });
    assert.equal(revoke.error?.code, 'irrevocable');
    assert.equal((await record()).length, before, 'nothing was written');
  });

  it('the minutes state every step, in German and in Portuguese, and print her signature', async () => {
    const bearer = { authorization: `Bearer ${court.people['Richterin Berger']!.token}` };
    const response = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes.json`, { headers: bearer });
    assert.equal(response.status, 200);
    const minutes = (await response.json()) as Minutes;
    const [course] = minutes.extradition ?? [];
    assert.ok(course, 'the minutes have an extradition section');
    assert.equal(course.name, 'Ana Pereira');
    assert.equal(course.counsel?.name, 'Dr. Rui Matos');
    assert.equal(course.answer?.given, true);
    assert.deepEqual(course.answer?.signature?.strokes, SIGNATURE);
    assert.equal(course.ruling?.accepted, true);
    assert.ok(course.timestamp, 'the trusted date is in the minutes');
    assert.equal(course.informed.revocable, false);
    assert.match(course.informed.details, /extradition-consent/);
    assert.match(course.informed.details, /Art\. 4\(4\)/);
    const chronology = minutes.chronology.map((c) => c.text).join('\n');
    assert.match(chronology, /Ana Pereira/);
    assert.ok(minutes.language === 'de', 'the court’s minutes are in German');
    assert.ok(minutes.translation?.language === 'pt', 'and again in Portuguese');
    assert.ok(minutes.translation?.extradition?.[0]?.ruling?.accepted);
    for (const version of [minutes, minutes.translation!]) {
      for (const text of version.chronology.filter((c) => /extradi|Auslieferung|entrega|especialidade|Spezialität/i.test(c.text)).map((c) => c.text)) {
        assert.doesNotMatch(text, /\{|\}/, `no placeholder left: ${text}`);
      }
    }
    const page = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes`, { headers: bearer });
    const html = await page.text();
    assert.match(html, /<svg class="signature" viewBox="0 0 1000 400"/);
    assert.match(html, /points="120,260 200,140 280,250 360,150"/);
  });
});
