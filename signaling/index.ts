/**
 * signaling — socket.io on the HTTP server: who may connect (a signed personal link, checked in the
 * handshake), what they may ask (each message parsed by its schema and checked against the
 * permission table), and what they are told as the hearing changes.
 *
 * A connection's life: handshake (token verified, or refused with a reason the page shows) →
 * `session:welcome` → `hearing:enter` → media requests → leave or disconnect.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions } from 'socket.io';
import type { Sfu } from '../sfu/index.js';
import type { Store } from '../store/index.js';
import { auditMedia, type MediaAudit } from './media-audit.js';
import { authenticate, endSession, endSessionsHere, onConnection, SessionsEnd } from './connection.js';
import { replayDifferences, type ReplayDifference } from './replay-check.js';
import { handOver, letHearingGo } from './hearing-handover.js';
import { everyoneRoom, type HearingPlacement, type SignalingContext, type SignalingMeter } from './context.js';
import { toErrorBody } from './errors.js';
import { courtOf } from './courts.js';
import { routeMediaEvents } from './media-events.js';
import { Presence } from './presence.js';
import { type RTCIceServerView } from './protocol.js';
import { AudioOnlyTracker, type AudioOnlyPolicy } from './audio-only-policy.js';
import { QualityMonitor, type QualityPolicy } from './quality.js';
import { recordBySystem, stopRecording, type RecordingSetup } from './court-recording.js';
import { recoverCutShortRecordings } from './recording-recovery.js';
import { loadHearing } from './hearing-loader.js';
import { LiveHearings } from './live-hearing.js';
import { turnCredentials, type TurnSettings } from './turn-credentials.js';
import type { HearingServer } from './socket-types.js';
import type { JoinTokens } from './tokens.js';

export { JoinTokens } from './tokens.js';
export { OUTAGE_BODIES, UserError } from './errors.js';
export { ACTIONS, PERMISSIONS, can, rolesThatCan } from './permissions.js';
export type { Action } from './permissions.js';
export type { HearingPlacement, SignalingMeter } from './context.js';
export * from './protocol.js';
export { turnCredentials, type TurnSettings } from './turn-credentials.js';

export interface SignalingOptions {
  store: Store;
  sfu: Sfu;
  tokens: JoinTokens;
  log: Logger;
  iceServers?: RTCIceServerView[];
  /** The court's TURN server: each participant gets credentials of their own, fresh with every transport. */
  turn?: TurnSettings;
  /** How long an empty hearing keeps its media router, so that a participant reloading finds it. */
  emptyHearingGraceMs?: number;
  /** How often each hearing's media is matched to the court's rule again (default 3 s; 0: only after decisions). */
  mediaResweepMs?: number;
  /** This server's name in the hearings' leases; by default the host name and a random suffix, new at every start. */
  nodeId?: string;
  /** Where each hearing is held, when several servers share the hearings. */
  placement?: HearingPlacement;
  meter?: SignalingMeter;
  /** With several servers: the socket.io adapter that carries broadcasts and notices between them (Redis streams). */
  adapter?: ServerOptions['adapter'];
  /** Key under which identity-document numbers are hashed. */
  identityKey: string;
  /** Connection-quality thresholds and pacing; `DEFAULT_QUALITY_POLICY` in `quality.ts` documents each. */
  quality?: Partial<QualityPolicy>;
  /** When a link is switched to audio-only and back; `DEFAULT_AUDIO_ONLY_POLICY` in `audio-only-policy.ts` documents each. */
  audioOnly?: Partial<AudioOnlyPolicy>;
  /** Where hearings are recorded when the court orders it. */
  recording?: RecordingSetup;
}

export interface Signaling {
  io: HearingServer;
  presence: Presence;
  /**
   * Withdraws a personal link: it can no longer connect, and whoever is connected with it is taken
   * out of the hearing at once. (Expiry, by contrast, stops new connections only: a hearing that
   * runs late does not lose its witness mid-answer.)
   */
  revokeLink(tokenId: string, reason: string): Promise<boolean>;
  /**
   * A person's links were withdrawn (their invitation re-issued, the hearing cancelled): their open
   * session ends at once, on whichever server of the service holds it, not only at the next connection.
   */
  endSessionsOf(hearingId: string, participantId: string): Promise<void>;
  /** The media the SFU carries for a hearing, held against what the court's rule asks for. */
  auditMedia(hearingId: string): Promise<MediaAudit>;
  /** The hearings whose court this server has loaded. */
  hearingsInSession(): string[];
  /** Whether the court of this hearing, held on this server, keeps its public gallery open now. */
  galleryOpen(hearingId: string): boolean;
  /** Each loaded hearing whose live court state differs from the one its record rebuilds (none, when all is well). */
  replayDifferences(): Promise<ReplayDifference[]>;
  /**
   * Moves every hearing held here to the service's other servers, as a planned failover: its pages
   * follow it there by themselves. Kept here when no other server takes hearings. Returns how many moved.
   */
  drain(): Promise<number>;
  close(): Promise<void>;
}

