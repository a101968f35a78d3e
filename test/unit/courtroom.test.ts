/**
 * The court's rules, decided against the state alone (no sockets, no store): who may do what, when,
 * and what goes into the record.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { CourtError, CourtSession, decide, MODEL_TEXT_BOOK, onArrival, onDeparture, type CourtContext, type Decided } from '../../courtroom/index.js';
import type { NamedCourtCommand } from '../../courtroom/decide.js';
import type { Participant, Role, Capacity } from '../../scheduling/index.js';

let counter = 0;
function person(role: Role, displayName: string, capacity: Capacity | null = null, language: string | null = null): Participant {
  counter += 1;
  return { id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, hearingId: 'h', displayName, role, capacity, language, createdAt: '' };
}

const judge = person('presiding_judge', 'Judge Berger');
const officer = person('requested_officer', 'Officer Dupont');
const witness = person('person_heard', 'Maria Rossi', 'witness', 'fr');
const accused = person('person_heard', 'Jan Novak', 'accused', 'de');
const counsel = person('counsel', 'Tom Okafor');
const everyone = new Map([judge, officer, witness, accused, counsel].map((p) => [p.id, p]));

/** A hearing with a record, and the people connected to it. */
function hearing() {
  const session = new CourtSession();
  const log: { type: string; at: string; actorId: string | null; data: Record<string, unknown> }[] = [];
  const present = new Set<string>();
  let clock = 0;
  const ctx = (): CourtContext => ({
    participants: everyone,
    present,
    hashDocumentNumber: (n) => createHmac('sha256', 'test-identity-key').update(n).digest('hex'),
    newId: randomUUID,
    canSeal: present,
    courtLanguage: 'en',
    texts: MODEL_TEXT_BOOK,
  });
  const record = (actor: Participant, events: Decided[]) => {
    for (const e of events) {
      const entry = {
        type: e.type,
        at: new Date(Date.UTC(2026, 10, 26, 9, 0, clock++)).toISOString(),
        actorId: actor.id,
        data: e.data as Record<string, unknown>,
      };
      log.push(entry);
      session.record(entry);
    }
    return events.map((e) => e.type);
  };
  return {
    state: session.state,
    log,
    arrive(p: Participant) {
      present.add(p.id);
      return record(p, onArrival(session.state, p, ctx()));
    },
    depart(p: Participant) {
      present.delete(p.id);
      return record(p, onDeparture(session.state, p, ctx()));
    },
    act(actor: Participant, request: NamedCourtCommand) {
      return record(actor, decide(session.state, request, actor, ctx()));
    },
    refused(actor: Participant, request: NamedCourtCommand, code: string) {
      assert.throws(
        () => decide(session.state, request, actor, ctx()),
        (e: unknown) => e instanceof CourtError && e.code === code,
      );
    },
  };
}

/** Judge and officer present, the hearing live, the witness admitted. */
function liveWithWitness() {
  const h = hearing();
  h.arrive(judge);
  h.arrive(officer);
  h.arrive(witness);
  h.act(judge, { name: 'court:admit', command: { participantId: witness.id } });
  h.act(judge, { name: 'court:go-live', command: {} });
  return h;
}

/** The accused's identity checked and her rights put before her and acknowledged: every gate but consent. */
function identifyAndInformAccused(h: ReturnType<typeof hearing>) {
  h.act(officer, { name: 'court:verify-identity', command: { participantId: accused.id, method: 'official_record', match: true, photoCompared: true } });
  h.act(officer, { name: 'court:show-rights', command: { participantId: accused.id, language: 'de' } });
  h.act(accused, { name: 'court:acknowledge-rights', command: {} });
}

function accusedConsents(h: ReturnType<typeof hearing>) {
  h.act(officer, {
    name: 'court:record-consent',
    command: { participantId: accused.id, language: 'de', method: 'oral_on_record', interpreterPresent: true, lawyerPresent: true },
  });
}

function passWitnessGates(h: ReturnType<typeof hearing>) {
  h.act(officer, {
    name: 'court:verify-identity',
    command: {
      participantId: witness.id,
      method: 'identity_document',
      documentType: 'passport',
      issuingCountry: 'IT',
      documentNumber: 'YA 1234567',
      match: true,
      photoCompared: true,
    },
  });
  h.act(officer, { name: 'court:show-rights', command: { participantId: witness.id, language: 'fr' } });
  h.act(witness, { name: 'court:acknowledge-rights', command: {} });
  h.act(officer, { name: 'court:record-oath', command: { participantId: witness.id, form: 'oath', language: 'fr' } });
}

