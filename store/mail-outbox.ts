/**
 * The outbox of letters for the court's mail relay (migration 10). A workflow step queues its
 * letters in its own transaction (`queueLetters`), one row per person with an address, so a letter
 * the court's step calls for is never lost to a crash between the step and the sending. Any server
 * may send: a row is claimed for a short time before it is worked on, and a claim that lapses (its
 * server stopped) lets another take it. The message itself (addresses, names, the personal link) is
 * never stored: it is written anew from the hearing at each attempt and handed to the relay, and
 * only the letter's kind, its person's id and its outcome stay.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SqlDriver, SqlExecutor } from './driver.js';

/** What a letter is: the invitation, the invitation again with a new time, its cancellation, the summons. */
export const LETTER_KINDS = ['invitation', 'update', 'cancellation', 'summons'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The coordinator whose step called for the letter: it is written and sent on her authority's behalf. */
export interface LetterActor {
  coordinatorId: string;
  authorityId: string;
}

/** A message as written for the relay, at one attempt. */
export const ComposedMessage = z.object({
  to: z.array(z.object({ name: z.string(), address: z.string() })).min(1),
  subject: z.string(),
  text: z.string(),
  language: z.string(),
  /** The invitation's calendar file (iMIP, RFC 6047), sent as the message's text/calendar part with its METHOD. */
  calendar: z.object({ method: z.enum(['REQUEST', 'CANCEL']), filename: z.string(), content: z.string() }).nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })),
});
export type ComposedMessage = z.infer<typeof ComposedMessage>;

export interface QueuedLetter {
  id: string;
  hearingId: string;
  /** The person it is for; null for the summons, which goes to the person heard found at sending. */
  participantId: string | null;
  kind: LetterKind;
  actor: LetterActor;
  /** `superseded`: not sent, because a newer letter to the same person about the same hearing replaces it. */
  state: 'pending' | 'sent' | 'failed' | 'superseded';
  /** Attempts made so far. */
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  finishedAt: string | null;
}

const Row = z.object({
  id: z.string(),
  hearing_id: z.string(),
  participant_id: z.string().nullable(),
  kind: z.enum(LETTER_KINDS),
  actor_id: z.string(),
  authority_id: z.string(),
  state: z.enum(['pending', 'sent', 'failed', 'superseded']),
  attempts: z.coerce.number().int(),
  next_attempt_at: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});

