/**
 * The court's media rules as a table a court can read: for each situation, who receives whose
 * streams, what the recording takes and which channel streams the court holds — computed by
 * `desiredMedia` from the court's state alone, as the SFU is then made to match.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  audioOnlyOf,
  desiredMedia,
  maskingOrdered,
  mayUnpause,
  refusesStream,
  startsPaused,
  type CourtCommand,
  type ReceiverFact,
  type StreamFact,
} from '../../courtroom/index.js';
import type { Participant } from '../../scheduling/index.js';
import { liveCourt } from '../support/live-court.js';
import { participantMaker } from '../support/people.js';

const someone = participantMaker('20000000');
const judge = someone('presiding_judge', 'Judge Berger', 'de');
const officer = someone('requested_officer', 'Officer Dupont', 'fr');
const witness = someone('person_heard', 'Maria Rossi', 'it');
const counsel = someone('counsel', 'Tom Okafor', 'it');
const observer = someone('observer', 'Press', 'en');
const lucia = someone('interpreter', 'Lucia Bianchi', 'it', { from: 'de', into: 'it' });
const paolo = someone('interpreter', 'Paolo Conti', 'it', { from: 'de', into: 'it' });
const everyone = new Map([judge, officer, witness, counsel, observer, lucia, paolo].map((p) => [p.id, p]));
const names = new Map([...everyone.values()].map((p) => [p.id, p.displayName]));

/** Each person sends a microphone and a camera; the interpreters also their channel and booth line. */
const streams: StreamFact[] = [...everyone.values()].flatMap((p) => {
  const floor: StreamFact[] = [
    { producerId: `${p.displayName}/microphone`, ownerId: p.id, kind: 'audio', source: 'microphone' },
    { producerId: `${p.displayName}/camera`, ownerId: p.id, kind: 'video', source: 'camera' },
  ];
  if (p.role !== 'interpreter') return floor;
  return [
    ...floor,
    { producerId: `${p.displayName}/channel`, ownerId: p.id, kind: 'audio', source: 'interpretation', channel: 'it' },
    { producerId: `${p.displayName}/booth`, ownerId: p.id, kind: 'audio', source: 'booth', channel: 'it' },
  ];
});

function hearing(listening: Record<string, string | null> = {}) {
  const court = liveCourt(everyone, { courtLanguage: 'de' });
  const people = () => new Map<string, ReceiverFact>([...everyone.values()].map((p) => [p.id, { participant: p, listening: listening[p.id] ?? null }]));
  const desired = () => desiredMedia(court.state, people(), streams);
  return {
    court,
    /** What `who` receives, as "Name/source", sorted. */
    receives: (who: Participant) => [...(desired().receive.get(who.id) ?? [])].sort(),
    /** Who receives `producer`, by name, sorted. */
    receivers: (producer: string) =>
      [...desired().receive]
        .filter(([, wanted]) => wanted.has(producer))
        .map(([id]) => names.get(id)!)
        .sort(),
    recorded: () => [...desired().record].sort(),
    held: () => [...desired().held].sort(),
  };
}

