/**
 * The bytes of the minutes of one rich record, pinned. A signed copy of the minutes is checked by
 * generating them again from the same record, so the same record must give the same bytes for as
 * long as signed copies exist: any change to them here is a change to every signed copy's check.
 *
 * The record holds a bit of everything: a court in German with a French officer (two versions side
 * by side), a witness under a pseudonym whose real name slips into typed reasons, a protection
 * lifted, entries the catalogue cannot read, failed and passed identity checks, rights, consent
 * withdrawn and given again, an affirmation and an oath, overlapping pauses, relay interpretation
 * and handovers, audio-only periods of every cause (one ended by a lost connection), a recording
 * interrupted, sealed short with holes, one that failed and one the server resumed, removals, two
 * officer's statements, and entries after the signature that the minutes do not cover.
 *
 * To write the expected files again after a deliberate change (a new minutes format):
 * HEARING_ROOM_WRITE_GOLDEN=1 node --import tsx --test test/unit/minutes-golden.test.ts
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  canonicalJson,
  entryHash,
  generateMinutes,
  GENESIS,
  minutesJson,
  renderMinutesHtml,
  sha256Hex,
  type MinutesStatus,
  type Sites,
} from '../../record/index.js';
import type { Hearing, Participant } from '../../scheduling/index.js';
import type { HearingEvent } from '../../store/index.js';

const GOLDEN = new URL('./minutes-golden/', import.meta.url);
const START = '2026-03-02T08:00:00.000Z';
const HEARING_ID = 'a1b2c3d4-0000-4000-8000-000000000001';

const hearing: Hearing = {
  id: HEARING_ID,
  title: 'Hearing of a witness and an accused in Lyon',
  caseReference: '512 Js 77/26',
  status: 'live',
  scheduledStart: START,
  scheduledEnd: '2026-03-02T12:00:00.000Z',
  courtLanguage: 'de',
  createdAt: START,
};
const person = (id: string, displayName: string, role: Participant['role'], more: Partial<Participant> = {}): Participant => ({
  id,
  hearingId: HEARING_ID,
  displayName,
  role,
  capacity: null,
  language: null,
  interprets: null,
  createdAt: START,
  ...more,
});
const participants: Participant[] = [
  person('judge', 'Richterin Klara Hahn', 'presiding_judge', { language: 'de' }),
  person('officer', 'Juge Amélie Dubois', 'requested_officer', { language: 'fr' }),
  person('witness', 'Jean-Luc Martin', 'person_heard', { capacity: 'witness', language: 'fr' }),
  person('accused', 'Pierre Lefèvre', 'person_heard', { capacity: 'accused', language: 'fr' }),
  person('counsel', 'Maître Sophie Roux', 'counsel'),
  person('prosecutor', 'Staatsanwalt Jens Ulm', 'prosecutor'),
  person('clerk', 'Lea Brandt', 'clerk'),
  person('observer', 'Press Observer', 'observer'),
  person('int1', 'Claire Petit', 'interpreter', { language: 'fr', interprets: { from: 'de', into: 'fr' } }),
  person('int2', 'Hugo Blanc', 'interpreter', { language: 'fr', interprets: { from: 'de', into: 'fr' } }),
  person('int3', 'Ana Lima', 'interpreter', { language: 'pt-BR', interprets: { from: 'fr', into: 'pt-BR' } }),
  person('int4', 'Never Connected', 'interpreter', { language: 'en', interprets: { from: 'de', into: 'en' } }),
];
const sites: Sites = {
  requesting: { authority: 'Landgericht Köln', place: 'Köln, Germany', timeZone: 'Europe/Berlin' },
  requested: { authority: 'Tribunal judiciaire de Lyon', place: 'Lyon, France', timeZone: 'Europe/Paris' },
  of: { judge: 'requesting', clerk: 'requesting', counsel: 'requested', int1: 'requested' },
};
const RIGHTS = { id: 'rights-witness', version: '3', language: 'fr', sha256: 'b'.repeat(64), source: 'authority' };
const CONSENT = { id: 'consent-accused', version: '1', language: 'fr', sha256: 'c'.repeat(64), source: 'model' };
const OATH = { id: 'oath', version: '2', language: 'fr', sha256: 'd'.repeat(64) };

/** The record, chained as the store chains it, one entry every 37 seconds unless told otherwise. */
function record(): HearingEvent[] {
  const events: HearingEvent[] = [];
  let t = Date.parse(START);
  const e = (actorId: string | null, type: string, data: Record<string, unknown> = {}, seconds = 37) => {
    t += seconds * 1000;
    const entry = {
      hearingId: HEARING_ID,
      seq: events.length + 1,
      at: new Date(t).toISOString(),
      actorId,
      type,
      data,
      prevHash: events.at(-1)?.hash ?? GENESIS,
    };
    events.push({ ...entry, hash: entryHash(entry) });
  };
  e(null, 'hearing.created', { source: 'request' });
  e('judge', 'participant.entered', { role: 'presiding_judge' });
  e('judge', 'hearing.opened');
  e('judge', 'an.unknown_type', { anything: 1 });
  e('judge', 'lobby.admitted', { nobody: true });
  e('officer', 'participant.entered', { role: 'requested_officer' });
  e('officer', 'participant.identity_confirmed', { participantId: 'officer', displayName: 'Amélie Dubois', function: 'Juge' });
  e('judge', 'participant.identity_confirmed', { participantId: 'clerk', displayName: 'Lea Brandt-Meyer', function: 'Clerk' });
  e('judge', 'participant.identity_confirmed', { participantId: 'witness', displayName: 'J. Martin', function: 'Witness' });
  e('clerk', 'participant.entered', { role: 'clerk' });
  e('int1', 'participant.entered', { role: 'interpreter' });
  e(null, 'lobby.waiting', { participantId: 'int1' });
  e('judge', 'lobby.admitted', { participantId: 'int1' });
  e('int1', 'interpretation.live', { channel: 'fr', participantId: 'int1', relayFrom: null });
  e('int3', 'participant.entered', { role: 'interpreter' });
  e('int3', 'interpretation.live', { channel: 'pt-BR', participantId: 'int3', relayFrom: 'fr' });
  e('int3', 'interpretation.source_set', { channel: 'pt-BR', participantId: 'int3', relayFrom: null });
  e('int2', 'participant.entered', { role: 'interpreter' });
  e('int2', 'interpretation.source_set', { channel: 'fr', participantId: 'int2', relayFrom: 'pt-BR' });
  e('judge', 'interpretation.mode_set', { mode: 'consecutive' });
  e('witness', 'participant.entered', { role: 'person_heard' });
  e(null, 'lobby.waiting', { participantId: 'witness' });
  e('judge', 'protection.set', { participantId: 'witness', pseudonym: 'Témoin X', hideVideoFromObservers: true, audioOnly: true });
  e('judge', 'protection.set', { participantId: 'accused', pseudonym: 'Accusé Y', hideVideoFromObservers: false, audioOnly: false });
  e('judge', 'protection.set', { participantId: 'accused', pseudonym: null, hideVideoFromObservers: false, audioOnly: false });
  e('judge', 'protection.set', { participantId: 'witness', pseudonym: '', hideVideoFromObservers: true, audioOnly: true });
  e(null, 'language.fallback', { participantId: 'int3', language: 'pt-BR', shownIn: 'pt', what: 'pages' });
  e('judge', 'lobby.admitted', { participantId: 'witness' });
  e('accused', 'participant.entered', { role: 'person_heard' });
  e(null, 'lobby.waiting', { participantId: 'accused' });
  e('judge', 'lobby.admitted', { participantId: 'accused' });
  e('counsel', 'participant.entered', { role: 'counsel' });
  e(null, 'lobby.waiting', { participantId: 'counsel' });
  e('judge', 'lobby.sent_back', { participantId: 'counsel', reason: 'not yet, please wait' });
  e('judge', 'lobby.sent_back', { participantId: 'observer' });
  e('judge', 'lobby.admitted', { participantId: 'counsel' });
  e('judge', 'hearing.live');
  e('judge', 'recording.started', { recordingId: 'rec-1', legalBasis: '§ 58a StPO, with consent' });
  e('officer', 'identity.verified', {
    participantId: 'witness',
    method: 'identity_document',
    documentType: 'national_id',
    issuingCountry: 'FR',
    documentNumberLast: '0042',
    match: false,
    photoCompared: true,
  });
  e('officer', 'identity.verified', {
    participantId: 'witness',
    method: 'identity_document',
    documentType: 'passport',
    issuingCountry: 'FR',
    documentNumberLast: '9981',
    match: true,
    photoCompared: true,
  });
  e('officer', 'identity.verified', {
    participantId: 'accused',
    method: 'identity_document',
    documentType: 'residence_permit',
    issuingCountry: 'DZ',
    documentNumberLast: '77',
    match: true,
    photoCompared: false,
  });
  e('officer', 'identity.verified', { participantId: 'accused', method: 'personal_knowledge', match: true, photoCompared: false });
  e('officer', 'rights.shown', { participantId: 'witness', notice: RIGHTS, understanding: { language: 'fr', via: 'interpreter', interpreterId: 'int1' } });
  e('witness', 'rights.acknowledged', { participantId: 'witness', notice: RIGHTS, understanding: { language: 'fr', via: 'interpreter' } });
  e('officer', 'rights.shown', { participantId: 'accused', notice: CONSENT });
  e('accused', 'rights.acknowledged', { participantId: 'accused', notice: CONSENT, understanding: { language: 'fr', via: 'text' } });
  e('accused', 'consent.given', {
    participantId: 'accused',
    texts: [CONSENT, RIGHTS],
    method: 'oral_on_record',
    interpreterPresent: true,
    lawyerPresent: false,
    understanding: { language: 'fr', via: 'text' },
  });
  e('judge', 'oath.taken', { participantId: 'witness', form: 'affirmation', language: 'fr', text: OATH, understanding: { language: 'fr', via: 'text' } });
  e('judge', 'oath.taken', { participantId: 'accused', form: 'oath', language: 'de', text: { ...OATH, source: 'model' } });
  e('judge', 'control.muted', { participantId: null });
  e('judge', 'control.muted', { participantId: 'counsel' });
  e('judge', 'control.unmute_requested', { participantId: 'counsel' });
  e('judge', 'control.spotlight', { participantId: 'witness' });
  e('judge', 'control.spotlight', { participantId: null });
  e('judge', 'testimony.started', { participantId: 'witness' });
  e('witness', 'quality.summary', { participantId: 'witness', endpoint: {}, codecs: [], bitrateKbps: {}, encryption: 'DTLS-SRTP' });
  e('accused', 'quality.summary', {
    participantId: 'accused',
    endpoint: { os: 'macOS' },
    codecs: ['opus'],
    bitrateKbps: { receive: 900 },
    encryption: 'DTLS-SRTP',
    roundTripMs: 20,
  });
  e(null, 'recording.interrupted', { recordingId: 'rec-1', trackId: 't-cam-w', participantId: 'witness', source: 'camera', cause: 'recorder_failed' });
  e(null, 'recording.disk_low', { recordingId: 'rec-1', freeMb: 900, minutesLeft: null });
  e(null, 'recording.disk_low', { recordingId: 'rec-1', freeMb: 500, minutesLeft: 12 });
  e(null, 'recording.disk_ok', { recordingId: 'rec-1', freeMb: 5000 });
  e(null, 'recording.resumed', { recordingId: 'rec-1', trackId: 't-cam-w' });
  e(null, 'recording.resumed', { recordingId: 'rec-1', trackId: 't-unknown' });
  e(null, 'recording.gap', {
    recordingId: 'rec-1',
    trackId: 't-cam-w',
    participantId: 'witness',
    from: '2026-03-02T09:20:00.000Z',
    to: '2026-03-02T09:20:07.000Z',
    cause: 'recorder restarted',
  });
  e('int1', 'interpretation.slow_down', { channel: 'fr', participantId: 'int1' });
  e('witness', 'interpretation.problem', { participantId: 'witness', channel: null, text: 'I cannot hear Jean-Luc Martin clearly' });
  e('counsel', 'interpretation.problem', { participantId: 'counsel', channel: 'fr', text: 'the channel lags behind' });
  e('int1', 'interpretation.handover', { channel: 'fr', from: 'int1', to: 'int2', relayFrom: 'pt-BR' });
  e('int2', 'interpretation.source_set', { channel: 'fr', participantId: 'int2', relayFrom: null });
  e('int2', 'interpretation.handover', { channel: 'fr', from: 'int2', to: 'int1', relayFrom: null });
  e('officer', 'officer.intervened', { action: 'pause', reason: 'The question to Martin is not allowed' });
  e('officer', 'hearing.paused', { cause: 'officer', reason: 'question not allowed' });
  e('judge', 'hearing.paused', { cause: 'judge' });
  e('officer', 'hearing.resumed', { cause: 'officer' });
  e('judge', 'hearing.resumed', { cause: 'judge' });
  e('witness', 'privilege.claimed', { participantId: 'witness', basis: 'Jean-Luc would incriminate a relative (Art. 335 CPP)' });
  e('accused', 'consent.withdrawn', { participantId: 'accused' });
  e(null, 'hearing.paused', { cause: 'consent_withdrawn' });
  e('accused', 'consent.given', { participantId: 'accused', texts: [CONSENT], method: 'electronic_signature', interpreterPresent: false, lawyerPresent: true });
  e(null, 'hearing.resumed', { cause: 'consent_withdrawn' });
  e('counsel', 'consultation.started', { consultationId: 'c-9', participantIds: ['counsel', 'accused'] });
  e('counsel', 'consultation.started', { consultationId: 'c-10', participantIds: ['counsel', 'witness', 'someone-else'] });
  e('counsel', 'consultation.ended', { consultationId: 'c-9' });
  e('witness', 'media.audio_only', { participantId: 'witness', active: true, cause: 'link', figures: { lossPercent: 12 }, reason: 'packet loss 12 %' });
  e('judge', 'media.audio_only', { participantId: 'accused', active: true, cause: 'court', cameraOff: true });
  e('counsel', 'media.audio_only', { participantId: 'counsel', active: true, cause: 'participant', cameraOff: false });
  e('counsel', 'media.audio_only', { participantId: 'counsel', active: true, cause: 'link', figures: {}, reason: 'no video layer fits the link' });
  e('witness', 'participant.left', { reason: 'disconnected' });
  e(null, 'quality.incident', { participantId: 'witness', metric: 'disconnected', value: 12, threshold: 5 });
  e(null, 'quality.incident', { participantId: 'accused', metric: 'jitter', value: 80, threshold: 30 });
  e(null, 'quality.incident', { participantId: 'accused', metric: 'round_trip_time', value: 800, threshold: 400 });
  e(null, 'quality.incident', { participantId: 'accused', metric: 'video_frozen', value: 4, threshold: 2 });
  e(null, 'hearing.paused', { cause: 'judge_absent', reason: 'no presiding judge connected' });
  e('witness', 'participant.entered', { role: 'person_heard' });
  e(null, 'hearing.resumed', { cause: 'judge_absent' });
  e('counsel', 'media.audio_only', { participantId: 'counsel', active: false, cause: 'link', figures: {}, reason: 'loss back to 0.1 %' });
  e('counsel', 'media.audio_only', { participantId: 'counsel', active: false, cause: 'participant' });
  e('judge', 'media.audio_only', { participantId: 'accused', active: false, cause: 'court' });
  e('witness', 'media.audio_only', { participantId: 'witness', active: true, cause: 'link', figures: { videoFrozenSeconds: 6 }, reason: 'frozen video' });
  e('witness', 'media.audio_only', { participantId: 'witness', active: false, cause: 'link', figures: {}, reason: '' });
  e('accused', 'media.audio_only', { participantId: 'accused', active: true, cause: 'participant', cameraOff: true });
  e('judge', 'testimony.started', { participantId: 'accused' });
  e(null, 'media.interrupted', { cause: 'media server worker died' });
  e('judge', 'recording.stopped', { recordingId: 'rec-1', cause: 'judge' });
  e(null, 'recording.sealed', {
    recordingId: 'rec-1',
    manifestSha256: 'e'.repeat(64),
    keyId: 'k1',
    complete: false,
    tracks: 5,
    segments: 40,
    coverage: [
      { trackId: 't-cam-w', participantId: 'witness', source: 'camera', recordedSeconds: 300.04, spanSeconds: 310, declaredSeconds: 7, holeSeconds: 2.96 },
      { trackId: 't-mic-j', participantId: 'judge', source: 'microphone', recordedSeconds: 310, spanSeconds: 310, declaredSeconds: 0, holeSeconds: 0 },
      { trackId: 't-int', participantId: 'int1', source: 'interpretation', recordedSeconds: 100, spanSeconds: 110, declaredSeconds: 0, holeSeconds: 10 },
    ],
  });
  e('judge', 'recording.started', { recordingId: 'rec-2', legalBasis: 'consent of all' });
  e(null, 'recording.stopped', { recordingId: 'rec-2', cause: 'failed' });
  e(null, 'server.restarted', { lastEntryAt: '2026-03-02T10:00:00.000Z', restartedAt: '2026-03-02T10:02:30.000Z' });
  e(null, 'recording.started', {
    recordingId: 'rec-3',
    legalBasis: 'consent of all',
    continues: { recordingId: 'rec-2', manifestSha256: 'f'.repeat(64), cutAt: '2026-03-02T10:00:00.000Z' },
  });
  e('judge', 'participant.removed', { participantId: 'counsel', reason: 'disrupted the hearing of Pierre Lefèvre' });
  e('judge', 'participant.removed', { participantId: 'observer', reason: 'filmed the screen' });
  e('officer', 'officer.statement', { identityEstablished: false, principlesRespected: true, remarks: null });
  e('int1', 'interpretation.released', { channel: 'fr', participantId: 'int1', reason: 'disconnected' });
  e('int1', 'participant.left', { reason: 'left' });
  e('judge', 'testimony.ended', { participantId: 'accused' });
  e('judge', 'hearing.ended', { reason: 'the examination is completed' }, 15 * 3600);
  e(null, 'recording.stopped', { recordingId: 'rec-3', cause: 'hearing_ended' });
  e(null, 'recording.sealed', { recordingId: 'rec-3', manifestSha256: '1'.repeat(64), keyId: 'k1', complete: true, tracks: 2, segments: 3 });
  e('officer', 'officer.statement', {
    identityEstablished: true,
    principlesRespected: false,
    remarks: 'The witness Jean-Luc Martin was heard without incident.',
  });
  e('judge', 'minutes.signed', { sha256: '2'.repeat(64), keyId: 'k1', signature: 'c2ln' });
  e('officer', 'officer.statement', { identityEstablished: true, principlesRespected: true, remarks: 'after signing' });
  e('officer', 'minutes.countersigned', { sha256: '2'.repeat(64), keyId: 'k2', signature: 'c2lnMg==' });
  return events;
}

