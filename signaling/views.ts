import { functionLabel, type Hearing, type Participant } from '../scheduling/index.js';
import type { HearingView, ParticipantView } from './protocol.js';

export function participantView(participant: Participant): ParticipantView {
  return {
    id: participant.id,
    displayName: participant.displayName,
    role: participant.role,
    capacity: participant.capacity,
    functionLabel: functionLabel(participant.role, participant.capacity),
  };
}

export function hearingView(hearing: Hearing): HearingView {
  return { id: hearing.id, title: hearing.title, caseReference: hearing.caseReference };
}
