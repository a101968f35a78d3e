/**
 * A page's connection, from the handshake to its departure: the link checked (and a hearing another
 * server holds refused at the door), every request handler in place before the first await, a
 * previous window of the same person closed, the welcome in the person's language, and a session
 * ended when the court withdraws the link.
 */
import { z } from 'zod';
import { courtView } from '../courtroom/index.js';
import { chooseCatalogue, sameLanguage } from '../language/index.js';
import type { Hearing, Participant } from '../scheduling/index.js';
import { registerAttendanceHandlers } from './attendance-handlers.js';
import { registerConsultationHandlers } from './consultation-handlers.js';
import type { SignalingContext } from './context.js';
import { broadcastInterpretation } from './court-broadcast.js';
import { runCourt } from './court-decisions.js';
import { registerCourtHandlers } from './courtroom-handlers.js';
import { courtOf, viewOf } from './courts.js';
import { leave } from './departure.js';
import { invalidInput, UserError } from './errors.js';
import { refuseUnknownEvents } from './handler.js';
import { refuseHearingHeldElsewhere } from './hearing-loader.js';
import { registerInterpretationHandlers } from './interpretation-handlers.js';
import { startingChannelOf } from './interpretation-media.js';
import { registerMediaHandlers } from './media-handlers.js';
import { PERMISSIONS } from './permissions.js';
import type { Attendee } from './presence.js';
import { HandshakeAuth } from './protocol.js';
import { registerQualityHandlers } from './quality-handlers.js';
import type { HearingSocket } from './socket-types.js';
import { hearingView } from './views.js';

export const SessionsEnd = z.object({ hearingId: z.uuid(), participantId: z.uuid() }).strict();

/** Ends the sessions this server holds of a person whose links were withdrawn. */
export async function endSessionsHere(ctx: SignalingContext, hearingId: string, participantId: string): Promise<void> {
  const attendee = ctx.presence.get(hearingId, participantId);
  if (attendee) await endSession(ctx, attendee);
}

export async function endSession(ctx: SignalingContext, attendee: Attendee): Promise<void> {
  attendee.socket.emit('session:ended', {
    reason: 'link_withdrawn',
    message: 'Your link has been withdrawn by the court. Contact the court if this is unexpected.',
  });
  await leave(ctx, attendee, 'link_revoked');
  attendee.socket.disconnect(true);
}

export async function authenticate(ctx: SignalingContext, socket: HearingSocket): Promise<void> {
  const auth = HandshakeAuth.safeParse(socket.handshake.auth);
  if (!auth.success) {
    const error = invalidInput(auth.error, 'join link');
    throw auth.error.issues[0]?.path[0] === 'token'
      ? new UserError('token_missing', 'This page was opened without a join link. Open the link you received from the court.')
      : error;
  }
  const verified = await ctx.tokens.verify(auth.data.token, auth.data.hearingId);
  // A hearing another server holds is refused at the door, before anything is written here.
  await refuseHearingHeldElsewhere(ctx, verified.hearing.id);
  socket.data = verified;
}

export async function onConnection(ctx: SignalingContext, socket: HearingSocket): Promise<void> {
  const { hearing, participant, expiresAt } = socket.data;
  const log = ctx.log.child({ hearingId: hearing.id, participantId: participant.id });
  const attendee: Attendee = {
    hearing,
    participant,
    socket,
    entered: false,
    receiving: false,
    rtpCapabilities: null,
    offered: new Set(),
    canSeal: false,
    listening: null,
  };

  const previous = ctx.presence.connect(attendee);
  // Handlers are in place before the first await: socket.io does not keep a request for a listener
  // added later, and a page reconnecting sends what it had queued at once. Requests wait (in order)
  // until the previous connection is closed and the starting channel is known, so a choice the page
  // makes at once is not overwritten by it.
  let settled!: () => void;
  const ready = new Promise<void>((resolve) => (settled = resolve));
  socket.use((_packet, next) => void ready.then(() => next()));
  refuseUnknownEvents(socket);
  registerAttendanceHandlers(ctx, attendee, log);
  registerMediaHandlers(ctx, attendee, log);
  registerCourtHandlers(ctx, attendee, log);
  registerConsultationHandlers(ctx, attendee, log);
  registerQualityHandlers(ctx, attendee, log);
  registerInterpretationHandlers(ctx, attendee, log);
  socket.on('disconnect', (reason) => {
    log.info({ reason }, 'disconnected');
    void leave(ctx, attendee, socket.data.ended?.reason ?? 'disconnected')
      .catch((err: unknown) => log.error({ err }, 'could not record the departure'))
      .finally(() => ctx.presence.disconnect(attendee));
  });

  try {
    if (previous) {
      previous.socket.emit('session:replaced', { message: 'You joined this hearing from another window or device; this one has been closed.' });
      await leave(ctx, previous, 'replaced').catch((err: unknown) => log.error({ err }, 'could not close the previous connection'));
      previous.socket.disconnect(true);
    }
    attendee.listening = await startingChannelOf(ctx, participant);
  } finally {
    settled();
  }

  log.info({ role: participant.role }, 'connected');
  const court = await courtOf(ctx, hearing.id);
  const { courtLanguage } = court.languages;
  const language = participant.language ?? courtLanguage;
  const pageLanguage = chooseCatalogue(language, ['en']);
  socket.emit('session:welcome', {
    // A person always sees their own name; a pseudonym is for the others.
    self: viewOf(undefined, participant),
    hearing: hearingView(hearing),
    permissions: [...PERMISSIONS[participant.role]],
    expiresAt: expiresAt.toISOString(),
    language,
    pageLanguage,
    courtLanguage,
    servers: (await ctx.placement?.otherServers().catch(() => [])) ?? [],
  });
  await recordLanguageFallback(ctx, hearing, participant, language, pageLanguage).catch((err: unknown) =>
    log.error({ err }, 'could not record the language fallback'),
  );
  const byId = new Map((await ctx.store.participants.listByHearing(hearing.id)).map((p) => [p.id, p]));
  socket.emit('court:state', courtView(court.state, participant, byId, court.languages));
  broadcastInterpretation(ctx, hearing.id, court.state, byId);
}

/**
 * A person whose language has no catalogue reads their pages in another: that is recorded once per
 * language, and the judge is shown it, so the fallback is a known fact of the hearing and not a silent one.
 */
async function recordLanguageFallback(
  ctx: SignalingContext,
  hearing: Hearing,
  participant: Participant,
  language: string,
  pageLanguage: string,
): Promise<void> {
  if (sameLanguage(language, pageLanguage)) return;
  const court = await courtOf(ctx, hearing.id);
  const known = court.state.languageFallbacks.get(participant.id);
  if (known?.language === language && known.shownIn === pageLanguage) return;
  await runCourt(ctx, hearing, participant, () => [
    { type: 'language.fallback', data: { participantId: participant.id, language, shownIn: pageLanguage, what: 'pages' } },
  ]);
}
