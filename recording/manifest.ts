/**
 * The manifest of a recording: for each track, its segments in order, each with its size, SHA-256
 * and a chain hash that binds it to every segment before it. The manifest is signed with the
 * requested authority's Ed25519 key (the key that signs the minutes) each time a segment is added and
 * when the recording ends, and written by rename, so a crash leaves the last signed prefix on disk.
 *
 * chainHash(segment n) = SHA-256 of the canonical JSON (record/chain.ts) of
 *   { endTime, file, hearingId, index, plaintext: { sha256, size }, prevChainHash, recordingId,
 *     sha256, size, startTime, trackId }
 * with prevChainHash the previous segment's chainHash, or 64 zeros for segment 0. The signature is
 * over the canonical JSON of the whole manifest. Both can be recomputed by anyone from the file.
 *
 * Segments are stored encrypted (encryption.ts): `file`, `size` and `sha256` describe the stored
 * bytes, so anyone can check them without the key; `plaintext` describes the media they decrypt to,
 * which only a holder of the key can check.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { GENESIS, canonicalJson, sha256Hex } from '../record/index.js';
import { SegmentEncryption } from './encryption.js';
import { SegmentMedia } from './media-probe.js';

export const MANIFEST_FORMAT = 'hearing-room.recording-manifest/2';
export const MANIFEST_FILE = 'manifest.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');
const Instant = z.string().datetime({ offset: true });
const Id = z.string().min(1).max(200);
/**
 * A recording's id, as the recorder makes it (randomUUID): it names the recording's folder in an
 * export package, so it can never hold a path.
 */
export const RecordingId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a recording id (a UUID, as the recorder makes them)');
/** A file name inside its track's folder: no path, so a manifest can never point outside it. */
const SegmentFile = z.string().regex(/^segment-\d{5}\.(webm|mkv)\.enc$/, 'must be an encrypted segment file name such as segment-00000.webm.enc');
const TrackId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be letters, digits, - or _');

export const Segment = z.object({
  index: z.number().int().min(0),
  file: SegmentFile,
  /** Seconds on the track's own timeline, as the recorder cut it. */
  startTime: z.number().min(0),
  endTime: z.number().min(0),
  /** When the recorder closed the segment and it was hashed. */
  closedAt: Instant,
  /** Size and SHA-256 of the stored (encrypted) file. */
  size: z.number().int().min(0),
  sha256: Sha256,
  /** Size and SHA-256 of the media the file decrypts to. */
  plaintext: z.object({ size: z.number().int().min(0), sha256: Sha256 }),
  chainHash: Sha256,
  /** Which run of the track's recorder wrote it (see `Run`); its times are on that run's timeline. */
  run: z.number().int().min(0).optional(),
  /** When its first and last media were sent, on the server's clock (from the run's timing): where it sits among the tracks. */
  wallStart: Instant.optional(),
  wallEnd: Instant.optional(),
  /** What the file holds, measured from it when it was sealed: the stretches of playable media (coverage.ts). */
  media: SegmentMedia.optional(),
});
export type Segment = z.infer<typeof Segment>;

export const Track = z.object({
  trackId: TrackId,
  /** Whose stream it is; for an interpretation channel, the interpreter live when it began (each run names its own). */
  participantId: Id,
  role: z.string().min(1).max(60),
  source: z.enum(['microphone', 'camera', 'screen', 'interpretation']),
  /** For an interpretation channel: the language it is interpreted into. */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/)
    .optional(),
  kind: z.enum(['audio', 'video']),
  /** MIME type and clock rate of the RTP stream as the SFU sent it; the files hold it unchanged. */
  codec: z.string().min(1).max(60),
  clockRate: z.number().int().positive(),
  container: z.enum(['webm', 'matroska']),
  /** When the recorder first wrote media for this track. */
  startedAt: Instant,
  endedAt: Instant.optional(),
  segments: z.array(Segment),
  /** Each stretch one recorder process wrote from one stream of this participant and source. */
  runs: z.array(z.lazy(() => Run)).optional(),
  /** Stretches not recorded between runs, and why. */
  gaps: z.array(z.lazy(() => Gap)).optional(),
  /**
   * Stretches a run was given nothing to record, and why: the participant stopped sending, or the court
   * held the stream (a private consultation). `to` is absent while the pause lasts.
   */
  pauses: z
    .array(z.lazy(() => Pause))
    .max(10000)
    .optional(),
});
export type Track = z.infer<typeof Track>;

