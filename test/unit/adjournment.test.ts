/**
 * Adjournment by the court's rules alone: the judge adjourns a sitting with a reason; what ran in the
 * room ends in the record in order (testimony, recording, the gallery), everyone is out of the room,
 * and what the court established — the oath, protective measures — stands for the next sitting, which
 * opens when the judge arrives again and continues the same record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CourtError, CourtSession, decide, onArrival } from '../../courtroom/index.js';
import { courtRefusal, liveCourt } from '../support/live-court.js';
import { participantMaker } from '../support/people.js';

const someone = participantMaker('40000000');
const judge = someone('presiding_judge', 'Judge Berger', 'de');
const officer = someone('requested_officer', 'Officer Dupont', 'fr');
const witness = someone('person_heard', 'Marta Silva', 'pt');
const everyone = new Map([judge, officer, witness].map((p) => [p.id, p]));

/** A live sitting with the witness sworn, her testimony and the recording running, and the public gallery open. */
function sittingUnderWay() {
  const h = liveCourt(everyone, { courtLanguage: 'de' });
  const notice = { id: 'rights', version: '1', language: 'pt', sha256: 'a'.repeat(64) };
  h.record(officer, [{ type: 'identity.verified', data: { participantId: witness.id, method: 'personal_knowledge', match: true, photoCompared: false } }]);
  h.record(witness, [{ type: 'rights.acknowledged', data: { participantId: witness.id, notice } }]);
  h.record(witness, [{ type: 'oath.taken', data: { participantId: witness.id, form: 'affirmation', language: 'pt' } }]);
  h.act(judge, { name: 'court:gallery', command: { open: true } });
  h.act(judge, { name: 'court:start-recording', command: { legalBasis: 'Art. 24 EIO Directive' } });
  h.act(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } });
  return h;
}

describe('adjournment to a new date', () => {
  it('ends what ran in the room, in order, and takes everyone out of it', () => {
    const h = sittingUnderWay();
    const decided = h.act(judge, { name: 'court:adjourn', command: { reason: 'The interpreter into Portuguese fell ill' } });
    assert.deepEqual(
      decided.map((d) => (d.type === 'recording.stopped' || d.type === 'gallery.closed' ? `${d.type}:${(d.data as { cause: string }).cause}` : d.type)),
      ['testimony.ended', 'recording.stopped:adjourned', 'hearing.adjourned', 'gallery.closed:adjourned'],
    );
    assert.equal(h.state.phase, 'awaiting_judge', 'the court waits for its judge at the next sitting');
    assert.deepEqual(h.state.adjourned?.reason, 'The interpreter into Portuguese fell ill');
    assert.equal(h.state.admitted.size, 0, 'nobody is left in the room');
    assert.equal(h.state.testimony, null);
    assert.equal(h.state.recording, null);
    assert.equal(h.state.gallery, null);
    assert.ok(h.state.gates.get(witness.id)?.has('oath'), 'her affirmation stands for the next sitting');
  });

  it('is refused when the court is not sitting, and after the end', () => {
    const h = sittingUnderWay();
    h.act(judge, { name: 'court:adjourn', command: { reason: 'The interpreter into Portuguese fell ill' } });
    assert.match(
      courtRefusal(() => decide(h.state, { name: 'court:adjourn', command: { reason: 'Again, by mistake' } }, judge, h.ctx())),
      /^not_sitting: The court is not sitting/,
    );
    const ended = liveCourt(everyone, { courtLanguage: 'de' });
    ended.act(judge, { name: 'court:end', command: {} });
    assert.match(
      courtRefusal(() => decide(ended.state, { name: 'court:adjourn', command: { reason: 'Too late now' } }, judge, ended.ctx())),
      /^hearing_ended/,
    );
  });

  it('continues at the next sitting from the same record: the judge opens it, everyone comes through the waiting room, the oath still binds', () => {
    const h = sittingUnderWay();
    h.act(judge, { name: 'court:adjourn', command: { reason: 'The interpreter into Portuguese fell ill' } });
    // Everyone's connection ended with the sitting; they come back on the new date.
    h.present.clear();
    h.present.add(witness.id);
    h.record(witness, onArrival(h.state, witness, h.ctx()));
    assert.ok(h.state.waiting.has(witness.id), 'before the judge, she waits');
    assert.equal(h.state.phase, 'awaiting_judge');
    h.present.add(judge.id);
    const opened = h.record(judge, onArrival(h.state, judge, h.ctx()));
    assert.deepEqual(
      opened.map((d) => d.type),
      ['hearing.opened'],
    );
    assert.equal(h.state.sittings, 2);
    assert.equal(h.state.adjourned, null);
    h.present.add(officer.id);
    h.record(officer, onArrival(h.state, officer, h.ctx()));
    h.act(judge, { name: 'court:admit', command: { participantId: witness.id } });
    h.act(judge, { name: 'court:go-live', command: {} });
    // No second oath: the testimony resumes on the one she gave at the first sitting.
    const resumed = h.act(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } });
    assert.deepEqual(
      resumed.map((d) => d.type),
      ['testimony.started'],
    );
    // The record alone rebuilds the same court: the second sitting, the oath, who is in the room.
    const replayed = CourtSession.fromRecord(h.entries).state;
    assert.equal(replayed.sittings, 2);
    assert.equal(replayed.testimony, witness.id);
    assert.deepEqual([...replayed.admitted].sort(), [...h.state.admitted].sort());
  });
});
