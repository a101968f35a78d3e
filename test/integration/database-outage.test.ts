/**
 * The court's database cut away under a live hearing, as a network fault cuts it: the server talks
 * to a real PostgreSQL through a TCP relay of the test's own, whose connections the test drops and
 * refuses (a test double of the network only; PostgreSQL and the server are real). What the judge is
 * told, what the operator's readiness check says, and that nothing is half-written or lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresAvailable } from '../support/postgres.js';
import { databaseBehindRelay, type DatabaseBehindRelay } from '../support/tcp-relay.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

describe('the court’s database is cut during a hearing', { skip: !(await postgresAvailable()) && 'PostgreSQL is not reachable here' }, () => {
  let database: DatabaseBehindRelay;
  let relay: DatabaseBehindRelay['relay'];
  let server: TestServer;
  let court: TestHearing;
  let judge: TestSocket;
  let witness: TestSocket;
  const id = (name: string) => court.people[name]!.id;
  const readyz = async () => {
    const response = await fetch(`${server.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { ready: boolean; database: { ok: boolean; error?: string } } };
  };

  before(async () => {
    database = await databaseBehindRelay();
    relay = database.relay;
    server = await startTestServer({ env: { HEARING_ROOM_DATABASE_URL: database.url } });
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
    ({ socket: judge } = await join(server.url, { token: court.people.Judge!.token, hearingId: court.hearing.id }));
    assert.equal((await ask(judge, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false })).ok, true);
    // She waits to be admitted: admitting her is a decision the record must hold.
    ({ socket: witness } = await join(server.url, { token: court.people.Witness!.token, hearingId: court.hearing.id }));
    assert.equal((await ask(witness, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false })).ok, true);
  });
  after(async () => {
    judge?.close();
    witness?.close();
    await server?.close();
    await database?.close();
  });

  it('the judge’s action is refused with the cause, nothing is written, and the server says it is not ready', async () => {
    const before = (await server.store.events.list(court.hearing.id)).length;
    relay.cut();
    const started = Date.now();
    const answer = await ask(judge, 'court:admit', { participantId: id('Witness') });
    const took = Date.now() - started;
    assert.equal(answer.ok, false);
    assert.equal(answer.error?.code, 'record_unavailable', JSON.stringify(answer.error));
    assert.match(answer.error!.message, /court record cannot be reached.*Nothing was changed/);
    assert.ok(took < 10_000, `answered in ${took} ms, not left hanging`);
    const ready = await readyz();
    assert.equal(ready.status, 503);
    assert.equal(ready.body.database.ok, false);
    relay.restore();
    assert.equal((await server.store.events.list(court.hearing.id)).length, before, 'the refused admission left no trace');
    console.log(`refused in ${took} ms while the database was cut`);
  });

  it('once the database is back, the same action works, once, and the server is ready again', async () => {
    relay.restore();
    const answer = await ask(judge, 'court:admit', { participantId: id('Witness') });
    assert.equal(answer.ok, true, JSON.stringify(answer.error));
    const admissions = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'lobby.admitted');
    assert.equal(admissions.length, 1);
    assert.equal((await readyz()).status, 200);
  });
});
