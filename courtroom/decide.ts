/**
 * The hearing's rules: given the state, who asks, and what, the events to record — or a refusal in
 * words. Pure: no sockets, no store, no clock. The caller records the events (before acknowledging)
 * and applies them to the state.
 */
import type { Participant } from '../model/hearing.js';
import { functionLabel } from '../model/roles.js';
import type { CourtCommand, CourtCommandName } from './commands.js';
import type { HearingEventData, HearingEventType } from '../model/events.js';
import { GATE_LABELS, requiredGates } from './gates.js';
import { decideExtradition } from './extradition.js';
import { decideFormality } from './formalities.js';
import { decideInterpretation, releaseIfLive } from './interpretation.js';
import { isRunning, type AudioOnlyReason, type CourtroomState } from './state.js';
import { CourtError, personHeard, target, type CourtContext, type Decided } from './outcome.js';
import { closeGallery, closeGalleryAfter, openGallery, orderPrivate } from './gallery.js';
import {
  admissibleWhilePaused,
  defaultProtection,
  giveBreak,
  goLiveWithSupport,
  pauseWithoutSupport,
  requireSupport,
  resumeWithoutVulnerable,
  resumeWithSupport,
} from './vulnerable.js';

export { CourtError, type CourtContext, type Decided } from './outcome.js';

const event = <T extends HearingEventType>(type: T, data: HearingEventData<T>): Decided => ({ type, data }) as Decided;

/** The consultation a participant is in, if any. */
export function consultationOf(state: CourtroomState, participantId: string): string | undefined {
  for (const [id, members] of state.consultations) if (members.includes(participantId)) return id;
  return undefined;
}

const CONSULTING_ROLES = new Set<Participant['role']>(['counsel', 'person_heard', 'interpreter']);

const JUDICIAL = new Set(['presiding_judge', 'requested_officer']);

function notEnded(state: CourtroomState): void {
  if (state.phase === 'ended') throw new CourtError('hearing_ended', 'The hearing has ended.');
}

/** The recording stops with whatever ends it: listed before the event that ends it, so the record reads in order. */
function stopRecording(state: CourtroomState, cause: 'judge' | 'officer' | 'hearing_ended' | 'adjourned'): Decided[] {
  return state.recording ? [event('recording.stopped', { recordingId: state.recording.recordingId, cause })] : [];
}

function rolePresent(_state: CourtroomState, ctx: CourtContext, role: Participant['role']): boolean {
  return [...ctx.present].some((id) => ctx.participants.get(id)?.role === role);
}

export { missingGates } from './readiness.js';
import { missingGates } from './readiness.js';

/** A command together with its name, so that the name narrows the command's type. */
export type NamedCourtCommand = { [N in CourtCommandName]: { name: N; command: CourtCommand<N> } }[CourtCommandName];

export function decide(state: CourtroomState, request: NamedCourtCommand, actor: Participant, ctx: CourtContext): Decided[] {
  const decided = decideCommand(state, request, actor, ctx);
  return [...decided, ...closeGalleryAfter(state, decided)];
}

