/**
 * Everyone connected is shown the court's new state as they may see it, and the interpretation as
 * they may see it with their own choice of channel.
 */
import { channelsOf, courtView, interpretationView, type CourtroomState } from '../courtroom/index.js';
import type { Participant } from '../scheduling/index.js';
import type { SignalingContext } from './context.js';

export function broadcastState(ctx: SignalingContext, hearingId: string, state: CourtroomState, participants: ReadonlyMap<string, Participant>): void {
  const languages = ctx.hearings.get(hearingId)?.court?.languages;
  for (const attendee of ctx.presence.connected(hearingId)) {
    attendee.socket.emit('court:state', courtView(state, attendee.participant, participants, languages));
  }
  broadcastInterpretation(ctx, hearingId, state, participants);
}

/** Who is in the hearing now (entered, not merely on the join page, nor leaving): an interpreter shown as connected can take over. */
export function inHearing(ctx: SignalingContext, hearingId: string): Set<string> {
  return new Set(ctx.presence.entered(hearingId).map((a) => a.participant.id));
}

/** Everyone connected is shown the interpretation as they may see it, with their own choice. */
export function broadcastInterpretation(ctx: SignalingContext, hearingId: string, state: CourtroomState, participants: ReadonlyMap<string, Participant>): void {
  if (channelsOf(participants).length === 0) return;
  const connected = inHearing(ctx, hearingId);
  for (const attendee of ctx.presence.connected(hearingId)) {
    attendee.socket.emit('interpretation:state', interpretationView(state, attendee.participant, participants, connected, attendee.listening));
  }
}
