/**
 * Quality of participation over real connections: a participant's bad connection reaches the
 * presiding judge and the requested-state officer as an alert and the record as one incident (not
 * one per report), a recovered link that fails again is a second incident, the connection figures
 * reach the record and the minutes, and junk or too-frequent reports change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LevelOnly, QualityAlert, QualityGlance } from '../../signaling/protocol.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
/** The server takes one report a second from each participant; browsers send one every two. */
const NEXT_REPORT_MS = 1050;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function report(lossPercent: Record<string, number> = { audioIn: 0 }) {
  return {
    intervalMs: 2000,
    bitrateKbps: { sendAudio: 32, sendVideo: 0, receiveAudio: 30, receiveVideo: 0 },
    lossPercent,
    roundTripMs: 40,
    jitterMs: 4,
    codecs: ['opus'],
    encryption: { dtlsCipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', srtpCipher: 'AEAD_AES_128_GCM' },
    endpoint: { browser: 'Firefox 125', os: 'Windows' },
  };
}

describe('quality of participation on the server', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: Record<string, TestSocket> = {};
  const alerts: Record<string, QualityAlert[]> = { Judge: [], Officer: [], Counsel: [], 'Maria Rossi': [] };
  const id = (name: string) => court.people[name]!.id;
  const events = async (type?: string) => (await server.store.events.list(court.hearing.id)).filter((e) => !type || e.type === type);
  const connect = async (name: string) => {
    const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
    socket.on('quality:alert', (alert: QualityAlert) => alerts[name]!.push(alert));
    sockets[name] = socket;
    return socket;
  };
  const enter = async (name: string) => {
    const socket = await connect(name);
    const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
    return socket;
  };
  const witnessReports = async (payload: unknown) => {
    await pause(NEXT_REPORT_MS);
    return ask(sockets['Maria Rossi']!, 'quality:report', payload);
  };

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Officer', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Counsel', role: 'counsel' },
    ]);
    await enter('Judge');
    await enter('Officer');
    await enter('Counsel');
  });
  after(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await server.close();
  });

  it('a participant who has not entered cannot report', async () => {
    const witness = await connect('Maria Rossi');
    const answer = await ask(witness, 'quality:report', report());
    assert.equal(answer.error?.code, 'not_in_hearing');
  });

  it('a report from the waiting room is taken, and the connection figures go to the record once', async () => {
    const witness = sockets['Maria Rossi']!;
    assert.equal((await ask(witness, 'hearing:enter', { rtpCapabilities: CAPS })).ok, true);
    const answer = await ask(witness, 'quality:report', report());
    assert.deepEqual(answer, { ok: true, data: { accepted: true } });
    const [summary, ...more] = await events('quality.summary');
    assert.equal(more.length, 0);
    assert.equal(summary?.actorId, id('Maria Rossi'));
    assert.deepEqual(summary?.data, {
      participantId: id('Maria Rossi'),
      endpoint: { browser: 'Firefox 125', os: 'Windows' },
      codecs: ['opus'],
      bitrateKbps: { sendAudio: 32, sendVideo: 0, receive: 30 },
      encryption: 'AEAD_AES_128_GCM, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      roundTripMs: 40,
      packetLossPercent: 0,
    });
  });

  it('12 % loss alerts the judge and the officer, nobody else, and is one incident in the record', async () => {
    const answer = await witnessReports(report({ audioIn: 12, videoIn: 2 }));
    assert.equal(answer.ok, true);
    await pause(100);
    for (const name of ['Judge', 'Officer']) {
      assert.equal(alerts[name]!.length, 1, `${name} is alerted`);
      const { at, ...alert } = alerts[name]![0]!;
      assert.deepEqual(alert, {
        participantId: id('Maria Rossi'),
        metric: 'packet_loss',
        value: 12,
        threshold: 5,
        message: 'Maria Rossi: 12 % of received audio packets lost',
      });
      assert.ok(Math.abs(Date.parse(at) - Date.now()) < 5000);
    }
    assert.equal(alerts.Counsel!.length + alerts['Maria Rossi']!.length, 0, 'only the two judicial authorities are told');
    const incidents = await events('quality.incident');
    assert.deepEqual(
      incidents.map((e) => [e.actorId, e.data]),
      [[id('Maria Rossi'), { participantId: id('Maria Rossi'), metric: 'packet_loss', value: 12, threshold: 5 }]],
    );
  });

  it('a second bad report is not a second incident', async () => {
    assert.equal((await witnessReports(report({ audioIn: 15 }))).ok, true);
    await pause(100);
    assert.equal((await events('quality.incident')).length, 1);
    assert.equal(alerts.Judge!.length, 1);
  });

  it('the judge’s view of each connection shows the witness as poor, with the figures; everyone else sees the level alone', async () => {
    const stateOf = (name: string) =>
      new Promise<Record<string, QualityGlance | LevelOnly>>((resolve) => sockets[name]!.once('quality:state', ({ participants }) => resolve(participants)));
    const [judges, counsels] = await Promise.all([stateOf('Judge'), stateOf('Counsel')]);
    assert.equal(judges[id('Maria Rossi')]?.level, 'poor');
    assert.equal((judges[id('Maria Rossi')] as QualityGlance | undefined)?.lossPercent, 15);
    assert.deepEqual(counsels[id('Maria Rossi')], { level: 'poor' }, 'counsel’s tile shows how the connection looks, not its figures');
  });

  it('reports sent faster than one a second are dropped and change nothing', async () => {
    await pause(NEXT_REPORT_MS);
    assert.deepEqual(await ask(sockets['Maria Rossi']!, 'quality:report', report()), { ok: true, data: { accepted: true } });
    const before = (await events()).length;
    assert.deepEqual(await ask(sockets['Maria Rossi']!, 'quality:report', report({ audioIn: 90 })), { ok: true, data: { accepted: false } });
    assert.equal((await events()).length, before);
  });

  it('a link that recovered and fails again is a second incident', async () => {
    await witnessReports(report());
    await witnessReports(report()); // three good reports in a row, counting the one above
    await witnessReports(report({ audioIn: 9 }));
    await pause(100);
    const incidents = await events('quality.incident');
    assert.deepEqual(
      incidents.map((e) => (e.data as { value: number }).value),
      [12, 9],
    );
    assert.equal(alerts.Judge!.length, 2);
    assert.equal(alerts.Officer!.at(-1)?.message, 'Maria Rossi: 9 % of received audio packets lost');
  });

  it('junk reports are refused with the field named and change nothing', async () => {
    const before = (await events()).length;
    for (const [payload, field] of [
      [{ ...report(), lossPercent: { audioIn: 250 } }, 'lossPercent.audioIn'],
      [{ ...report(), roundTripMs: -3 }, 'roundTripMs'],
      [{ ...report(), bitrateKbps: { sendAudio: 'lots' } }, 'bitrateKbps.sendAudio'],
      [{ ...report(), endpoint: { browser: '<img src=x onerror=alert(1)>' } }, 'endpoint.browser'],
      [{ ...report(), participantId: id('Judge') }, ''],
    ] as const) {
      await pause(NEXT_REPORT_MS);
      const answer = await ask(sockets['Maria Rossi']!, 'quality:report', payload);
      assert.equal(answer.error?.code, 'invalid_input', JSON.stringify(payload));
      assert.equal(answer.error?.field, field);
    }
    assert.equal((await events()).length, before);
    assert.equal(alerts.Judge!.length, 2);
  });

  it('leaving records the figures over the whole stay, before the departure', async () => {
    assert.equal((await ask(sockets['Maria Rossi']!, 'hearing:leave', {})).ok, true);
    const entries = await events();
    const left = entries.findLastIndex((e) => e.type === 'participant.left' && e.actorId === id('Maria Rossi'));
    assert.equal(entries[left - 1]?.type, 'quality.summary');
    const summary = entries.filter((e) => e.type === 'quality.summary').at(-1)!.data as { packetLossPercent: number };
    assert.ok(summary.packetLossPercent > 0 && summary.packetLossPercent < 12, `an average over the stay: ${summary.packetLossPercent}`);
  });

  it('the minutes give the endpoint, codecs, encryption and the incidents', async () => {
    const response = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes.json`, {
      headers: { authorization: `Bearer ${court.people.Officer!.token}` },
    });
    assert.equal(response.status, 200);
    const minutes = await response.json();
    const endpoints = minutes.technical.endpoints.filter((e: { participantId: string }) => e.participantId === id('Maria Rossi'));
    assert.equal(endpoints.length, 2);
    assert.equal(endpoints[0].browser, 'Firefox 125');
    assert.equal(endpoints[0].os, 'Windows');
    assert.deepEqual(endpoints[0].codecs, ['opus']);
    assert.match(endpoints[0].encryption, /AEAD_AES_128_GCM/);
    assert.deepEqual(
      minutes.technical.incidents.map((i: { metric: string; value: number }) => [i.metric, i.value]),
      [
        ['packet loss', 12],
        ['packet loss', 9],
      ],
    );
  });
});