/**
 * The timing of one run, for playing tracks in sync: file time t (seconds, the segments' startTime
 * and endTime) carries RTP timestamp rtpBase + t × clockRate; each sender report pairs an RTP
 * timestamp with the server's NTP clock (mediasoup's, monotonic, shared by every track of the
 * machine) and with the wall clock when it arrived. Before the first report, firstPacketAt dates time 0.
 */
export const RunTiming = z.object({
  clockRate: z.number().int().positive(),
  rtpBase: z.number().int().min(0).max(0xffffffff),
  firstPacketAt: Instant,
  senderReports: z.array(z.object({ rtpTimestamp: z.number().int().min(0).max(0xffffffff), ntpMs: z.number().min(0), receivedAt: Instant })).max(1000),
});
export type RunTiming = z.infer<typeof RunTiming>;

export const Run = z.object({
  run: z.number().int().min(0),
  producerId: Id,
  /** Whose stream the run recorded: on an interpretation channel, the interpreter live then. */
  participantId: Id.optional(),
  /** The first segment this run wrote (segments are numbered across the track's runs). */
  firstSegment: z.number().int().min(0),
  startedAt: Instant,
  endedAt: Instant.optional(),
  /** Why the run ended: stopped, stream ended, recorder exited, media worker lost. */
  endCause: z.string().max(200).optional(),
  timing: RunTiming.optional(),
});
export type Run = z.infer<typeof Run>;

export const Gap = z.object({ from: Instant, to: Instant, cause: z.string().min(1).max(200) });
export type Gap = z.infer<typeof Gap>;

export const Pause = z.object({ from: Instant, to: Instant.optional(), cause: z.string().min(1).max(200) });
export type Pause = z.infer<typeof Pause>;

export const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  recordingId: RecordingId,
  hearingId: Id,
  legalBasis: z.string().min(3).max(500),
  segmentSeconds: z.number().positive(),
  /** How the segments are encrypted, and the recording's data key wrapped by the installation's key. */
  encryption: SegmentEncryption,
  startedAt: Instant,
  /** `recording` until the end: a manifest left in this state is the signed prefix of a recording cut short. */
  status: z.enum(['recording', 'complete']),
  endedAt: Instant.optional(),
  tracks: z.array(Track),
  /**
   * Present when the server started this recording itself after it restarted under a running one: the
   * recording it continues, and the SHA-256 of that recording's last signed manifest (the one the
   * court's record anchors), so the two read as one chain across the crash.
   */
  continues: z.object({ recordingId: RecordingId, manifestSha256: Sha256 }).optional(),
  /**
   * Present when the recording is time-stamped (timestamp.ts): every checkpoint token kept so far, by
   * name and the SHA-256 of its reply file. Signed with the manifest, so a token removed or replaced
   * afterwards is detected; the final token, which stamps this manifest, is covered by the signed
   * `timestamps/final.json` instead.
   */
  timestamps: z.object({ tokens: z.array(z.object({ name: z.string().regex(/^checkpoint-\d{5}$/), sha256: Sha256 })).max(100_000) }).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export const ManifestSignature = z.object({
  algorithm: z.literal('Ed25519'),
  /** SHA-256 of the signed bytes (the manifest's canonical JSON). */
  sha256: Sha256,
  signature: z.string().min(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publicKeyPem: z.string().includes('BEGIN PUBLIC KEY'),
  signedAt: Instant,
});
export type ManifestSignature = z.infer<typeof ManifestSignature>;

/** What is written to manifest.json. */
export const SignedManifest = z.object({ manifest: Manifest, signature: ManifestSignature });
export type SignedManifest = z.infer<typeof SignedManifest>;

export function segmentChainHash(
  manifest: Pick<Manifest, 'recordingId' | 'hearingId'>,
  trackId: string,
  segment: Omit<Segment, 'chainHash' | 'closedAt'>,
  prevChainHash: string,
): string {
  const { index, file, startTime, endTime, size, sha256, plaintext } = segment;
  return sha256Hex(
    canonicalJson({
      recordingId: manifest.recordingId,
      hearingId: manifest.hearingId,
      trackId,
      index,
      file,
      startTime,
      endTime,
      size,
      sha256,
      plaintext,
      prevChainHash,
    }),
  );
}

export function previousChainHash(track: Track): string {
  return track.segments.at(-1)?.chainHash ?? GENESIS;
}

/** The exact bytes the signature covers. */
export function signedBytes(manifest: Manifest): string {
  return canonicalJson(manifest);
}

/** SHA-256 of a segment file, streamed: a segment is never held in memory whole. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
