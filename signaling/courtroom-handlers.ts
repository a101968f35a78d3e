/**
 * The court's commands over the socket, and what follows from each decision: the events are
 * written to the hearing's record first, then applied, then carried out — people brought in or
 * sent out of the hearing's media, microphones muted, links withdrawn — and everyone is shown the
 * court's new state as they may see it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  CourtCommands,
  CourtSession,
  courtView,
  isInCourtroom,
  mayReceive,
  shownName,
  type CourtCommandName,
  type CourtContext,
  type CourtroomState,
  type Decided,
} from '../courtroom/index.js';
import type { NamedCourtCommand } from '../courtroom/decide.js';
import { decide } from '../courtroom/index.js';
import { functionLabel, type Hearing, type Participant } from '../scheduling/index.js';
import type { ProducerInfo, StreamOrigin } from '../sfu/index.js';
import { everyoneRoom, hearingRoom, type SignalingContext } from './context.js';
import { handle } from './handler.js';
import { hearingLanguages } from './hearing-texts.js';
import { carryOutInterpretation } from './interpretation-handlers.js';
import { broadcastState } from './court-broadcast.js';
import { applyAudioOnly, enforceEligibility, forgetOffer, giveTheFloor, offerAllowed } from './court-media.js';
import { courtOf, participantsOf, viewOf } from './courts.js';
import { enforceRecording, startRecording, stopRecording } from './recording-handlers.js';
import { COURT_COMMAND_PERMISSIONS } from './permissions.js';
import { writeInQueue } from './record-writer.js';
import type { Attendee } from './presence.js';
import type { ParticipantView } from './protocol.js';







/**
 * Decides, records and carries out. The decision and the writing happen in the hearing's queue, so
 * every decision sees the state left by the previous one; nobody is told before the record holds it.
 */
export async function runCourt(
  ctx: SignalingContext,
  hearing: Hearing,
  actor: Participant,
  decideOn: (state: CourtroomState, court: CourtContext) => Decided[],
): Promise<Decided[]> {
  const session = await courtOf(ctx, hearing.id);
  const participants = await participantsOf(ctx, hearing.id);
  const decided = await session.run(async () => {
    const court: CourtContext = {
      participants,
      present: new Set(ctx.presence.entered(hearing.id).map((a) => a.participant.id)),
      hashDocumentNumber: ctx.hashDocumentNumber,
      newId: randomUUID,
      canSeal: new Set(ctx.presence.entered(hearing.id).filter((a) => a.canSeal).map((a) => a.participant.id)),
      now: new Date().toISOString(),
      courtLanguage: session.languages.courtLanguage,
      texts: session.languages.texts,
    };
    const events = decideOn(session.state, court);
    // One decision, one transaction: an intervention is never recorded without the pause it causes.
    const written = await writeInQueue(ctx, session, hearing.id, actor.id, events);
    // The hearing keeps the texts in force when it opened (see hearing-texts.ts).
    const opened = written.find((e) => e.type === 'hearing.opened');
    if (opened) session.languages = await hearingLanguages(ctx, hearing.id, opened.at);
    return events;
  });
  try {
    // The media rule first: whatever else fails, nobody keeps a stream they may no longer receive.
    await enforceEligibility(ctx, hearing.id);
    for (const event of decided) {
      await carryOut(ctx, hearing, session.state, participants, event).catch((err: unknown) =>
        ctx.log.error({ err, hearingId: hearing.id, event: event.type }, 'a recorded decision could not be fully carried out'),
      );
    }
    // And what the rule allows again is offered again: a rule that relaxes (a protection lifted, a
    // consultation ended) re-grants by the same rule that revoked, not where someone remembered to.
    await offerAllowed(ctx, hearing.id);
    await giveTheFloor(ctx, hearing.id);
    // Before anyone is shown the new state (and a consultation begins), its members' tracks are held.
    await enforceRecording(ctx, hearing.id);
  } finally {
    broadcastState(ctx, hearing.id, session.state, participants);
  }
  return decided;
}


