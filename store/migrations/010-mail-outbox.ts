import type { Migration } from './migration.js';

/**
 * Letters waiting for the court's mail relay. A row is written in the same transaction as the
 * workflow step that calls for the letter, so a server that stops right after scheduling a hearing
 * still sends its invitations. The message is not stored: it is written from the hearing at each
 * attempt, so only the letter's kind, its person's id and its outcome are kept.
 */
export const mailOutbox: Migration = {
  version: 10,
  name: 'letters waiting for the mail relay',
  statements: [
    `CREATE TABLE mail_outbox (
       id TEXT PRIMARY KEY,
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       participant_id TEXT,
       kind TEXT NOT NULL,
       actor_id TEXT NOT NULL,
       authority_id TEXT NOT NULL,
       state TEXT NOT NULL,
       attempts INTEGER NOT NULL,
       next_attempt_at TEXT NOT NULL,
       claimed_by TEXT,
       claimed_until TEXT,
       created_at TEXT NOT NULL,
       finished_at TEXT
     )`,
    'CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at)',
  ],
};
