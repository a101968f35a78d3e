/**
 * Who may be recorded: the same room rule as who may receive (signaling's `mayReceive`), seen from
 * a recorder that sits in the courtroom. Someone in the waiting room is not in the hearing yet, and
 * someone in a private consultation is in a room of their own that is never recorded; an audio-only
 * protective measure means their video is not part of the hearing either.
 */
import { consultationOf, isInCourtroom, type CourtroomState } from '../courtroom/index.js';
import type { Participant } from '../scheduling/index.js';

export function mayRecord(state: CourtroomState, participant: Participant, kind: 'audio' | 'video'): boolean {
  if (!isInCourtroom(state, participant)) return false;
  if (consultationOf(state, participant.id) !== undefined) return false;
  if (kind === 'video' && state.protections.get(participant.id)?.audioOnly) return false;
  return true;
}
