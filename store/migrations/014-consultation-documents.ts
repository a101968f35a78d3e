import type { Migration } from './migration.js';

/**
 * The documents a lawyer and the person he assists share in a private consultation, held only while
 * it lasts. Each is sealed in the sender's browser under a key only the consultation's members hold:
 * a row is ciphertext and its size, nothing the server or a backup could open, and no title. Rows
 * go when their consultation ends.
 */
export const consultationDocuments: Migration = {
  version: 14,
  name: 'documents sealed end to end in a private consultation',
  statements: [
    `CREATE TABLE consultation_documents (
       id TEXT PRIMARY KEY,
       hearing_id TEXT NOT NULL REFERENCES hearings(id),
       consultation_id TEXT NOT NULL,
       shared_by TEXT NOT NULL,
       shared_at TEXT NOT NULL,
       size INTEGER NOT NULL,
       content TEXT NOT NULL
     )`,
    'CREATE INDEX consultation_documents_of_consultation ON consultation_documents (hearing_id, consultation_id)',
  ],
};
