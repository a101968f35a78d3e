/**
 * One per hearing: makes the hearing's media what the court's rule asks (`desiredMedia` in
 * `courtroom/media-policy.ts`), whatever path changed either side — a decision, a stream that
 * appeared, a listener who chose a channel, a browser that became ready, or nothing at all (the
 * periodic re-sweep, the net under every path, as LiveKit's reconciler is).
 *
 * Single-flight and coalescing: one pass runs at a time, and every request made while one runs is
 * served by one more pass after it. A pass reads what the SFU holds, diffs it against what is
 * desired, and applies the operations in an order that never lets through what the rule forbids:
 * closes first; then each channel's live interpreter (the SFU resumes before it pauses, so a handover
 * has no silence); then each receiver's audio-only state (before any video is offered to them); then
 * offers; then the floor's priority; then the recording's tracks. A rule that relaxes re-grants by
 * the same pass that revokes when it tightens.
 *
 * Offers are a state of their own (`pending`): a consumer is created paused, offered to the browser,
 * and resumed only when the browser acknowledges that its side exists, so that the first packet it
 * gets is a keyframe it can decode. An offer under way is not made twice, checks the rule again at
 * every step, and withdraws itself if the rule changed while it waited.
 */
import type { Logger } from 'pino';
import { desiredMedia, maskingOrdered, mayReceive, type CourtroomState, type DesiredMedia, type ReceiverFact, type StreamFact } from '../courtroom/index.js';
import { masksEnough } from '../model/media.js';
import type { HearingMedia, ProducerInfo, Sfu } from '../sfu/index.js';
import { can } from './permissions.js';
import type { Attendee, Presence } from './presence.js';
import { ConsumerAck } from './protocol.js';

export interface ReconcilerDeps {
  hearingId: string;
  sfu: Sfu;
  presence: Presence;
  log: Logger;
  /** The court's state now (read at every step: a decision may land between two). */
  state(): CourtroomState;
  /** Holds and follows the recording's tracks by the court's rule, while a recording runs. */
  followRecording(): Promise<void>;
}

/** One consumer to close: held against the rule. */
export interface Closing {
  holderId: string;
  consumerId: string;
  producerId: string;
}

/** One offer started by a pass, and whether the browser took it (resolves when it settles). */
export interface Offering {
  receiverId: string;
  producerId: string;
  taken: Promise<boolean>;
}

/** What one pass did. */
export interface MediaPlan {
  close: Closing[];
  /** Channels whose live interpreter (or their streams) changed: who is live on each now. */
  channels: { channel: string; live: string | null }[];
  /** Receivers whose incoming video was switched (null: all of it again). */
  audioOnly: { participantId: string; incomingVideo: { keepSpeaker: boolean } | null }[];
  offers: Offering[];
  /** Offers still waiting for a browser when the pass ran. */
  pending: number;
}

const CONSUMER_ACK_TIMEOUT_MS = 10_000;

