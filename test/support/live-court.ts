/**
 * A live hearing decided against the state alone, for the court's rule tests: everybody connected
 * and admitted, the hearing gone live, a clock that moves one second per recorded event.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CourtError, CourtSession, decide, MODEL_TEXT_BOOK, onArrival, type CourtContext, type TextBook } from '../../courtroom/index.js';
import type { RecordedEvent } from '../../courtroom/state.js';
import type { NamedCourtCommand } from '../../courtroom/decide.js';
import type { Participant } from '../../scheduling/index.js';

export function liveCourt(everyone: Map<string, Participant>, options: { courtLanguage: string; texts?: TextBook; day?: Date }) {
  const court = new CourtSession();
  const present = new Set<string>();
  const day = options.day ?? new Date(Date.UTC(2026, 10, 26, 10, 0, 0));
  let second = 0;
  const at = (s: number) => new Date(day.getTime() + s * 1000).toISOString();
  const ctx = (): CourtContext => ({
    participants: everyone,
    present,
    hashDocumentNumber: (n) => n,
    newId: randomUUID,
    canSeal: present,
    now: at(second),
    courtLanguage: options.courtLanguage,
    texts: options.texts ?? MODEL_TEXT_BOOK,
  });
  /** Every entry as recorded, so a test can rebuild the court from the record alone. */
  const entries: RecordedEvent[] = [];
  const record = (actor: Participant, events: ReturnType<typeof decide>) => {
    for (const e of events) {
      const entry = { type: e.type, at: at(second++), actorId: actor.id, data: e.data as Record<string, unknown> };
      entries.push(entry);
      court.record(entry);
    }
    return events;
  };
  const act = (actor: Participant, command: NamedCourtCommand) => record(actor, decide(court.state, command, actor, ctx()));
  for (const p of everyone.values()) {
    present.add(p.id);
    record(p, onArrival(court.state, p, ctx()));
  }
  const judge = [...everyone.values()].find((p) => p.role === 'presiding_judge');
  if (!judge) throw new Error('a live court needs a presiding judge');
  for (const p of everyone.values()) if (court.state.waiting.has(p.id)) act(judge, { name: 'court:admit', command: { participantId: p.id } });
  act(judge, { name: 'court:go-live', command: {} });
  return { court, state: court.state, entries, present, ctx, record, act, wait: (seconds: number) => (second += seconds) };
}

/** What the court says when it refuses: "code: sentence"; fails the test if it does not refuse. */
export function courtRefusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CourtError) return `${error.code}: ${error.message}`;
    throw error;
  }
  assert.fail('the court should have refused');
}
