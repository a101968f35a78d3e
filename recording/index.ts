/**
 * recording — the recording of a hearing as evidence.
 *
 * Owns: one track per participant and source, continued across reconnections, new routers and
 * recorder restarts with the gaps written down (`recorder.ts`, `track.ts`); each run of a track
 * (`run.ts`): taking the stream out of the hearing's router over plain RTP (`stream-tap.ts`, `sdp.ts`,
 * the recorders' port range in `ports.ts`), through a relay that notes its timing for synchronised
 * playback (`relay.ts`, read in `run-timing.ts`), into its own ffmpeg process, written as WebM/Matroska
 * segments of a configurable length (`segmenter.ts`) and listed as they close (`segment-list.ts`);
 * the manifest that lists every segment with its SHA-256 chained
 * to the one before, signed with the requested authority's Ed25519 key at every segment and at the end
 * (`manifest.ts`); encryption at rest with a data key per recording wrapped by the installation's
 * recording key (`encryption.ts`); RFC 3161 timestamps on the manifest from a configured authority
 * (`timestamp.ts`, checked by `verify-timestamps.ts`); and the verifier and its command, `./hearing-room verify-recording`
 * (`verify.ts`, `cli.ts`), which need nothing but the recording folder; what can be checked of a
 * recording without its media (`verify-manifest.ts`), and which of a folder's files are media and
 * which the small files that describe it (`folder-contents.ts`), for backups.
 *
 * The signing key is record/'s (the same key signs the minutes); the media comes from sfu/'s router.
 */
export { Gap, Run, RunTiming } from './manifest.js';
export {
  Manifest,
  ManifestSignature,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  Segment,
  SignedManifest,
  Track,
  segmentChainHash,
  sha256File,
  signedBytes,
} from './manifest.js';
export {
  CHUNK_BYTES,
  DecryptionError,
  RecordingKey,
  SEGMENT_ENCRYPTION,
  SegmentEncryption,
  WrappedKey,
  decryptFile,
  decryptRange,
  encryptFile,
  plaintextSizeOf,
  parseRecordingKey,
  type SegmentIdentity,
} from './encryption.js';
export { Recording, RecordingOptions, type GapReport, type TrackSource, type TrackStateReport } from './recorder.js';
export { isVp8KeyframeStart } from './relay.js';
export { recorderSdp } from './sdp.js';
export { CUSTODY_EVENT_TYPES, commandOperator, logCustody, type Custodian, type CustodyEventType } from './custody.js';
export { exportPackage, parseRecipientKey, PACKAGE_FORMAT, type ExportOptions } from './export.js';
export { isExportPackage, verifyPackage, type PackageOptions, type PackageReport } from './verify-package.js';
export { TimestampAuthority, type TimestampAuthorityOptions } from './timestamp.js';
export type { TimestampSummary } from './verify-timestamps.js';
export {
  describeRecordingReport,
  verifyRecording,
  type RecordingProblem,
  type RecordingProblemKind,
  type RecordingReport,
  type VerifyOptions,
} from './verify.js';
export {
  checkSignedManifest,
  verifyManifestOnly,
  type ManifestOnlyOptions,
  type ManifestOnlyReport,
  type SignedManifestCheck,
} from './verify-manifest.js';
export { isMediaFile, recordingFolderContents, type MediaFile, type RecordingFolderContents } from './folder-contents.js';
export { describeCoverage, HOLE_TOLERANCE_S, trackCoverage, type TrackCoverage } from './coverage.js';
export { DiskWatch, freeMegabytes, WARN_MINUTES_LEFT, type DiskChange } from './disk-watch.js';
export { closeCutShort, isCutShort, reapRecorders, type CutShort } from './recovery.js';
export {
  DocumentRefused,
  documentKind,
  MAX_DOCUMENT_BYTES,
  openDocument,
  pageCount,
  renderPage,
  sealDocument,
  sha256Of,
  type DocumentKind,
} from './exhibit-files.js';
