import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CAPACITIES, ROLES, type Participant } from '../scheduling/index.js';
import type { SqlExecutor } from './driver.js';

const ParticipantRow = z.object({
  id: z.string(),
  hearing_id: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  capacity: z.enum(CAPACITIES).nullable(),
  created_at: z.string(),
});

function toParticipant(row: unknown): Participant {
  const r = ParticipantRow.parse(row);
  return {
    id: r.id,
    hearingId: r.hearing_id,
    displayName: r.display_name,
    role: r.role,
    capacity: r.capacity,
    createdAt: r.created_at,
  };
}

export type NewParticipant = Pick<Participant, 'hearingId' | 'displayName' | 'role' | 'capacity'>;

export function participantRepository(db: SqlExecutor) {
  return {
    async create(input: NewParticipant): Promise<Participant> {
      const participant: Participant = { id: randomUUID(), createdAt: new Date().toISOString(), ...input };
      await db.run(
        `INSERT INTO participants (id, hearing_id, display_name, role, capacity, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [participant.id, participant.hearingId, participant.displayName, participant.role, participant.capacity, participant.createdAt],
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
