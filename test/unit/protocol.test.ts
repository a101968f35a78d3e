import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidInput } from '../../signaling/errors.js';
import { ClientRequests, HandshakeAuth, type ClientRequestName } from '../../signaling/index.js';

const opus = { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 };
const dtls = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD:EF' }] };

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
  'transport:restart-ice': { valid: { transportId: 'abc' }, invalid: [[{ transportId: 42 }, 'transportId']] },
  'producer:create': {
    valid: { transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [opus] } },
    invalid: [
      [{ transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [] } }, 'rtpParameters.codecs'],
      [{ transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{ ...opus, payloadType: 300 }] } }, 'rtpParameters.codecs.0.payloadType'],
      [{ transportId: 't1', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{ ...opus, mimeType: 'text/html' }] } }, 'rtpParameters.codecs.0.mimeType'],
      [{ transportId: 't1', kind: 'video', source: 'microphone', rtpParameters: { codecs: [opus] } }, 'source'],
      [{ transportId: 't1', kind: 'audio', source: 'tv', rtpParameters: { codecs: [opus] } }, 'source'],
    ],
  },
  'producer:close': { valid: { producerId: 'p1' }, invalid: [[{}, 'producerId']] },
  'producer:set-paused': {
    valid: { producerId: 'p1', paused: true },
    invalid: [[{ producerId: 'p1', paused: 'yes' }, 'paused']],
  },
  'consumers:ready': { valid: {}, invalid: [[{ all: true }, '']] },
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
