/**
 * Playback of a hearing's recordings: what the playback page needs to lay the tracks out on one
 * timeline, and each track's media decrypted on the server as one playable file.
 *
 * A track's segments are remuxed (`ffmpeg -f concat -c copy`, no decoding) into one WebM/Matroska file
 * rather than concatenated byte for byte: each segment is a complete file with its own header, and a
 * recorder restarted mid-track begins its timestamps again, so bytes end to end are not one stream a
 * media element can seek in. The concat demuxer lays the segments back to back, so a segment's place in
 * the file (`mediaStart`) follows from the manifest's times; where it sits on the hearing's clock
 * (`at`) too, which is how the page keeps tracks in sync and shows the gaps. The last segment's end is
 * the recorder's last progress report, so the file may run a little past what the manifest lists.
 *
 * The plaintext exists on disk only for the remux, in a private temporary folder removed at once; the
 * playable file is kept encrypted and served by byte range (playback-cache.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { decryptFile, type Manifest, type RecordingKey, type Track } from '../recording/index.js';

const run = promisify(execFile);

/** A segment's time on the server's clock, when the manifest carries it (recorders that time each run). */
const WallTimed = z.object({ wallStart: z.string().datetime({ offset: true }).optional() });

export interface PlaybackSegment {
  /** Seconds into the track's playable file. */
  mediaStart: number;
  duration: number;
  /** Seconds after the recording's start on the server's clock. */
  at: number;
}

export interface PlaybackTrack {
  trackId: string;
  participantId: string;
  role: string;
  source: string;
  kind: 'audio' | 'video';
  /** For an interpretation channel, the language it carries; otherwise absent (the floor). */
  language?: string;
  segments: PlaybackSegment[];
}

export interface PlaybackRecording {
  recordingId: string;
  startedAt: string;
  status: Manifest['status'];
  /** Seconds from the recording's start to the end of its last segment. */
  duration: number;
  tracks: PlaybackTrack[];
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/** Where each segment of each track sits, in the file served for it and on the recording's timeline. */
export function playbackPlan(manifest: Manifest): PlaybackRecording {
  const tracks = manifest.tracks
    .filter((t) => t.segments.length > 0)
    .map((track): PlaybackTrack => {
      // Within one run of the recorder the segments' times run on and the remux keeps them, so a
      // segment's place in the file is its start time; a restarted recorder begins again at 0, and the
      // remux puts its segments after the ones before.
      let runBase = 0;
      let previous: Track['segments'][number] | undefined;
      const segments = track.segments.map((segment) => {
        if (previous && segment.startTime < previous.startTime) runBase += previous.endTime;
        previous = segment;
        const duration = Math.max(0, segment.endTime - segment.startTime);
        const wall = WallTimed.safeParse(segment);
        const at =
          wall.success && wall.data.wallStart
            ? seconds(manifest.startedAt, wall.data.wallStart)
            : seconds(manifest.startedAt, track.startedAt) + segment.startTime;
        return { mediaStart: runBase + segment.startTime - (track.segments[0]?.startTime ?? 0), duration, at: Math.max(0, at) };
      });
      const language = z.object({ language: z.string().optional() }).safeParse(track);
      return {
        trackId: track.trackId,
        participantId: track.participantId,
        role: track.role,
        source: track.source,
        kind: track.kind,
        ...(language.success && language.data.language ? { language: language.data.language } : {}),
        segments,
      };
    });
  const duration = Math.max(0, ...tracks.flatMap((t) => t.segments.map((s) => s.at + s.duration)));
  return { recordingId: manifest.recordingId, startedAt: manifest.startedAt, status: manifest.status, duration, tracks };
}

export function mediaType(track: Track): string {
  if (track.container === 'matroska') return track.kind === 'audio' ? 'audio/x-matroska' : 'video/x-matroska';
  return track.kind === 'audio' ? 'audio/webm' : 'video/webm';
}

/**
 * The track's segments decrypted and remuxed into one playable file at `target` (which the caller
 * encrypts and removes: playback-cache.ts).
 */
export async function remuxTrack(folder: string, manifest: Manifest, track: Track, recordingKey: RecordingKey, target: string): Promise<void> {
  const dataKey = recordingKey.unwrap(manifest.encryption.dataKey, manifest.recordingId);
  const work = await mkdtemp(join(tmpdir(), 'hearing-room-playback-'));
  try {
    const extension = track.container === 'webm' ? 'webm' : 'mkv';
    const parts: string[] = [];
    for (const segment of track.segments) {
      const part = join(work, `part-${String(segment.index).padStart(5, '0')}.${extension}`);
      const chunks: Buffer[] = [];
      await decryptFile(
        join(folder, track.trackId, segment.file),
        dataKey,
        { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index },
        manifest.encryption.chunkBytes,
        (c) => {
          chunks.push(c);
        },
      );
      await writeFile(part, Buffer.concat(chunks), { mode: 0o600 });
      parts.push(part);
    }
    const list = join(work, 'parts.txt');
    await writeFile(list, parts.map((p) => `file '${p}'`).join('\n'), { mode: 0o600 });
    // An output file, not a pipe: the muxer goes back to write the cues a media element seeks by.
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-f',
      track.container === 'webm' ? 'webm' : 'matroska',
      target,
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