export class MediaReconciler {
  /** Offers on their way, "receiver producer": never made twice. */
  private readonly pending = new Set<string>();
  /** Offers a pass wanted while they were on their way: if they fail (withdrawn as the rule changed meanwhile), one more pass. */
  private readonly wantedAgain = new Set<string>();
  /** What each channel was last set to on a router ("live|producers"); a new router starts afresh. */
  private readonly channelsSet = new WeakMap<HearingMedia, Map<string, string>>();
  private queued: Promise<MediaPlan> | undefined;
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ReconcilerDeps) {}

  /** Matches the media to the rule: a pass after the one running, shared by every request until it starts. */
  reconcile(): Promise<MediaPlan> {
    if (this.queued !== undefined) return this.queued;
    const next = this.last.then(() => {
      this.queued = undefined;
      return this.pass();
    });
    this.queued = next;
    this.last = next.catch(() => undefined);
    return next;
  }

  /** Whether `receiver` may be sent `producer` now, by the court's rule and who is there. */
  allows(receiverId: string, producer: Pick<ProducerInfo, 'participantId' | 'kind' | 'source' | 'channel'>): boolean {
    const receiver = this.deps.presence.get(this.deps.hearingId, receiverId);
    const owner = this.deps.presence.get(this.deps.hearingId, producer.participantId);
    if (!receiver?.entered || !owner?.entered) return false;
    return mayReceive(this.deps.state(), receiver, owner.participant, streamFact({ producerId: '', ...producer }));
  }

  private people(): Map<string, Attendee> {
    return new Map(this.deps.presence.entered(this.deps.hearingId).map((a) => [a.participant.id, a]));
  }

  private async pass(): Promise<MediaPlan> {
    const { sfu, hearingId, log } = this.deps;
    const media = await sfu.existing(hearingId);
    const plan: MediaPlan = { close: [], channels: [], audioOnly: [], offers: [], pending: this.pending.size };
    if (!media) return plan;
    // 0. First what the public and the media server may no longer hold at all: a closed gallery is
    // shut, and a stream of a protected person not masked as ordered now is closed, whatever path
    // created it (an order that came while the stream was being created included).
    const state = this.deps.state();
    if (!state.gallery) sfu.closeGallery(hearingId);
    for (const p of media.producers()) {
      if (!masksEnough(p.masking, maskingOrdered(state, p.participantId), p.source)) media.closeProducer(p.participantId, p.producerId);
    }
    const people = this.people();
    const producers = media.producers();
    const desired = desiredMedia(this.deps.state(), people as ReadonlyMap<string, ReceiverFact>, producers.map(streamFact));

    // 1. What the rule no longer allows is closed, whatever path created it.
    const peers = media.streams();
    for (const peer of peers) {
      const wanted = desired.receive.get(peer.participantId);
      for (const c of peer.consumers)
        if (!wanted?.has(c.producerId)) plan.close.push({ holderId: peer.participantId, consumerId: c.consumerId, producerId: c.producerId });
    }
    for (const closed of plan.close) {
      media.closeConsumer(closed.holderId, closed.consumerId);
      this.forget(closed);
    }

    // 2. Each channel carries its live interpreter only.
    await this.setChannels(media, desired, plan);

    // 3. Each receiver's incoming video and own camera as their audio-only state asks — on a new
    // connection too, before any video is offered to it.
    await this.setAudioOnly(media, desired, plan);

    // 4. What the rule allows and a ready browser does not hold (nor is being offered) is offered.
    const held = new Map(peers.map((peer) => [peer.participantId, new Set(peer.consumers.map((c) => c.producerId))]));
    for (const attendee of people.values()) {
      if (!readyToReceive(attendee)) continue;
      const id = attendee.participant.id;
      for (const producer of producers) {
        if (!desired.receive.get(id)?.has(producer.producerId) || held.get(id)?.has(producer.producerId)) continue;
        const key = `${id} ${producer.producerId}`;
        if (this.pending.has(key)) this.wantedAgain.add(key);
        if (this.pending.has(key) || attendee.offered.has(producer.producerId)) continue;
        plan.offers.push({ receiverId: id, producerId: producer.producerId, taken: this.offer(media, attendee, producer) });
      }
    }

    // 5. Whom the court gave the floor (the person testifying) counts at the SFU: their picture comes first.
    media.setFloor(this.deps.state().testimony);

    // 6. The recording holds what may not be recorded and follows what may.
    await this.deps.followRecording();

    // 7. The public gallery shows what the court lets the public see (shut in step 0 when it is closed).
    if (this.deps.state().gallery) await sfu.gallery(media).show(producers.filter((p) => desired.gallery.has(p.producerId)));

    if (plan.close.length + plan.channels.length + plan.audioOnly.length + plan.offers.length > 0) {
      log.info(
        { hearingId, close: plan.close.length, channels: plan.channels, audioOnly: plan.audioOnly, offers: plan.offers.length, pending: plan.pending },
        'media matched to the court’s rule',
      );
    }
    return plan;
  }

  private async setChannels(media: HearingMedia, desired: DesiredMedia, plan: MediaPlan): Promise<void> {
    let set = this.channelsSet.get(media);
    if (!set) this.channelsSet.set(media, (set = new Map()));
    for (const { channel, producers } of media.channels()) {
      const live = producers.find((p) => !desired.held.has(p.producerId))?.participantId ?? null;
      const signature = `${live}|${producers
        .map((p) => p.producerId)
        .sort()
        .join(',')}`;
      // Set only when it changes: an interpreter who paused their live stream (a cough) keeps it paused.
      if (set.get(channel) === signature) continue;
      set.set(channel, signature);
      plan.channels.push({ channel, live });
      await media.setChannelLive(channel, live);
    }
  }

  private async setAudioOnly(media: HearingMedia, desired: DesiredMedia, plan: MediaPlan): Promise<void> {
    for (const [participantId, { incomingVideo, cameraOff }] of desired.audioOnly) {
      if (JSON.stringify(media.incomingVideoSet(participantId)) !== JSON.stringify(incomingVideo)) {
        plan.audioOnly.push({ participantId, incomingVideo });
        await media.setIncomingVideo(participantId, incomingVideo).catch(() => undefined); // left meanwhile
      }
      // A camera the court stopped stays stopped, whatever path opened it (a new stream, a reconnection).
      if (cameraOff && media.sending(participantId, 'camera')) await media.pauseSource(participantId, 'camera').catch(() => false);
    }
  }

  /** The browser is told its consumer is gone, and it may be offered again later. */
  forget(closed: Closing): void {
    const holder = this.deps.presence.get(this.deps.hearingId, closed.holderId);
    holder?.offered.delete(closed.producerId);
    holder?.socket.emit('consumer:closed', { consumerId: closed.consumerId });
  }

  /** A new receiving transport, or a new router: nothing offered before counts. */
  restart(): void {
    this.pending.clear();
    this.wantedAgain.clear();
  }

  /**
   * Offers one producer to one attendee and resumes it once their browser is ready. An offer the
   * browser refuses or does not answer in time, or that the rule stopped allowing meanwhile, is
   * withdrawn, so no paused consumer is left behind.
   */
  private async offer(media: HearingMedia, attendee: Attendee, producer: ProducerInfo): Promise<boolean> {
    const receiverId = attendee.participant.id;
    const key = `${receiverId} ${producer.producerId}`;
    this.pending.add(key);
    attendee.offered.add(producer.producerId);
    let consumerId: string | undefined;
    try {
      const consumer = await media.consume(receiverId, producer.producerId, attendee.rtpCapabilities!);
      consumerId = consumer.consumerId;
      // The court may have decided otherwise while the consumer was being created (a consultation
      // began, someone was sent back): the rule is checked again at every step.
      if (!this.allows(receiverId, producer)) throw new Error('no longer allowed');
      const answer = ConsumerAck.safeParse(await attendee.socket.timeout(CONSUMER_ACK_TIMEOUT_MS).emitWithAck('consumer:new', consumer));
      if (!answer.success || !answer.data.ok) throw new Error('the browser did not take the stream');
      if (!this.allows(receiverId, producer)) throw new Error('no longer allowed');
      await media.resumeConsumer(receiverId, consumer.consumerId);
      return true;
    } catch (error) {
      // The producer may have gone, the browser left or did not answer: withdraw what was created.
      // A consumer the SFU could not create (the producer went, the browser cannot decode it) is not
      // tried again on this transport.
      if (consumerId) {
        media.closeConsumer(receiverId, consumerId);
        attendee.socket.emit('consumer:closed', { consumerId });
        attendee.offered.delete(producer.producerId);
      }
      this.deps.log.debug({ err: error, hearingId: this.deps.hearingId, producerId: producer.producerId }, 'offer not completed');
      return false;
    } finally {
      this.pending.delete(key);
      // Withdrawn while a later pass wanted it again (a listener who left a channel and chose it back
      // while its offer waited for the page): that pass skipped it, so one more pass offers it anew.
      if (this.wantedAgain.delete(key) && !attendee.offered.has(producer.producerId)) void this.reconcile().catch(() => undefined);
    }
  }
}

function readyToReceive(attendee: Attendee): boolean {
  return attendee.receiving && attendee.rtpCapabilities !== null && can(attendee.participant.role, 'media.receive');
}

function streamFact(p: Pick<ProducerInfo, 'producerId' | 'participantId' | 'kind' | 'source' | 'channel'>): StreamFact {
  return { producerId: p.producerId, ownerId: p.participantId, kind: p.kind, source: p.source, ...(p.channel === undefined ? {} : { channel: p.channel }) };
}
