/**
 * When a participant's link cannot carry video: the rule that switches their incoming video off
 * (audio-only) and back on, from what the server and their page know of that link.
 *
 * The decision lives on the server, beside the SFU, because the server is the one that must act on
 * it — a weak downlink is relieved only by the SFU sending less — and the one that knows the most:
 * its own bandwidth estimate for the receiver and which simulcast layer each video still gets, next
 * to the loss, round trip and frozen video the page reports. One decision point also means one
 * entry in the hearing's record per change, with the figures that caused it.
 *
 * Pure: samples in, decisions out, time counted in samples (one per quality report, about two
 * seconds apart), so the thresholds, the hysteresis and the back-off are specified by unit tests.
 */

/** What is known of one participant's receiving link at one report. */
export interface LinkSample {
  /** What the SFU estimates it can send this participant (transport-wide congestion control), kbit/s. */
  availableKbps?: number;
  /**
   * Packets lost on their way to this participant, %: the SFU's count from their transport-wide
   * feedback where it has one (their own link only — a packet lost upstream, on a weak sender's
   * link, never reached the SFU and is not counted), else what their page saw.
   */
  lossPercent?: number;
  roundTripMs?: number;
  /** How long the longest-stalled incoming video that should move has decoded nothing, s. */
  videoFrozenSeconds?: number;
  /** Camera streams the SFU should be sending this participant now (nobody paused them). */
  liveVideos: number;
  /**
   * Of those, the ones the SFU forwards no layer of at all although their sender sends one: not even
   * the lowest fits this participant's estimate.
   */
  starvedVideos: number;
}

export interface AudioOnlyPolicy {
  /** How many recent samples the loss is averaged over: one report's loss is too noisy to act on. */
  window: number;
  /** Trouble: mean loss over the window above this, % (speech with FEC stays intelligible below it). */
  lossAbove: number;
  /** Trouble: the SFU's estimate below this while video is live, kbit/s (speech plus the lowest camera layer). */
  minVideoKbps: number;
  /** Trouble: an incoming video frozen this long, s … */
  frozenSeconds: number;
  /** … while the SFU's estimate is below this, kbit/s: a freeze on a good link is the sender's, not this link's. */
  frozenCountsBelowKbps: number;
  /** Samples in trouble in a row before video is switched off (about six seconds). */
  enterAfter: number;
  /** Recovered: mean loss below this, % … */
  recoverLossBelow: number;
  /** … round trip below this, ms … */
  recoverRoundTripBelow: number;
  /** … for this many samples in a row (about ten seconds) before video comes back. */
  recoverAfter: number;
  /** A link that falls back again soon after video came back waits twice as long next time, up to this. */
  maxRecoverAfter: number;
  /** Video that has held this many samples after coming back resets the wait (about two minutes). */
  stableAfter: number;
}

export const DEFAULT_AUDIO_ONLY_POLICY: AudioOnlyPolicy = {
  window: 3,
  lossAbove: 8,
  minVideoKbps: 150,
  frozenSeconds: 6,
  frozenCountsBelowKbps: 300,
  enterAfter: 3,
  recoverLossBelow: 3,
  recoverRoundTripBelow: 400,
  recoverAfter: 5,
  maxRecoverAfter: 40,
  stableAfter: 60,
};

/** The figures a decision was taken on, as the record keeps them. */
export interface LinkFigures {
  lossPercent?: number;
  availableKbps?: number;
  roundTripMs?: number;
  videoFrozenSeconds?: number;
  starvedVideos?: number;
}

export interface LinkDecision {
  audioOnly: boolean;
  figures: LinkFigures;
  /** In words for the record and the court: "packet loss 11.2 % (above 8 %)". */
  reason: string;
}

