/**
 * record — the tamper-evident record of a hearing and the minutes drawn from it.
 *
 * Owns: the canonical encoding and hash chain of the hearing's event log (`chain.ts`, used by the
 * store when it appends), the verifier that names the first entry altered, removed, reordered or
 * inserted (`verify.ts`), exports another state can verify on its own (`export.ts`), the
 * `verify-record` command (`cli.ts`), and the minutes: generated from the record (`minutes.ts`, which
 * reads what the court's state holds from the court's own fold, and each part of them in its own
 * `minutes-*.ts`), rendered for print (`minutes-html.ts`, each section in its own
 * `minutes-html-*.ts`), signed with the requested authority's Ed25519 key and transmitted, each step
 * an entry in the record (`signing.ts`, `service.ts`).
 *
 * The catalogue of what may be written lives in courtroom/events.ts; the log itself in store/events.ts.
 */
export { GENESIS, canonicalJson, entryHash, sha256Hex, type ChainedContent } from './chain.js';
export { verifyChain, type Anchor, type ChainProblem, type ChainProblemKind, type ChainReport } from './verify.js';
export { exportRecord, RecordExport, RECORD_EXPORT_FORMAT } from './export.js';
export {
  GENERATED_COURT_KEY_FILE,
  GENERATED_MINUTES_KEY_FILE,
  MinutesSigner,
  generatedSigningKey,
  keyIdOf,
  parseSigningKey,
  verifyMinutes,
  type MinutesSignature,
} from './signing.js';
export { generateMinutes, minutesJson, MINUTES_FORMAT, type Minutes, type MinutesPerson, type PersonHeard, type Site, type Sites } from './minutes.js';
export { escapeHtml, renderMinutesHtml, type MinutesStatus } from './minutes-html.js';
export { MinutesError, MinutesService, type CurrentMinutes, type MinutesServiceOptions } from './service.js';
