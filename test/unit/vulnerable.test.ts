/**
 * A vulnerable person heard, by the court's rules alone: she is admitted and heard only with a support
 * person in the hearing; the hearing pauses by itself when the support person goes and goes on when
 * one is back; the judge is told when a break is due and gives it as a pause of its own; and on her
 * admission she has protective settings by default.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CourtError,
  CourtSession,
  courtView,
  decide,
  MODEL_TEXT_BOOK,
  onArrival,
  onDeparture,
  type CourtContext,
  type Decided,
} from '../../courtroom/index.js';
import type { Participant } from '../../scheduling/index.js';
import { courtRefusal, liveCourt } from '../support/live-court.js';
import { participantMaker } from '../support/people.js';

const someone = participantMaker('30000000');
const judge = someone('presiding_judge', 'Judge Berger', 'de');
const officer = someone('requested_officer', 'Officer Dupont', 'fr');
const support = someone('support_person', 'Anna Rossi', 'it');
const child: Participant = { ...someone('person_heard', 'Lia Rossi', 'it'), vulnerability: 'child' };
// The support person first: the court admits everyone in this order.
const everyone = new Map([judge, officer, support, child].map((p) => [p.id, p]));

describe('a vulnerable person heard', () => {
  it('has her picture kept from observers and her recording for the presiding judge by default when admitted', () => {
    const h = liveCourt(everyone, { courtLanguage: 'de' });
    const protection = h.state.protections.get(child.id);
    assert.equal(protection?.hideVideoFromObservers, true);
    assert.equal(protection?.restrictRecording, true);
    assert.equal(protection?.masking.voice, false, 'her voice is hers unless the judge orders otherwise');
  });

  it('is not admitted, nor heard, without a support person in the hearing', () => {
    const h = liveCourt(everyone, { courtLanguage: 'de' });
    h.act(judge, { name: 'court:send-back', command: { participantId: child.id } });
    h.act(judge, { name: 'court:send-back', command: { participantId: support.id } });
    assert.equal(h.state.pauses.size, 0, 'nobody vulnerable is in the hearing: it goes on');
    assert.match(
      courtRefusal(() => decide(h.state, { name: 'court:admit', command: { participantId: child.id } }, judge, h.ctx())),
      /^support_absent: Admit her support person first: Lia Rossi is a child/,
    );
    h.act(judge, { name: 'court:admit', command: { participantId: support.id } });
    h.act(judge, { name: 'court:admit', command: { participantId: child.id } });
    assert.ok(h.state.admitted.has(child.id));
  });

  it('pauses the hearing by itself when her support person goes, and goes on when one is back', () => {
    const h = liveCourt(everyone, { courtLanguage: 'de' });
    h.present.delete(support.id);
    h.record(support, onDeparture(h.state, support, h.ctx()));
    assert.equal(h.state.pauses.get('support_absent')?.reason, 'no support person is in the hearing beside the vulnerable person heard');
    assert.match(
      courtRefusal(() => decide(h.state, { name: 'court:testimony', command: { participantId: child.id, action: 'start' } }, judge, h.ctx())),
      /not_running/,
    );
    h.present.add(support.id);
    h.record(support, onArrival(h.state, support, h.ctx()));
    assert.equal(h.state.pauses.size, 0, 'her support person is back: the hearing goes on');
    // Sent back by the judge: the same pause; admitted again (which the pause allows for her alone): lifted.
    h.act(judge, { name: 'court:send-back', command: { participantId: support.id } });
    assert.ok(h.state.pauses.has('support_absent'));
    h.act(judge, { name: 'court:admit', command: { participantId: support.id } });
    assert.equal(h.state.pauses.size, 0);
  });

  it('tells the judge when her break is due, counted from when the hearing last ran, and the break is a pause the judge lifts', () => {
    const h = liveCourt(everyone, { courtLanguage: 'de' });
    const view = () => courtView(h.state, judge, everyone).personsHeard.find((p) => p.id === child.id)!.vulnerable!;
    const running = h.state.runningSince!;
    assert.equal(view().breakDueAt, new Date(Date.parse(running) + 30 * 60_000).toISOString(), 'a child: every 30 minutes');
    assert.deepEqual(view().support, [{ id: support.id, displayName: 'Anna Rossi', inHearing: true }]);
    h.act(judge, { name: 'court:break', command: { minutes: 10 } });
    assert.equal(h.state.pauses.get('break')?.reason, 'a break of 10 minutes for the vulnerable person heard');
    assert.equal(view().breakDueAt, null, 'no break is due while the hearing is on one');
    h.wait(600);
    h.act(judge, { name: 'court:resume', command: {} });
    assert.equal(h.state.pauses.size, 0);
    assert.ok(Date.parse(view().breakDueAt!) > Date.parse(running) + 40 * 60_000, 'the next break counts from the end of this one');
    const adult = { ...child, vulnerability: 'adult' as const };
    const h2 = liveCourt(new Map([judge, officer, support, adult].map((p) => [p.id, p])), { courtLanguage: 'de' });
    const adultView = courtView(h2.state, judge, h2.ctx().participants).personsHeard[0]!.vulnerable!;
    assert.equal(Date.parse(adultView.breakDueAt!) - Date.parse(h2.state.runningSince!), 45 * 60_000, 'an adult: every 45 minutes');
  });

  it('is never left in a pause nobody can lift: sending her back ends the pause her support person’s absence caused', () => {
    const h = liveCourt(everyone, { courtLanguage: 'de' });
    h.act(judge, { name: 'court:remove', command: { participantId: support.id, reason: 'disturbed the hearing' } });
    assert.ok(h.state.pauses.has('support_absent'), 'her only support person removed: paused');
    h.act(judge, { name: 'court:send-back', command: { participantId: child.id } });
    assert.equal(h.state.pauses.size, 0, 'nobody vulnerable is left in the hearing: it goes on');
  });

  it('goes live paused when her support person left before the hearing went live', () => {
    const court = new CourtSession();
    const present = new Set<string>();
    let second = 0;
    const ctx = (): CourtContext => ({
      participants: everyone,
      present,
      hashDocumentNumber: (n) => n,
      newId: () => 'c',
      canSeal: present,
      courtLanguage: 'de',
      texts: MODEL_TEXT_BOOK,
    });
    const record = (actor: Participant, events: Decided[]) => {
      for (const e of events)
        court.record({
          type: e.type,
          at: new Date(Date.UTC(2026, 10, 26, 10, 0, second++)).toISOString(),
          actorId: actor.id,
          data: e.data as Record<string, unknown>,
        });
    };
    for (const p of everyone.values()) {
      present.add(p.id);
      record(p, onArrival(court.state, p, ctx()));
    }
    record(judge, decide(court.state, { name: 'court:admit', command: { participantId: support.id } }, judge, ctx()));
    record(judge, decide(court.state, { name: 'court:admit', command: { participantId: child.id } }, judge, ctx()));
    present.delete(support.id);
    record(support, onDeparture(court.state, support, ctx()));
    assert.equal(court.state.pauses.size, 0, 'not live yet: nothing to pause');
    record(judge, decide(court.state, { name: 'court:go-live', command: {} }, judge, ctx()));
    assert.equal(court.state.phase, 'live');
    assert.ok(court.state.pauses.has('support_absent'), 'live, and paused at once: she is not heard alone');
  });

  it('gives no break where nobody vulnerable is heard', () => {
    const plain = { ...child, vulnerability: null };
    const h = liveCourt(new Map([judge, officer, plain].map((p) => [p.id, p])), { courtLanguage: 'de' });
    assert.match(
      courtRefusal(() => decide(h.state, { name: 'court:break', command: { minutes: 10 } }, judge, h.ctx())),
      /^no_vulnerable_person/,
    );
    assert.equal(h.state.protections.has(plain.id), false, 'no default protection for a person who is not vulnerable');
  });
});
