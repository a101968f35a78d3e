/**
 * courtroom — the hearing in session as a state machine: the waiting room, the two judicial
 * authorities and their powers, the gates before testimony (identity, rights and caution, consent,
 * oath), the judge's controls and the officer's interventions, protective measures.
 *
 * Every change is a command (`commands.ts`, zod-parsed) decided against the state (`decide.ts`)
 * into events of the catalogue (`events.ts`); the caller records them in the hearing's record and
 * applies them (`state.ts`). The state is a function of the record alone.
 */
export { ChannelLanguage, CourtCommands, type CourtCommand, type CourtCommandName } from './commands.js';
export { consultationOf, CourtError, decide, missingGates, onArrival, onDeparture, onLinkVerdict, type CourtContext, type Decided } from './decide.js';
export { AudioOnlyCause, HEARING_EVENTS, type HearingEventData, type HearingEventType } from '../model/events.js';
export { GATES, GATE_LABELS, requiredGates, type Gate } from './gates.js';
export { interpretationView, type ChannelView, type InterpretationView, type InterpreterView } from './interpretation-view.js';
export { channelOf, channelsOf, liveChannelOf, sourceOf, startingChannel, wouldCycle, type Channel } from './interpretation.js';
export { CourtSession, type HearingLanguages } from './session.js';
export {
  isRunning,
  stateFingerprint,
  type AudioOnlyHold,
  type AudioOnlyReason,
  type CourtroomState,
  type InterpretationMode,
  type InterpretationState,
  type RecordedEvent,
} from './state.js';
export { MODEL_TEXT_BOOK, MODEL_TEXT_LANGUAGES, modelText, TEXT_IDS, textBook, textHash, type CourtText, type TextBook, type TextId } from './texts.js';
export { textUnderstood, understandingNow, type Understanding } from './understanding.js';
export {
  desiredMedia,
  liveOnChannel,
  mayHear,
  mayReceive,
  mayRecord,
  mayUnpause,
  refusesStream,
  maskingOrdered,
  audioOnlyOf,
  startsPaused,
  type DesiredMedia,
  type ReceiverFact,
  type StreamFact,
} from './media-policy.js';
export { courtView, isInCourtroom, seesExhibit, JUDICIAL_ROLES, shownName, type AudioOnlyView, type CourtView } from './view.js';