function toLetter(row: unknown): QueuedLetter {
  const r = Row.parse(row);
  return {
    id: r.id,
    hearingId: r.hearing_id,
    participantId: r.participant_id,
    kind: r.kind,
    actor: { coordinatorId: r.actor_id, authorityId: r.authority_id },
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

async function insertLetter(tx: SqlExecutor, hearingId: string, participantId: string | null, kind: LetterKind, actor: LetterActor, now: string) {
  await tx.run(
    `INSERT INTO mail_outbox (id, hearing_id, participant_id, kind, actor_id, authority_id, state, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    [randomUUID(), hearingId, participantId, kind, actor.coordinatorId, actor.authorityId, now, now],
  );
}

/**
 * Queues `kinds` for the hearing inside the caller's transaction: the summons once, every other
 * kind once for each person who has an address (people added in the same transaction included) —
 * except those the court removed from the hearing, who are not invited to it again (the new date of
 * an adjourned hearing).
 */
export async function queueLetters(tx: SqlExecutor, hearingId: string, kinds: readonly LetterKind[], actor: LetterActor): Promise<void> {
  if (kinds.length === 0) return;
  const now = new Date().toISOString();
  const removed = new Set(
    (await tx.all("SELECT data FROM hearing_events WHERE hearing_id = ? AND type = 'participant.removed'", [hearingId])).flatMap((row) => {
      const parsed = RemovedEntry.safeParse(JSON.parse(String(row.data)));
      return parsed.success ? [parsed.data.participantId] : [];
    }),
  );
  const addressed = (
    await tx.all(
      `SELECT p.id FROM participants p JOIN participant_contacts c ON c.participant_id = p.id
     WHERE p.hearing_id = ? AND c.email IS NOT NULL AND c.email <> '' ORDER BY p.created_at, p.id`,
      [hearingId],
    )
  ).filter((row) => !removed.has(String(row.id)));
  for (const kind of kinds) {
    if (kind === 'summons') await insertLetter(tx, hearingId, null, kind, actor, now);
    else for (const row of addressed) await insertLetter(tx, hearingId, String(row.id), kind, actor, now);
  }
}

const RemovedEntry = z.object({ participantId: z.string() });

export function mailOutboxRepository(db: SqlDriver) {
  const release = 'claimed_by = NULL, claimed_until = NULL';
  return {
    /** Queues one letter outside a workflow step (a coordinator sends one person's invitation again). */
    async queue(hearingId: string, participantId: string | null, kind: LetterKind, actor: LetterActor): Promise<void> {
      await db.transaction((tx) => insertLetter(tx, hearingId, participantId, kind, actor, new Date().toISOString()));
    },

    /**
     * Claims up to `limit` letters that are due for `holder` until `until`. A letter another server
     * holds a live claim on is left alone; a lapsed claim is taken over. Oldest first.
     */
    async claimDue(holder: string, now: Date, until: Date, limit: number): Promise<QueuedLetter[]> {
      const at = now.toISOString();
      const due = await db.all(
        `SELECT id FROM mail_outbox WHERE state = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
         ORDER BY next_attempt_at, created_at LIMIT ?`,
        [at, at, limit],
      );
      const claimed: QueuedLetter[] = [];
      for (const { id } of due) {
        // Conditional on the claim still being free: of two servers racing for a letter, one wins.
        const won = await db.run(
          `UPDATE mail_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)`,
          [holder, until.toISOString(), String(id), at],
        );
        if (won === 0) continue;
        const [row] = await db.all('SELECT * FROM mail_outbox WHERE id = ?', [String(id)]);
        if (!row) continue;
        const parsed = Row.safeParse(row);
        if (parsed.success) claimed.push(toLetter(parsed.data));
        // A row this server cannot read — one a newer version wrote, during a rolling upgrade — is
        // left for the servers that can, and this one does not stop at it again for ten minutes.
        else await db.run(`UPDATE mail_outbox SET next_attempt_at = ?, ${release} WHERE id = ?`, [new Date(now.getTime() + 600_000).toISOString(), String(id)]);
      }
      return claimed;
    },

    /**
     * Settled — taken by the relay (`sent`), given up (`failed`: refused for good, or the last attempt
     * failed), or replaced by a newer letter (`superseded`). Only by the server that holds its claim
     * (`holder`), and only once: a server whose claim lapsed cannot overwrite what another settled.
     */
    async settle(id: string, state: 'sent' | 'failed' | 'superseded', attempts: number, holder: string): Promise<void> {
      await db.run(`UPDATE mail_outbox SET state = ?, attempts = ?, finished_at = ?, ${release} WHERE id = ? AND state = 'pending' AND claimed_by = ?`, [
        state,
        attempts,
        new Date().toISOString(),
        id,
        holder,
      ]);
    },

    /** Not taken this time: tried again at `next` (by the holder of its claim only, as above). */
    async deferred(id: string, attempts: number, next: Date, holder: string): Promise<void> {
      await db.run(`UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, ${release} WHERE id = ? AND state = 'pending' AND claimed_by = ?`, [
        attempts,
        next.toISOString(),
        id,
        holder,
      ]);
    },

    /** Every letter of a hearing, oldest first. */
    async ofHearing(hearingId: string): Promise<QueuedLetter[]> {
      return (await db.all('SELECT * FROM mail_outbox WHERE hearing_id = ? ORDER BY created_at, id', [hearingId])).map(toLetter);
    },

    /** Letters not yet settled, all hearings together: what an operator watches. */
    async pendingCount(): Promise<number> {
      const [row] = await db.all(`SELECT COUNT(*) AS n FROM mail_outbox WHERE state = 'pending'`);
      return Number(row?.n ?? 0);
    },
  };
}
export type MailOutboxRepository = ReturnType<typeof mailOutboxRepository>;