const status: MinutesStatus = {
  statementSeq: 120,
  signed: { at: '2026-03-03T10:00:00.000Z', by: 'Richterin Klara Hahn', keyId: 'court-key-1', sha256: '3'.repeat(64), signature: 'c2lnbmF0dXJl' },
  countersigned: { at: '2026-03-03T10:05:00.000Z', by: 'Amélie Dubois', keyId: 'officer-key', sha256: '3'.repeat(64), signature: 'b2ZmaWNlcg==' },
  transmissions: [{ at: '2026-03-03T11:00:00.000Z', by: 'Lea Brandt', to: 'Tribunal judiciaire de Lyon', sha256: '3'.repeat(64) }],
  custody: [
    { at: '2026-03-03T12:01:00.000Z', by: 'Lea Brandt', operator: null, what: { kind: 'played', channel: 'fr' }, recordingId: 'rec-1', seq: 125 },
    {
      at: '2026-03-03T12:03:00.000Z',
      by: null,
      operator: 'root',
      what: { kind: 'exported', recipient: 'Lyon', decrypted: true },
      recordingId: 'rec-1',
      seq: 126,
    },
    {
      at: '2026-03-03T12:05:00.000Z',
      by: null,
      operator: 'root',
      what: { kind: 'verified', holds: false, problem: 'segment 3 altered', decrypted: false },
      recordingId: 'rec-1',
      seq: 127,
    },
  ],
};

