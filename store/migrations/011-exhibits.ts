import type { Migration } from './migration.js';

/**
 * The documents of a hearing's bundle (exhibits): what was submitted, by whom, when, with the SHA-256
 * of the exact bytes; the bytes themselves encrypted under a key of their own, wrapped by the court's
 * recording key, so the database (and its backups) carry them sealed and nothing else is needed to
 * restore them. A document is never changed: a new version is a new exhibit.
 */
export const exhibits: Migration = {
  version: 11,
  name: 'documents submitted for a hearing',
  statements: [
    `CREATE TABLE exhibits (
       id TEXT PRIMARY KEY,
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       title TEXT NOT NULL,
       media_type TEXT NOT NULL,
       sha256 TEXT NOT NULL,
       size INTEGER NOT NULL,
       pages INTEGER NOT NULL,
       submitted_by TEXT NOT NULL,
       submitted_at TEXT NOT NULL,
       data_key TEXT NOT NULL,
       content TEXT NOT NULL
     )`,
    'CREATE INDEX exhibits_of_hearing ON exhibits (hearing_id, submitted_at)',
  ],
};
