/**
 * What a recording holds, measured: a segment's playable stretches from its packets, and a track's
 * coverage against its span, with declared gaps and pauses apart from holes nothing explains.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOLE_TOLERANCE_S, trackCoverage } from '../../recording/coverage.js';
import type { Track } from '../../recording/manifest.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matroskaPackets, MAX_PACKET_SPACING_S, stretchesOf } from '../../recording/media-probe.js';

const frames = (from: number, to: number, step: number, keyframeAt = from) =>
  Array.from({ length: Math.round((to - from) / step) }, (_, i) => ({
    pts: from + i * step,
    duration: step,
    keyframe: Math.abs(from + i * step - keyframeAt) < 1e-9,
  }));

describe('the playable media in a segment', () => {
  it('audio packets side by side make one stretch', () => {
    const media = stretchesOf(frames(0, 10, 0.02), 'audio');
    assert.deepEqual(media.stretches, [[0, 10]]);
    assert.equal(media.seconds, 10);
  });

  it('video is playable only from its first keyframe: a file of delta frames holds nothing', () => {
    assert.deepEqual(stretchesOf(frames(0, 10, 0.04, 4), 'video').stretches, [[4, 10]]);
    assert.equal(stretchesOf(frames(0, 10, 0.04, -1), 'video').seconds, 0);
  });

  it('packets further apart than the allowed spacing leave a hole between them', () => {
    const media = stretchesOf([...frames(0, 3, 0.02), ...frames(3 + MAX_PACKET_SPACING_S + 2, 10, 0.02)], 'audio');
    assert.equal(media.stretches.length, 2);
    assert.ok(Math.abs(media.seconds - 7) < 0.05, `7 s of media, not 10: ${media.seconds}`);
  });
});

const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 10, 0, 0) + s * 1000).toISOString();

/** A track of ten-second segments from 0 to `end`, each with the given stretches on its own timeline. */
function track(segments: [number, number][][], extra: Partial<Track> = {}): Track {
  return {
    trackId: 'w-camera-0',
    participantId: 'w',
    role: 'person_heard',
    source: 'camera',
    kind: 'video',
    codec: 'video/VP8',
    clockRate: 90000,
    container: 'webm',
    startedAt: at(0),
    endedAt: at(segments.length * 10),
    segments: segments.map((stretches, i) => ({
      index: i,
      file: `segment-${String(i).padStart(5, '0')}.webm.enc`,
      startTime: i * 10,
      endTime: i * 10 + 10,
      closedAt: at(i * 10 + 10),
      size: 1,
      sha256: '0'.repeat(64),
      plaintext: { size: 1, sha256: '0'.repeat(64) },
      chainHash: '0'.repeat(64),
      run: 0,
      wallStart: at(i * 10),
      wallEnd: at(i * 10 + 10),
      media: { seconds: stretches.reduce((n, [a, b]) => n + b - a, 0), stretches },
    })),
    ...extra,
  };
}

describe('a track’s coverage', () => {
  it('a track recorded throughout has no hole', () => {
    const c = trackCoverage(track([[[0, 10]], [[10, 20]], [[20, 30]]]));
    assert.deepEqual([c.spanSeconds, c.recordedSeconds, c.declaredSeconds, c.holes], [30, 30, 0, []]);
  });

  it('segments the list calls ten seconds long but that hold one second each are holes, not a complete recording', () => {
    const c = trackCoverage(track([[[0, 10]], [[10, 11]], [[20, 21]]]));
    assert.equal(c.recordedSeconds, 12);
    assert.deepEqual(
      c.holes.map((h) => [h.from, h.to, h.seconds]),
      [
        [at(11), at(20), 9],
        [at(21), at(30), 9],
      ],
    );
  });

  it('a gap between runs and a pause are declared, not holes', () => {
    const c = trackCoverage(
      track([[[0, 10]], [[10, 12]], [[25, 30]]], {
        gaps: [{ from: at(12), to: at(18), cause: 'the recorder exited and was restarted' }],
        pauses: [{ from: at(18), to: at(25), cause: 'the participant paused this stream (microphone muted or camera stopped)' }],
      }),
    );
    assert.deepEqual([c.recordedSeconds, c.declaredSeconds, c.holes.length], [17, 13, 0]);
  });

  it('a stretch shorter than the tolerance, as a keyframe awaited at a restart, is not a hole', () => {
    const c = trackCoverage(track([[[0, 10]], [[10 + HOLE_TOLERANCE_S - 0.5, 20]]]));
    assert.equal(c.holes.length, 0);
  });

  it('a recording listed without measured media is reported as not measured', () => {
    const t = track([[[0, 10]]]);
    delete t.segments[0]!.media;
    assert.equal(trackCoverage(t).measured, false);
  });
});

describe('the packets of a recorded segment, read from the file', () => {
  // A real WebM from ffmpeg (as the recorder writes), checked against what ffprobe lists.
  const folder = mkdtempSync(join(tmpdir(), 'hearing-room-probe-'));
  const file = join(folder, 'segment.webm');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=25',
    '-t',
    '3',
    '-g',
    '25',
    '-c:v',
    'libvpx',
    '-b:v',
    '200k',
    '-output_ts_offset',
    '12.5',
    '-y',
    file,
  ]);
  const whole = readFileSync(file);
  const probed = execFileSync('ffprobe', ['-v', 'quiet', '-select_streams', '0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file])
    .toString()
    .trim()
    .split('\n');
  rmSync(folder, { recursive: true, force: true });

  it('lists every packet at its time, keyframes marked, as ffprobe does', () => {
    const packets = matroskaPackets(whole);
    assert.equal(packets.length, probed.length);
    for (const [i, line] of probed.entries()) {
      const [pts, flags] = line.split(',');
      assert.ok(Math.abs(packets[i]!.pts - Number(pts)) < 0.0015, `packet ${i} at ${packets[i]!.pts} s, ffprobe says ${pts}`);
      assert.equal(packets[i]!.keyframe, flags!.startsWith('K'), `packet ${i} keyframe`);
    }
    assert.deepEqual(
      stretchesOf(packets, 'video').stretches.map(([a]) => a),
      [12.5],
    );
  });

  it('a file cut mid-write (a recorder killed) yields its whole blocks before the cut, and nothing after', () => {
    const all = matroskaPackets(whole);
    const cut = matroskaPackets(whole.subarray(0, Math.floor(whole.length * 0.6)));
    assert.ok(cut.length > 0 && cut.length < all.length, `${cut.length} of ${all.length} packets`);
    assert.deepEqual(cut, all.slice(0, cut.length));
    assert.deepEqual(matroskaPackets(whole.subarray(0, 100)), [], 'only the header: no media');
    assert.deepEqual(matroskaPackets(new Uint8Array([0x1a, 0x45, 0xdf])), [], 'garbage: no media, no error');
  });
});
