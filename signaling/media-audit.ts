/**
 * The media the SFU carries, held against what the court's state asks for (`desiredMedia`): every
 * consumer someone holds that the court's rule does not allow (`unwanted`, never acceptable), and
 * every stream the rule allows someone ready to receive that they neither hold nor were offered
 * (`missing`, acceptable only until the next pass of the reconciler). For tests and diagnostics; it
 * changes nothing.
 */
import { desiredMedia, type ReceiverFact, type StreamFact } from '../courtroom/index.js';
import type { SignalingContext } from './context.js';
import { can } from './permissions.js';

export interface MediaAudit {
  /** "receiver ← owner/source" for each consumer held against the rule. */
  unwanted: string[];
  /** "receiver ← owner/source" for each allowed stream not held. */
  missing: string[];
}

export async function auditMedia(ctx: SignalingContext, hearingId: string): Promise<MediaAudit> {
  const court = ctx.hearings.get(hearingId)?.court;
  const media = await ctx.sfu.existing(hearingId);
  if (!court || !media) return { unwanted: [], missing: [] };
  const attendees = ctx.presence.entered(hearingId);
  const people = new Map<string, ReceiverFact>(attendees.map((a) => [a.participant.id, a]));
  const streams: StreamFact[] = media.producers().map((p) => ({
    producerId: p.producerId,
    ownerId: p.participantId,
    kind: p.kind,
    source: p.source,
    ...(p.channel === undefined ? {} : { channel: p.channel }),
  }));
  const desired = desiredMedia(court.state, people, streams);
  const byProducer = new Map(streams.map((s) => [s.producerId, s]));
  const name = (receiverId: string, producerId: string) => {
    const stream = byProducer.get(producerId);
    const owner = people.get(stream?.ownerId ?? '')?.participant.displayName ?? stream?.ownerId ?? '?';
    return `${people.get(receiverId)?.participant.displayName ?? receiverId} ← ${owner}/${stream?.source ?? producerId}`;
  };
  const unwanted: string[] = [];
  const missing: string[] = [];
  for (const peer of media.streams()) {
    const wanted = desired.receive.get(peer.participantId) ?? new Set<string>();
    const held = new Set(peer.consumers.map((c) => c.producerId));
    for (const producerId of held) if (!wanted.has(producerId)) unwanted.push(name(peer.participantId, producerId));
    const attendee = attendees.find((a) => a.participant.id === peer.participantId);
    if (!attendee?.receiving || !can(attendee.participant.role, 'media.receive')) continue;
    // An offer under way, or one the browser could not take, is the reconciler's business; a stream
    // the rule allows that nobody ever offered is what would be a fault.
    for (const producerId of wanted) if (!held.has(producerId) && !attendee.offered.has(producerId)) missing.push(name(peer.participantId, producerId));
  }
  return { unwanted: unwanted.sort(), missing: missing.sort() };
}
