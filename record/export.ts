/**
 * A hearing's record as a file another state can keep and verify without our database: every entry
 * exactly as stored, with its hashes. `data` is kept as the JSON text the store wrote, so the file
 * carries the very bytes that were hashed.
 */
import { z } from 'zod';
import type { Store } from '../store/index.js';

export const RECORD_EXPORT_FORMAT = 'hearing-room/record-export@1';

const ExportedEntry = z.object({
  hearing_id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor_id: z.string().nullable(),
  type: z.string(),
  data: z.string(),
  prev_hash: z.string().nullable(),
  hash: z.string().nullable(),
});

export const RecordExport = z.object({
  format: z.literal(RECORD_EXPORT_FORMAT),
  hearingId: z.string().min(1),
  exportedAt: z.string(),
  entries: z.array(z.unknown()),
  /** The personal values kept beside the entries, with their salts (record/personal-values.ts); absent in exports made before they were kept apart. */
  personal: z.array(z.unknown()).optional(),
});
export type RecordExport = z.infer<typeof RecordExport>;

export async function exportRecord(store: Store, hearingId: string): Promise<RecordExport> {
  // The entries first, then the values of those entries only (one appended meanwhile is not in this export).
  const rows = await store.events.rawRows(hearingId);
  const lastSeq = Number(rows.at(-1)?.seq ?? 0);
  const personal = (await store.events.personalValues(hearingId)).filter((p) => p.seq <= lastSeq);
  return {
    format: RECORD_EXPORT_FORMAT,
    hearingId,
    exportedAt: new Date().toISOString(),
    // Numbers as numbers (PostgreSQL may hand back strings for big integers); nothing else is touched.
    entries: rows.map((row) => {
      const entry = ExportedEntry.safeParse({ ...row, seq: Number(row.seq) });
      return entry.success ? entry.data : row;
    }),
    personal,
  };
}
