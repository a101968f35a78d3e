import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidInput } from '../../signaling/errors.js';
import { ClientRequests, HandshakeAuth, type ClientRequestName } from '../../signaling/index.js';

const opus = { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 };
const P = '5b0c1a52-0d5e-4c55-9e4c-1b2b8e4f7a10';
const dtls = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD:EF' }] };
const QUALITY = {
  intervalMs: 2000,
  bitrateKbps: { sendAudio: 32, sendVideo: 800, receiveAudio: 30, receiveVideo: 750.5 },
  lossPercent: { audioIn: 0.5, videoOut: 1 },
  roundTripMs: 42,
  jitterMs: 3.5,
  videoFrozenMs: 0,
  codecs: ['opus', 'VP8'],
  encryption: { dtlsCipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', srtpCipher: 'AEAD_AES_128_GCM' },
  endpoint: { browser: 'Chromium 120', os: 'Linux' },
};

/** For every request a browser can send: one well-formed payload, and malformed ones with the field they break. */
const CASES: Record<ClientRequestName, { valid: unknown; invalid: [payload: unknown, field: string][] }> = {
  'media:capabilities': { valid: {}, invalid: [[{ extra: 1 }, '']] },
  'hearing:enter': {
    valid: { rtpCapabilities: { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] } },
    invalid: [
      [{}, 'rtpCapabilities'],
      [{ rtpCapabilities: { codecs: [{ kind: 'smell', mimeType: 'audio/opus', clockRate: 48000 }] } }, 'rtpCapabilities.codecs.0.kind'],
      [{ rtpCapabilities: { codecs: 'all' } }, 'rtpCapabilities.codecs'],
    ],
  },
  'hearing:leave': { valid: {}, invalid: [[{ now: true }, '']] },
  'transport:create': {
    valid: { direction: 'send' },
    invalid: [
      [{ direction: 'sideways' }, 'direction'],
      [{}, 'direction'],
    ],
  },
  'transport:connect': {
    valid: { transportId: 'abc-123', dtlsParameters: dtls },
    invalid: [
      [{ transportId: 'abc', dtlsParameters: { fingerprints: [] } }, 'dtlsParameters.fingerprints'],
      [{ transportId: 'abc', dtlsParameters: { fingerprints: [{ algorithm: 'md5', value: 'AB:CD' }] } }, 'dtlsParameters.fingerprints.0.algorithm'],
      [{ transportId: 'abc', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: '<script>' }] } }, 'dtlsParameters.fingerprints.0.value'],
      [{ transportId: '../../etc', dtlsParameters: dtls }, 'transportId'],
    ],
  },
  'transport:restart-ice': {
    valid: { transportId: 'abc' },
    invalid: [
      [{ transportId: 42 }, 'transportId'],
      [{}, 'transportId'],
      [{ transportId: '../../etc' }, 'transportId'],
      // The browser asks only for new parameters: it cannot choose them.
      [{ transportId: 'abc', iceParameters: { usernameFragment: 'x', password: 'y' } }, ''],
    ],
  },
  'producer:create': {
    valid: { transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [opus] } },
    invalid: [
      [{ transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [] } }, 'rtpParameters.codecs'],
      [
        { transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{ ...opus, payloadType: 300 }] } },
        'rtpParameters.codecs.0.payloadType',
      ],
      [
        { transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{ ...opus, mimeType: 'text/html' }] } },
        'rtpParameters.codecs.0.mimeType',
      ],
      [{ transportId: 't1', kind: 'video', source: 'microphone', rtpParameters: { codecs: [opus] } }, 'source'],
      [{ transportId: 't1', kind: 'audio', source: 'tv', rtpParameters: { codecs: [opus] } }, 'source'],
      [{ transportId: 't1', kind: 'video', source: 'interpretation', rtpParameters: { codecs: [opus] } }, 'source'],
      [{ transportId: 't1', kind: 'video', source: 'booth', rtpParameters: { codecs: [opus] } }, 'source'],
      // The channel is the interpreter's own, known to the server: a page cannot name another.
      [{ transportId: 't1', kind: 'audio', source: 'interpretation', channel: 'fr', rtpParameters: { codecs: [opus] } }, ''],
    ],
  },
  'producer:close': { valid: { producerId: 'p1' }, invalid: [[{}, 'producerId']] },
  'producer:set-paused': {
    valid: { producerId: 'p1', paused: true },
    invalid: [[{ producerId: 'p1', paused: 'yes' }, 'paused']],
  },
  'consumers:ready': { valid: {}, invalid: [[{ all: true }, '']] },
  'quality:report': {
    valid: QUALITY,
    invalid: [
      [{ ...QUALITY, lossPercent: { audioIn: 120 } }, 'lossPercent.audioIn'],
      [{ ...QUALITY, lossPercent: { audioIn: -1 } }, 'lossPercent.audioIn'],
      [{ ...QUALITY, bitrateKbps: { ...QUALITY.bitrateKbps, sendVideo: 1e9 } }, 'bitrateKbps.sendVideo'],
      [{ ...QUALITY, bitrateKbps: { sendAudio: 32 } }, 'bitrateKbps.sendVideo'],
      [{ ...QUALITY, roundTripMs: 'fast' }, 'roundTripMs'],
      [{ ...QUALITY, roundTripMs: Number.NaN }, 'roundTripMs'],
      [{ ...QUALITY, intervalMs: 5 }, 'intervalMs'],
      [{ ...QUALITY, codecs: ['<script>'] }, 'codecs.0'],
      [{ ...QUALITY, codecs: Array(9).fill('opus') }, 'codecs'],
      [{ ...QUALITY, endpoint: { browser: 'x'.repeat(61) } }, 'endpoint.browser'],
      [{ ...QUALITY, endpoint: { userAgent: 'Mozilla/5.0' } }, 'endpoint'],
      [{ ...QUALITY, encryption: { srtpCipher: 'AES\n' } }, 'encryption.srtpCipher'],
      [{ ...QUALITY, participantId: P }, ''],
    ],
  },
  'court:go-live': { valid: {}, invalid: [[{ now: 1 }, '']] },
  'court:admit': {
    valid: { participantId: P },
    invalid: [
      [{ participantId: 'everyone' }, 'participantId'],
      [{}, 'participantId'],
    ],
  },
  'court:send-back': { valid: { participantId: P }, invalid: [[{ participantId: P, reason: 'x' }, 'reason']] },
  'court:remove': { valid: { participantId: P, reason: 'disrupted the hearing' }, invalid: [[{ participantId: P }, 'reason']] },
  'court:mute': {
    valid: { participantId: null },
    invalid: [
      [{}, 'participantId'],
      [{ participantId: 7 }, 'participantId'],
    ],
  },
  'court:ask-unmute': { valid: { participantId: P }, invalid: [[{ participantId: null }, 'participantId']] },
  'court:spotlight': { valid: { participantId: null }, invalid: [[{ participantId: 'me' }, 'participantId']] },
  'court:pause': { valid: { reason: 'a short break' }, invalid: [[{ reason: '' }, 'reason']] },
  'court:resume': { valid: {}, invalid: [[{ force: true }, '']] },
  'court:gallery': { valid: { open: true }, invalid: [[{ open: 'yes' }, 'open']] },
  'court:private': {
    valid: { on: true, reason: 'the protection of a minor' },
    invalid: [[{ on: true, reason: 'x' }, 'reason']],
  },
  'captions:line': {
    valid: { text: 'The witness: I was at home.' },
    invalid: [
      [{ text: '  ' }, 'text'],
      [{ text: 'x'.repeat(501) }, 'text'],
    ],
  },
  'court:break': {
    valid: { minutes: 10 },
    invalid: [
      [{ minutes: 2 }, 'minutes'],
      [{}, 'minutes'],
    ],
  },
  'court:end': { valid: {}, invalid: [[{ reason: 42 }, 'reason']] },
  'court:adjourn': {
    valid: { reason: 'The interpreter into Portuguese is ill' },
    invalid: [
      [{}, 'reason'],
      [{ reason: 'no' }, 'reason'],
    ],
  },
  'court:start-recording': {
    valid: { legalBasis: 'Order of 3 May under Art. 24 of Regulation (EU) 2020/1783' },
    invalid: [
      [{}, 'legalBasis'],
      [{ legalBasis: 'ok' }, 'legalBasis'],
      [{ legalBasis: 'x'.repeat(501) }, 'legalBasis'],
    ],
  },
  'court:stop-recording': { valid: {}, invalid: [[{ recordingId: 'r' }, '']] },
  'court:testimony': { valid: { participantId: P, action: 'start' }, invalid: [[{ participantId: P, action: 'begin' }, 'action']] },
  'court:confirm-identity': { valid: { participantId: P }, invalid: [[{ participantId: '' }, 'participantId']] },
  'court:protect': {
    valid: { participantId: P, pseudonym: 'Witness A', hideVideoFromObservers: true, audioOnly: false },
    invalid: [[{ participantId: P, pseudonym: 'A', hideVideoFromObservers: 'yes', audioOnly: false }, 'hideVideoFromObservers']],
  },
  'court:order-audio-only': {
    valid: { participantId: P, on: true, cameraOff: false },
    invalid: [
      [{ participantId: P, on: 'yes' }, 'on'],
      [{ participantId: 'the witness', on: true }, 'participantId'],
      [{ on: true }, 'participantId'],
      [{ participantId: P, on: true, everyone: true }, ''],
    ],
  },
  'court:audio-only': {
    valid: { on: true, cameraOff: true },
    invalid: [
      [{}, 'on'],
      [{ on: true, cameraOff: 'please' }, 'cameraOff'],
      [{ on: false, participantId: P }, ''],
    ],
  },
  'court:intervene': {
    valid: { action: 'suspend', reason: 'the caution was not interpreted' },
    invalid: [
      [{ action: 'override', reason: 'because' }, 'action'],
      [{ action: 'pause' }, 'reason'],
    ],
  },
  'court:lift-intervention': { valid: {}, invalid: [[{ by: 'judge' }, '']] },
  'court:verify-identity': {
    valid: {
      participantId: P,
      method: 'identity_document',
      documentType: 'passport',
      issuingCountry: 'FR',
      documentNumber: '12AB34567',
      match: true,
      photoCompared: true,
    },
    invalid: [
      [{ participantId: P, method: 'identity_document', match: true, photoCompared: true }, 'documentNumber'],
      [{ participantId: P, method: 'personal_knowledge', issuingCountry: 'France', match: true, photoCompared: false }, 'issuingCountry'],
      [{ participantId: P, method: 'guess', match: true, photoCompared: false }, 'method'],
    ],
  },
  'court:show-rights': { valid: { participantId: P, language: 'ar' }, invalid: [[{ participantId: P, language: 'klingon' }, 'language']] },
  'court:record-consent': {
    valid: { participantId: P, language: 'fr', method: 'oral_on_record', interpreterPresent: true, lawyerPresent: true },
    invalid: [[{ participantId: P, language: 'fr', method: 'nod', interpreterPresent: true, lawyerPresent: true }, 'method']],
  },
  'court:record-oath': {
    valid: { participantId: P, form: 'affirmation', language: 'de' },
    invalid: [[{ participantId: P, form: 'promise', language: 'de' }, 'form']],
  },
  'court:acknowledge-rights': { valid: {}, invalid: [[{ notice: 'x' }, '']] },
  'interpretation:sound-check': {
    valid: { participantId: P, result: 'go' },
    invalid: [[{ participantId: P, result: 'fine' }, 'result']],
  },
  'court:show-exhibit': {
    valid: { exhibitId: P, to: null },
    invalid: [
      [{ exhibitId: 'x', to: null }, 'exhibitId'],
      [{ exhibitId: P, to: [] }, 'to'],
    ],
  },
  'court:stop-exhibit': { valid: {}, invalid: [[{ exhibitId: P }, '']] },
  'extradition:inform': {
    valid: {
      participantId: P,
      declaration: 'consent_to_surrender',
      revocable: true,
      revocationBasis: 'Art. 17 of the Extradition Act',
      signatureRequired: true,
      counselWaived: false,
    },
    invalid: [
      [{ participantId: P, declaration: 'consent', revocable: false, signatureRequired: false, counselWaived: false }, 'declaration'],
      [{ participantId: P, declaration: 'consent_to_surrender', revocable: true, signatureRequired: false, counselWaived: false }, 'revocationBasis'],
      [{ participantId: P, declaration: 'consent_to_surrender', revocable: false, signatureRequired: 'yes', counselWaived: false }, 'signatureRequired'],
    ],
  },
  'extradition:attest': {
    valid: { participantId: P, declaration: 'speciality_renunciation' },
    invalid: [[{ participantId: 'x', declaration: 'speciality_renunciation' }, 'participantId']],
  },
  'extradition:declare': {
    valid: {
      declaration: 'consent_to_surrender',
      answer: 'given',
      textSha256: 'a'.repeat(64),
      signature: {
        strokes: [
          [
            [10, 20],
            [30, 40],
            [50, 20],
            [70, 40],
            [90, 20],
          ],
        ],
      },
    },
    invalid: [
      [{ declaration: 'consent_to_surrender', answer: 'yes', textSha256: 'a'.repeat(64) }, 'answer'],
      [{ declaration: 'consent_to_surrender', answer: 'given', textSha256: 'abc' }, 'textSha256'],
      [{ declaration: 'consent_to_surrender', answer: 'given', textSha256: 'a'.repeat(64), signature: { strokes: [[[10, 500]]] } }, 'signature.strokes.0.0.1'],
      [{ declaration: 'consent_to_surrender', answer: 'given', textSha256: 'a'.repeat(64), signature: { strokes: [] } }, 'signature.strokes'],
    ],
  },
  'extradition:confirm': {
    valid: { participantId: P, declaration: 'consent_to_surrender', accepted: true },
    invalid: [[{ participantId: P, declaration: 'consent_to_surrender', accepted: false }, 'reason']],
  },
  'extradition:revoke': { valid: { declaration: 'consent_to_surrender' }, invalid: [[{ declaration: 'all' }, 'declaration']] },
  'court:withdraw-consent': { valid: {}, invalid: [[{ reason: 'x' }, '']] },
  'court:claim-privilege': { valid: { basis: 'self-incrimination' }, invalid: [[{ basis: '' }, 'basis']] },
  'court:consult': {
    valid: { withParticipantIds: [P] },
    invalid: [
      [{ withParticipantIds: [] }, 'withParticipantIds'],
      [{ withParticipantIds: ['judge'] }, 'withParticipantIds.0'],
    ],
  },
  'court:end-consultation': { valid: { consultationId: P }, invalid: [[{ consultationId: 'all' }, 'consultationId']] },
  'interpretation:listen': {
    valid: { channel: 'pt-BR' },
    invalid: [
      [{}, 'channel'],
      [{ channel: 'Italian' }, 'channel'],
      [{ channel: '../it' }, 'channel'],
      [{ channel: 'it', volume: 0.1 }, ''],
    ],
  },
  'interpretation:mode': {
    valid: { mode: 'consecutive' },
    invalid: [
      [{ mode: 'whispered' }, 'mode'],
      [{}, 'mode'],
    ],
  },
  'interpretation:take': { valid: {}, invalid: [[{ channel: 'it' }, '']] },
  'interpretation:hand-over': {
    valid: { to: P },
    invalid: [
      [{ to: 'partner' }, 'to'],
      [{ to: P, now: true }, ''],
    ],
  },
  'interpretation:release': { valid: {}, invalid: [[{ to: P }, '']] },
  'interpretation:source': {
    valid: { relay: 'en' },
    invalid: [
      [{}, 'relay'],
      [{ relay: 'floor' }, 'relay'],
      [{ relay: 'xx' }, 'relay'],
    ],
  },
  'interpretation:slow-down': { valid: {}, invalid: [[{ message: 'too fast' }, '']] },
  'interpretation:problem': {
    valid: { channel: 'it', text: 'The interpreter could not hear the witness.\nShe asked twice.' },
    invalid: [
      [{ channel: 'it', text: 'x' }, 'text'],
      [{ channel: 'it', text: 'x'.repeat(501) }, 'text'],
      [{ channel: 'it', text: 'bell\u0007 in the text' }, 'text'],
      [{ channel: 'italian', text: 'could not hear' }, 'channel'],
      [{ text: 'could not hear' }, 'channel'],
    ],
  },
  'consultation:relay': {
    valid: { consultationId: P, to: P, message: { kind: 'public-key', jwk: { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43) } } },
    invalid: [
      [
        {
          consultationId: P,
          to: P,
          message: { kind: 'public-key', jwk: { kty: 'EC', crv: 'P-256', x: 'a'.repeat(43), y: 'b'.repeat(43), d: 'c'.repeat(43) } },
        },
        'message.jwk',
      ],
      [{ consultationId: P, to: P, message: { kind: 'plaintext', text: 'hello' } }, 'message.kind'],
      [{ consultationId: P, to: P, message: { kind: 'frame-key', iv: 'short', wrapped: 'x'.repeat(40) } }, 'message.iv'],
    ],
  },
};

