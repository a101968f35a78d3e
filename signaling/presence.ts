/**
 * Who is connected to which hearing right now, and how far each has come: connected (on the join
 * page), entered (in the hearing, seen by others), receiving (ready for media). One connection per
 * participant: a second one replaces the first.
 */
import type { types } from 'mediasoup';
import type { Hearing, Participant } from '../scheduling/index.js';
import type { HearingSocket } from './socket-types.js';

export interface Attendee {
  readonly hearing: Hearing;
  readonly participant: Participant;
  readonly socket: HearingSocket;
  entered: boolean;
  receiving: boolean;
  rtpCapabilities: types.RtpCapabilities | null;
  /** Producers already offered to this attendee on their current receiving transport: never twice. */
  readonly offered: Set<string>;
  /** Whether this browser said it can seal a private consultation end to end. */
  canSeal: boolean;
  /** What this person listens to: the floor alone (null) or one interpretation channel. */
  listening: string | null;
}

export class Presence {
  private readonly hearings = new Map<string, Map<string, Attendee>>();

  /** Registers a connection; returns the attendee it replaces, if the participant was already connected. */
  connect(attendee: Attendee): Attendee | undefined {
    let attendees = this.hearings.get(attendee.hearing.id);
    if (!attendees) {
      attendees = new Map();
      this.hearings.set(attendee.hearing.id, attendees);
    }
    const previous = attendees.get(attendee.participant.id);
    attendees.set(attendee.participant.id, attendee);
    return previous;
  }

  /** Forgets a connection, unless it has already been replaced by a newer one. */
  disconnect(attendee: Attendee): void {
    const attendees = this.hearings.get(attendee.hearing.id);
    if (attendees?.get(attendee.participant.id) !== attendee) return;
    attendees.delete(attendee.participant.id);
    if (attendees.size === 0) this.hearings.delete(attendee.hearing.id);
  }

  /** Still connected, and not replaced by a newer connection: work done for it may be kept. */
  isCurrent(attendee: Attendee): boolean {
    return attendee.socket.connected && this.hearings.get(attendee.hearing.id)?.get(attendee.participant.id) === attendee;
  }

  /** Every connection that entered with the given link. */
  byToken(tokenId: string): Attendee[] {
    return [...this.hearings.values()].flatMap((attendees) => [...attendees.values()]).filter((a) => a.socket.data.tokenId === tokenId);
  }

  /** Everyone connected to the hearing, entered or still on the join page. */
  connected(hearingId: string): Attendee[] {
    return [...(this.hearings.get(hearingId)?.values() ?? [])];
  }

  /** Everyone who has entered the hearing, in the order they connected. */
  entered(hearingId: string): Attendee[] {
    return [...(this.hearings.get(hearingId)?.values() ?? [])].filter((a) => a.entered);
  }

  get(hearingId: string, participantId: string): Attendee | undefined {
    return this.hearings.get(hearingId)?.get(participantId);
  }

  /** How many people are connected and how many have entered, by role: for the operator's metrics. */
  countsByRole(): Map<string, { connected: number; entered: number }> {
    const counts = new Map<string, { connected: number; entered: number }>();
    for (const attendees of this.hearings.values()) {
      for (const attendee of attendees.values()) {
        const count = counts.get(attendee.participant.role) ?? { connected: 0, entered: 0 };
        count.connected += 1;
        if (attendee.entered) count.entered += 1;
        counts.set(attendee.participant.role, count);
      }
    }
    return counts;
  }

  connectedCount(): number {
    let count = 0;
    for (const attendees of this.hearings.values()) count += attendees.size;
    return count;
  }
}
