/**
 * What an operator's Prometheus reads of a running server: hearings in session, people by role,
 * media workers, the record's writes by type and latency, sign-in failures — on a port of its own,
 * not on the public address, and with no hearing, person or name in it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';

describe('the metrics an operator scrapes', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  const scrape = async () => {
    const response = await fetch(server.metricsUrl!);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    return response.text();
  };
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  before(async () => {
    server = await startTestServer({ env: { HEARING_ROOM_METRICS_PORT: '0' } });
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    for (const name of ['Judge Anna Berger', 'Maria Rossi']) {
      const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
      sockets.push(socket);
    }
    const entered = await ask(sockets[0]!, 'hearing:enter', { rtpCapabilities: { codecs: [], headerExtensions: [] } });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('counts the hearing, its people by role, the record’s writes by type, and the media workers', async () => {
    for (const on of [true, false]) assert.equal((await ask(sockets[0]!, 'court:audio-only', { on })).ok, true);
    const text = await scrape();
    assert.equal(value(text, 'hearing_room_hearings_in_session'), 1);
    assert.equal(value(text, 'hearing_room_participants{role="presiding_judge",state="entered"}'), 1);
    assert.equal(value(text, 'hearing_room_participants{role="person_heard",state="waiting"}'), 1);
    assert.equal(value(text, 'hearing_room_record_entries_total{type="media.audio_only"}'), 2, 'each audio-only switch');
    assert.ok((value(text, 'hearing_room_record_append_seconds_count') ?? 0) >= 3, 'every write of the record timed');
    assert.equal(value(text, 'hearing_room_media_workers{state="alive"}'), 1);
    assert.ok(value(text, 'hearing_room_media_workers_cpu_seconds_total') !== undefined);
    assert.ok((value(text, 'hearing_room_process_resident_memory_bytes') ?? 0) > 0, 'and the process itself');
  });

  it('counts refused sign-ins, by why', async () => {
    await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'clerk@justice.example.org', password: 'guessed' }),
    });
    assert.equal(value(await scrape(), 'hearing_room_sign_in_failures_total{reason="wrong_password"}'), 1);
  });

  it('names no hearing, no person and no e-mail address, and is not served at the public address', async () => {
    const text = await scrape();
    for (const secret of [
      court.hearing.id,
      court.hearing.caseReference,
      'Anna Berger',
      'Maria Rossi',
      'clerk@justice.example.org',
      court.people['Maria Rossi']!.id,
    ])
      assert.ok(!text.includes(secret), `the metrics do not name ${secret}`);
    const publicly = await fetch(`${server.url}/metrics`);
    assert.ok(!(await publicly.text()).includes('hearing_room_'), 'the public address does not serve them');
  });
});
