import type { Migration } from './migration.js';

/**
 * Interpretation: each participant's own language (they start on the channel into it) and, for an
 * interpreter, the pair they interpret. A hearing's channels are the languages its interpreters
 * interpret into, so the hearing itself needs no column. Nullable columns, so existing rows stay
 * valid on SQLite and PostgreSQL alike.
 */
export const interpretation: Migration = {
  version: 4,
  name: 'participant languages and interpreters’ language pairs',
  statements: [
    'ALTER TABLE participants ADD COLUMN language TEXT',
    'ALTER TABLE participants ADD COLUMN interprets_from TEXT',
    'ALTER TABLE participants ADD COLUMN interprets_into TEXT',
  ],
};