/** When a withdrawn link's notice to the other servers is said again. */
const SESSIONS_END_AGAIN_MS = 2_000;

/** How often a server renews the hearings it holds: every heartbeat of the cluster (cluster/registry.ts), a quarter of the lease. */
const RENEW_MS = 1_000;

async function renewHeld(ctx: SignalingContext): Promise<void> {
  // Those still loading too: a load slowed by a busy database must not let the lease lapse under it.
  const lost = new Set(await ctx.placement!.renew(ctx.nodeId, ctx.hearings.ids()));
  for (const hearing of ctx.hearings.all()) {
    if (!lost.has(hearing.id)) continue;
    ctx.log.warn({ hearingId: hearing.id }, 'another server holds this hearing now; this one lets it go');
    letHearingGo(ctx, hearing);
  }
}

/** How often every hearing's media is matched to the court's rule again, whatever else happens. */
const RESWEEP_MS = 3_000;

/** Largest message a browser may send; SDP-derived parameters are a few kilobytes. */
const MAX_MESSAGE_BYTES = 64 * 1024;

export function attachSignaling(httpServer: HttpServer, options: SignalingOptions): Signaling {
  const io: HearingServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // A link that drops for a few seconds must not take anyone out of the hearing: the media heals
    // with an ICE restart, and the signalling connection has to outlast the drop for that. After a
    // 12 s outage, TCP's retransmissions (backing off 0.2, 0.4, 0.8… s) can deliver a pong 20 s
    // after its ping. A browser that is really gone is noticed within 40 s; one that closes its
    // page, at once.
    pingInterval: 10_000,
    pingTimeout: 30_000,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  const ctx: SignalingContext = {
    io,
    store: options.store,
    sfu: options.sfu,
    tokens: options.tokens,
    presence: new Presence(),
    log: options.log,
    iceServersFor: (participantId) => [...(options.iceServers ?? []), ...(options.turn ? [turnCredentials(options.turn, participantId)] : [])],
    emptyHearingGraceMs: options.emptyHearingGraceMs ?? 60_000,
    nodeId: options.nodeId ?? `${hostname()}-${randomUUID().slice(0, 8)}`,
    placement: options.placement,
    meter: options.meter,
    hearings: new LiveHearings((hearingId) => loadHearing(ctx, hearingId)),
    hashDocumentNumber: (normalised) => createHmac('sha256', options.identityKey).update(normalised, 'utf8').digest('hex'),
    quality: new QualityMonitor(options.quality),
    audioOnly: new AudioOnlyTracker(options.audioOnly),
    recordingSetup: options.recording,
    startedAt: new Date().toISOString(),
  };

  io.use((socket, next) => {
    void authenticate(ctx, socket).then(
      () => next(),
      (error: unknown) => {
        const body = toErrorBody(error);
        next(Object.assign(new Error(body.message), { data: body }));
      },
    );
  });
  io.on(
    'connection',
    (socket) =>
      void onConnection(ctx, socket).catch((err: unknown) => {
        // Whatever failed (the database, a hearing that moved), the server goes on and this connection
        // ends: the page connects again, and the handshake then says why if it still cannot be served.
        ctx.log.error({ err, hearingId: socket.data.hearing?.id }, 'a connection could not be set up');
        // Told to come again, or a page disconnected by the server would never try again by itself.
        socket.emit('session:moved', { message: 'Your connection could not be set up just now. Your page tries again by itself.', servers: [] });
        socket.disconnect(true);
      }),
  );
  // Recordings the server was writing when it last stopped are closed now, not when someone returns.
  void recoverCutShortRecordings(ctx, (hearingId) => courtOf(ctx, hearingId));

  ctx.sfu.on('hearing-opened', (media) => routeMediaEvents(ctx, media));
  // The net under every path: each hearing in session has its media matched to the court's rule again.
  const resweepMs = options.mediaResweepMs ?? RESWEEP_MS;
  const resweep =
    resweepMs === 0
      ? undefined
      : setInterval(() => {
          for (const hearing of ctx.hearings.all()) {
            if (ctx.presence.entered(hearing.id).length === 0) continue;
            void hearing.media
              .reconcile()
              .catch((err: unknown) => ctx.log.error({ err, hearingId: hearing.id }, 'could not match the media to the court’s rule'));
          }
        }, resweepMs);
  resweep?.unref();
  /** Withdrawn links' notices waiting to be said again (see endSessionsOf), stopped with the server. */
  const noticesAgain = new Set<NodeJS.Timeout>();
  // With several servers, this one renews the hearings it holds; one placed elsewhere meanwhile (this
  // server was thought dead) is let go here, and its database lease fences out anything left in flight.
  const renewal = ctx.placement
    ? setInterval(() => void renewHeld(ctx).catch((err: unknown) => ctx.log.error({ err }, 'could not renew the hearings this server holds')), RENEW_MS)
    : undefined;
  renewal?.unref();
  ctx.sfu.on('media-lost', (hearingId) => void onMediaLost(ctx, hearingId));
  io.on('sessions:end', (notice) => {
    const parsed = SessionsEnd.safeParse(notice);
    if (!parsed.success) return void ctx.log.warn({ problem: parsed.error.issues[0]?.message }, 'another server sent a notice that does not parse');
    void endSessionsHere(ctx, parsed.data.hearingId, parsed.data.participantId).catch((err: unknown) =>
      ctx.log.error({ err }, 'could not end a withdrawn session'),
    );
  });

  return {
    io,
    presence: ctx.presence,
    auditMedia: (hearingId) => auditMedia(ctx, hearingId),
    hearingsInSession: () => ctx.hearings.all().map((hearing) => hearing.id),
    galleryOpen: (hearingId) => Boolean(ctx.hearings.get(hearingId)?.state.gallery),
    replayDifferences: () => replayDifferences(ctx),
    async revokeLink(tokenId, reason) {
      const revoked = await ctx.store.tokens.revoke(tokenId, reason);
      for (const attendee of ctx.presence.byToken(tokenId)) await endSession(ctx, attendee);
      return revoked;
    },
    async endSessionsOf(hearingId, participantId) {
      await endSessionsHere(ctx, hearingId, participantId);
      // The others: a server-side emit reaches every other server of the service, never this one.
      // Said again a little later: a notice lost while a server's reader of the shared stream was
      // between two reads must not leave a withdrawn link in a hearing; ending a session twice ends it once.
      if (options.adapter) {
        io.serverSideEmit('sessions:end', { hearingId, participantId });
        const again = setTimeout(() => {
          noticesAgain.delete(again);
          io.serverSideEmit('sessions:end', { hearingId, participantId });
        }, SESSIONS_END_AGAIN_MS);
        again.unref();
        noticesAgain.add(again);
      }
    },
    async drain() {
      if (ctx.hearings.ids().length === 0) return 0;
      if (!ctx.placement || (await ctx.placement.otherServers()).length === 0) {
        ctx.log.warn({ hearings: ctx.hearings.ids().length }, 'no other server takes hearings: the hearings held here stay');
        return 0;
      }
      let moved = 0;
      // A hearing placed here before the drain may still be loading, or be loaded by a late page:
      // each round hands over what is loaded, then waits for what loads.
      for (let round = 0; round < 5 && ctx.hearings.ids().length > 0; round++) {
        const held = ctx.hearings.all().filter((live) => !live.leaving);
        // Each in its court's queue, so that no decision is half-written when the hearing leaves.
        await Promise.all(
          held.map((live) =>
            live.court.run(() => handOver(ctx, live)).catch((err: unknown) => ctx.log.error({ err, hearingId: live.id }, 'could not hand the hearing over')),
          ),
        );
        moved += held.length;
        await ctx.hearings.settled();
      }
      ctx.log.info({ hearings: moved }, 'hearings handed over to the other servers');
      return moved;
    },
    async close() {
      clearInterval(resweep);
      clearInterval(renewal);
      for (const again of noticesAgain) clearTimeout(again);
      // A recording still running when the server stops is closed and signed, and the record says why.
      for (const { id: hearingId, recording } of ctx.hearings.all()) {
        if (!recording) continue;
        await recordBySystem(ctx, hearingId, [{ type: 'recording.stopped', data: { recordingId: recording.id, cause: 'server_stopped' } }])
          .then(() => stopRecording(ctx, hearingId))
          .catch((err: unknown) => ctx.log.error({ err, hearingId }, 'could not close the recording'));
      }
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}

/** A worker died under this hearing: every participant rebuilds their media on its replacement. */
async function onMediaLost(ctx: SignalingContext, hearingId: string): Promise<void> {
  const attendees = ctx.presence.entered(hearingId);
  ctx.log.warn({ hearingId, participants: attendees.length }, 'media worker lost; participants are reconnecting');
  for (const attendee of attendees) {
    attendee.receiving = false;
    attendee.offered.clear();
  }
  ctx.hearings.get(hearingId)?.media.restart();
  // Those in the waiting room hold transports too: everyone who entered rebuilds.
  ctx.io.local.to(everyoneRoom(hearingId)).emit('media:restart', { reason: 'The media server restarted. Reconnecting your audio and video…' });
  await recordBySystem(ctx, hearingId, [{ type: 'media.interrupted', data: { cause: 'media worker restarted' } }]).catch((err: unknown) =>
    ctx.log.error({ err, hearingId }, 'could not record the interruption'),
  );
}
