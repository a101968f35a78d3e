/**
 * store — persistence of hearings, participants, issued join links and each hearing's event log.
 *
 * `openStore` takes a URL: `sqlite:<file>` (the embedded default) or `postgres://…`. Migrations are
 * applied before it resolves. Callers see repositories only and never learn which engine runs.
 * For backups, `readSnapshot` reads every table as of one instant in a form both engines read back
 * alike (`snapshot.ts`), and `loadBackup` loads such rows into an empty database (`restore.ts`).
 */
import { authorityRepository } from './authorities.js';
import { authorityTextRepository } from './authority-texts.js';
import { bookingRepository } from './bookings.js';
import type { SqlDriver } from './driver.js';
import { eventRepository } from './events.js';
import { leaseRepository } from './leases.js';
import { mailOutboxRepository } from './mail-outbox.js';
import { consultationDocumentRepository } from './consultation-documents.js';
import { exhibitRepository } from './exhibits.js';
import { minutesRepository } from './minutes.js';
import { hearingRepository } from './hearings.js';
import { migrate } from './migrations.js';
import { participantRepository } from './participants.js';
import { requestRepository } from './requests.js';
import { retentionRepository } from './retention.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import { tokenRepository } from './tokens.js';

export type { HearingEvent, NewHearingEvent } from './events.js';
export { EventRejected } from './events.js';
export { LeaseLost, type Fence } from './leases.js';
export { storeOutage, type StoreOutage } from './driver.js';
export type { SignedMinutesRow } from './minutes.js';
export type { IssuedToken } from './tokens.js';
export type { NewHearing } from './hearings.js';
export type { NewParticipant } from './participants.js';
export { MIGRATIONS } from './migrations.js';
export type { SqlDriver } from './driver.js';
export type { TableShape } from './tables.js';
export { readSnapshot, type AppliedMigration, type DatabaseSnapshot, type PortableValue } from './snapshot.js';
export {
  inspectTarget,
  latestSchemaVersion,
  loadBackup,
  refusalFor,
  RestoreRefused,
  type BackupRows,
  type BackupTable,
  type TargetContents,
} from './restore.js';
export type { AuthoritySettings, NewAuthority, NewResource } from './authorities.js';
export { TextVersionConflict, type AuthorityText, type NewAuthorityText } from './authority-texts.js';
export type { NewBooking } from './bookings.js';
export { ComposedMessage, LETTER_KINDS, type LetterActor, type LetterKind, type QueuedLetter } from './mail-outbox.js';
export type { SealedConsultationDocument } from './consultation-documents.js';
export { EXHIBIT_MEDIA_TYPES, type Exhibit, type ExhibitMediaType, type SealedExhibit } from './exhibits.js';
export { ERASED, RETENTION_CATEGORIES, type ClosedHearing, type RetentionCategory, type RetentionEntry } from './retention.js';
export type { PersonalValue } from './events.js';
export type { InvitedParticipant, NewInvitedParticipant, NewRequest, RequestChange, RequestEvent } from './requests.js';

export interface Store {
  readonly dialect: SqlDriver['dialect'];
  readonly hearings: ReturnType<typeof hearingRepository>;
  readonly participants: ReturnType<typeof participantRepository>;
  readonly tokens: ReturnType<typeof tokenRepository>;
  readonly events: ReturnType<typeof eventRepository>;
  /** Which server holds each hearing in session, and the epoch every append of it must name. */
  readonly leases: ReturnType<typeof leaseRepository>;
  /** Signed minutes, the exact bytes with their signature; append-only. */
  readonly minutes: ReturnType<typeof minutesRepository>;
  /** Cross-border scheduling: authorities, coordinators, resources, feeds; requests; bookings. */
  readonly authorities: ReturnType<typeof authorityRepository>;
  readonly requests: ReturnType<typeof requestRepository>;
  readonly bookings: ReturnType<typeof bookingRepository>;
  /** The texts of rights, caution, consent, oath and affirmation each authority approved; versions are never changed. */
  readonly authorityTexts: ReturnType<typeof authorityTextRepository>;
  /** Letters (invitations, their updates and cancellations, summons) waiting for the mail relay, and their outcomes. */
  readonly mail: ReturnType<typeof mailOutboxRepository>;
  /** The documents submitted for each hearing, sealed; only added. */
  readonly exhibits: ReturnType<typeof exhibitRepository>;
  /** What a private consultation's members share, sealed in their browsers; held while the consultation lasts. */
  readonly consultationDocuments: ReturnType<typeof consultationDocumentRepository>;
  /** What the retention rules deleted, and the deletions themselves, each logged once. */
  readonly retention: ReturnType<typeof retentionRepository>;
  /** Versions of the schema applied by this open (empty when the database was current). */
  readonly appliedMigrations: readonly number[];
  /** Answers a trivial query: whether the database can be reached now (for readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function driverFor(url: string): SqlDriver {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw new Error(`database url: expected sqlite:<file> or postgres://…, got "${url.split(':')[0]}:…"`);
}

export async function openStore(url: string): Promise<Store> {
  const db = driverFor(url);
  const appliedMigrations = await migrate(db);
  return {
    dialect: db.dialect,
    hearings: hearingRepository(db),
    participants: participantRepository(db),
    tokens: tokenRepository(db),
    events: eventRepository(db),
    leases: leaseRepository(db),
    minutes: minutesRepository(db),
    authorities: authorityRepository(db),
    requests: requestRepository(db),
    bookings: bookingRepository(db),
    authorityTexts: authorityTextRepository(db),
    mail: mailOutboxRepository(db),
    exhibits: exhibitRepository(db),
    consultationDocuments: consultationDocumentRepository(db),
    retention: retentionRepository(db),
    appliedMigrations,
    ping: async () => void (await db.all('SELECT 1 AS one')),
    close: () => db.close(),
  };
}
