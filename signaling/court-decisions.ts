/**
 * The court's decisions carried out: the events are written to the hearing's record first, then
 * applied, then carried out — the hearing's media matched to the court's rule again, microphones
 * muted, links withdrawn, people brought in or sent out — and everyone is shown the court's new state
 * as they may see it. Every request that changes the court's state comes here.
 */
import { randomUUID } from 'node:crypto';
import { isInCourtroom, type CourtContext, type CourtroomState, type Decided } from '../courtroom/index.js';
import type { Hearing, Participant } from '../scheduling/index.js';
import { everyoneRoom, hearingRoom, type SignalingContext } from './context.js';
import { hearingLanguages } from './hearing-texts.js';
import { carryOutInterpretation } from './interpretation-media.js';
import { broadcastState } from './court-broadcast.js';
import { hearingOf, participantsOf, viewOf } from './courts.js';
import { startRecording, stopRecording } from './court-recording.js';
import { writeInQueue } from './record-writer.js';
import { dateRuling, rulingToDate } from './extradition-timestamp.js';
import { settleAdjournment } from './adjournment.js';
import { dropClosedConsultationDocuments } from './consultation-documents.js';
import type { HearingEvent } from '../store/index.js';
import type { Attendee } from './presence.js';

/**
 * Decides, records and carries out. The decision and the writing happen in the hearing's queue, so
 * every decision sees the state left by the previous one; nobody is told before the record holds it.
 */
export async function runCourt(
  ctx: SignalingContext,
  hearing: Hearing,
  actor: Participant,
  decideOn: (state: CourtroomState, court: CourtContext) => Decided[],
  /** Facts only some rules read, gathered only for them: the bundle (to show a document), each one's link (a sound check). */
  needs: { exhibits?: boolean; links?: boolean } = {},
): Promise<Decided[]> {
  const live = await hearingOf(ctx, hearing.id);
  const session = live.court;
  const participants = await participantsOf(ctx, hearing.id);
  const rulings: HearingEvent[] = [];
  // The bundle as the court may show it: names and hashes only, never the documents.
  const exhibits = needs.exhibits
    ? new Map((await ctx.store.exhibits.list(hearing.id)).map((e) => [e.id, { title: e.title, mediaType: e.mediaType, sha256: e.sha256, pages: e.pages }]))
    : undefined;
  const decided = await session.run(async () => {
    const court: CourtContext = {
      participants,
      present: new Set(ctx.presence.entered(hearing.id).map((a) => a.participant.id)),
      hashDocumentNumber: ctx.hashDocumentNumber,
      newId: randomUUID,
      canSeal: new Set(
        ctx.presence
          .entered(hearing.id)
          .filter((a) => a.canSeal)
          .map((a) => a.participant.id),
      ),
      now: new Date().toISOString(),
      courtLanguage: session.languages.courtLanguage,
      texts: session.languages.texts,
      ...(exhibits ? { exhibits } : {}),
      ...(needs.links ? { links: linksOf(ctx, hearing.id) } : {}),
    };
    const events = decideOn(session.state, court);
    // One decision, one transaction: an intervention is never recorded without the pause it causes.
    const written = await writeInQueue(ctx, live, actor.id, events);
    rulings.push(...written.filter(rulingToDate));
    // The hearing keeps the texts in force when it opened (see hearing-texts.ts).
    const opened = written.find((e) => e.type === 'hearing.opened');
    if (opened && session.state.sittings === 1) session.languages = await hearingLanguages(ctx, hearing.id, opened.at);
    return events;
  });
  try {
    // The one-shot effects of the decision first (a microphone muted as a consultation ends must be
    // paused before the court is offered it again); none of them stops the media rule that follows.
    for (const event of decided) {
      await carryOut(ctx, hearing, session.state, participants, event, actor.id).catch((err: unknown) =>
        ctx.log.error({ err, hearingId: hearing.id, event: event.type }, 'a recorded decision could not be fully carried out'),
      );
    }
    // Then the media made to match the court's new state, by the one pass that closes what the rule
    // no longer allows and offers what it allows again (a protection lifted, a consultation ended),
    // and holds in the recording what may not be recorded — before anyone is shown the new state.
    // A ruling on a declaration of the person sought is dated by a trusted authority once it is on the record.
    for (const ruling of rulings) void dateRuling(ctx, live, ruling);
    await live.media.reconcile();
  } finally {
    broadcastState(ctx, hearing.id, session.state, participants);
  }
  return decided;
}

