import type { Hearing } from '../scheduling/index.js';
import type { HearingView } from './protocol.js';

export function hearingView(hearing: Hearing): HearingView {
  return { id: hearing.id, title: hearing.title, caseReference: hearing.caseReference };
}
