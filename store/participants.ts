import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CAPACITIES, LANGUAGE_CODE, ROLES, type Participant } from '../scheduling/index.js';
import type { SqlExecutor } from './driver.js';

const ParticipantRow = z.object({
  id: z.string(),
  hearing_id: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  capacity: z.enum(CAPACITIES).nullable(),
  language: z.string().regex(LANGUAGE_CODE).nullish(),
  interprets_from: z.string().regex(LANGUAGE_CODE).nullish(),
  interprets_into: z.string().regex(LANGUAGE_CODE).nullish(),
  created_at: z.string(),
});

const NewLanguages = z
  .object({
    language: z.string().regex(LANGUAGE_CODE, 'must be a language code such as fr or pt-BR').nullish(),
    interprets: z
      .object({ from: z.string().regex(LANGUAGE_CODE, 'must be a language code'), into: z.string().regex(LANGUAGE_CODE, 'must be a language code') })
      .refine((pair) => pair.from !== pair.into, { message: 'an interpreter interprets between two different languages', path: ['into'] })
      .nullish(),
  })
  .passthrough();

function toParticipant(row: unknown): Participant {
  const r = ParticipantRow.parse(row);
  return {
    id: r.id,
    hearingId: r.hearing_id,
    displayName: r.display_name,
    role: r.role,
    capacity: r.capacity,
    language: r.language ?? null,
    interprets: r.interprets_from && r.interprets_into ? { from: r.interprets_from, into: r.interprets_into } : null,
    createdAt: r.created_at,
  };
}

export type NewParticipant = Pick<Participant, 'hearingId' | 'displayName' | 'role' | 'capacity' | 'language' | 'interprets'>;

export function participantRepository(db: SqlExecutor) {
  return {
    async create(input: NewParticipant): Promise<Participant> {
      NewLanguages.parse(input);
      if (input.interprets && input.role !== 'interpreter') throw new Error('participant: only an interpreter has a language pair');
      const participant: Participant = {
        id: randomUUID(),
        createdAt: new Date().toISOString(),
        ...input,
        language: input.language ?? null,
        interprets: input.interprets ?? null,
      };
      await db.run(
        `INSERT INTO participants (id, hearing_id, display_name, role, capacity, language, interprets_from, interprets_into, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          participant.id,
          participant.hearingId,
          participant.displayName,
          participant.role,
          participant.capacity,
          participant.language ?? null,
          participant.interprets?.from ?? null,
          participant.interprets?.into ?? null,
          participant.createdAt,
        ],
      );
      return participant;
    },
    async get(id: string): Promise<Participant | null> {
      const [row] = await db.all('SELECT * FROM participants WHERE id = ?', [id]);
      return row ? toParticipant(row) : null;
    },
    /** The language the participant reads, where the coordinators recorded one. */
    async languageOf(id: string): Promise<string | null> {
      const [row] = await db.all('SELECT language FROM participant_contacts WHERE participant_id = ?', [id]);
      return typeof row?.language === 'string' ? row.language : null;
    },
    async listByHearing(hearingId: string): Promise<Participant[]> {
      const rows = await db.all('SELECT * FROM participants WHERE hearing_id = ? ORDER BY created_at, id', [hearingId]);
      return rows.map(toParticipant);
    },
  };
}
export type ParticipantRepository = ReturnType<typeof participantRepository>;
