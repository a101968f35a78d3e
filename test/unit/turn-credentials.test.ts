/** TURN credentials in the TURN REST API scheme, as a coturn server with `use-auth-secret` checks them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turnCredentials } from '../../signaling/index.js';

const settings = {
  urls: ['turn:turn.court.example:3478?transport=udp', 'turns:turn.court.example:443?transport=tcp'],
  secret: 'north-wind-shared-secret',
  ttlSeconds: 3600,
};
const participantId = '5b0c1a52-0d5e-4c55-9e4c-1b2b8e4f7a10';

describe('TURN credentials', () => {
  it('name the expiry and the participant, signed with HMAC-SHA1 under the shared secret', () => {
    const issued = turnCredentials(settings, participantId, new Date('2025-12-31T23:00:00Z'));
    // 2026-01-01T00:00:00Z is 1767225600; the password computed independently with
    // `printf '1767225600:<id>' | openssl dgst -sha1 -hmac north-wind-shared-secret -binary | base64`.
    assert.deepEqual(issued, { urls: settings.urls, username: `1767225600:${participantId}`, credential: '3b7BZtWZQlb21xCBKuJUj7J2G3w=' });
  });

  it('are valid for the configured time from issue, and differ per participant and per issue', () => {
    const now = new Date('2026-03-02T10:15:30.900Z');
    const issued = turnCredentials(settings, participantId, now);
    assert.equal(Number(issued.username?.split(':')[0]), Math.floor(now.getTime() / 1000) + 3600);
    const other = turnCredentials(settings, 'd7a4c2a0-3f1e-4b7a-8f0e-2a6c9b1d5e33', now);
    assert.notEqual(other.credential, issued.credential);
    const later = turnCredentials(settings, participantId, new Date(now.getTime() + 60_000));
    assert.notEqual(later.credential, issued.credential);
  });

  it('cannot be forged without the secret', () => {
    const issued = turnCredentials(settings, participantId);
    const guessed = turnCredentials({ ...settings, secret: 'another-secret-of-the-same-length!' }, participantId);
    assert.equal(guessed.username, issued.username);
    assert.notEqual(guessed.credential, issued.credential);
  });
});
