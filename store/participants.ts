import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LanguageTag } from '../language/tags.js';
import { LANGUAGE_CODE, type Participant } from '../model/hearing.js';
import { CAPACITIES, ROLES, VULNERABILITIES } from '../model/roles.js';
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
  vulnerability: z.enum(VULNERABILITIES).nullish(),
  created_at: z.string(),
});

const NewLanguages = z
  .object({
    language: LanguageTag.nullish(),
    interprets: z
      .object({ from: LanguageTag, into: LanguageTag })
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
    vulnerability: r.vulnerability ?? null,
    createdAt: r.created_at,
  };
}

/**
 * A participant's language is their own where the hearing records one, else the one the coordinators
 * recorded with their contact details: one language per person, whichever path created them.
 */
const WITH_LANGUAGE = `SELECT p.id, p.hearing_id, p.display_name, p.role, p.capacity, COALESCE(p.language, c.language) AS language,
  p.interprets_from, p.interprets_into, p.vulnerability, p.created_at
  FROM participants p LEFT JOIN participant_contacts c ON c.participant_id = p.id`;

export type NewParticipant = Pick<Participant, 'hearingId' | 'displayName' | 'role' | 'capacity' | 'language' | 'interprets' | 'vulnerability'>;

let lastCreatedAt = 0;

/**
 * When a participant is created, strictly after the one before on this server: people added in one
 * go (a request's participants, a test's cast) keep the order they were given, which the minutes and
 * the consoles list them in, rather than the order of their random ids within one millisecond.
 */
function nextCreatedAt(): string {
  lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
  return new Date(lastCreatedAt).toISOString();
}

export function participantRepository(db: SqlExecutor) {
  return {
    async create(input: NewParticipant): Promise<Participant> {
      // Tags are stored canonical (pt-br → pt-BR), so that comparing two of them is comparing strings.
      const languages = NewLanguages.parse(input);
      if (input.interprets && input.role !== 'interpreter') throw new Error('participant: only an interpreter has a language pair');
      if (input.vulnerability && input.role !== 'person_heard') throw new Error('participant: only a person heard is recorded as vulnerable');
      const participant: Participant = {
        id: randomUUID(),
        createdAt: nextCreatedAt(),
        ...input,
        language: languages.language ?? null,
        interprets: languages.interprets ?? null,
        vulnerability: input.vulnerability ?? null,
      };
      await db.run(
        `INSERT INTO participants (id, hearing_id, display_name, role, capacity, language, interprets_from, interprets_into, vulnerability, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          participant.id,
          participant.hearingId,
          participant.displayName,
          participant.role,
          participant.capacity,
          participant.language ?? null,
          participant.interprets?.from ?? null,
          participant.interprets?.into ?? null,
          participant.vulnerability ?? null,
          participant.createdAt,
        ],
      );
      return participant;
    },
    async get(id: string): Promise<Participant | null> {
      const [row] = await db.all(`${WITH_LANGUAGE} WHERE p.id = ?`, [id]);
      return row ? toParticipant(row) : null;
    },
    async listByHearing(hearingId: string): Promise<Participant[]> {
      const rows = await db.all(`${WITH_LANGUAGE} WHERE p.hearing_id = ? ORDER BY p.created_at, p.id`, [hearingId]);
      return rows.map(toParticipant);
    },
  };
}
export type ParticipantRepository = ReturnType<typeof participantRepository>;