async function carryOut(ctx: SignalingContext, hearing: Hearing, state: CourtroomState, participants: Map<string, Participant>, event: Decided): Promise<void> {
  const data = event.data as { participantId?: string | null };
  const attendee = data.participantId ? ctx.presence.get(hearing.id, data.participantId) : undefined;
  if (event.type.startsWith('interpretation.')) return carryOutInterpretation(ctx, hearing, state, participants, event);
  switch (event.type) {
    case 'hearing.live':
      await ctx.store.hearings.setStatus(hearing.id, 'live');
      return;
    case 'hearing.ended':
      await ctx.store.hearings.setStatus(hearing.id, 'closed');
      return;
    case 'recording.started': {
      const { recordingId, legalBasis } = event.data as { recordingId: string; legalBasis: string };
      await startRecording(ctx, hearing, recordingId, legalBasis);
      return;
    }
    case 'recording.stopped':
      await stopRecording(ctx, hearing.id);
      return;
    case 'lobby.admitted':
      if (attendee?.entered) await bringIn(ctx, attendee, state);
      return;
    case 'lobby.sent_back':
      if (attendee) await sendOut(ctx, attendee);
      return;
    case 'participant.removed': {
      await ctx.store.tokens.revokeAllOf(data.participantId!, 'removed from the hearing by the court');
      if (!attendee) return;
      await sendOut(ctx, attendee);
      attendee.socket.emit('session:ended', { reason: 'removed', message: 'The court has removed you from this hearing.' });
      attendee.socket.disconnect(true);
      return;
    }
    case 'control.muted': {
      const media = await ctx.sfu.existing(hearing.id);
      const targets = data.participantId
        ? [data.participantId]
        : ctx.presence.entered(hearing.id).filter((a) => isInCourtroom(state, a.participant) && a.participant.role !== 'presiding_judge' && a.participant.role !== 'requested_officer').map((a) => a.participant.id);
      for (const id of targets) {
        await media?.pauseSource(id, 'microphone');
        ctx.presence.get(hearing.id, id)?.socket.emit('court:muted', { message: 'The court has muted your microphone.' });
      }
      return;
    }
    case 'consultation.started':
    case 'consultation.ended': {
      // A consultation is a room of its own: on entering, what crossed between its members and the
      // court is cut (the sweep has closed it already; this closes what was still being offered); on
      // leaving, the offers after every decision give everyone what they may now receive.
      const media = await ctx.sfu.existing(hearing.id);
      if (!media) return;
      if (event.type === 'consultation.started') {
        const members = new Set((event.data as { participantIds: string[] }).participantIds);
        for (const closed of media.closeConsumersWhere((holder, owner) => members.has(holder) !== members.has(owner))) forgetOffer(ctx, hearing.id, closed);
      } else {
        // Words meant for the lawyer must not reach the court mid-sentence when the consultation
        // ends (or a member's connection drops): the members' microphones are muted at the server
        // and they unmute when ready to speak to the court.
        const members = endedConsultationMembers(ctx, hearing.id, (event.data as { consultationId: string }).consultationId);
        for (const memberId of members) {
          await media.pauseSource(memberId, 'microphone');
          ctx.presence.get(hearing.id, memberId)?.socket.emit('court:muted', {
            message: 'The consultation has ended and your microphone is muted. Unmute it when you are ready to speak to the court.',
          });
        }
      }
      return;
    }
    case 'media.audio_only':
      await applyAudioOnly(ctx, hearing.id, data.participantId!);
      return;
    case 'control.unmute_requested':
      attendee?.socket.emit('court:unmute-requested', { message: 'The court asks you to unmute your microphone.' });
      return;
    case 'protection.set': {
      const person = participants.get(data.participantId!);
      const protection = state.protections.get(data.participantId!);
      const media = await ctx.sfu.existing(hearing.id);
      if (!person || !protection) return;
      // Her picture is closed at the source; who may see it otherwise is the sweep's and the offers'.
      if (protection.audioOnly) media?.closeSource(person.id, 'camera');
      ctx.io.to(everyoneRoom(hearing.id)).emit('participant:updated', viewOf(state, person));
      return;
    }
  }
}

/** Members of a consultation that has just ended, read from the record (the state no longer holds it). */
function endedConsultationMembers(ctx: SignalingContext, hearingId: string, consultationId: string): string[] {
  return ctx.loadedCourts.get(hearingId)?.endedConsultations.get(consultationId) ?? [];
}





/** Admitted: the person and the hearing see each other's tiles; their media follows from the offers after every decision. */
export async function bringIn(ctx: SignalingContext, attendee: Attendee, state: CourtroomState): Promise<void> {
  const { hearing, participant, socket } = attendee;
  await socket.join(hearingRoom(hearing.id));
  socket.to(hearingRoom(hearing.id)).emit('participant:joined', viewOf(state, participant));
  const others = ctx.presence.entered(hearing.id).filter((a) => a !== attendee && isInCourtroom(state, a.participant));
  for (const other of others) socket.emit('participant:joined', viewOf(state, other.participant));
}

/** Back to the waiting room (or out): no media either way, and gone from everyone's screen. */
async function sendOut(ctx: SignalingContext, attendee: Attendee): Promise<void> {
  const { hearing, participant, socket } = attendee;
  const media = await ctx.sfu.existing(hearing.id);
  for (const closed of media?.isolate(participant.id) ?? []) forgetOffer(ctx, hearing.id, closed);
  attendee.offered.clear();
  await socket.leave(hearingRoom(hearing.id));
  ctx.io.to(hearingRoom(hearing.id)).emit('participant:left', { participantId: participant.id });
}

export function registerCourtHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;
  for (const name of Object.keys(CourtCommands) as CourtCommandName[]) {
    handle(socket, log, name, COURT_COMMAND_PERMISSIONS[name], async (command) => {
      const request = { name, command } as NamedCourtCommand;
      const events = await runCourt(ctx, hearing, participant, (state, court) => decide(state, request, participant, court));
      log.info({ command: name, recorded: events.map((e) => e.type) }, 'court decision');
      return { recorded: events.map((e) => e.type) };
    });
  }
}