function decideCommand(state: CourtroomState, request: NamedCourtCommand, actor: Participant, ctx: CourtContext): Decided[] {
  switch (request.name) {
    case 'court:go-live': {
      notEnded(state);
      if (state.phase === 'live') throw new CourtError('already_live', 'The hearing is already live.');
      if (!rolePresent(state, ctx, 'requested_officer')) {
        throw new CourtError('officer_absent', 'The hearing cannot go live until the requested-state judicial officer is connected.');
      }
      return [event('hearing.live', {}), ...goLiveWithSupport(state, ctx)];
    }
    case 'court:admit': {
      notEnded(state);
      const person = target(ctx, request.command.participantId);
      if (state.pauses.size > 0 && !admissibleWhilePaused(state, person))
        throw new CourtError('hearing_paused', 'No one can be admitted while the hearing is paused.');
      if (state.removed.has(person.id)) throw new CourtError('removed', `${person.displayName} was removed from this hearing.`);
      if (!state.waiting.has(person.id)) throw new CourtError('not_waiting', `${person.displayName} is not in the waiting room.`);
      requireSupport(state, ctx, person, 'admit');
      return [...defaultProtection(state, person), event('lobby.admitted', { participantId: person.id }), ...resumeWithSupport(state, person)];
    }
    case 'court:send-back': {
      notEnded(state);
      const person = target(ctx, request.command.participantId);
      if (JUDICIAL.has(person.role)) throw new CourtError('judicial_role', 'The judicial authorities cannot be sent to the waiting room.');
      if (!state.admitted.has(person.id)) throw new CourtError('not_admitted', `${person.displayName} is not in the hearing.`);
      const events = state.testimony === person.id ? [event('testimony.ended', { participantId: person.id })] : [];
      const reason = request.command.reason;
      return [
        ...events,
        ...releaseIfLive(state, person.id, 'sent_back'),
        event('lobby.sent_back', reason ? { participantId: person.id, reason } : { participantId: person.id }),
        ...pauseWithoutSupport(state, ctx, person),
        ...resumeWithoutVulnerable(state, ctx, person),
      ];
    }
    case 'court:remove': {
      notEnded(state);
      const person = target(ctx, request.command.participantId);
      if (JUDICIAL.has(person.role)) throw new CourtError('judicial_role', 'The judicial authorities cannot be removed.');
      if (state.removed.has(person.id)) throw new CourtError('removed', `${person.displayName} was already removed.`);
      const events = state.testimony === person.id ? [event('testimony.ended', { participantId: person.id })] : [];
      return [
        ...events,
        ...releaseIfLive(state, person.id, 'removed'),
        event('participant.removed', { participantId: person.id, reason: request.command.reason }),
        ...pauseWithoutSupport(state, ctx, person),
        ...resumeWithoutVulnerable(state, ctx, person),
      ];
    }
    case 'court:mute': {
      notEnded(state);
      const id = request.command.participantId;
      if (id !== null) {
        const person = target(ctx, id);
        if (!state.admitted.has(person.id) && !JUDICIAL.has(person.role)) throw new CourtError('not_admitted', `${person.displayName} is not in the hearing.`);
        if (person.role === 'requested_officer') throw new CourtError('judicial_role', 'The requested-state officer cannot be muted by the requesting court.');
      }
      return [event('control.muted', { participantId: id })];
    }
    case 'court:ask-unmute': {
      notEnded(state);
      const person = target(ctx, request.command.participantId);
      return [event('control.unmute_requested', { participantId: person.id })];
    }
    case 'court:spotlight': {
      notEnded(state);
      const id = request.command.participantId;
      if (id !== null && !state.admitted.has(target(ctx, id).id) && !JUDICIAL.has(target(ctx, id).role)) {
        throw new CourtError('not_admitted', 'Only someone in the hearing can be shown to everyone.');
      }
      return [event('control.spotlight', { participantId: id })];
    }
    case 'court:pause': {
      if (state.phase !== 'live') throw new CourtError('not_live', 'Only a live hearing can be paused.');
      if (state.pauses.has('judge')) throw new CourtError('already_paused', 'The hearing is already paused.');
      const reason = request.command.reason;
      return [event('hearing.paused', reason ? { cause: 'judge', reason } : { cause: 'judge' })];
    }
    case 'court:resume': {
      notEnded(state);
      // The judge lifts her own pause and a break she gave, together.
      const lifted = (['judge', 'break'] as const).filter((cause) => state.pauses.has(cause));
      if (lifted.length === 0) {
        if (state.pauses.has('officer')) {
          throw new CourtError('officer_intervention', 'Only the requested-state officer can lift their intervention.');
        }
        throw new CourtError('not_paused', 'The hearing is not paused by the judge.');
      }
      return lifted.map((cause) => event('hearing.resumed', { cause }));
    }
    case 'court:break':
      return giveBreak(state, ctx, request.command.minutes);
    case 'court:gallery':
      return request.command.open ? openGallery(state) : closeGallery(state);
    case 'court:private':
      return orderPrivate(state, request.command.on, request.command.reason);
    case 'captions:line': {
      // What is said on the floor, while the court sits: not in the waiting room, not after the end.
      if (state.phase !== 'live') throw new CourtError('not_live', 'Captions are written while the hearing is live.');
      if (!state.admitted.has(actor.id)) throw new CourtError('not_admitted', 'You have not been admitted to the hearing yet.');
      return [event('caption.line', { participantId: actor.id, language: actor.language ?? ctx.courtLanguage, text: request.command.text })];
    }
    case 'court:end': {
      notEnded(state);
      const reason = request.command.reason;
      const events = state.testimony ? [event('testimony.ended', { participantId: state.testimony })] : [];
      return [...events, ...stopRecording(state, 'hearing_ended'), event('hearing.ended', reason ? { reason } : {})];
    }
    case 'court:adjourn': {
      notEnded(state);
      if (state.phase === 'awaiting_judge') throw new CourtError('not_sitting', 'The court is not sitting: there is no sitting to adjourn.');
      // What runs in the room ends first, so the record reads in order: testimony, consultations, channels, the document shown, recording.
      const testimony = state.testimony ? [event('testimony.ended', { participantId: state.testimony })] : [];
      const consultations = [...state.consultations.keys()].map((consultationId) => event('consultation.ended', { consultationId }));
      const channels = [...state.interpretation.live.values()].flatMap((id) => releaseIfLive(state, id, 'adjourned'));
      const exhibit = state.exhibit ? [event('exhibit.withdrawn', { exhibitId: state.exhibit.id })] : [];
      return [
        ...testimony,
        ...consultations,
        ...channels,
        ...exhibit,
        ...stopRecording(state, 'adjourned'),
        event('hearing.adjourned', { reason: request.command.reason }),
      ];
    }
    case 'court:start-recording': {
      notEnded(state);
      if (state.recording) throw new CourtError('already_recording', 'The hearing is already being recorded.');
      return [event('recording.started', { recordingId: ctx.newId(), legalBasis: request.command.legalBasis })];
    }
    case 'court:stop-recording': {
      if (!state.recording) throw new CourtError('not_recording', 'The hearing is not being recorded.');
      return stopRecording(state, 'judge');
    }
    case 'court:testimony': {
      const person = personHeard(ctx, request.command.participantId);
      if (request.command.action === 'end') {
        if (state.testimony !== person.id) throw new CourtError('not_testifying', `${person.displayName} is not testifying.`);
        return [event('testimony.ended', { participantId: person.id })];
      }
      if (!isRunning(state)) throw new CourtError('not_running', 'Testimony can start only while the hearing is live and not paused.');
      if (!state.admitted.has(person.id)) throw new CourtError('not_admitted', `${person.displayName} has not been admitted.`);
      const missing = missingGates(state, person);
      if (missing.length > 0) throw new CourtError('gates_missing', `Testimony cannot start yet: ${missing.join('; ')}.`);
      if (!ctx.present.has(person.id)) throw new CourtError('not_connected', `${person.displayName} is not connected.`);
      requireSupport(state, ctx, person, 'testimony');
      if (consultationOf(state, person.id))
        throw new CourtError('in_consultation', `${person.displayName} is consulting their lawyer; the court cannot hear them.`);
      if (state.interpretation.soundChecks.get(person.id)?.result === 'no_go')
        throw new CourtError(
          'sound_check_failed',
          `The interpreter and ${person.displayName} could not hear each other well enough at the last sound check: check again before her testimony.`,
        );
      if (state.testimony === person.id) throw new CourtError('already_testifying', `${person.displayName} is already testifying.`);
      // One person testifies at a time: the record says whose testimony ended when the next one's began.
      const ending = state.testimony ? [event('testimony.ended', { participantId: state.testimony })] : [];
      return [...ending, event('testimony.started', { participantId: person.id })];
    }
    case 'court:show-exhibit': {
      notEnded(state);
      const { exhibitId, to } = request.command;
      const exhibit = ctx.exhibits?.get(exhibitId);
      if (!exhibit) throw new CourtError('unknown_exhibit', 'That document is not in this hearing’s bundle.');
      for (const id of to ?? []) {
        const person = target(ctx, id);
        if (!JUDICIAL.has(person.role) && !state.admitted.has(person.id))
          throw new CourtError('not_admitted', `${person.displayName} is not in the courtroom.`);
      }
      const withdrawn = state.exhibit ? [event('exhibit.withdrawn', { exhibitId: state.exhibit.id })] : [];
      return [...withdrawn, event('exhibit.shown', { exhibitId, title: exhibit.title, sha256: exhibit.sha256, pages: exhibit.pages, to })];
    }
    case 'court:stop-exhibit': {
      if (!state.exhibit) throw new CourtError('no_exhibit', 'No document is being shown.');
      return [event('exhibit.withdrawn', { exhibitId: state.exhibit.id })];
    }
    case 'court:confirm-identity': {
      notEnded(state);
      const person = target(ctx, request.command.participantId);
      return [
        event('participant.identity_confirmed', {
          participantId: person.id,
          displayName: person.displayName,
          function: functionLabel(person.role, person.capacity),
        }),
      ];
    }
    case 'court:protect': {
      notEnded(state);
      const person = personHeard(ctx, request.command.participantId);
      const p = request.command;
      return [
        event('protection.set', {
          participantId: person.id,
          pseudonym: p.pseudonym,
          hideVideoFromObservers: p.hideVideoFromObservers,
          audioOnly: p.audioOnly,
          voiceMasking: p.voiceMasking,
          faceMasking: p.faceMasking,
          hideLocation: p.hideLocation,
          restrictRecording: p.restrictRecording,
        }),
      ];
    }
    case 'court:order-audio-only': {
      notEnded(state);
      const { participantId, on, cameraOff } = request.command;
      const person = personHeard(ctx, participantId);
      return [audioOnlyChange(state, person, 'court', on, cameraOff, `The court has not switched ${person.displayName}'s video off.`)];
    }
    case 'court:audio-only': {
      notEnded(state);
      const { on, cameraOff } = request.command;
      return [audioOnlyChange(state, actor, 'participant', on, cameraOff, 'You have not chosen audio-only.')];
    }
    case 'court:intervene': {
      notEnded(state);
      const { action, reason } = request.command;
      const intervened = event('officer.intervened', { action, reason });
      if (action === 'end') {
        const events = state.testimony ? [event('testimony.ended', { participantId: state.testimony })] : [];
        return [intervened, ...events, ...stopRecording(state, 'hearing_ended'), event('hearing.ended', { reason })];
      }
      if (action === 'stop_recording') return [intervened, ...stopRecording(state, 'officer')];
      if (state.pauses.has('officer')) throw new CourtError('already_paused', 'Your intervention is already in force.');
      return [intervened, event('hearing.paused', { cause: 'officer', reason })];
    }
    case 'court:lift-intervention': {
      notEnded(state);
      if (!state.pauses.has('officer')) throw new CourtError('not_paused', 'There is no intervention of yours to lift.');
      return [event('hearing.resumed', { cause: 'officer' })];
    }
    case 'court:verify-identity':
    case 'court:show-rights':
    case 'court:acknowledge-rights':
    case 'court:record-consent':
    case 'court:withdraw-consent':
    case 'court:record-oath':
      return decideFormality(state, request, actor, ctx);
    case 'court:consult': {
      notEnded(state);
      const ids = [...new Set([actor.id, ...request.command.withParticipantIds])];
      const members = ids.map((id) => target(ctx, id));
      if (members.some((m) => !CONSULTING_ROLES.has(m.role))) {
        throw new CourtError('not_consultation_member', 'A private consultation is between counsel, the person they assist and an interpreter.');
      }
      if (members.filter((m) => m.role === 'counsel').length !== 1 || !members.some((m) => m.role === 'person_heard')) {
        throw new CourtError('not_consultation_member', 'A private consultation needs one counsel and the person heard.');
      }
      const absent = members.find((m) => !ctx.present.has(m.id));
      if (absent) throw new CourtError('not_connected', `${absent.displayName} is not connected.`);
      const unsealable = members.find((m) => !ctx.canSeal.has(m.id));
      if (unsealable) {
        throw new CourtError('cannot_seal', `${unsealable.displayName}'s browser cannot encrypt a consultation end to end. A current Chrome or Edge can.`);
      }
      const busy = members.find((m) => consultationOf(state, m.id));
      if (busy) throw new CourtError('already_consulting', `${busy.displayName} is already in a consultation.`);
      const events: Decided[] = [];
      for (const m of members) if (state.testimony === m.id) events.push(event('testimony.ended', { participantId: m.id }));
      // An interpreter who consults is heard by nobody outside the consultation: their channel goes silent, on the record.
      for (const m of members) events.push(...releaseIfLive(state, m.id, 'consultation'));
      return [...events, event('consultation.started', { consultationId: ctx.newId(), participantIds: ids })];
    }
    case 'court:end-consultation': {
      notEnded(state);
      const members = state.consultations.get(request.command.consultationId);
      if (!members) throw new CourtError('no_consultation', 'That consultation is not in progress.');
      if (!members.includes(actor.id)) throw new CourtError('not_consultation_member', 'Only those in the consultation can end it.');
      return [event('consultation.ended', { consultationId: request.command.consultationId })];
    }
    case 'court:claim-privilege': {
      notEnded(state);
      return [event('privilege.claimed', { participantId: actor.id, basis: request.command.basis })];
    }
    case 'extradition:inform':
    case 'extradition:attest':
    case 'extradition:declare':
    case 'extradition:confirm':
    case 'extradition:revoke':
      if (state.phase === 'ended') throw new CourtError('hearing_ended', 'The hearing has ended.');
      return decideExtradition(state, request, actor, ctx, (id) => consultationOf(state, id) !== undefined);
    case 'interpretation:mode':
    case 'interpretation:take':
    case 'interpretation:hand-over':
    case 'interpretation:release':
    case 'interpretation:source':
    case 'interpretation:slow-down':
    case 'interpretation:problem':
    case 'interpretation:sound-check':
      return decideInterpretation(state, request, actor, ctx, (id) => consultationOf(state, id) !== undefined);
  }
  throw new CourtError('unknown_command', 'The court does not know that request.');
}