async function carryOut(
  ctx: SignalingContext,
  hearing: Hearing,
  state: CourtroomState,
  participants: Map<string, Participant>,
  event: Decided,
  actorId: string,
): Promise<void> {
  const data = event.data as { participantId?: string | null };
  const attendee = data.participantId ? ctx.presence.get(hearing.id, data.participantId) : undefined;
  if (event.type.startsWith('interpretation.')) return carryOutInterpretation(ctx, hearing, state, participants, event);
  switch (event.type) {
    case 'hearing.live':
      await ctx.store.hearings.setStatus(hearing.id, 'live');
      return;
    case 'hearing.ended':
      await dropClosedConsultationDocuments(ctx, hearing.id, state);
      await ctx.store.hearings.setStatus(hearing.id, 'closed');
      return;
    case 'hearing.adjourned':
      return adjourned(ctx, hearing, state, actorId);
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
        : ctx.presence
            .entered(hearing.id)
            .filter((a) => isInCourtroom(state, a.participant) && a.participant.role !== 'presiding_judge' && a.participant.role !== 'requested_officer')
            .map((a) => a.participant.id);
      for (const id of targets) {
        await media?.pauseSource(id, 'microphone');
        ctx.presence.get(hearing.id, id)?.socket.emit('court:muted', { message: 'The court has muted your microphone.' });
      }
      return;
    }
    case 'consultation.ended': {
      // A consultation is a room of its own; what crosses it is the media rule's. Words meant for the
      // lawyer must not reach the court mid-sentence when the consultation ends (or a member's
      // connection drops): the members' microphones are muted at the server before the court is
      // offered them again, and they unmute when ready to speak to the court.
      await dropClosedConsultationDocuments(ctx, hearing.id, state);
      const media = await ctx.sfu.existing(hearing.id);
      if (!media) return;
      const members = endedConsultationMembers(ctx, hearing.id, (event.data as { consultationId: string }).consultationId);
      for (const memberId of members) {
        await media.pauseSource(memberId, 'microphone');
        ctx.presence.get(hearing.id, memberId)?.socket.emit('court:muted', {
          message: 'The consultation has ended and your microphone is muted. Unmute it when you are ready to speak to the court.',
        });
      }
      return;
    }
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
      // What she sends unmasked is closed by the reconciler's pass that follows every decision; her
      // page, told of the measure, sends it again masked.
      ctx.io.local.to(everyoneRoom(hearing.id)).emit('participant:updated', viewOf(state, person));
      return;
    }
  }
}

/** Members of a consultation that has just ended, read from the record (the state no longer holds it). */
function endedConsultationMembers(ctx: SignalingContext, hearingId: string, consultationId: string): string[] {
  return ctx.hearings.get(hearingId)?.court?.endedConsultations.get(consultationId) ?? [];
}

/** Admitted: the person and the hearing see each other's tiles; their media follows from the offers after every decision. */
export async function bringIn(ctx: SignalingContext, attendee: Attendee, state: CourtroomState): Promise<void> {
  const { hearing, participant, socket } = attendee;
  await socket.join(hearingRoom(hearing.id));
  socket.local.to(hearingRoom(hearing.id)).emit('participant:joined', viewOf(state, participant));
  const others = ctx.presence.entered(hearing.id).filter((a) => a !== attendee && isInCourtroom(state, a.participant));
  for (const other of others) socket.emit('participant:joined', viewOf(state, other.participant));
}

/**
 * The sitting is over: the request waits for its new date and the sitting's links are withdrawn (the
 * new invitations bring new ones; adjournment.ts), and everyone connected is told why and taken out —
 * even if the store could not be reached, which the next load of the hearing makes good. The judge
 * who adjourned is answered first: his connection closes a moment later, and nothing he asks
 * meanwhile is done (`closing`).
 */
async function adjourned(ctx: SignalingContext, hearing: Hearing, state: CourtroomState, actorId: string): Promise<void> {
  const adjournment = state.adjourned!;
  try {
    await settleAdjournment(ctx, hearing.id, adjournment);
  } finally {
    endSittingFor(ctx, hearing, adjournment.reason, actorId);
  }
}

function endSittingFor(ctx: SignalingContext, hearing: Hearing, reason: string, actorId: string): void {
  for (const attendee of ctx.presence.connected(hearing.id)) {
    attendee.socket.emit('session:ended', {
      reason: 'adjourned',
      message: 'The court has adjourned the hearing to a new date. You will receive a new invitation.',
      courtReason: reason,
    });
    attendee.socket.data.ended = { reason: 'adjourned', message: 'The court has adjourned the hearing: nothing more can be done in this sitting.' };
    if (attendee.participant.id === actorId) setTimeout(() => attendee.socket.disconnect(true), ADJOURNING_JUDGE_GRACE_MS).unref();
    else attendee.socket.disconnect(true);
  }
}

/** Long enough for the adjourning judge's page to receive its answer before the connection closes. */
const ADJOURNING_JUDGE_GRACE_MS = 2000;

/** Back to the waiting room (or out): gone from everyone's screen; the media rule that follows the decision closes their media both ways. */
async function sendOut(ctx: SignalingContext, attendee: Attendee): Promise<void> {
  const { hearing, participant, socket } = attendee;
  await socket.leave(hearingRoom(hearing.id));
  ctx.io.local.to(hearingRoom(hearing.id)).emit('participant:left', { participantId: participant.id });
}

/** Each connected person's link as their browser last reported it: what a sound check records. */
function linksOf(ctx: SignalingContext, hearingId: string): Map<string, { roundTripMs?: number; audioLossPercent?: number }> {
  const links = new Map<string, { roundTripMs?: number; audioLossPercent?: number }>();
  for (const attendee of ctx.presence.entered(hearingId)) {
    const report = ctx.quality.latest(hearingId, attendee.participant.id);
    if (!report) continue;
    const loss = Math.max(report.lossPercent.audioIn ?? 0, report.lossPercent.audioOut ?? 0);
    links.set(attendee.participant.id, {
      ...(report.roundTripMs === undefined ? {} : { roundTripMs: Math.round(report.roundTripMs) }),
      audioLossPercent: Math.round(loss * 10) / 10,
    });
  }
  return links;
}