describe('who receives what, as the court’s state says', () => {
  it('a witness in the waiting room receives nothing, and nobody receives her', () => {
    const h = hearing();
    h.court.act(judge, { name: 'court:send-back', command: { participantId: witness.id } });
    assert.deepEqual(h.receives(witness), []);
    assert.deepEqual(h.receivers('Maria Rossi/microphone'), []);
    assert.deepEqual(h.receivers('Maria Rossi/camera'), []);
    assert.ok(!h.recorded().some((p) => p.startsWith('Maria Rossi/')), 'the waiting room is not recorded');
  });

  it('everyone in the courtroom sees and hears the witness, and she them; nobody receives their own stream', () => {
    const h = hearing();
    assert.deepEqual(h.receivers('Maria Rossi/camera'), ['Judge Berger', 'Lucia Bianchi', 'Officer Dupont', 'Paolo Conti', 'Press', 'Tom Okafor']);
    assert.ok(!h.receives(witness).some((p) => p.startsWith('Maria Rossi/')));
    assert.ok(h.receives(witness).includes('Judge Berger/camera'));
  });

  it('hiding her from observers takes her picture from the press only; lifting it gives it back', () => {
    const h = hearing();
    h.court.act(judge, { name: 'court:protect', command: measures({ hideVideoFromObservers: true, audioOnly: false }) });
    assert.ok(!h.receivers('Maria Rossi/camera').includes('Press'));
    assert.ok(h.receivers('Maria Rossi/microphone').includes('Press'), 'the press still hears her');
    assert.ok(h.receivers('Maria Rossi/camera').includes('Judge Berger'));
    h.court.act(judge, { name: 'court:protect', command: measures({ hideVideoFromObservers: false, audioOnly: false }) });
    assert.ok(h.receivers('Maria Rossi/camera').includes('Press'), 'lifting the protection gives the observer the camera back');
  });

  it('a camera the court stops with the person heard’s audio-only starts paused on every new stream and cannot be unpaused by her page; lifting the order frees it', () => {
    const h = hearing();
    assert.equal(startsPaused(h.court.state, witness, 'camera', false), false);
    h.court.act(judge, { name: 'court:order-audio-only', command: { participantId: witness.id, on: true, cameraOff: true } });
    assert.equal(startsPaused(h.court.state, witness, 'camera', false), true);
    assert.equal(mayUnpause(h.court.state, witness, 'camera'), false);
    assert.equal(mayUnpause(h.court.state, witness, 'microphone'), true, 'her voice stays hers to switch on');
    h.court.act(judge, { name: 'court:order-audio-only', command: { participantId: witness.id, on: false } });
    assert.equal(mayUnpause(h.court.state, witness, 'camera'), true);
  });

  it('on audio-only a receiver gets no video; only the link’s own verdict keeps the speaker’s camera, and the court’s order may stop her own camera too', () => {
    const h = hearing();
    assert.deepEqual(audioOnlyOf(h.court.state, witness.id), { incomingVideo: null, cameraOff: false });
    h.court.act(judge, { name: 'court:order-audio-only', command: { participantId: witness.id, on: true, cameraOff: true } });
    assert.deepEqual(audioOnlyOf(h.court.state, witness.id), { incomingVideo: { keepSpeaker: false }, cameraOff: true });
    h.court.act(judge, { name: 'court:order-audio-only', command: { participantId: witness.id, on: false } });
    assert.deepEqual(audioOnlyOf(h.court.state, witness.id), { incomingVideo: null, cameraOff: false }, 'lifting the order gives everything back');
  });

  it('a protection that orders audio only refuses her a camera at all, not her microphone', () => {
    const h = hearing();
    assert.equal(refusesStream(h.court.state, witness, 'camera'), null);
    h.court.act(judge, { name: 'court:protect', command: measures({ hideVideoFromObservers: false, audioOnly: true }) });
    assert.equal(refusesStream(h.court.state, witness, 'camera'), 'audio_only');
    assert.equal(refusesStream(h.court.state, witness, 'microphone'), null);
  });

  it('a protection that masks her voice or picture refuses any stream whose page does not declare at least that masking', () => {
    const h = hearing();
    assert.equal(refusesStream(h.court.state, witness, 'microphone'), null, 'nothing ordered: her streams are hers');
    h.court.act(judge, { name: 'court:protect', command: measures({ voiceMasking: true, faceMasking: 'pixelate' }) });
    assert.equal(refusesStream(h.court.state, witness, 'microphone'), 'unmasked');
    assert.equal(refusesStream(h.court.state, witness, 'microphone', { voice: false, face: 'pixelate' }), 'unmasked');
    assert.equal(refusesStream(h.court.state, witness, 'microphone', { voice: true, face: 'none' }), null);
    assert.equal(refusesStream(h.court.state, witness, 'camera', { voice: true, face: 'none' }), 'unmasked');
    assert.equal(refusesStream(h.court.state, witness, 'camera', { voice: false, face: 'pixelate' }), null);
    assert.equal(refusesStream(h.court.state, witness, 'camera', { voice: false, face: 'replace' }), null, 'a stronger masking than ordered is taken');
    assert.equal(refusesStream(h.court.state, judge, 'camera'), null, 'the measure is hers, not the court’s');
    h.court.act(judge, { name: 'court:protect', command: measures({ faceMasking: 'replace' }) });
    assert.equal(refusesStream(h.court.state, witness, 'camera', { voice: false, face: 'pixelate' }), 'unmasked', 'a pixelated picture is not a replaced one');
    assert.equal(refusesStream(h.court.state, witness, 'microphone'), null, 'her voice is no longer masked by order');
    assert.deepEqual(maskingOrdered(h.court.state, witness.id), { voice: false, face: 'replace' });
  });

  it('the public gallery shows only the floor of those in the courtroom, never a channel, a booth or a consultation, and nothing while closed', () => {
    const h = hearing();
    const shown = () =>
      [...desiredMedia(h.court.state, new Map([...everyone.values()].map((p) => [p.id, { participant: p, listening: null }])), streams).gallery].sort();
    assert.deepEqual(shown(), [], 'closed: nothing');
    h.court.act(judge, { name: 'court:gallery', command: { open: true } });
    assert.ok(shown().includes('Maria Rossi/camera') && shown().includes('Judge Berger/microphone'));
    assert.ok(!shown().some((p) => p.endsWith('/channel') || p.endsWith('/booth')), 'no channel, no booth');
    h.court.act(counsel, { name: 'court:consult', command: { withParticipantIds: [witness.id] } });
    assert.ok(!shown().some((p) => p.startsWith('Maria Rossi/') || p.startsWith('Tom Okafor/')), 'nothing of a private consultation');
  });

  it('a protective measure or a private sitting closes the gallery in the same decision, and keeps it from opening', () => {
    const h = hearing();
    h.court.act(judge, { name: 'court:gallery', command: { open: true } });
    const decided = h.court.act(judge, { name: 'court:protect', command: measures({ voiceMasking: true }) });
    assert.deepEqual(
      decided.map((d) => d.type),
      ['protection.set', 'gallery.closed'],
    );
    assert.equal(h.court.state.gallery, null);
    assert.throws(() => h.court.act(judge, { name: 'court:gallery', command: { open: true } }), /protective measure applies/);
    h.court.act(judge, { name: 'court:protect', command: measures({}) });
    h.court.act(judge, { name: 'court:gallery', command: { open: true } });
    const privately = h.court.act(judge, { name: 'court:private', command: { on: true, reason: 'the protection of private life' } });
    assert.deepEqual(
      privately.map((d) => d.type),
      ['hearing.private_ordered', 'gallery.closed'],
    );
    assert.throws(() => h.court.act(judge, { name: 'court:gallery', command: { open: true } }), /sits in private/);
  });

  it('audio only keeps her picture from everyone and out of the recording, never her voice', () => {
    const h = hearing();
    h.court.act(judge, { name: 'court:protect', command: measures({ hideVideoFromObservers: false, audioOnly: true }) });
    assert.deepEqual(h.receivers('Maria Rossi/camera'), []);
    assert.ok(!h.recorded().includes('Maria Rossi/camera'));
    assert.ok(h.recorded().includes('Maria Rossi/microphone'));
    assert.equal(h.receivers('Maria Rossi/microphone').length, 6);
  });

  it('a private consultation is a room of its own: its members and the court receive nothing of each other, and it is not recorded', () => {
    const h = hearing();
    h.court.act(counsel, { name: 'court:consult', command: { withParticipantIds: [witness.id] } });
    assert.deepEqual(h.receivers('Maria Rossi/microphone'), ['Tom Okafor']);
    assert.deepEqual(h.receives(counsel), ['Maria Rossi/camera', 'Maria Rossi/microphone']);
    assert.ok(!h.receives(judge).some((p) => p.startsWith('Tom Okafor/') || p.startsWith('Maria Rossi/')));
    assert.ok(!h.recorded().some((p) => p.startsWith('Tom Okafor/') || p.startsWith('Maria Rossi/')));
  });
});