describe('the waiting room', () => {
  it('nobody bypasses it by arriving before the judge', () => {
    const h = hearing();
    assert.deepEqual(h.arrive(witness), ['lobby.waiting']);
    assert.deepEqual(h.arrive(judge), ['hearing.opened']);
    assert.ok(h.state.waiting.has(witness.id));
    assert.equal(h.state.admitted.has(witness.id), false);
  });

  it('the judge admits, sends back and removes; the judicial authorities never wait', () => {
    const h = hearing();
    h.arrive(judge);
    assert.deepEqual(h.arrive(officer), []);
    h.arrive(counsel);
    h.act(judge, { name: 'court:admit', command: { participantId: counsel.id } });
    assert.ok(h.state.admitted.has(counsel.id));
    h.act(judge, { name: 'court:send-back', command: { participantId: counsel.id } });
    assert.ok(h.state.waiting.has(counsel.id));
    h.refused(judge, { name: 'court:send-back', command: { participantId: officer.id } }, 'judicial_role');
    h.act(judge, { name: 'court:remove', command: { participantId: counsel.id, reason: 'disrupted the hearing' } });
    h.refused(judge, { name: 'court:admit', command: { participantId: counsel.id } }, 'removed');
  });

  it('no one can be admitted while the hearing is paused', () => {
    const h = liveWithWitness();
    h.arrive(counsel);
    h.act(judge, { name: 'court:pause', command: { reason: 'a short break' } });
    h.refused(judge, { name: 'court:admit', command: { participantId: counsel.id } }, 'hearing_paused');
  });
});

describe('the two judicial authorities', () => {
  it('the hearing cannot go live without the requested-state officer', () => {
    const h = hearing();
    h.arrive(judge);
    h.refused(judge, { name: 'court:go-live', command: {} }, 'officer_absent');
    h.arrive(officer);
    assert.deepEqual(h.act(judge, { name: 'court:go-live', command: {} }), ['hearing.live']);
  });

  it('the hearing pauses while no judge is connected, and resumes when the judge is back with every power', () => {
    const h = liveWithWitness();
    assert.deepEqual(h.depart(judge), ['hearing.paused']);
    assert.ok(h.state.pauses.has('judge_absent'));
    assert.deepEqual(h.arrive(judge), ['hearing.resumed']);
    assert.equal(h.state.pauses.size, 0);
    h.arrive(counsel);
    assert.deepEqual(h.act(judge, { name: 'court:admit', command: { participantId: counsel.id } }), ['lobby.admitted']);
  });

  it('the hearing pauses while the officer is away', () => {
    const h = liveWithWitness();
    assert.deepEqual(h.depart(officer), ['hearing.paused']);
    assert.ok(h.state.pauses.has('officer_absent'));
    assert.deepEqual(h.arrive(officer), ['hearing.resumed']);
  });

  it('the officer’s intervention takes a reason, and the requesting side cannot lift it', () => {
    const h = liveWithWitness();
    assert.deepEqual(h.act(officer, { name: 'court:intervene', command: { action: 'suspend', reason: 'the caution was not interpreted' } }), [
      'officer.intervened',
      'hearing.paused',
    ]);
    h.refused(judge, { name: 'court:resume', command: {} }, 'officer_intervention');
    h.refused(judge, { name: 'court:mute', command: { participantId: officer.id } }, 'judicial_role');
    assert.deepEqual(h.act(officer, { name: 'court:lift-intervention', command: {} }), ['hearing.resumed']);
    assert.equal(h.state.pauses.size, 0);
  });

  it('the officer can end the hearing', () => {
    const h = liveWithWitness();
    assert.deepEqual(h.act(officer, { name: 'court:intervene', command: { action: 'end', reason: 'fundamental principles at stake' } }), [
      'officer.intervened',
      'hearing.ended',
    ]);
    assert.equal(h.state.phase, 'ended');
  });
});

