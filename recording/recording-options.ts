/**
 * What a recording is started with (checked as any input is), and what it reports as it runs: a
 * stretch not recorded, a track that stopped reaching the disk or reaches it again.
 */
import { z } from 'zod';
import type { Gap } from './manifest.js';
import type { TrackSource } from './run.js';
import type { TrackDownCause } from './track.js';

/** A stretch of a track that was not recorded, as the recording reports it when the next run begins. */
export interface GapReport extends Gap {
  trackId: string;
  participantId: string;
  /** A fault (the recorder or the media server died), as opposed to a stream that ended or was replaced. */
  fault: boolean;
}

export const RecordingOptions = z.object({
  /** Folder that will hold this recording (created; must not already hold a manifest). */
  dir: z.string().min(1, 'dir: give the folder the recording is written to'),
  hearingId: z.string().min(1, 'hearingId: give the hearing'),
  /** The id the court's record gives this recording (`recording.started`); a fresh one otherwise. */
  recordingId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'recordingId: letters, digits, - or _')
    .optional(),
  legalBasis: z.string().trim().min(3, 'legalBasis: give the legal basis for recording, at least a few words').max(500),
  /** The recording this one continues after the server restarted under it (manifest.ts `continues`). */
  continues: z
    .object({ recordingId: z.string().min(1), manifestSha256: z.string().regex(/^[0-9a-f]{64}$/, 'continues.manifestSha256: a SHA-256 hex digest') })
    .optional(),
  segmentSeconds: z.number().min(1, 'segmentSeconds: at least 1 second').max(3600, 'segmentSeconds: at most an hour').default(10),
  ports: z
    .object({ min: z.number().int().min(1024).max(65534), max: z.number().int().min(1025).max(65535) })
    .refine((r) => r.max > r.min, 'ports: max must be above min')
    .default({ min: 50000, max: 50999 }),
  ffmpegPath: z.string().min(1).default('ffmpeg'),
  /** How long a track may take to write its first media before it is given up. */
  startTimeoutMs: z.number().int().positive().default(15000),
});
export type RecordingOptions = z.input<typeof RecordingOptions>;

/** A track that stopped reaching the disk, or reaches it again (`cause` null), as the court is told. */
export interface TrackStateReport {
  trackId: string;
  participantId: string;
  source: TrackSource['source'];
  cause: TrackDownCause | null;
  /** The error behind it, for the log (never shown to the court as it is). */
  detail?: string;
}