function audioOnlyChange(
  state: CourtroomState,
  person: Participant,
  cause: AudioOnlyReason,
  on: boolean,
  cameraOff: boolean | undefined,
  notOn: string,
): Decided {
  const holds = state.audioOnly.get(person.id)?.has(cause) ?? false;
  if (on && holds)
    throw new CourtError(
      'already_audio_only',
      cause === 'court' ? `${person.displayName} is already on audio-only by order of the court.` : 'You are already on audio-only.',
    );
  if (!on && !holds) throw new CourtError('not_audio_only', notOn);
  return event('media.audio_only', { participantId: person.id, active: on, cause, ...(on ? { cameraOff: cameraOff ?? false } : {}) });
}

/**
 * What the server records when its reading of a participant's link says their video must go off or
 * may come back. Nothing when the record already says so (a late verdict, a reconnection).
 */
export function onLinkVerdict(
  state: CourtroomState,
  participantId: string,
  verdict: { audioOnly: boolean; figures: HearingEventData<'media.audio_only'>['figures']; reason: string },
): Decided[] {
  if (state.phase === 'ended') return [];
  const holds = state.audioOnly.get(participantId)?.has('link') ?? false;
  if (holds === verdict.audioOnly) return [];
  return [
    event('media.audio_only', {
      participantId,
      active: verdict.audioOnly,
      cause: 'link',
      figures: verdict.figures ?? {},
      reason: verdict.reason.slice(0, 300),
    }),
  ];
}

