import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LanguageTag } from '../language/tags.js';
import { HEARING_STATUSES, LANGUAGE_CODE, type Hearing, type HearingStatus } from '../model/hearing.js';
import type { SqlExecutor } from './driver.js';

const HearingRow = z.object({
  id: z.string(),
  title: z.string(),
  case_reference: z.string(),
  status: z.enum(HEARING_STATUSES),
  scheduled_start: z.string(),
  scheduled_end: z.string(),
  court_language: z.string().regex(LANGUAGE_CODE).nullish(),
  created_at: z.string(),
});

function toHearing(row: unknown): Hearing {
  const r = HearingRow.parse(row);
  return {
    id: r.id,
    title: r.title,
    caseReference: r.case_reference,
    status: r.status,
    scheduledStart: r.scheduled_start,
    scheduledEnd: r.scheduled_end,
    courtLanguage: r.court_language ?? null,
    createdAt: r.created_at,
  };
}

export type NewHearing = Pick<Hearing, 'title' | 'caseReference' | 'status' | 'scheduledStart' | 'scheduledEnd'> & { courtLanguage?: string | null };

export function hearingRepository(db: SqlExecutor) {
  return {
    async create(input: NewHearing): Promise<Hearing> {
      const courtLanguage = input.courtLanguage == null ? null : LanguageTag.parse(input.courtLanguage);
      const hearing: Hearing = { id: randomUUID(), createdAt: new Date().toISOString(), ...input, courtLanguage };
      await db.run(
        `INSERT INTO hearings (id, title, case_reference, status, scheduled_start, scheduled_end, court_language, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [hearing.id, hearing.title, hearing.caseReference, hearing.status, hearing.scheduledStart, hearing.scheduledEnd, courtLanguage, hearing.createdAt],
      );
      return hearing;
    },
    async get(id: string): Promise<Hearing | null> {
      const [row] = await db.all('SELECT * FROM hearings WHERE id = ?', [id]);
      return row ? toHearing(row) : null;
    },
    async list(): Promise<Hearing[]> {
      return (await db.all('SELECT * FROM hearings ORDER BY scheduled_start')).map(toHearing);
    },
    async setStatus(id: string, status: HearingStatus): Promise<void> {
      await db.run('UPDATE hearings SET status = ? WHERE id = ?', [status, id]);
    },
  };
}
export type HearingRepository = ReturnType<typeof hearingRepository>;
