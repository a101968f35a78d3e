import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drifted, mediaTimeAt } from '../../web/src/playback-timeline.js';

describe('playback timeline', () => {
  // Two runs of one camera: 0–10 s and 10–14 s of the file, with 6 s unrecorded between them.
  const segments = [
    { mediaStart: 0, duration: 10, at: 2 },
    { mediaStart: 10, duration: 4, at: 18 },
  ];

  it('places the recording time in the track file, across a restart', () => {
    assert.equal(mediaTimeAt(segments, 2), 0);
    assert.equal(mediaTimeAt(segments, 7.5), 5.5);
    assert.equal(mediaTimeAt(segments, 19), 11);
  });

  it('reports a gap before the track begins, between runs and after it ends', () => {
    assert.equal(mediaTimeAt(segments, 1), null);
    assert.equal(mediaTimeAt(segments, 12), null);
    assert.equal(mediaTimeAt(segments, 22), null);
  });

  it('re-seeks only an element more than 100 ms off', () => {
    assert.equal(drifted(5, 5.08), false);
    assert.equal(drifted(5, 5.15), true);
    assert.equal(drifted(5.2, 5), true);
  });
});