/** What the court records by itself when someone arrives. */
export function onArrival(state: CourtroomState, person: Participant, _ctx: CourtContext): Decided[] {
  if (state.phase === 'ended') return [];
  if (person.role === 'presiding_judge') {
    const events: Decided[] = [];
    if (state.phase === 'awaiting_judge') events.push(event('hearing.opened', {}));
    if (state.pauses.has('judge_absent')) events.push(event('hearing.resumed', { cause: 'judge_absent' }));
    return events;
  }
  if (person.role === 'requested_officer') {
    return state.pauses.has('officer_absent') ? [event('hearing.resumed', { cause: 'officer_absent' })] : [];
  }
  if (state.admitted.has(person.id)) return resumeWithSupport(state, person);
  if (state.removed.has(person.id) || state.waiting.has(person.id)) return [];
  return [event('lobby.waiting', { participantId: person.id })];
}

/** What the court records by itself when someone's connection ends (they are no longer in `ctx.present`). */
export function onDeparture(state: CourtroomState, person: Participant, ctx: CourtContext): Decided[] {
  const consultationId = consultationOf(state, person.id);
  const ended = consultationId ? [event('consultation.ended', { consultationId })] : [];
  return [...ended, ...releaseIfLive(state, person.id, 'disconnected'), ...courtDeparture(state, person, ctx), ...pauseWithoutSupport(state, ctx, person)];
}

function courtDeparture(state: CourtroomState, person: Participant, ctx: CourtContext): Decided[] {
  if (state.phase !== 'live') return [];
  if (person.role === 'presiding_judge' && !rolePresent(state, ctx, 'presiding_judge') && !state.pauses.has('judge_absent')) {
    return [event('hearing.paused', { cause: 'judge_absent', reason: 'no presiding judge connected' })];
  }
  if (person.role === 'requested_officer' && !rolePresent(state, ctx, 'requested_officer') && !state.pauses.has('officer_absent')) {
    return [event('hearing.paused', { cause: 'officer_absent', reason: 'the requested-state officer is not connected' })];
  }
  return [];
}
