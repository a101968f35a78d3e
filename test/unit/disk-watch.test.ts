/** The recording disk watched: the court is warned before it is full, once, and told when there is room again. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiskWatch } from '../../recording/disk-watch.js';

describe('the recording disk running out', () => {
  it('warns below the margin once, and lifts the warning only well above it', () => {
    const watch = new DiskWatch(2048);
    assert.equal(watch.check(50_000, 0), null, 'plenty of room');
    assert.deepEqual(watch.check(2000, 10_000), { low: true, freeMb: 2000, minutesLeft: 0 }, 'filled fast: warned with the little time left');
    assert.equal(watch.check(1900, 20_000), null, 'warned once, not at every check');
    assert.equal(watch.check(2100, 200_000), null, 'just above the margin: still low, no flicker');
    assert.deepEqual(watch.check(60_000, 300_000), { low: false, freeMb: 60_000 }, 'room again');
  });

  it('warns with room still above the margin when the disk will fill within half an hour at its rate', () => {
    const watch = new DiskWatch(1024);
    // 100 MB a minute with 2 500 MB free: 25 minutes left.
    assert.equal(watch.check(3500, 0), null);
    const change = watch.check(2500, 600_000);
    assert.deepEqual(change, { low: true, freeMb: 2500, minutesLeft: 25 });
  });

  it('a disk that does not fill is not a warning, however long the hearing', () => {
    const watch = new DiskWatch(1024);
    for (let minute = 0; minute < 120; minute++) assert.equal(watch.check(5000, minute * 60_000), null);
  });
});
