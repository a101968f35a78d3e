/** Readiness names what fails: a database that does not answer, or that answers too late. */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { readiness } from '../../server/readiness.js';
import { storeOutage } from '../../store/index.js';

describe('readiness', () => {
  it('a database that refuses is named, by the kind of failure only', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432 user=court'), { code: 'ECONNREFUSED' });
    const report = await readiness({ ping: () => Promise.reject(refused), recordingDir: tmpdir(), minimumFreeMb: 0 });
    assert.deepEqual([report.ready, report.database, report.recordingDisk.ok], [false, { ok: false, error: 'ECONNREFUSED' }, true]);
    assert.equal(JSON.stringify(report).includes('10.0.0.5'), false, 'no address or user in the report');
  });

  it('a database that hangs is reported as not answering in time', async () => {
    const report = await readiness({ ping: () => new Promise(() => undefined), recordingDir: tmpdir(), minimumFreeMb: 0, timeoutMs: 200 });
    assert.deepEqual(report.database, { ok: false, error: 'timeout' });
  });

  it('a recording folder that cannot be read is not ready', async () => {
    const report = await readiness({ ping: async () => undefined, recordingDir: '/nonexistent/recordings', minimumFreeMb: 0 });
    assert.deepEqual([report.ready, report.recordingDisk.ok, report.recordingDisk.error], [false, false, 'ENOENT']);
  });
});

describe('a database outage, told as what it is', () => {
  it('a full disk and an unreachable database are named; a refused row or a bug is not an outage', () => {
    const error = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
    assert.equal(storeOutage(error('SQLITE_FULL', 'database or disk is full')), 'disk_full');
    assert.equal(storeOutage(error('53100')), 'disk_full');
    assert.equal(storeOutage(error('ENOSPC')), 'disk_full');
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '08006', '57P01', '57P03', 'SQLITE_IOERR_WRITE', 'SQLITE_BUSY'])
      assert.equal(storeOutage(error(code)), 'unreachable', code);
    assert.equal(storeOutage(new Error('Connection terminated unexpectedly')), 'unreachable');
    assert.equal(storeOutage(error('23505')), undefined, 'a duplicate key is the request’s fault');
    assert.equal(storeOutage(new TypeError('x is undefined')), undefined);
    assert.equal(storeOutage(undefined), undefined);
  });
});
