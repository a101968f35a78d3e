/**
 * Adjournment to a new date, over real connections and the coordinators' API: the judge adjourns;
 * everyone connected is told why and taken out, every link of the hearing stops opening it, and the
 * request waits for its new date in both coordinators' dashboards. The coordinators fix the date from
 * the same request; on the new date the judge opens the next sitting of the same record, the witness
 * comes through the waiting room, and the minutes name both sittings and the reason — one chain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyChain } from '../../record/index.js';
import type { Participant } from '../../scheduling/index.js';
import { historyOf, scheduleRequest, twoSignedIn, tuesdayInWeeks } from '../support/coordinators.js';
import { minutesNow } from '../support/minutes.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ask, join, refusal, type TestSocket } from '../support/socket-client.js';
import { until } from '../support/until.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const REASON = 'The interpreter into Arabic has fallen ill';
const JUDGE = 'Judge Anne Leroy (Président(e) de l’audience)';

describe('adjourning a hearing to a new date', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('ends the sitting for everyone, waits for a new date from the same request, and continues the same record at the next sitting', async () => {
    const { sites, paris, montreal } = await twoSignedIn(server);
    const { id: hearingId } = await scheduleRequest(paris, montreal, sites, { caseReference: 'ADJ-2026-1', language: 'ar', weeksAhead: 6 });
    const people = await server.store.participants.listByHearing(hearingId);
    const person = (role: Participant['role']) => people.find((p) => p.role === role)!;
    // Links valid now, as the invitations give them from half an hour before the start.
    const now = () => ({ notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) });
    const enter = async (participant: Participant) => {
      const link = await server.linkFor(participant, now());
      const { socket } = await join(server.url, { token: link.token, hearingId });
      sockets.push(socket);
      const ended: { reason: string; message: string; courtReason?: string }[] = [];
      socket.on('session:ended', (notice: { reason: string; message: string; courtReason?: string }) => ended.push(notice));
      const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS });
      assert.equal(entered.ok, true, JSON.stringify(entered.error));
      return { socket, link, ended };
    };
    const judge = await enter(person('presiding_judge'));
    const officer = await enter(person('requested_officer'));
    const witness = await enter(person('person_heard'));
    assert.equal((await ask(judge.socket, 'court:admit', { participantId: person('person_heard').id })).ok, true);
    assert.equal((await ask(judge.socket, 'court:go-live', {})).ok, true);

    // Only the presiding judge adjourns, and only with a reason.
    assert.equal((await ask(officer.socket, 'court:adjourn', { reason: REASON })).error?.code, 'forbidden');
    assert.equal((await ask(judge.socket, 'court:adjourn', {})).error?.field, 'reason');
    const adjourned = await ask(judge.socket, 'court:adjourn', { reason: REASON });
    assert.equal(adjourned.ok, true, 'the judge who adjourns is answered');
    // In the moment before his connection closes, nothing more is done in the sitting.
    assert.equal((await ask(judge.socket, 'court:gallery', { open: true })).error?.code, 'session_ended');

    // Everyone is told why and taken out; their links no longer open the hearing.
    await until('everyone told of the adjournment', async () => witness.ended.length > 0 && officer.ended.length > 0 && judge.ended.length > 0, 5000);
    assert.deepEqual(witness.ended[0], { reason: 'adjourned', message: witness.ended[0]!.message, courtReason: REASON });
    await until('everyone taken out', async () => !witness.socket.connected && !judge.socket.connected, 5000);
    const again = await refusal(server.url, { token: witness.link.token, hearingId });
    assert.equal(again.code, 'hearing_adjourned', 'the old link is refused, saying why');
    assert.equal((await server.store.hearings.get(hearingId))?.status, 'adjourned');

    // Both coordinators see the court's adjournment, with its reason, and may fix the new date.
    const request = (await montreal.get(`/api/requests/${hearingId}`)).body;
    assert.equal(request.stage, 'adjourned');
    assert.ok(request.actions.some((a: { type: string }) => a.type === 'reschedule'));
    const adjournedEntry = (await historyOf(paris, hearingId)).find((e) => e.type === 'court.adjourned');
    assert.equal(adjournedEntry?.data.reason, REASON);
    assert.equal(adjournedEntry?.system, true, `the court adjourned it, not a coordinator: ${JSON.stringify(adjournedEntry)}`);
    const newDay = tuesdayInWeeks(8);
    const moved = await montreal.post(`/api/requests/${hearingId}/actions`, {
      action: { type: 'reschedule', start: { local: `${newDay}T15:00`, zone: 'Europe/Paris' } },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.stage, 'scheduled');
    const hearing = (await server.store.hearings.get(hearingId))!;
    assert.equal(hearing.status, 'scheduled');
    assert.equal(hearing.scheduledStart.slice(0, 10), newDay);

    // The next sitting: the witness waits for the judge, the judge opens it, the record runs on.
    const witness2 = await enter(person('person_heard'));
    const judge2 = await enter(person('presiding_judge'));
    await until(
      'the next sitting opened',
      async () => (await server.store.events.list(hearingId)).filter((e) => e.type === 'hearing.opened').length === 2,
      5000,
    );
    assert.equal((await ask(judge2.socket, 'court:admit', { participantId: person('person_heard').id })).ok, true);
    assert.equal(witness2.ended.length, 0);

    const entries = await server.store.events.list(hearingId);
    const report = verifyChain(hearingId, await server.store.events.rawRows(hearingId));
    assert.equal(report.ok, true, 'one chain across both sittings');
    const types = entries.map((e) => e.type);
    assert.ok(types.indexOf('hearing.adjourned') < types.lastIndexOf('hearing.opened'));
    assert.ok(types.lastIndexOf('lobby.waiting') > types.indexOf('hearing.adjourned'), 'she came back through the waiting room');

    const minutes = await minutesNow(server, { hearing, people: {} });
    assert.equal(minutes.sittings?.length, 2);
    assert.equal(minutes.sittings?.[0]?.reason, REASON);
    assert.equal(minutes.sittings?.[1]?.adjourned, null);
    // The court speaks French here: the minutes say it in the court's words.
    const chronology = minutes.chronology.map((c) => c.text);
    assert.ok(chronology.includes(`${JUDGE} a renvoyé l’audience à une date ultérieure : ${REASON}.`), chronology.join('\n'));
    assert.ok(chronology.includes(`${JUDGE} a ouvert la séance 2 de l’audience.`), chronology.join('\n'));
  });
});
