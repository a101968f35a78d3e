/**
 * Three servers of one service on PostgreSQL and Redis, each its own process, sharing one recordings
 * folder. A recorded hearing in real Chromium is held by node A; its pages were opened at node C's
 * address (the service's front door), which sent them on to A. Then:
 * - node A is killed (-9, with its media workers and recorders, as by a power cut): both pages have media again from the server that took the hearing over,
 *   by themselves, without the witness being sent back to the waiting room or any gate repeated;
 *   the record verifies and says the hearing moved, from which server, and the stretch lost; the
 *   recording A was writing is sealed by the new holder and continued in a new one that names it,
 *   and both verify;
 * - the new holder is drained (`hearing-room drain`) under that hearing and a second one: both move
 *   to the last server, their pages follow, and the media gap is measured;
 * - a rolling upgrade: each server in turn stopped (SIGTERM, which drains it) and started again; both
 *   hearings go on, nobody is re-admitted, and every recording of the chain verifies.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateMinutes, MinutesSigner, verifyChain } from '../../record/index.js';
import { RecordingKey, verifyRecording, type Manifest } from '../../recording/index.js';
import { loadConfig } from '../../server/config.js';
import { joinUrl } from '../../server/demo.js';
import { openStore } from '../../store/index.js';
import { admit, assertReceivesFrom, enterHearing, launchChromium, type ParticipantPage, pressAndConfirm, screenshot } from '../support/browser.js';
import { postgresAvailable } from '../support/postgres.js';
import { manifestIn, RECORDING_BASIS, recordWitness, until } from '../support/recorded-hearing.js';
import { connectRedis, redisAvailable } from '../support/redis.js';
import { recordOf, seedHearing } from '../support/server-process.js';
import { type ServiceNode, severalServers } from '../support/several-servers.js';
import { ask, join as joinSocket } from '../support/socket-client.js';

const up = (await redisAvailable()) && (await postgresAvailable());

describe('a recorded hearing whose server is killed, then a server drained under two hearings', {
  skip: up ? false : 'Redis or PostgreSQL is not reachable',
}, () => {
  const several = severalServers();
  const nodes: Record<string, ServiceNode> = {};
  let browser: Browser;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let hearingId: string;
  let judgeId: string;
  let witnessId: string;
  let firstId: string;
  let resumedId: string;
  let newHolder: string;
  let seeded: Awaited<ReturnType<typeof seedHearing>>;
  let second: Awaited<ReturnType<typeof seedHearing>>;
  let judge2: ParticipantPage;
  let witness2: ParticipantPage;

  const events = () => recordOf(nodes.a!.env, hearingId);
  const recordingDir = (id: string) => join(nodes.a!.env.HEARING_ROOM_RECORDINGS_DIR!, id);
  const witnessTrack = (m: Manifest | undefined, source: 'camera' | 'microphone') =>
    m?.tracks.find((t) => t.participantId === witnessId && t.source === source);
  /** The service's database, read as the test needs it. */
  const withStore = async <T>(read: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> => {
    const store = await openStore(nodes.a!.env.HEARING_ROOM_DATABASE_URL!);
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  };
  const holderOf = (id: string) => withStore(async (store) => (await store.leases.current(id))?.holder);
  const recordVerifies = (id: string) => withStore(async (store) => verifyChain(id, await store.events.rawRows(id)).ok);

  const identityPassed = () =>
    judge.page.locator(`[data-person-heard="${witnessId}"] li[data-gate="identity"][data-passed="true"]`).first().waitFor({ timeout: 15_000 });

  /** Media flowing from `from` to the page, through the media server of `node`: rising figures on routes that reach its port. */
  const mediaThrough = async (page: ParticipantPage, from: string, node: ServiceNode) => {
    const port = Number(node.env.HEARING_ROOM_RTC_PORT);
    await until(
      `the page's media goes through ${node.nodeId}`,
      async () => {
        const routes = await page.page.evaluate(() => window.hearingRoomDiagnostics?.routes() ?? []).catch(() => []);
        return routes.length === 2 && routes.every((r) => r.remotePort === port);
      },
      60_000,
    );
    await assertReceivesFrom(page.page, from, 30_000);
  };

  before(async () => {
    const launching = launchChromium();
    try {
      nodes.a = await several.process('node-a', { HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' });
      seeded = await seedHearing(nodes.a.env, 'FAILOVER-1', [
        { name: 'Judge Anna Berger', role: 'presiding_judge' },
        { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
        { name: 'Officer Jean Dupont', role: 'requested_officer' },
      ]);
      hearingId = seeded.hearingId;
      judgeId = seeded.people['Judge Anna Berger']!.id;
      witnessId = seeded.people['Maria Rossi']!.id;
      // Placed on node A while it is the only server: the first connection places the hearing.
      const { socket } = await joinSocket(nodes.a.url, { token: seeded.people['Judge Anna Berger']!.token, hearingId });
      socket.close();
      [nodes.b, nodes.c] = await Promise.all([
        several.process('node-b', { HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' }),
        several.process('node-c', { HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' }),
      ]);
      const frontDoor = nodes.c.url;
      browser = await launching;
      judge = await enterHearing(browser, joinUrl(frontDoor, hearingId, seeded.people['Judge Anna Berger']!.token), undefined, { width: 1366, height: 768 });
      witness = await enterHearing(browser, joinUrl(frontDoor, hearingId, seeded.people['Maria Rossi']!.token), undefined, { width: 390, height: 844 });
    } catch (error) {
      for (const node of Object.values(nodes)) console.log(`--- ${node.nodeId}\n${node.output().slice(-3000)}`);
      throw error;
    }
    firstId = await recordWitness(judge.page, { name: 'Maria Rossi', id: witnessId }, events, nodes.a!.env.HEARING_ROOM_RECORDINGS_DIR!);
    // The officer of the requested state verifies her identity (from a connection of her own, then gone): a gate passed before the kill.
    const { socket: officer } = await joinSocket(nodes.a!.url, { token: seeded.people['Officer Jean Dupont']!.token, hearingId });
    const verified = await ask(officer, 'court:verify-identity', { participantId: witnessId, method: 'personal_knowledge', match: true, photoCompared: true });
    officer.close();
    assert.equal(verified.ok, true, JSON.stringify(verified.error));
    await identityPassed();
  });
  after(async () => {
    await browser?.close();
    await several.close();
  });

  it('held by node A although the pages were opened at node C: the front door sent them on', async () => {
    assert.equal(await holderOf(hearingId), 'node-a');
    await mediaThrough(judge, witnessId, nodes.a!);
    await mediaThrough(witness, judgeId, nodes.a!);
  });

  it('node A killed: both pages have media again from the server that took the hearing over, with nobody re-admitted', async () => {
    const killedAt = Date.now();
    await nodes.a!.powerOff();
    newHolder = await until('another server holds the hearing', async () => {
      const holder = await holderOf(hearingId);
      return holder !== 'node-a' && holder;
    });
    assert.ok(newHolder === 'node-b' || newHolder === 'node-c', `held by ${newHolder}`);
    const [judgeBack, witnessBack] = await Promise.all([
      mediaThrough(judge, witnessId, nodes[newHolder.slice(-1)]!).then(() => Date.now() - killedAt),
      mediaThrough(witness, judgeId, nodes[newHolder.slice(-1)]!).then(() => Date.now() - killedAt),
    ]);
    console.log(
      `node A killed: media back at the judge's page after ${(judgeBack / 1000).toFixed(1)} s, at the witness's after ${(witnessBack / 1000).toFixed(1)} s (each within a second of sampling), on ${newHolder}`,
    );
    assert.equal(await witness.page.locator('#waiting-room').isVisible(), false, 'the witness is not sent back to the waiting room');
    // The judge is told, in words, that the hearing moved and the recording resumed.
    await judge.page.locator('[data-recording-resumed]').waitFor({ timeout: 30_000 });
    assert.match(
      await judge.page.locator('[data-recording-resumed]').innerText(),
      /the hearing moved to another server of the court; the recording resumed by itself/,
    );
    await screenshot(judge.page, 'failover-judge-1366');
    await screenshot(witness.page, 'failover-witness-phone');

    const record = await events();
    const moved = record.filter((e) => e.type === 'hearing.moved');
    assert.equal(moved.length, 1, 'the record says the hearing moved, once');
    assert.deepEqual(
      { from: moved[0]!.data.fromServer, to: moved[0]!.data.toServer, planned: moved[0]!.data.planned },
      { from: 'node-a', to: newHolder, planned: false },
    );
    // No gate repeated: one admission and one identity check, whatever the reconnections, and the judge sees the gate passed.
    assert.equal(record.filter((e) => e.type === 'lobby.admitted').length, 1, 'the witness was admitted once');
    assert.equal(record.filter((e) => e.type === 'identity.verified').length, 1, 'her identity was verified once');
    await identityPassed();
    assert.equal(await recordVerifies(hearingId), true, 'the record verifies');
  });

  it('the recording A was writing is sealed by the new holder and continued in a new one that names it', async () => {
    const resumed = await until('the recording resumes', async () => (await events()).find((e) => e.type === 'recording.started' && e.data.continues), 60_000);
    resumedId = String(resumed.data.recordingId);
    assert.equal((resumed.data.continues as { recordingId: string }).recordingId, firstId);
    assert.equal(resumed.data.legalBasis, RECORDING_BASIS);
    const stopped = (await events()).find((e) => e.type === 'recording.stopped' && e.data.recordingId === firstId);
    assert.equal(stopped?.data.cause, 'server_moved');
    await until(
      'the witness’s camera reaches the new recording',
      async () => (witnessTrack(await manifestIn(recordingDir(resumedId)), 'camera')?.segments.length ?? 0) >= 2,
      60_000,
    );
  });

  it('the new holder drained under this hearing and a second one: both move to the last server, and their pages follow', async () => {
    const last = newHolder === 'node-b' ? nodes.c! : nodes.b!;
    const drained = nodes[newHolder === 'node-b' ? 'b' : 'c']!;
    // A second hearing on the server to be drained, with a judge and a witness of its own: placed
    // there because the last server looks busier for a moment (two hearings it does not hold).
    second = await seedHearing(drained.env, 'FAILOVER-2', [
      { name: 'Judge Paul Weber', role: 'presiding_judge' },
      { name: 'Ana Costa', role: 'person_heard', capacity: 'witness' },
    ]);
    const redis = connectRedis();
    const busy = `${several.serviceName}:held:${last.nodeId}`;
    await redis.sadd(busy, 'busy-1', 'busy-2');
    try {
      const { socket } = await joinSocket(drained.url, { token: second.people['Judge Paul Weber']!.token, hearingId: second.hearingId });
      socket.close();
    } finally {
      await redis.srem(busy, 'busy-1', 'busy-2');
      redis.disconnect();
    }
    judge2 = await enterHearing(browser, joinUrl(drained.url, second.hearingId, second.people['Judge Paul Weber']!.token));
    witness2 = await enterHearing(browser, joinUrl(drained.url, second.hearingId, second.people['Ana Costa']!.token));
    await admit(judge2.page, 'Ana Costa');
    await assertReceivesFrom(judge2.page, second.people['Ana Costa']!.id);
    assert.equal(await holderOf(second.hearingId), drained.nodeId);

    const drainedAt = Date.now();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/drain-cli.ts', drained.nodeId], { env: { ...process.env, ...drained.env } });
    const back = await Promise.all(
      [
        mediaThrough(judge, witnessId, last),
        mediaThrough(witness, judgeId, last),
        mediaThrough(judge2, second.people['Ana Costa']!.id, last),
        mediaThrough(witness2, second.people['Judge Paul Weber']!.id, last),
      ].map((p) => p.then(() => Date.now() - drainedAt)),
    );
    console.log(
      `drained ${drained.nodeId}: media back on the four pages after ${back.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s (each within a second of sampling)`,
    );
    assert.equal(await holderOf(hearingId), last.nodeId);
    assert.equal(await holderOf(second.hearingId), last.nodeId);
    const moved = (await events()).filter((e) => e.type === 'hearing.moved');
    assert.deepEqual(moved.at(-1)?.data.planned, true, 'the record says the move was planned');
    assert.equal((await recordOf(drained.env, second.hearingId)).filter((e) => e.type === 'lobby.admitted').length, 1, 'nobody re-admitted');
  });

  it('a rolling upgrade of the three servers, each stopped (SIGTERM) and started again in turn, loses neither hearing', async () => {
    const admittedBefore = (await events()).filter((e) => e.type === 'lobby.admitted').length;
    const movesBefore = (await events()).filter((e) => e.type === 'hearing.moved').length;
    for (const key of ['a', 'b', 'c'] as const) {
      const node = nodes[key]!;
      const stoppedAt = Date.now();
      // Stopped as a service manager stops it: it hands its hearings over first.
      await node.signal('SIGTERM');
      const holders = await until(`both hearings held elsewhere than ${node.nodeId}`, async () => {
        const now = await Promise.all([holderOf(hearingId), holderOf(second.hearingId)]);
        return !now.includes(node.nodeId) && now;
      });
      nodes[key] = await several.process(node.nodeId, { HEARING_ROOM_PORT: node.env.HEARING_ROOM_PORT!, HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' });
      const through = (holder: string | undefined) => Object.values(nodes).find((n) => n.nodeId === holder)!;
      await Promise.all([
        mediaThrough(judge, witnessId, through(holders[0])),
        mediaThrough(witness, judgeId, through(holders[0])),
        mediaThrough(judge2, second.people['Ana Costa']!.id, through(holders[1])),
        mediaThrough(witness2, second.people['Judge Paul Weber']!.id, through(holders[1])),
      ]);
      console.log(
        `${node.nodeId} stopped and started again: both hearings have media (on ${holders.join(' and ')}) ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after it was stopped`,
      );
    }
    assert.equal((await events()).filter((e) => e.type === 'lobby.admitted').length, admittedBefore, 'nobody re-admitted');
    assert.equal((await events()).filter((e) => e.type === 'identity.verified').length, 1, 'no identity checked again');
    const moves = (await events()).filter((e) => e.type === 'hearing.moved').slice(movesBefore);
    assert.ok(moves.length >= 1, 'the hearing moved during the upgrade');
    assert.ok(
      moves.every((e) => e.data.planned === true),
      `a server stopped with SIGTERM hands its hearings over: the record says the moves were planned: ${JSON.stringify(moves.map((e) => e.data))}`,
    );
    await identityPassed();
    assert.equal(await witness.page.locator('#waiting-room').isVisible(), false);
    assert.equal(await witness2.page.locator('#waiting-room').isVisible(), false);
    for (const id of [hearingId, second.hearingId]) assert.equal(await recordVerifies(id), true, 'the record verifies');
  });

  it('stopped by the judge, every recording verifies, each naming the one before, and the minutes state the moves', async () => {
    await pressAndConfirm(judge.page, 'Stop recording');
    const all = await until('the last recording is sealed', async () => {
      const list = await events();
      const started = list.filter((e) => e.type === 'recording.started');
      const sealed = list.filter((e) => e.type === 'recording.sealed');
      return sealed.length === started.length && list.some((e) => e.type === 'recording.stopped' && e.data.cause === 'judge') ? list : undefined;
    });
    const config = loadConfig(nodes.b!.env);
    const keys = { publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem, recordingKey: new RecordingKey(config.recordingKey) };
    const recordings = all.filter((e) => e.type === 'recording.started').map((e) => String(e.data.recordingId));
    assert.equal(recordings.length, 1 + all.filter((e) => e.type === 'hearing.moved').length, 'the first, and one more after each move of the hearing');
    for (const [i, id] of recordings.entries()) {
      const report = await verifyRecording(recordingDir(id), keys);
      const last = i === recordings.length - 1;
      assert.ok(
        report.ok && report.complete === last,
        `recording ${i + 1} verifies${last ? ' as complete' : ' as a signed prefix'}: ${JSON.stringify(report)}`,
      );
      if (i > 0) assert.equal(report.continues?.recordingId, recordings[i - 1]);
      for (const c of report.coverage) console.log(`recording ${i + 1}, track ${c.trackId}: ${c.recordedSeconds} of ${c.spanSeconds} s recorded`);
    }
    assert.equal(recordings[1], resumedId);
    const store = await openStore(config.databaseUrl);
    try {
      const minutes = generateMinutes((await store.hearings.get(hearingId))!, await store.participants.listByHearing(hearingId), all, {});
      const text = minutes.chronology.map((c) => c.text).join('\n');
      assert.match(text, /The server holding the hearing stopped answering; another server of the court took the hearing over/);
      assert.match(text, /The server holding the hearing was taken out of service; the hearing moved to another server of the court/);
    } finally {
      await store.close();
    }
  });
});
