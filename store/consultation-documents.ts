/**
 * The documents shared in a private consultation, while it lasts (migration 14). A row is what the
 * sender's browser sealed — ciphertext the server has no key to — with its size, who shared it and
 * when; the title and type are inside the seal. Rows go with their consultation.
 */
import { z } from 'zod';
import type { SqlDriver, SqlExecutor } from './driver.js';

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

const Usage = z.object({ documents: z.coerce.number(), bytes: z.coerce.number() });

async function usageOf(db: SqlExecutor, hearingId: string, consultationId: string): Promise<{ documents: number; bytes: number }> {
  const [row] = await db.all(
    'SELECT COUNT(*) AS documents, COALESCE(SUM(size), 0) AS bytes FROM consultation_documents WHERE hearing_id = ? AND consultation_id = ?',
    [hearingId, consultationId],
  );
  return Usage.parse(row);
}
const Listed = z.object({ id: z.string(), shared_by: z.string(), shared_at: z.string() });

export function consultationDocumentRepository(db: SqlDriver) {
  return {
    /**
     * Adds a document unless one with its id exists (a document is never replaced) or the
     * consultation holds as many as it may: checked and added in one transaction, which on PostgreSQL
     * also holds the consultation's lock, so uploads at the same moment cannot all pass the count.
     */
    async add(document: SealedConsultationDocument, limits: { documents: number; bytes: number }): Promise<'added' | 'exists' | 'full'> {
      return db.transaction(async (tx) => {
        if (db.dialect === 'postgres')
          await tx.all('SELECT pg_advisory_xact_lock(hashtext(?)) AS locked', [`consultation-documents:${document.consultationId}`]);
        const [existing] = await tx.all('SELECT id FROM consultation_documents WHERE id = ?', [document.id]);
        if (existing) return 'exists';
        const usage = await usageOf(tx, document.hearingId, document.consultationId);
        if (usage.documents >= limits.documents || usage.bytes + document.content.length > limits.bytes) return 'full';
        await tx.run(
          'INSERT INTO consultation_documents (id, hearing_id, consultation_id, shared_by, shared_at, size, content) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
          [
            document.id,
            document.hearingId,
            document.consultationId,
            document.sharedBy,
            document.sharedAt,
            document.content.length,
            document.content.toString('base64'),
          ],
        );
        return 'added';
      });
    },

    /** How many documents a consultation holds now, and their sealed bytes in all. */
    usage(hearingId: string, consultationId: string): Promise<{ documents: number; bytes: number }> {
      return usageOf(db, hearingId, consultationId);
    },

    /** What a consultation holds, without the content: for a page that joins or comes back to catch up. */
    async list(hearingId: string, consultationId: string): Promise<{ id: string; sharedBy: string; sharedAt: string }[]> {
      const rows = await db.all(
        'SELECT id, shared_by, shared_at FROM consultation_documents WHERE hearing_id = ? AND consultation_id = ? ORDER BY shared_at, id',
        [hearingId, consultationId],
      );
      return rows.map((row) => {
        const parsed = Listed.parse(row);
        return { id: parsed.id, sharedBy: parsed.shared_by, sharedAt: parsed.shared_at };
      });
    },

    /** Removes one document (shared into a consultation that had ended by the time it was stored). */
    async remove(hearingId: string, id: string): Promise<void> {
      await db.run('DELETE FROM consultation_documents WHERE hearing_id = ? AND id = ?', [hearingId, id]);
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