describe('every message a browser sends is checked by its schema', () => {
  for (const [event, { valid, invalid }] of Object.entries(CASES) as [ClientRequestName, (typeof CASES)[ClientRequestName]][]) {
    it(`${event}: accepts a well-formed message`, () => {
      const result = ClientRequests[event].safeParse(valid);
      assert.ok(result.success, JSON.stringify(result.error?.issues));
    });
    for (const [payload, field] of invalid) {
      it(`${event}: refuses a bad ${field || 'message'} and names it`, () => {
        const result = ClientRequests[event].safeParse(payload);
        assert.equal(result.success, false);
        const error = invalidInput(result.error!, event);
        assert.equal(error.code, 'invalid_input');
        assert.equal(error.field, field);
        if (field) assert.ok(error.message.includes(`"${field}"`), error.message);
      });
    }
    it(`${event}: refuses a message that is not an object`, () => {
      for (const junk of [null, 42, 'text', [1, 2]]) assert.equal(ClientRequests[event].safeParse(junk).success, false);
    });
  }

  it('covers every request the server handles', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(ClientRequests).sort());
  });

  it('the handshake needs a token and, if given, a hearing id', () => {
    assert.equal(HandshakeAuth.safeParse({}).success, false);
    assert.equal(HandshakeAuth.safeParse({ token: 'x', hearingId: 'not-a-uuid' }).success, false);
    assert.ok(HandshakeAuth.safeParse({ token: 'x', hearingId: '5b0c1a52-0d5e-4c55-9e4c-1b2b8e4f7a10' }).success);
  });
});
