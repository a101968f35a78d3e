/**
 * The documents shared in a private consultation, while it lasts (migration 14). A row is what the
 * sender's browser sealed — ciphertext the server has no key to — with its size, who shared it and
 * when; the title and type are inside the seal. Rows go with their consultation.
 */
import { z } from 'zod';
import type { SqlDriver } from './driver.js';

export interface SealedConsultationDocument {
  id: string;
  hearingId: string;
  consultationId: string;
  sharedBy: string;
  sharedAt: string;
  /** The sealed bytes. */
  content: Buffer;
}

const Row = z.object({
  id: z.string(),
  hearing_id: z.string(),
  consultation_id: z.string(),
  shared_by: z.string(),
  shared_at: z.string(),
  content: z.string(),
});

export function consultationDocumentRepository(db: SqlDriver) {
  return {
    /** False when a document with this id exists already: a document is never replaced. */
    async add(document: SealedConsultationDocument): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [existing] = await tx.all('SELECT id FROM consultation_documents WHERE id = ?', [document.id]);
        if (existing) return false;
        await tx.run('INSERT INTO consultation_documents (id, hearing_id, consultation_id, shared_by, shared_at, size, content) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          document.id,
          document.hearingId,
          document.consultationId,
          document.sharedBy,
          document.sharedAt,
          document.content.length,
          document.content.toString('base64'),
        ]);
        return true;
      });
    },

    /** How many documents a consultation holds now, and their sealed bytes in all. */
    async usage(hearingId: string, consultationId: string): Promise<{ documents: number; bytes: number }> {
      const [row] = await db.all(
        'SELECT COUNT(*) AS documents, COALESCE(SUM(size), 0) AS bytes FROM consultation_documents WHERE hearing_id = ? AND consultation_id = ?',
        [hearingId, consultationId],
      );
      return z.object({ documents: z.coerce.number(), bytes: z.coerce.number() }).parse(row);
    },

    async get(hearingId: string, consultationId: string, id: string): Promise<SealedConsultationDocument | undefined> {
      const [row] = await db.all(
        'SELECT id, hearing_id, consultation_id, shared_by, shared_at, content FROM consultation_documents WHERE hearing_id = ? AND consultation_id = ? AND id = ?',
        [hearingId, consultationId, id],
      );
      if (!row) return undefined;
      const parsed = Row.parse(row);
      return {
        id: parsed.id,
        hearingId: parsed.hearing_id,
        consultationId: parsed.consultation_id,
        sharedBy: parsed.shared_by,
        sharedAt: parsed.shared_at,
        content: Buffer.from(parsed.content, 'base64'),
      };
    },

    /** Removes a hearing's documents of every consultation but those named (the ones still open); returns how many went. */
    async removeAllBut(hearingId: string, openConsultationIds: readonly string[]): Promise<number> {
      const keep = openConsultationIds.length ? ` AND consultation_id NOT IN (${openConsultationIds.map(() => '?').join(', ')})` : '';
      const [row] = await db.all(`SELECT COUNT(*) AS n FROM consultation_documents WHERE hearing_id = ?${keep}`, [hearingId, ...openConsultationIds]);
      const count = z.object({ n: z.coerce.number() }).parse(row).n;
      if (count > 0) await db.run(`DELETE FROM consultation_documents WHERE hearing_id = ?${keep}`, [hearingId, ...openConsultationIds]);
      return count;
    },
  };
}
