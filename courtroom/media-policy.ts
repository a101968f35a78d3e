/**
 * Who may receive, hear and record which stream of the hearing, and which streams the court holds:
 * the court's media rules in one place, pure, read from the court's state as `courtView` is. The
 * signalling sweeps what the rules no longer allow and offers again what they allow again, both from
 * here; the recorder holds a track out by the same rule of the room.
 *
 * One-shot acts (the court mutes someone, the consultation's end mutes its members) are not levels
 * here: the court mutes, and only the person unmutes.
 */
import type { Participant } from '../model/hearing.js';
import { masksEnough, type MediaSource, type SourceMasking, type StreamOrigin } from '../model/media.js';
import { consultationOf } from './decide.js';
import { galleryBlockedBy, protects } from './gallery.js';
import { channelOf, sourceOf } from './interpretation.js';
import type { CourtroomState } from './state.js';
import { isInCourtroom } from './view.js';

/** A stream as the rules see it: whose, what kind, what it carries. */
export interface StreamFact extends StreamOrigin {
  producerId: string;
  ownerId: string;
  kind: 'audio' | 'video';
}

/** Someone who could receive: who they are and the channel they chose to listen to (null: the floor). */
export interface ReceiverFact {
  participant: Participant;
  listening: string | null;
}

/**
 * The room rule: both in the courtroom (the waiting room is not), and in the same room — a private
 * consultation is a room of its own whose members and the court see and hear nothing of each other.
 */
function shareTheRoom(state: CourtroomState, a: Participant, b: Participant): boolean {
  return isInCourtroom(state, a) && isInCourtroom(state, b) && consultationOf(state, a.id) === consultationOf(state, b.id);
}

/** A protective measure keeps this person's picture from this receiver (audio-only: from everyone). */
function pictureWithheld(state: CourtroomState, owner: Participant, receiver: Participant, kind: 'audio' | 'video'): boolean {
  const protection = state.protections.get(owner.id);
  if (!protection || kind !== 'video') return false;
  return protection.audioOnly || (protection.hideVideoFromObservers && WATCHERS_ONLY.has(receiver.role));
}

/** Those who only watch or listen, party to nothing: an order hiding her picture from observers hides it from them too. */
const WATCHERS_ONLY: ReadonlySet<Participant['role']> = new Set(['observer', 'captioner']);

/**
 * The channel and booth rules: a booth line reaches its booth only; a channel reaches its booth, an
 * interpreter who relays it, and a listener who chose it. The floor reaches everyone the room allows.
 */
export function mayHear(state: CourtroomState, receiver: Participant, listening: string | null, origin: StreamOrigin): boolean {
  if (origin.source === 'booth') return channelOf(receiver) !== null && channelOf(receiver) === origin.channel;
  if (origin.source !== 'interpretation') return true;
  const channel = origin.channel ?? null;
  if (channel === null) return false;
  // The booth hears its own channel (the partner follows the live colleague), an interpreter relays a pivot.
  if (channelOf(receiver) === channel) return true;
  if (receiver.role === 'interpreter' && sourceOf(state, receiver.id) === channel) return true;
  return listening === channel;
}

/** May `receiver` be sent `owner`'s stream now? The one rule, for offering and for sweeping. */
export function mayReceive(
  state: CourtroomState,
  receiver: ReceiverFact,
  owner: Participant,
  stream: Pick<StreamFact, 'kind' | 'source' | 'channel'>,
): boolean {
  const person = receiver.participant;
  if (person.id === owner.id) return false;
  if (!shareTheRoom(state, person, owner)) return false;
  if (pictureWithheld(state, owner, person, stream.kind)) return false;
  return mayHear(state, person, receiver.listening, stream);
}

/**
 * May this person's track go into the recording? The recorder sits in the courtroom: nobody in the
 * waiting room, nothing of a private consultation, and no picture of a person the court protects
 * with audio only.
 */
export function mayRecord(state: CourtroomState, participant: Participant, kind: 'audio' | 'video'): boolean {
  if (!isInCourtroom(state, participant)) return false;
  if (consultationOf(state, participant.id) !== undefined) return false;
  return !(kind === 'video' && state.protections.get(participant.id)?.audioOnly);
}

/**
 * Whether the public gallery shows this stream: only while it is open, only the floor (a microphone,
 * a camera, a shared screen) of someone in the courtroom and not in a private consultation, and never
 * anything of a person the court protects (the gallery closes then anyway; this holds in between).
 */
export function mayShowInGallery(state: CourtroomState, owner: Participant, stream: StreamOrigin): boolean {
  if (!state.gallery || galleryBlockedBy(state) !== null) return false;
  if (stream.source !== 'microphone' && stream.source !== 'camera' && stream.source !== 'screen') return false;
  if (!isInCourtroom(state, owner) || consultationOf(state, owner.id) !== undefined) return false;
  // A vulnerable person heard, and the support person beside her, are never shown to the public.
  if (owner.vulnerability || owner.role === 'support_person') return false;
  return !protects(state.protections.get(owner.id));
}

/** Whose voice a channel carries now: its live interpreter in simultaneous mode; nobody in consecutive mode. */
export function liveOnChannel(state: CourtroomState, channel: string): string | null {
  return state.interpretation.mode === 'simultaneous' ? (state.interpretation.live.get(channel) ?? null) : null;
}