/** The expected bytes, or, when asked to, the bytes written as the new expectation. */
function expected(file: string, actual: string): string {
  const url = new URL(file, GOLDEN);
  if (process.env.HEARING_ROOM_WRITE_GOLDEN) writeFileSync(url, actual);
  return readFileSync(url, 'utf8');
}

describe('the minutes of a rich record, byte for byte', () => {
  const events = record();
  const minutes = generateMinutes(hearing, participants, events, sites);
  const json = minutesJson(minutes);

  it('give the same canonical JSON (kept indented in the expected file, so that a change reads as a diff)', () => {
    const golden = expected('minutes.json', `${JSON.stringify(JSON.parse(json), null, 1)}\n`);
    assert.equal(json, canonicalJson(JSON.parse(golden)));
  });

  it('give the same printable page, signed, countersigned, transmitted and with its custody', () => {
    assert.equal(renderMinutesHtml(minutes, status), expected('minutes.html', renderMinutesHtml(minutes, status)));
  });

  it('give the same bytes before the hearing ended, as a draft', () => {
    const draft = minutesJson(generateMinutes(hearing, participants, events.slice(0, 110), sites));
    assert.equal(sha256Hex(draft), expected('draft.sha256', `${sha256Hex(draft)}\n`).trim());
  });
});
