/**
 * Audio-only reception carried out: the server's reading of each participant's link after every
 * quality report (`audio-only-policy.ts` decides, the record keeps the verdict with its figures),
 * and whatever the record says — the link's verdict, the participant's choice, the court's order —
 * applied at the SFU, where the receiver's video consumers are paused or resumed.
 */
import { isInCourtroom, onLinkVerdict } from '../courtroom/index.js';
import type { Attendee } from './presence.js';
import type { QualityReport } from './protocol.js';
import type { SignalingContext } from './context.js';
import { runCourt } from './court-decisions.js';
import type { LinkSample } from './audio-only-policy.js';

const linkKey = (hearingId: string, participantId: string) => `${hearingId}/${participantId}`;

/** Reads the participant's link after one of their reports and records a change of verdict. */
export async function followLink(ctx: SignalingContext, attendee: Attendee, report: QualityReport): Promise<void> {
  const { hearing, participant } = attendee;
  const court = ctx.hearings.get(hearing.id)?.court;
  if (!attendee.receiving || !court || !isInCourtroom(court.state, participant)) return;
  const media = await ctx.sfu.existing(hearing.id);
  if (!media) return;
  const link = await media.receivingLink(participant.id).catch(() => null);
  if (!link) return;
  // The SFU's own count of what this link lost comes first; the page's includes what weak senders lost upstream.
  const incoming = [report.lossPercent.audioIn, report.lossPercent.videoIn].filter((v): v is number => v !== undefined);
  const lossPercent = link.lossPercent ?? (incoming.length > 0 ? Math.max(...incoming) : undefined);
  const sample: LinkSample = {
    ...link,
    ...(lossPercent !== undefined ? { lossPercent } : {}),
    ...(report.roundTripMs !== undefined ? { roundTripMs: report.roundTripMs } : {}),
    ...(report.videoFrozenMs !== undefined ? { videoFrozenSeconds: report.videoFrozenMs / 1000 } : {}),
  };
  // The participant may have left while the SFU was asked: a reading taken now would bring back the
  // link's state that their departure forgot.
  if (!attendee.receiving || !ctx.presence.isCurrent(attendee)) return;
  const key = linkKey(hearing.id, participant.id);
  const verdict = ctx.audioOnly.observe(key, sample);
  if (!verdict) return;
  ctx.log.info({ hearingId: hearing.id, participantId: participant.id, audioOnly: verdict.audioOnly, figures: verdict.figures }, 'link verdict');
  try {
    await runCourt(ctx, hearing, participant, (state, court) => (court.present.has(participant.id) ? onLinkVerdict(state, participant.id, verdict) : []));
  } finally {
    // The rule follows the record: a verdict the record did not take is judged again from the next report.
    const recorded = ctx.hearings.get(hearing.id)?.court?.state.audioOnly.get(participant.id)?.has('link') ?? false;
    ctx.audioOnly.settle(key, recorded === verdict.audioOnly);
  }
}

/** The participant left: their next connection is judged afresh. */
export function forgetLink(ctx: SignalingContext, hearingId: string, participantId: string): void {
  ctx.audioOnly.forget(linkKey(hearingId, participantId));
}
