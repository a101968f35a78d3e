/**
 * The conversation between a browser and the server, in one place: a zod schema for every message a
 * browser may send, and the types of every answer and event the server sends back.
 *
 * The browser bundle imports only types from here (erased at build), never zod.
 */
import type { CatalogueLanguage } from '../language/index.js';
import { z } from 'zod';
import type { types } from 'mediasoup';
import type { Capacity, Role } from '../scheduling/index.js';
import { MEDIA_SOURCES, type ConsumerInfo, type IncomingVideo, type MediaSource, type ProducerInfo, type TransportInfo } from '../sfu/index.js';
import type { ErrorBody } from './errors.js';
import type { Action } from './permissions.js';
import { ChannelLanguage, CourtCommands, type AudioOnlyView, type CourtCommandName, type CourtView, type InterpretationView } from '../courtroom/index.js';
import { FACE_MASKINGS } from '../model/media.js';

// ---- building blocks of WebRTC parameters, checked for shape; mediasoup checks their meaning ----

const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be an id');
const ParameterValue = z.union([z.string().max(512), z.number()]);
const CodecParameters = z.record(z.string().max(64), ParameterValue);
const RtcpFeedback = z.object({ type: z.string().max(32), parameter: z.string().max(32).optional() });
const MimeType = z.string().regex(/^(audio|video)\/[A-Za-z0-9.-]+$/, 'must be audio/… or video/…');
const MediaKind = z.enum(['audio', 'video']);

const RtpCodecParameters = z.object({
  mimeType: MimeType,
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: CodecParameters.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
});

const RtpEncoding = z.object({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: z.number().int().min(0).max(127).optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
  maxBitrate: z.number().positive().optional(),
  maxFramerate: z.number().positive().optional(),
  adaptivePtime: z.boolean().optional(),
  priority: z.enum(['very-low', 'low', 'medium', 'high']).optional(),
  networkPriority: z.enum(['very-low', 'low', 'medium', 'high']).optional(),
  active: z.boolean().optional(),
});

export const RtpParameters = z.object({
  mid: z.string().max(32).optional(),
  codecs: z.array(RtpCodecParameters).min(1).max(32),
  headerExtensions: z
    .array(
      z.object({
        uri: z.string().max(256),
        id: z.number().int().min(1).max(255),
        encrypt: z.boolean().optional(),
        parameters: CodecParameters.optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z.array(RtpEncoding).max(8).optional(),
  rtcp: z.object({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() }).optional(),
});

export const RtpCapabilities = z.object({
  codecs: z
    .array(
      z.object({
        kind: MediaKind,
        mimeType: MimeType,
        preferredPayloadType: z.number().int().min(0).max(127).optional(),
        clockRate: z.number().int().positive(),
        channels: z.number().int().min(1).max(8).optional(),
        parameters: CodecParameters.optional(),
        rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
      }),
    )
    .max(128)
    .optional(),
  headerExtensions: z
    .array(
      z.object({
        kind: MediaKind,
        uri: z.string().max(256),
        preferredId: z.number().int().min(1).max(255),
        preferredEncrypt: z.boolean().optional(),
        direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
      }),
    )
    .max(64)
    .optional(),
});

export const DtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().regex(/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/, 'must be a colon-separated hex fingerprint'),
      }),
    )
    .min(1)
    .max(8),
});

const Empty = z.object({}).strict();
const MediaSourceSchema = z.enum(MEDIA_SOURCES);
/** Sources that carry speech: the floor's microphone, an interpreter's channel and the booth's private line. */
const AUDIO_SOURCES: ReadonlySet<MediaSource> = new Set(['microphone', 'interpretation', 'booth']);

// ---- what a browser may ask ----

const MediaRequests = {
  /** The hearing router's codecs, to load the browser's mediasoup Device. */
  'media:capabilities': Empty,
  /** Step into the hearing: others see the participant from now on. */
  'hearing:enter': z
    .object({
      rtpCapabilities: RtpCapabilities,
      /** The browser can seal a private consultation end to end (insertable streams). */
      canSeal: z.boolean().optional(),
    })
    .strict(),
  'hearing:leave': Empty,
  'transport:create': z.object({ direction: z.enum(['send', 'recv']) }).strict(),
  'transport:connect': z.object({ transportId: Id, dtlsParameters: DtlsParameters }).strict(),
  'transport:restart-ice': z.object({ transportId: Id }).strict(),
  'producer:create': z
    .object({
      transportId: Id,
      kind: MediaKind,
      source: MediaSourceSchema,
      rtpParameters: RtpParameters,
      /** A muted microphone stays muted when its stream is re-created (reconnection, media restart). */
      paused: z.boolean().optional(),
      /** What this page did to the stream before sending it, where the court protects the sender (model/media.ts). */
      masking: z
        .object({ voice: z.boolean(), face: z.enum(FACE_MASKINGS) })
        .strict()
        .optional(),
    })
    .strict()
    .refine((p) => AUDIO_SOURCES.has(p.source) === (p.kind === 'audio'), {
      message: 'a microphone, an interpretation channel or the booth line sends audio; a camera or screen sends video',
      path: ['source'],
    }),
  'producer:close': z.object({ producerId: Id }).strict(),
  'producer:set-paused': z.object({ producerId: Id, paused: z.boolean() }).strict(),
  /** The receiving transport exists: send every stream this participant may receive. */
  'consumers:ready': Empty,
  /**
   * A key message for another member of a private consultation: a public ECDH key, the frame key
   * wrapped for them, or the id of a document sealed for them. The server relays it and cannot open
   * what it protects.
   */
  'consultation:relay': z
    .object({
      consultationId: z.string().uuid(),
      to: z.string().uuid(),
      message: z.discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('public-key'),
            jwk: z
              .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/), y: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
              .strict(),
          })
          .strict(),
        z.object({ kind: z.literal('frame-key'), iv: z.string().regex(/^[A-Za-z0-9+/]{16}$/), wrapped: z.string().regex(/^[A-Za-z0-9+/=]{20,64}$/) }).strict(),
        // A document this member sealed and stored for the consultation (server/consultation-documents-http.ts): its id only.
        z.object({ kind: z.literal('document'), documentId: z.string().uuid() }).strict(),
      ]),
    })
    .strict(),
} as const;