/** The court stopped this person's camera with their audio-only: it stays off, on every new stream too, until lifted. */
function cameraStoppedByCourt(state: CourtroomState | undefined, participantId: string): boolean {
  return state?.audioOnly.get(participantId)?.get('court')?.cameraOff === true;
}

/**
 * What a receiver on audio-only gets, while any reason holds (the link's verdict, their own choice,
 * the court's order): no incoming video, except that the link's own verdict alone keeps the speaker's
 * camera at its lowest layer (a person who chose audio-only, or whom the court put on it, receives no
 * video at all); and whether their own camera is held off with it.
 */
export function audioOnlyOf(state: CourtroomState, participantId: string): { incomingVideo: { keepSpeaker: boolean } | null; cameraOff: boolean } {
  const holds = state.audioOnly.get(participantId);
  if (!holds || holds.size === 0) return { incomingVideo: null, cameraOff: false };
  return { incomingVideo: { keepSpeaker: holds.size === 1 && holds.has('link') }, cameraOff: [...holds.values()].some((hold) => hold.cameraOff) };
}

/**
 * Why the court refuses a new stream from this source now, if it does: a protection that orders audio
 * only has no camera at all; one that orders her voice or picture masked takes no stream whose page
 * does not declare that masking (the page that declares it applies it before the stream leaves her device).
 */
export function refusesStream(
  state: CourtroomState | undefined,
  participant: Participant,
  source: MediaSource,
  declared?: SourceMasking,
): 'audio_only' | 'unmasked' | null {
  const protection = state?.protections.get(participant.id);
  if (!protection) return null;
  if (source === 'camera' && protection.audioOnly) return 'audio_only';
  return masksEnough(declared, protection.masking, source) ? null : 'unmasked';
}

/** The masking the court has ordered for this person's voice and picture (none where no measure applies). */
export function maskingOrdered(state: CourtroomState | undefined, participantId: string): SourceMasking {
  return state?.protections.get(participantId)?.masking ?? { voice: false, face: 'none' };
}

/**
 * Whether a new stream from this source starts paused: a camera the court has stopped; a channel
 * stream unless its interpreter is live in simultaneous mode; an interpreter's floor microphone in
 * simultaneous mode (they speak into their channel, and unmute to address the court). Otherwise as
 * the page asked.
 */
export function startsPaused(state: CourtroomState | undefined, participant: Participant, source: MediaSource, asked: boolean | undefined): boolean {
  if (source === 'camera' && cameraStoppedByCourt(state, participant.id)) return true;
  if (source === 'microphone' && channelOf(participant) !== null && state?.interpretation.mode !== 'consecutive') return true;
  if (source !== 'interpretation') return asked ?? false;
  const channel = channelOf(participant);
  const live = state !== undefined && channel !== null && liveOnChannel(state, channel) === participant.id;
  return !live || asked === true;
}

/**
 * Whether the page may unpause its own stream from this source: not a camera the court has stopped,
 * and not a channel stream, which is switched on by going live (the interpreter may only pause it: a cough).
 */
export function mayUnpause(state: CourtroomState | undefined, participant: Participant, source: MediaSource): boolean {
  if (source === 'camera') return !cameraStoppedByCourt(state, participant.id);
  return source !== 'interpretation' || !startsPaused(state, participant, 'interpretation', false);
}

/** Everything the court's state asks of the media, for one hearing at one moment. */
export interface DesiredMedia {
  /** For each receiver, the streams they must have; any other stream they hold must be closed. */
  receive: ReadonlyMap<string, ReadonlySet<string>>;
  /** The floor's streams the recording takes while it runs (each channel is a track of its own that follows its live interpreter). */
  record: ReadonlySet<string>;
  /** Channel streams the court holds paused: every one but the live interpreter's. */
  held: ReadonlySet<string>;
  /** Each person's audio-only state: which incoming video they get, and whether their own camera is held off. */
  audioOnly: ReadonlyMap<string, ReturnType<typeof audioOnlyOf>>;
  /** The streams the public gallery shows (none while it is closed). */
  gallery: ReadonlySet<string>;
}

/** What the court's state asks of the media, given who is there and what each sends. */
export function desiredMedia(state: CourtroomState, people: ReadonlyMap<string, ReceiverFact>, streams: readonly StreamFact[]): DesiredMedia {
  const receive = new Map<string, Set<string>>();
  for (const [id, receiver] of people) {
    const wanted = new Set<string>();
    for (const stream of streams) {
      const owner = people.get(stream.ownerId)?.participant;
      if (owner && mayReceive(state, receiver, owner, stream)) wanted.add(stream.producerId);
    }
    receive.set(id, wanted);
  }
  const record = new Set<string>();
  const held = new Set<string>();
  const gallery = new Set<string>();
  for (const stream of streams) {
    const owner = people.get(stream.ownerId)?.participant;
    if (owner && mayShowInGallery(state, owner, stream)) gallery.add(stream.producerId);
    const floor = stream.source === 'microphone' || stream.source === 'camera' || stream.source === 'screen';
    if (owner && floor && mayRecord(state, owner, stream.kind)) record.add(stream.producerId);
    if (stream.source === 'interpretation' && (stream.channel === undefined || liveOnChannel(state, stream.channel) !== stream.ownerId))
      held.add(stream.producerId);
  }
  const audioOnly = new Map([...people.keys()].map((id) => [id, audioOnlyOf(state, id)]));
  return { receive, record, held, audioOnly, gallery };
}
