/**
 * The documents submitted for a hearing (migration 11). A row holds what the court and the record
 * name a document by — title, type, pages, size, the SHA-256 of its exact bytes, who submitted it and
 * when — and the bytes sealed (encrypted, with the wrapped key that opens them); the store neither
 * sees nor checks the plaintext. Rows are only added.
 */
import { z } from 'zod';
import type { SqlDriver } from './driver.js';

export const EXHIBIT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ExhibitMediaType = (typeof EXHIBIT_MEDIA_TYPES)[number];

/** A document as the court names it (no content). */
export interface Exhibit {
  id: string;
  hearingId: string;
  title: string;
  mediaType: ExhibitMediaType;
  sha256: string;
  size: number;
  pages: number;
  submittedBy: string;
  submittedAt: string;
}

/** A document with its sealed bytes: `dataKey` is the wrapped key (JSON), `content` the ciphertext (base64). */
export interface SealedExhibit extends Exhibit {
  dataKey: string;
  content: string;
}

const Row = z.object({
  id: z.string(),
  hearing_id: z.string(),
  title: z.string(),
  media_type: z.enum(EXHIBIT_MEDIA_TYPES),
  sha256: z.string(),
  size: z.coerce.number().int(),
  pages: z.coerce.number().int(),
  submitted_by: z.string(),
  submitted_at: z.string(),
});
const SealedRow = Row.extend({ data_key: z.string(), content: z.string() });

const NAMED = 'id, hearing_id, title, media_type, sha256, size, pages, submitted_by, submitted_at';

function exhibitOf(row: z.infer<typeof Row>): Exhibit {
  return {
    id: row.id,
    hearingId: row.hearing_id,
    title: row.title,
    mediaType: row.media_type,
    sha256: row.sha256,
    size: row.size,
    pages: row.pages,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
  };
}

export function exhibitRepository(db: SqlDriver) {
  return {
    async add(exhibit: SealedExhibit): Promise<void> {
      await db.run(`INSERT INTO exhibits (${NAMED}, data_key, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        exhibit.id,
        exhibit.hearingId,
        exhibit.title,
        exhibit.mediaType,
        exhibit.sha256,
        exhibit.size,
        exhibit.pages,
        exhibit.submittedBy,
        exhibit.submittedAt,
        exhibit.dataKey,
        exhibit.content,
      ]);
    },

    /** The hearing's bundle, in the order submitted, without content. */
    async list(hearingId: string): Promise<Exhibit[]> {
      const rows = await db.all(`SELECT ${NAMED} FROM exhibits WHERE hearing_id = ? ORDER BY submitted_at, id`, [hearingId]);
      return rows.map((row) => exhibitOf(Row.parse(row)));
    },

    /** One document with its sealed bytes, if it belongs to the hearing. */
    async sealed(hearingId: string, id: string): Promise<SealedExhibit | undefined> {
      const [row] = await db.all(`SELECT ${NAMED}, data_key, content FROM exhibits WHERE hearing_id = ? AND id = ?`, [hearingId, id]);
      if (!row) return undefined;
      const parsed = SealedRow.parse(row);
      return { ...exhibitOf(parsed), dataKey: parsed.data_key, content: parsed.content };
    },
  };
}
