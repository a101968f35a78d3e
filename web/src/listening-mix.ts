/**
 * What a person hears, mixed in their own browser (the SFU forwards streams and never mixes them).
 *
 * Every received voice enters one Web Audio graph through a bus: the floor (what participants say),
 * one bus per interpretation channel, and the booth line between interpreters. With no channel
 * chosen the floor plays at full level. With a channel chosen, that channel plays clearly and the
 * floor quietly underneath (10 % / 90 % by default, both adjustable, the floor can be turned off);
 * the other channels are silent. Choosing is a change of gains, so it is heard at once and needs no
 * new connection.
 *
 * The mix plays out through one media element, whose stream is the exact sound the person hears.
 */

/** Where a received stream belongs in the mix. */
export type MixRoute = { bus: 'floor' } | { bus: 'booth' } | { bus: 'channel'; language: string };

export interface MixLevels {
  /** Level of the floor under a chosen channel, 0 to 1. */
  floor: number;
  /** Level of the chosen channel, 0 to 1. */
  interpretation: number;
  /** False: nothing of the floor under a chosen channel. */
  floorOn: boolean;
}

export const DEFAULT_LEVELS: Readonly<MixLevels> = { floor: 0.1, interpretation: 0.9, floorOn: true };

/**
 * The volume of the element each received track must also play in (see Input.sink). Not zero:
 * Chromium measures a received stream's audio level after its element's volume, so a muted element
 * would make every stream report silence in its statistics. At 0.001 (−60 dB, 40 dB under even a
 * floor at 10 %) it is not heard beside the mix; the mix itself takes the samples at full level.
 */
const SINK_VOLUME = 0.001;

/** Gains glide over a few milliseconds: an instant step in level clicks in the ear. */
const GLIDE_SECONDS = 0.008;

interface Input {
  source: MediaStreamAudioSourceNode;
  /** Chromium gives Web Audio no samples of a remote WebRTC track unless a media element also plays it. */
  sink: HTMLAudioElement;
  bus: GainNode;
}

export class ListeningMix {
  readonly context = new AudioContext({ latencyHint: 'interactive' });
  /** The element the person hears; its stream is the whole mix. */
  readonly element: HTMLAudioElement;
  private readonly output = this.context.createMediaStreamDestination();
  private readonly floorBus = this.bus();
  private readonly boothBus = this.bus();
  private readonly channelBuses = new Map<string, GainNode>();
  private readonly inputs = new Map<string, Input>();
  private readonly taps: { bus: GainNode; analyser: AnalyserNode }[] = [];
  private chosen: string | null = null;
  private levels: MixLevels = { ...DEFAULT_LEVELS };

  constructor(private readonly container: HTMLElement) {
    this.element = document.createElement('audio');
    this.element.id = 'hearing-audio';
    this.element.autoplay = true;
    this.element.srcObject = this.output.stream;
    container.append(this.element);
    this.apply();
  }

  /** The stream the person hears. */
  get stream(): MediaStream {
    return this.output.stream;
  }

  /** The channel the person listens to, or null for the floor alone. */
  get channel(): string | null {
    return this.chosen;
  }

  get currentLevels(): Readonly<MixLevels> {
    return this.levels;
  }

  /** Browsers start audio only after a gesture: call from the click that joins the hearing. */
  async resume(): Promise<void> {
    await this.context.resume().catch(() => undefined);
    await this.element.play().catch(() => undefined);
  }

  add(id: string, track: MediaStreamTrack, route: MixRoute): void {
    this.remove(id);
    const stream = new MediaStream([track]);
    const sink = document.createElement('audio');
    sink.volume = SINK_VOLUME;
    sink.autoplay = true;
    sink.srcObject = stream;
    this.container.append(sink);
    void sink.play().catch(() => undefined);
    const source = this.context.createMediaStreamSource(stream);
    const bus = route.bus === 'floor' ? this.floorBus : route.bus === 'booth' ? this.boothBus : this.channelBus(route.language);
    source.connect(bus);
    for (const tap of this.taps) if (tap.bus === bus) source.connect(tap.analyser);
    this.inputs.set(id, { source, sink, bus });
  }

  remove(id: string): void {
    const input = this.inputs.get(id);
    if (!input) return;
    this.inputs.delete(id);
    input.source.disconnect();
    input.sink.srcObject = null;
    input.sink.remove();
  }

  /** Listen to a channel (a language), or to the floor alone with null. */
  listenTo(language: string | null): void {
    this.chosen = language;
    this.apply();
  }

  setLevels(levels: Partial<MixLevels>): void {
    this.levels = { ...this.levels, ...levels };
    this.levels.floor = clamp(this.levels.floor);
    this.levels.interpretation = clamp(this.levels.interpretation);
    this.apply();
  }

  /** An analyser of one bus before its gain: what arrives from the floor, or on a channel, at full level. */
  analyse(route: MixRoute): AnalyserNode {
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 1024;
    const bus = route.bus === 'floor' ? this.floorBus : route.bus === 'booth' ? this.boothBus : this.channelBus(route.language);
    for (const input of this.inputs.values()) if (input.bus === bus) input.source.connect(analyser);
    this.taps.push({ bus, analyser });
    return analyser;
  }

  stopAnalysing(analyser: AnalyserNode): void {
    const index = this.taps.findIndex((t) => t.analyser === analyser);
    if (index < 0) return;
    const bus = this.taps[index]!.bus;
    this.taps.splice(index, 1);
    for (const input of this.inputs.values()) if (input.bus === bus) input.source.disconnect(analyser);
  }

  clear(): void {
    for (const id of [...this.inputs.keys()]) this.remove(id);
  }

  close(): void {
    this.clear();
    this.element.srcObject = null;
    this.element.remove();
    void this.context.close();
  }

  private bus(): GainNode {
    const gain = this.context.createGain();
    gain.connect(this.output);
    return gain;
  }

  private channelBus(language: string): GainNode {
    let bus = this.channelBuses.get(language);
    if (!bus) {
      bus = this.bus();
      // Silent from its first sample unless it is the channel chosen.
      bus.gain.value = language === this.chosen ? this.levels.interpretation : 0;
      this.channelBuses.set(language, bus);
    }
    return bus;
  }

  private apply(): void {
    const floor = this.chosen === null ? 1 : this.levels.floorOn ? this.levels.floor : 0;
    this.glide(this.floorBus, floor);
    this.glide(this.boothBus, 1);
    for (const [language, bus] of this.channelBuses) this.glide(bus, language === this.chosen ? this.levels.interpretation : 0);
  }

  private glide(node: GainNode, value: number): void {
    const now = this.context.currentTime;
    node.gain.cancelScheduledValues(now);
    node.gain.setTargetAtTime(value, now, GLIDE_SECONDS / 3);
  }
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