interface Tracked {
  audioOnly: boolean;
  losses: number[];
  /** Samples in a row in trouble (while video is on) or good (while audio-only). */
  streak: number;
  recoverAfter: number;
  /** Samples since video last came back, to know whether it held. */
  sinceBack: number | null;
  /** The state before a decision not yet written to the record: restored if writing it fails. */
  undecided: Omit<Tracked, 'undecided'> | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export class AudioOnlyTracker {
  readonly policy: AudioOnlyPolicy;
  private readonly links = new Map<string, Tracked>();

  constructor(policy: Partial<AudioOnlyPolicy> = {}) {
    this.policy = { ...DEFAULT_AUDIO_ONLY_POLICY, ...policy };
  }

  /**
   * Takes one sample of a participant's link; a decision only when their video should change. A
   * decision stays provisional until `settle`: meanwhile the link is not judged again, so one change
   * is never decided twice, and a decision the record could not keep is undone.
   */
  observe(key: string, sample: LinkSample): LinkDecision | null {
    let link = this.links.get(key);
    if (!link)
      this.links.set(key, (link = { audioOnly: false, losses: [], streak: 0, recoverAfter: this.policy.recoverAfter, sinceBack: null, undecided: null }));
    if (link.undecided) return null;
    const { undecided: _, ...before } = link;
    const decision = this.judge(link, sample);
    if (decision) link.undecided = { ...before, losses: [...before.losses] };
    return decision;
  }

  /** The provisional decision was written to the record (`kept`), or not: then the link is as it was before it. */
  settle(key: string, kept: boolean): void {
    const link = this.links.get(key);
    if (!link?.undecided) return;
    if (!kept) Object.assign(link, link.undecided);
    link.undecided = null;
  }

  private judge(link: Tracked, sample: LinkSample): LinkDecision | null {
    if (sample.lossPercent !== undefined) {
      link.losses.push(sample.lossPercent);
      if (link.losses.length > this.policy.window) link.losses.shift();
    }
    const loss = link.losses.length >= this.policy.window ? mean(link.losses) : undefined;
    return link.audioOnly ? this.whileAudioOnly(link, sample, loss) : this.whileVideo(link, sample, loss);
  }

  /** The participant left: a new connection starts with video and a clean slate. */
  forget(key: string): void {
    this.links.delete(key);
  }

  isAudioOnly(key: string): boolean {
    return this.links.get(key)?.audioOnly ?? false;
  }

  private whileVideo(link: Tracked, sample: LinkSample, loss: number | undefined): LinkDecision | null {
    if (link.sinceBack !== null && ++link.sinceBack >= this.policy.stableAfter) {
      link.sinceBack = null;
      link.recoverAfter = this.policy.recoverAfter;
    }
    const troubles = this.troubles(sample, loss);
    link.streak = troubles.length > 0 ? link.streak + 1 : 0;
    if (link.streak < this.policy.enterAfter) return null;
    link.audioOnly = true;
    link.streak = 0;
    // Falling back soon after video came back: the link is not as good as it looked; wait longer.
    if (link.sinceBack !== null) link.recoverAfter = Math.min(link.recoverAfter * 2, this.policy.maxRecoverAfter);
    link.sinceBack = null;
    return { audioOnly: true, figures: figuresOf(sample, loss), reason: troubles.join('; ') };
  }

  private whileAudioOnly(link: Tracked, sample: LinkSample, loss: number | undefined): LinkDecision | null {
    // With video off the SFU's estimate only measures speech, so recovery is judged on what audio
    // shows — loss and round trip — and on the speaker's low layer, when it is kept, getting through.
    const good =
      loss !== undefined &&
      loss < this.policy.recoverLossBelow &&
      (sample.roundTripMs === undefined || sample.roundTripMs < this.policy.recoverRoundTripBelow) &&
      sample.starvedVideos === 0;
    link.streak = good ? link.streak + 1 : 0;
    if (link.streak < link.recoverAfter) return null;
    link.audioOnly = false;
    link.streak = 0;
    link.sinceBack = 0;
    const parts = [`packet loss ${round1(loss ?? 0)} % (below ${this.policy.recoverLossBelow} %)`];
    if (sample.roundTripMs !== undefined) parts.push(`round trip ${Math.round(sample.roundTripMs)} ms`);
    return { audioOnly: false, figures: figuresOf(sample, loss), reason: `${parts.join(', ')} for ${link.recoverAfter} reports in a row` };
  }

  private troubles(sample: LinkSample, loss: number | undefined): string[] {
    const p = this.policy;
    const found: string[] = [];
    if (loss !== undefined && loss > p.lossAbove) found.push(`packet loss ${round1(loss)} % (above ${p.lossAbove} %)`);
    if (sample.liveVideos > 0 && sample.availableKbps !== undefined && sample.availableKbps < p.minVideoKbps) {
      found.push(`estimated bandwidth ${Math.round(sample.availableKbps)} kbit/s (below ${p.minVideoKbps} kbit/s)`);
    }
    // A video with no layer and a video frozen are this link's trouble only while its own estimate is
    // weak: with room to spare, the sender's link is what starves it (a witness on a weak uplink), and
    // cutting this receiver's video would punish a clean link for another's.
    const ownLinkWeak = sample.availableKbps !== undefined && sample.availableKbps < p.frozenCountsBelowKbps;
    const starved = sample.liveVideos > 0 && sample.starvedVideos === sample.liveVideos;
    if (starved && (ownLinkWeak || sample.availableKbps === undefined)) found.push('no video layer fits the link');
    if (sample.videoFrozenSeconds !== undefined && sample.videoFrozenSeconds >= p.frozenSeconds && ownLinkWeak) {
      found.push(`incoming video frozen for ${round1(sample.videoFrozenSeconds)} s (from ${p.frozenSeconds} s)`);
    }
    return found;
  }
}

function figuresOf(sample: LinkSample, loss: number | undefined): LinkFigures {
  const figures: LinkFigures = {};
  if (loss !== undefined) figures.lossPercent = round1(loss);
  if (sample.availableKbps !== undefined) figures.availableKbps = Math.round(sample.availableKbps);
  if (sample.roundTripMs !== undefined) figures.roundTripMs = Math.round(sample.roundTripMs);
  if (sample.videoFrozenSeconds !== undefined) figures.videoFrozenSeconds = round1(sample.videoFrozenSeconds);
  if (sample.liveVideos > 0) figures.starvedVideos = sample.starvedVideos;
  return figures;
}
