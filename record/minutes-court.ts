/**
 * The court's state as the minutes read it: the entries they cover, folded with the court's own fold
 * (`CourtSession`, the same `apply` the hearing in session runs on). A fact the court's state holds —
 * who is named by a pseudonym, whether the hearing has ended, who was removed, what still holds it
 * paused, which reasons for receiving no video hold, who is live on a channel — is read from that
 * state, so that the minutes can never apply a rule of the court differently from the court.
 *
 * Only the entries the catalogue reads are folded: one the minutes cannot read changes nothing in them.
 */
import { CourtSession, type AudioOnlyReason, type CourtroomState } from '../courtroom/index.js';
import type { HearingEvent } from '../store/index.js';
import type { ReadEntry } from './minutes-entries.js';

/** The court as the entries leave it. */
export function courtThrough(entries: readonly ReadEntry[]): CourtroomState {
  return CourtSession.fromRecord(entries.flatMap((entry) => (entry.readable ? [entry.event] : []))).state;
}

/** A reason one participant receives no video. */
export interface AudioOnlyHoldOf {
  participantId: string;
  cause: AudioOnlyReason;
}

/** The court entry by entry, for what the minutes say as each entry changes it. */
export class CourtAlong {
  private readonly session = new CourtSession();

  /** The court as the entries folded so far leave it. */
  get state(): CourtroomState {
    return this.session.state;
  }

  /**
   * Folds the next entry in, and gives the reasons for receiving no video that it ended: lifted by
   * the entry itself, or ended by the court's rule (a link's verdict ends with the connection).
   */
  fold(event: HearingEvent): AudioOnlyHoldOf[] {
    const before = holdsOf(this.session.state);
    this.session.record(event);
    const after = new Set(holdsOf(this.session.state).map(keyOf));
    return before.filter((hold) => !after.has(keyOf(hold)));
  }
}

function holdsOf(state: CourtroomState): AudioOnlyHoldOf[] {
  return [...state.audioOnly].flatMap(([participantId, holds]) => [...holds.keys()].map((cause) => ({ participantId, cause })));
}

const keyOf = (hold: AudioOnlyHoldOf) => `${hold.participantId}\n${hold.cause}`;