// ---- the browser's summary of its own connection, every few seconds ----

/** Bounds no real connection exceeds: a browser's figures are believed only within them. */
const Kbps = z.number().min(0).max(100_000);
const Percent = z.number().min(0).max(100);
const Millis = z.number().min(0).max(60_000);
/** Cipher and codec names, browser and OS names: short, printable, nothing to inject. */
const Label = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N} ._()+/-]+$/u, 'must be a short name');

export const QualityReport = z
  .object({
    /** The time the figures cover, in milliseconds. */
    intervalMs: z.number().int().min(200).max(60_000),
    bitrateKbps: z.object({ sendAudio: Kbps, sendVideo: Kbps, receiveAudio: Kbps, receiveVideo: Kbps }).strict(),
    /** Packets lost over the interval, per kind and direction ("in": what this browser receives). */
    lossPercent: z.object({ audioIn: Percent, videoIn: Percent, audioOut: Percent, videoOut: Percent }).partial().strict(),
    roundTripMs: Millis.optional(),
    jitterMs: Millis.optional(),
    /** How long the longest-stalled live, unpaused incoming video has shown no new frame. */
    videoFrozenMs: z.number().min(0).max(86_400_000).optional(),
    codecs: z.array(Label).max(8),
    encryption: z.object({ dtlsCipher: Label, srtpCipher: Label }).partial().strict(),
    endpoint: z.object({ browser: Label, os: Label }).partial().strict(),
  })
  .strict();
export type QualityReport = z.infer<typeof QualityReport>;

const QualityRequests = {
  /**
   * Every participant reports their own connection, from the waiting room on. No permission is
   * named: the figures concern only the sender's own connection, every role has one, and the
   * minutes must describe them all (observers included).
   */
  'quality:report': QualityReport,
} as const;

const ListeningRequests = {
  /**
   * What this person listens to: the floor alone (null) or one interpretation channel, with the floor
   * quietly under it (mixed in the browser). The server closes the other channel's streams and offers
   * the chosen one's at once, on the same connection. Not recorded: it is a listener's own choice.
   */
  'interpretation:listen': z.object({ channel: ChannelLanguage.nullable() }).strict(),
} as const;

/**
 * Media requests, quality reports, the listener's channel, and the court's commands (the waiting room,
 * gates, controls, interventions, and interpretation: `interpretation:mode`, `:take`, `:hand-over`,
 * `:release`, `:source`, `:slow-down`, `:problem`, which are recorded like any decision of the court).
 */
export const ClientRequests = { ...MediaRequests, ...QualityRequests, ...ListeningRequests, ...CourtCommands } as const;

export type ClientRequestName = keyof typeof ClientRequests;
export type ClientRequest<E extends ClientRequestName> = z.infer<(typeof ClientRequests)[E]>;

/** Every answer: the result, or a reason a person can read. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface ParticipantView {
  id: string;
  displayName: string;
  role: Role;
  capacity: Capacity | null;
  /** How the court refers to them: "Witness", "Presiding judge"… */
  functionLabel: string;
}

export interface HearingView {
  id: string;
  title: string;
  caseReference: string;
}

export type ClientResponses = {
  'media:capabilities': { routerRtpCapabilities: types.RtpCapabilities };
  'hearing:enter': { self: ParticipantView; participants: ParticipantView[] };
  'hearing:leave': Record<string, never>;
  'transport:create': { transport: TransportInfo; iceServers: RTCIceServerView[] };
  'transport:connect': Record<string, never>;
  'transport:restart-ice': { iceParameters: types.IceParameters; iceServers: RTCIceServerView[] };
  'producer:create': { producer: ProducerInfo };
  'producer:close': Record<string, never>;
  'producer:set-paused': Record<string, never>;
  'consumers:ready': { consumers: number };
  /** `accepted: false`: the report came less than a second after the previous one and was dropped. */
  'quality:report': { accepted: boolean };
  'consultation:relay': Record<string, never>;
  'interpretation:listen': { listening: string | null };
} & { [N in CourtCommandName]: { recorded: string[] } };