describe('gates before testimony', () => {
  it('testimony cannot start until identity, rights and oath are recorded, and says which are missing', () => {
    const h = liveWithWitness();
    try {
      decide(h.state, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } }, judge, {
        participants: everyone,
        present: new Set(),
        hashDocumentNumber: () => '',
        newId: randomUUID,
        canSeal: new Set<string>(),
        courtLanguage: 'en',
        texts: MODEL_TEXT_BOOK,
      });
      assert.fail('testimony started before the gates');
    } catch (error) {
      assert.ok(error instanceof CourtError);
      assert.equal(error.code, 'gates_missing');
      assert.match(error.message, /identity verified.*rights and caution acknowledged.*oath or affirmation taken/);
    }
    passWitnessGates(h);
    assert.deepEqual(h.act(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } }), ['testimony.started']);
  });

  it('one person testifies at a time: starting the next one’s testimony records the end of the first’s', () => {
    const h = liveWithWitness();
    passWitnessGates(h);
    h.act(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } });
    h.refused(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } }, 'already_testifying');
    h.arrive(accused);
    h.act(judge, { name: 'court:admit', command: { participantId: accused.id } });
    identifyAndInformAccused(h);
    accusedConsents(h);
    assert.deepEqual(h.act(judge, { name: 'court:testimony', command: { participantId: accused.id, action: 'start' } }), [
      'testimony.ended',
      'testimony.started',
    ]);
    assert.equal(h.state.testimony, accused.id);
  });

  it('testimony cannot start while the hearing is paused', () => {
    const h = liveWithWitness();
    passWitnessGates(h);
    h.act(judge, { name: 'court:pause', command: {} });
    h.refused(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } }, 'not_running');
  });

  it('a failed identity check does not open the gate', () => {
    const h = liveWithWitness();
    h.act(officer, { name: 'court:verify-identity', command: { participantId: witness.id, method: 'personal_knowledge', match: false, photoCompared: false } });
    assert.equal(h.state.gates.get(witness.id)?.has('identity') ?? false, false);
  });

  it('keeps a document number only as a keyed hash and its last characters', () => {
    const h = hearing();
    h.arrive(officer);
    const [verified] = decide(
      h.state,
      {
        name: 'court:verify-identity',
        command: {
          participantId: witness.id,
          method: 'identity_document',
          documentType: 'passport',
          issuingCountry: 'IT',
          documentNumber: 'ya-123 4567',
          match: true,
          photoCompared: true,
        },
      },
      officer,
      {
        participants: everyone,
        present: new Set(),
        hashDocumentNumber: (n) => createHmac('sha256', 'k').update(n).digest('hex'),
        newId: randomUUID,
        canSeal: new Set<string>(),
        courtLanguage: 'en',
        texts: MODEL_TEXT_BOOK,
      },
    );
    const data = verified!.data as Record<string, unknown>;
    assert.equal(data.documentNumberLast, '567');
    assert.equal(data.documentNumberHash, createHmac('sha256', 'k').update('YA1234567').digest('hex'));
    assert.equal(JSON.stringify(data).includes('1234567'), false, 'the number itself is nowhere');
  });

  it('the person heard can acknowledge only rights that were shown to them, and the record names the exact text', () => {
    const h = liveWithWitness();
    h.refused(witness, { name: 'court:acknowledge-rights', command: {} }, 'rights_not_shown');
    h.act(officer, { name: 'court:show-rights', command: { participantId: witness.id, language: 'fr' } });
    const [ack] = decide(h.state, { name: 'court:acknowledge-rights', command: {} }, witness, {
      participants: everyone,
      present: new Set(),
      hashDocumentNumber: () => '',
      newId: randomUUID,
      canSeal: new Set<string>(),
      courtLanguage: 'en',
      texts: MODEL_TEXT_BOOK,
    });
    const notice = (ack!.data as { notice: { language: string; sha256: string; version: string } }).notice;
    assert.equal(notice.language, 'fr');
    assert.match(notice.sha256, /^[0-9a-f]{64}$/);
  });

  it('an accused needs consent instead of an oath, and withdrawing it pauses the hearing until consent is given again', () => {
    const h = hearing();
    h.arrive(judge);
    h.arrive(officer);
    h.arrive(accused);
    h.act(judge, { name: 'court:admit', command: { participantId: accused.id } });
    h.act(judge, { name: 'court:go-live', command: {} });
    identifyAndInformAccused(h);
    h.refused(judge, { name: 'court:testimony', command: { participantId: accused.id, action: 'start' } }, 'gates_missing');
    accusedConsents(h);
    h.act(judge, { name: 'court:testimony', command: { participantId: accused.id, action: 'start' } });
    assert.deepEqual(h.act(accused, { name: 'court:withdraw-consent', command: {} }), ['consent.withdrawn', 'testimony.ended', 'hearing.paused']);
    h.refused(judge, { name: 'court:resume', command: {} }, 'not_paused');
    assert.deepEqual(
      h.act(officer, {
        name: 'court:record-consent',
        command: { participantId: accused.id, language: 'de', method: 'oral_on_record', interpreterPresent: true, lawyerPresent: true },
      }),
      ['consent.given', 'hearing.resumed'],
    );
  });
});

