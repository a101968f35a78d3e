import type { Migration } from './migration.js';

/**
 * Languages: the language the court conducts each hearing in, and the texts of rights, caution,
 * consent, oath and affirmation that an authority has approved, per language and version. Approved
 * texts are never changed or removed, only superseded by a later version, because a hearing's record
 * names the exact words by their hash.
 */
export const languages: Migration = {
  version: 5,
  name: 'court language of a hearing, authorities’ approved texts',
  statements: [
    'ALTER TABLE hearings ADD COLUMN court_language TEXT',
    `CREATE TABLE authority_texts (
       id TEXT PRIMARY KEY,
       authority_id TEXT NOT NULL REFERENCES authorities(id),
       text_id TEXT NOT NULL,
       language TEXT NOT NULL,
       version TEXT NOT NULL,
       title TEXT NOT NULL,
       body TEXT NOT NULL,
       sha256 TEXT NOT NULL,
       approved_by TEXT NOT NULL,
       created_at TEXT NOT NULL,
       UNIQUE (authority_id, text_id, language, version)
     )`,
  ],
};