export interface RTCIceServerView {
  urls: string[];
  username?: string;
  credential?: string;
}

// ---- what the server tells a browser ----

/** The browser's answer once it has created its side of a consumer; parsed like any other input. */
export const ConsumerAck = z.object({ ok: z.boolean() });

export interface ServerEvents {
  'session:welcome': (welcome: {
    self: ParticipantView;
    hearing: HearingView;
    permissions: Action[];
    expiresAt: string;
    /** This person's own language (BCP 47): the court's where none was recorded. */
    language: string;
    /**
     * The catalogue the page is written in: their language's where one exists, else the fallback,
     * which the court records (`language.fallback`) and the judge sees.
     */
    pageLanguage: CatalogueLanguage;
    /** The language the court conducts the hearing in. */
    courtLanguage: string;
    /**
     * The addresses of the service's other live servers (none with one server): where the page asks
     * for its hearing when the server it was on is gone and the address it was opened at does not answer.
     */
    servers: string[];
  }) => void;
  'session:replaced': (notice: { message: string }) => void;
  /**
   * The hearing is moving to another server of the service (this one is being drained, or was found
   * to have lost it): the page connects again through the service and is placed with its hearing.
   */
  'session:moved': (notice: {
    message: string;
    /** The service's servers that take hearings now (this one not among them when it drains): where the page asks for its hearing. */
    servers: string[];
  }) => void;
  /**
   * The court ended this person's session (removed, their link withdrawn, or the hearing adjourned to
   * a new date, with the court's reason): the page says why and stops.
   */
  'session:ended': (notice: { reason: 'removed' | 'link_withdrawn' | 'adjourned'; message: string; courtReason?: string }) => void;
  'participant:joined': (participant: ParticipantView) => void;
  'participant:left': (left: { participantId: string }) => void;
  'consumer:new': (consumer: ConsumerInfo, ack: (answer: unknown) => void) => void;
  'consumer:closed': (closed: { consumerId: string }) => void;
  'consumer:paused': (paused: { consumerId: string }) => void;
  'consumer:resumed': (resumed: { consumerId: string }) => void;
  speakers: (speakers: { levels: { participantId: string; volume: number }[] }) => void;
  /** A key message from another member of this person's private consultation. */
  'consultation:key': (key: { consultationId: string; from: string; message: ClientRequest<'consultation:relay'>['message'] }) => void;
  /** The court's state as this person may see it, after every change. */
  'court:state': (view: CourtView) => void;
  /** The court muted this person's microphone (they unmute themselves, if they wish). */
  'court:muted': (notice: { message: string }) => void;
  'court:unmute-requested': (notice: { message: string }) => void;
  /** A participant's shown name or function changed (a pseudonym was agreed). */
  'participant:updated': (participant: ParticipantView) => void;
  /** This person's incoming video was switched off (audio-only) or on, or the one camera still sent changed. */
  'media:incoming-video': (state: IncomingVideo) => void;
  /** The media server restarted underneath the hearing: rebuild transports, keep the page. */
  'media:restart': (restart: { reason: string }) => void;
  /** To the presiding judge and the requested-state officer: a participant's connection crossed a threshold. */
  'quality:alert': (alert: QualityAlert) => void;
  /**
   * Every few seconds while reports arrive, each participant's connection at a glance: to everyone the
   * level (for the tiles), to the presiding judge and the officer with its figures.
   */
  'quality:state': (state: { participants: Record<string, QualityGlance | LevelOnly> }) => void;
  /** The interpretation as this person may see it (channels, who is live, their own choice), after every change. */
  'interpretation:state': (view: InterpretationView) => void;
  /** To the presiding judge and the requested-state officer: an interpreter asks the court to slow down. */
  'interpretation:slow-down': (notice: { participantId: string; displayName: string; channel: string; at: string; message: string }) => void;
}

export type QualityMetric = 'packet_loss' | 'round_trip_time' | 'jitter' | 'video_frozen';
export type QualityLevel = 'good' | 'fair' | 'poor';

export interface QualityAlert {
  participantId: string;
  metric: QualityMetric;
  value: number;
  threshold: number;
  /** ISO time the server received the report. */
  at: string;
  /** For people: "Maria Rossi: 12 % of received audio packets lost". */
  message: string;
}

/** What everyone but the court learns of another's connection: how it looks, not its figures. */
export interface LevelOnly {
  level: QualityLevel;
}

export interface QualityGlance {
  level: QualityLevel;
  roundTripMs: number | null;
  lossPercent: number | null;
  bitrateKbps: number;
}

/** What the browser sends in the socket.io handshake. */
export const HandshakeAuth = z.object({
  token: z.string().min(1, 'is missing').max(4096),
  hearingId: z.string().uuid('must be a hearing id').optional(),
});

export type { Action, AudioOnlyView, ConsumerInfo, CourtView, IncomingVideo, InterpretationView, MediaSource, ProducerInfo, TransportInfo };
