/**
 * The RFC 3161 request the recorder builds by hand is one that openssl reads as intended, and the
 * reply's status is read from its first bytes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { replyStatus, timeStampRequest } from '../../recording/timestamp.js';

const run = promisify(execFile);

describe('RFC 3161 time-stamp request', () => {
  it('is read by openssl with the SHA-256 imprint, the nonce and a certificate request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearing-room-tsq-'));
    try {
      const digest = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex');
      // A nonce with its top bit set must still be a positive INTEGER.
      const file = join(dir, 'q.tsq');
      await writeFile(file, timeStampRequest(digest, Buffer.from('ff00112233445566', 'hex')));
      const { stdout } = await run('openssl', ['ts', '-query', '-in', file, '-text']);
      assert.match(stdout, /Version: 1/);
      assert.match(stdout, /Hash Algorithm: sha256/);
      const data = /Message data:([\s\S]*)Policy OID/.exec(stdout)?.[1] ?? '';
      assert.equal((data.match(/\b[0-9a-f]{2}\b/g) ?? []).join(''), digest);
      assert.match(stdout, /Nonce: 0xFF00112233445566/i);
      assert.match(stdout, /Certificate required: yes/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a digest that is not SHA-256, and reads a reply's status", () => {
    assert.throws(() => timeStampRequest('abcd', Buffer.from([1])), /SHA-256/);
    // TimeStampResp { PKIStatusInfo { status 2 (rejection) } }
    assert.equal(replyStatus(Buffer.from('30053003020102', 'hex')), 2);
    assert.equal(replyStatus(Buffer.from('30053003020100', 'hex')), 0);
    assert.throws(() => replyStatus(Buffer.from('0401ff', 'hex')), /not a TimeStampResp/);
  });
});