describe('the private consultation', () => {
  function consulting() {
    const h = liveWithWitness();
    h.arrive(counsel);
    h.act(judge, { name: 'court:admit', command: { participantId: counsel.id } });
    return h;
  }

  it('is between counsel and the person heard, and only those whose browsers can seal it', () => {
    const h = consulting();
    h.refused(judge, { name: 'court:consult', command: { withParticipantIds: [witness.id] } }, 'not_consultation_member');
    h.refused(counsel, { name: 'court:consult', command: { withParticipantIds: [officer.id] } }, 'not_consultation_member');
    assert.deepEqual(h.act(counsel, { name: 'court:consult', command: { withParticipantIds: [witness.id] } }), ['consultation.started']);
    h.refused(witness, { name: 'court:consult', command: { withParticipantIds: [counsel.id] } }, 'already_consulting');
  });

  it('stops testimony, and testimony cannot start while the person heard consults', () => {
    const h = consulting();
    passWitnessGates(h);
    h.act(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } });
    assert.deepEqual(h.act(witness, { name: 'court:consult', command: { withParticipantIds: [counsel.id] } }), ['testimony.ended', 'consultation.started']);
    h.refused(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } }, 'in_consultation');
  });

  it('ends when a member’s connection ends, and only a member can end it', () => {
    const h = consulting();
    h.act(counsel, { name: 'court:consult', command: { withParticipantIds: [witness.id] } });
    const [consultationId] = [...h.state.consultations.keys()];
    h.refused(judge, { name: 'court:end-consultation', command: { consultationId: consultationId! } }, 'not_consultation_member');
    assert.deepEqual(h.depart(counsel), ['consultation.ended']);
    assert.equal(h.state.consultations.size, 0);
  });

  it('testimony cannot start while the person heard is not connected', () => {
    const h = liveWithWitness();
    passWitnessGates(h);
    h.depart(witness);
    h.refused(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } }, 'not_connected');
  });

  it('nothing is recorded about a hearing after it ended', () => {
    const h = liveWithWitness();
    h.act(judge, { name: 'court:end', command: {} });
    h.refused(officer, { name: 'court:record-oath', command: { participantId: witness.id, form: 'oath', language: 'en' } }, 'hearing_ended');
    h.refused(witness, { name: 'court:claim-privilege', command: { basis: 'after the end' } }, 'hearing_ended');
  });
});

describe('recording', () => {
  const basis = { legalBasis: 'Order of the court of 3 May, Art. 24 of the Regulation' };

  it('is off by default; only a legal basis starts it, and it cannot be started twice', () => {
    const h = liveWithWitness();
    const running = () => h.state.recording;
    assert.equal(running(), null);
    h.refused(judge, { name: 'court:stop-recording', command: {} }, 'not_recording');
    assert.deepEqual(h.act(judge, { name: 'court:start-recording', command: basis }), ['recording.started']);
    assert.equal(running()?.legalBasis, basis.legalBasis);
    assert.equal(h.log.at(-1)?.data.legalBasis, basis.legalBasis, 'the record holds the legal basis');
    h.refused(judge, { name: 'court:start-recording', command: basis }, 'already_recording');
    assert.deepEqual(h.act(judge, { name: 'court:stop-recording', command: {} }), ['recording.stopped']);
    assert.equal(h.log.at(-1)?.data.cause, 'judge');
    assert.equal(h.state.recording, null);
  });

  it('the officer’s intervention stops it without pausing the hearing', () => {
    const h = liveWithWitness();
    h.act(judge, { name: 'court:start-recording', command: basis });
    const id = h.state.recording?.recordingId;
    assert.deepEqual(h.act(officer, { name: 'court:intervene', command: { action: 'stop_recording', reason: 'no legal basis in our law' } }), [
      'officer.intervened',
      'recording.stopped',
    ]);
    assert.deepEqual(h.log.at(-1)?.data, { recordingId: id, cause: 'officer' });
    assert.equal(h.state.recording, null);
    assert.equal(h.state.pauses.size, 0);
  });

  it('ends with the hearing, and a replayed record knows whether it runs', () => {
    const h = liveWithWitness();
    h.act(judge, { name: 'court:start-recording', command: basis });
    assert.deepEqual(CourtSession.fromRecord(h.log).state.recording, h.state.recording);
    assert.deepEqual(h.act(judge, { name: 'court:end', command: {} }), ['recording.stopped', 'hearing.ended']);
    assert.equal(h.log.at(-2)?.data.cause, 'hearing_ended');
    h.refused(judge, { name: 'court:start-recording', command: basis }, 'hearing_ended');
  });
});

describe('the record is the state', () => {
  it('replaying a hearing’s record gives the same state', () => {
    const h = liveWithWitness();
    passWitnessGates(h);
    h.arrive(counsel);
    h.act(judge, { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } });
    h.act(judge, { name: 'court:admit', command: { participantId: counsel.id } });
    h.act(counsel, { name: 'court:consult', command: { withParticipantIds: [witness.id] } });
    h.depart(officer);
    const replayed = CourtSession.fromRecord(h.log).state;
    assert.deepEqual(replayed, h.state);
    assert.ok(replayed.pauses.has('officer_absent'));
    assert.equal(replayed.testimony, null, 'the consultation ended the testimony');
    assert.equal(replayed.consultations.size, 1);
  });
});
