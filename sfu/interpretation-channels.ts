/**
 * The interpretation channels as the SFU carries them: each booth member's `interpretation` stream
 * into a channel, of which exactly one (the live interpreter's) or none is forwarded. Who is live is
 * decided above (signalling); this forwards it and says when a channel's live stream changes, so a
 * recorder of the channel can follow it.
 */
import type { types } from 'mediasoup';
import { codecOf } from './stream-info.js';

/** One interpretation channel as the SFU carries it: each booth member's stream into it, only the live one unpaused. */
export interface ChannelStreams {
  channel: string;
  producers: { producerId: string; participantId: string; live: boolean; codec: string }[];
}

export class InterpretationChannels {
  /** Whose stream each channel forwards, as last decided (mediasoup's `paused` lags the worker's answer). */
  private readonly live = new Map<string, string | null>();

  /** `producers` gives every producer now in the hearing. */
  constructor(private readonly producers: () => types.Producer[]) {}

  /**
   * Forwards exactly one stream into a channel: `liveId`'s, or none (null). The live one is resumed
   * and every other booth member's paused at the SFU, both sent to the worker together (resume first),
   * so a handover leaves no gap and an idle microphone never reaches the channel's listeners.
   * Resolves to whether the channel's live stream changed.
   */
  async setLive(channel: string, liveId: string | null): Promise<boolean> {
    const producers = this.producersOf(channel);
    const changed = this.live.get(channel) !== liveId || producers.some((p) => (p.appData.participantId === liveId) === p.paused);
    this.live.set(channel, liveId);
    // Every pause and resume is sent, whatever mediasoup's `paused` says: that flag changes only when
    // the worker answers, so a resume still in flight would be skipped and then land after its undoing.
    // The worker takes requests in the order they are sent, so the last call here is what holds.
    const changes = [
      ...producers.filter((p) => p.appData.participantId === liveId).map((p) => p.resume()),
      ...producers.filter((p) => p.appData.participantId !== liveId).map((p) => p.pause()),
    ];
    await Promise.all(changes);
    return changed;
  }

  /** Every channel with a booth member's stream in it, by language. */
  all(): ChannelStreams[] {
    const languages = new Set(
      this.producers()
        .filter((p) => p.appData.source === 'interpretation')
        .map((p) => String(p.appData.channel)),
    );
    return [...languages].sort().map((language) => this.streams(language));
  }

  streams(language: string): ChannelStreams {
    return {
      channel: language,
      producers: this.producersOf(language).map((p) => ({
        producerId: p.id,
        participantId: String(p.appData.participantId),
        live: !p.paused,
        codec: codecOf(p),
      })),
    };
  }

  private producersOf(channel: string): types.Producer[] {
    return this.producers().filter((p) => p.appData.source === 'interpretation' && p.appData.channel === channel);
  }
}