describe('interpretation, as the court’s state says', () => {
  it('the Italian listener hears the live interpreter, never the idle partner; only the booth hears the booth line', () => {
    const h = hearing({ [witness.id]: 'it' });
    h.court.act(lucia, { name: 'interpretation:take', command: {} });
    assert.deepEqual(h.held(), ['Paolo Conti/channel'], 'the court holds the idle partner’s channel stream');
    // She is offered both booth members' channel streams; only Lucia's is live (Paolo's is held at the SFU).
    assert.ok(h.receives(witness).includes('Lucia Bianchi/channel'));
    assert.deepEqual(h.receivers('Lucia Bianchi/booth'), ['Paolo Conti']);
    assert.ok(!h.receives(judge).some((p) => p.endsWith('/channel')), 'the judge listens to the floor');
    h.court.act(lucia, { name: 'interpretation:hand-over', command: {} });
    assert.deepEqual(h.held(), ['Lucia Bianchi/channel'], 'after the handover the court holds Lucia’s, not Paolo’s');
  });

  it('in consecutive mode every channel stream is held', () => {
    const h = hearing();
    h.court.act(lucia, { name: 'interpretation:take', command: {} });
    h.court.act(judge, { name: 'interpretation:mode', command: { mode: 'consecutive' } });
    assert.deepEqual(h.held(), ['Lucia Bianchi/channel', 'Paolo Conti/channel']);
  });
});

/** A protective order for the witness: nothing but what is named. */
function measures(ordered: Partial<Omit<CourtCommand<'court:protect'>, 'participantId'>>) {
  return {
    participantId: witness.id,
    pseudonym: null,
    hideVideoFromObservers: false,
    audioOnly: false,
    voiceMasking: false,
    faceMasking: 'none' as const,
    hideLocation: false,
    restrictRecording: false,
    ...ordered,
  };
}
