import { z } from 'zod';
import type { SqlExecutor } from '../driver.js';
import { postgresWriteOnce, type Migration } from './migration.js';

/**
 * Authorities' approved texts as they are loaded: the coordinator account that loaded each version
 * (`loaded_by`; null for a text an installation loaded without an account), and the order the
 * versions of one text in one language were approved (`seq`, 1, 2, …), which decides the version in
 * force — the version label is the authority's own name and need not sort. A hearing's record names a
 * text by its hash, so a version is never changed or removed: the database refuses it, as it does for
 * the record itself.
 */
const IMMUTABLE = 'authority_texts: an approved version is never changed or removed; load a new version';

const Existing = z.object({ id: z.string(), authority_id: z.string(), text_id: z.string(), language: z.string() });

/** Rows present before this migration (none are written by earlier code) are numbered in the order they were created. */
async function numberExistingVersions(tx: SqlExecutor): Promise<void> {
  const rows = (await tx.all('SELECT id, authority_id, text_id, language FROM authority_texts ORDER BY created_at, id')).map((row) => Existing.parse(row));
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.authority_id}\n${row.text_id}\n${row.language}`;
    const seq = (counts.get(key) ?? 0) + 1;
    counts.set(key, seq);
    await tx.run('UPDATE authority_texts SET seq = ? WHERE id = ?', [seq, row.id]);
  }
}

const INDEXES = [
  'CREATE UNIQUE INDEX authority_texts_order ON authority_texts (authority_id, text_id, language, seq)',
  'CREATE INDEX authority_texts_by_hash ON authority_texts (sha256)',
];

export const authorityTexts: Migration = {
  version: 6,
  name: 'authorities’ approved texts: who loaded each version, their order, and no change once approved',
  statements: {
    sqlite: [
      'ALTER TABLE authority_texts ADD COLUMN loaded_by TEXT REFERENCES coordinators(id)',
      'ALTER TABLE authority_texts ADD COLUMN seq INTEGER',
      numberExistingVersions,
      ...INDEXES,
      `CREATE TRIGGER authority_texts_numbered BEFORE INSERT ON authority_texts
       WHEN NEW.seq IS NULL OR NEW.seq < 1
       BEGIN SELECT RAISE(ABORT, 'authority_texts: a version needs its place in the order of approval (seq)'); END`,
      `CREATE TRIGGER authority_texts_no_update BEFORE UPDATE ON authority_texts
       BEGIN SELECT RAISE(ABORT, '${IMMUTABLE}'); END`,
      `CREATE TRIGGER authority_texts_no_delete BEFORE DELETE ON authority_texts
       BEGIN SELECT RAISE(ABORT, '${IMMUTABLE}'); END`,
    ],
    postgres: [
      'ALTER TABLE authority_texts ADD COLUMN loaded_by TEXT REFERENCES coordinators(id), ADD COLUMN seq INTEGER',
      numberExistingVersions,
      'ALTER TABLE authority_texts ALTER COLUMN seq SET NOT NULL, ADD CONSTRAINT authority_texts_seq_positive CHECK (seq >= 1)',
      ...INDEXES,
      ...postgresWriteOnce('authority_texts', 'authority_texts_immutable', IMMUTABLE),
    ],
  },
};
