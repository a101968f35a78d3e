/**
 * Interpretation on the hearing page: the listener's mix and picker for everyone, and for an
 * interpreter the booth console and their three streams.
 *
 * Every received voice goes through the mix (listening-mix.ts): floor microphones on the floor bus,
 * an interpretation stream on its channel's bus, the booth line on the booth bus. Choosing a channel
 * changes the mix's gains at once and asks the server (`interpretation:listen`) for that channel's
 * stream on the same connection; the server decides what each person may receive.
 *
 * An interpreter's browser sends its one microphone three times, each a clone of the same track so
 * each can be paused alone: `microphone` (the floor: open only when they speak on the floor, in
 * consecutive mode), `interpretation` (their channel: open only while they are live) and `booth`
 * (the private line to their partners: open only while they talk to them). The server enforces the
 * same rules; pausing here as well keeps an idle interpreter's voice from ever leaving the browser.
 */
import type { InterpretationView, MediaSource } from '../../signaling/protocol.js';
import type { PageLanguage } from './page-language.js';
import { InterpreterConsole, type BoothState } from './interpreter-console.js';
import { analyseTrack } from './level-meter.js';
import { ListeningMix, type MixRoute } from './listening-mix.js';
import { ListeningPicker } from './listening-picker.js';
import type { RemoteTrack } from './remote-streams.js';

/** Sends a request or command; resolves true when the server accepted it. */
export type Send = (name: string, payload: Record<string, unknown>) => Promise<boolean>;

/** The interpreter's own sources beyond the floor microphone. */
type BoothSource = Extract<MediaSource, 'interpretation' | 'booth'>;

export class PageInterpretation {
  private mix: ListeningMix | null = null;
  readonly picker: ListeningPicker;
  private booth: InterpreterConsole | null = null;
  private view: InterpretationView | null = null;
  /** The channel the person chose, kept while consecutive mode silences the channels. */
  private chosen: string | null = null;
  private boothLineOpen = false;
  private ownVoice: MediaStreamTrack | null = null;
  /** The clones of the microphone this booth sends (channel and booth line): stopped with the booth. */
  private clones: MediaStreamTrack[] = [];
  /** This browser's streams as last paused or resumed here, so the server is asked only on a change. */
  private readonly pausedNow = new Map<MediaSource, boolean>();
  private meteredSource: string | null | undefined = undefined;
  private sourceAnalyser: AnalyserNode | null = null;
  private channelAnalyser: AnalyserNode | null = null;
  private readonly remotes = new Map<string, RemoteTrack>();

  constructor(
    private readonly audioHost: HTMLElement,
    private readonly boothRoot: HTMLElement,
    private readonly send: Send,
    /** Pauses or resumes one of this browser's own streams. */
    private readonly setPaused: (source: MediaSource, paused: boolean) => Promise<void>,
    private readonly names: (participantId: string) => string,
    /** The person interprets in this hearing: their floor microphone is closed until they speak on the floor. */
    private readonly interprets: boolean,
    /** Consecutive mode began with this interpreter live: the judge gives them the floor, so their floor microphone opens. */
    private readonly floorGiven: () => void,
    /** What the page says, in the person's language. */
    private readonly words: PageLanguage,
  ) {
    this.picker = new ListeningPicker(words, (choice) => {
      this.mix?.setLevels(choice.levels);
      if (choice.language === this.chosen) return;
      this.chosen = choice.language;
      this.applyChoice();
      void this.send('interpretation:listen', { channel: choice.language });
    });
  }

  /** Call from the click that joins: browsers start sound only after a gesture. */
  async start(): Promise<void> {
    this.mix ??= new ListeningMix(this.audioHost);
    for (const remote of this.remotes.values()) this.route(remote);
    this.applyChoice();
    this.meterBooth();
    await this.mix.resume();
  }

  stop(): void {
    this.stopClones();
    this.sourceAnalyser = null;
    this.channelAnalyser = null;
    this.meteredSource = undefined;
    this.mix?.close();
    this.mix = null;
    this.remotes.clear();
  }

  private stopClones(): void {
    for (const track of this.clones) track.stop();
    this.clones = [];
  }

  /** The page's language changed: the picker and the booth are written again. */
  setPageLanguage(): void {
    if (this.view) this.picker.update(this.view.channels.map((c) => c.language));
    if (this.view?.booth) this.renderBooth(this.view);
  }

  trackAdded(remote: RemoteTrack): void {
    if (remote.track.kind !== 'audio') return;
    this.remotes.set(remote.consumerId, remote);
    this.route(remote);
  }

  trackRemoved(remote: RemoteTrack): void {
    this.remotes.delete(remote.consumerId);
    this.mix?.remove(remote.consumerId);
  }

  /** The interpreter's streams: clones of the one microphone, each paused as the booth's state says. */
  boothTracks(microphone: MediaStreamTrack | null): Partial<Record<BoothSource, MediaStreamTrack>> {
    if (!microphone || !this.interprets) return {};
    // A clone keeps the microphone open until it is stopped itself: the earlier ones go first.
    this.stopClones();
    const interpretation = microphone.clone();
    // The channel meter follows this clone: it carries sound only while the interpreter is on air.
    this.ownVoice = interpretation;
    this.meterBooth();
    const booth = microphone.clone();
    this.clones = [interpretation, booth];
    return { interpretation, booth };
  }

  /** Whether a source starts paused: an interpreter's channel and booth line open only when they should. */
  startsPaused(source: MediaSource): boolean {
    if (source === 'interpretation') return !this.onAir();
    if (source === 'booth') return !this.boothLineOpen;
    return false;
  }

  /** Whether the interpreter's floor microphone should be closed: in simultaneous mode they speak on the channel only. */
  floorClosedForInterpreter(): boolean {
    if (!this.interprets) return false;
    return !(this.view?.mode === 'consecutive' && this.view.booth?.live);
  }

  update(view: InterpretationView): void {
    const firstView = this.view === null;
    const consecutiveBegins = view.mode === 'consecutive' && this.view?.mode !== 'consecutive';
    this.view = view;
    if (consecutiveBegins && view.booth?.live) this.floorGiven();
    this.picker.update(view.channels.map((c) => c.language));
    // The server starts the person heard on their own language; later the person's choice leads.
    if (firstView || view.listening !== this.chosen) {
      this.chosen = view.listening;
      this.picker.choose(view.listening);
    }
    this.applyChoice();
    if (view.booth) this.renderBooth(view);
  }

  /** The stream a test or a person's headphones hear. */
  get stream(): MediaStream | null {
    return this.mix?.stream ?? null;
  }

  private route(remote: RemoteTrack): void {
    this.mix?.add(remote.consumerId, remote.track, routeOf(remote));
  }

  /**
   * What the mix plays: in consecutive mode the floor alone (the interpreter speaks on it); else the
   * chosen channel over the floor — for an interpreter, the channel they relay, if any.
   */
  private applyChoice(): void {
    if (!this.mix || !this.view) return;
    const booth = this.view.booth;
    const channel = this.view.mode === 'consecutive' ? null : booth ? booth.relayFrom : this.chosen;
    this.mix.listenTo(channel);
  }

  private onAir(): boolean {
    return Boolean(this.view?.booth?.live && this.view.mode === 'simultaneous');
  }

  private renderBooth(view: InterpretationView): void {
    const booth = view.booth!;
    if (!this.booth) {
      this.booth = new InterpreterConsole(this.boothRoot, this.words, {
        takeOver: () => this.send('interpretation:take', {}),
        handOver: () => this.send('interpretation:hand-over', {}),
        chooseSource: (language) => this.send('interpretation:source', { relay: language }),
        slowDown: () => this.send('interpretation:slow-down', {}),
        flagProblem: (text) => this.send('interpretation:problem', { channel: booth.channel, text }),
        soundCheck: (participantId, result) => this.send('interpretation:sound-check', { participantId, result }),
        boothLine: async (open) => {
          this.boothLineOpen = open;
          await this.pause('booth', !open);
        },
      });
    }
    if (booth.relayFrom !== this.meteredSource) this.meterBooth();
    const channel = view.channels.find((c) => c.language === booth.channel);
    const self = channel?.interpreters.find((i) => !booth.partners.includes(i.id));
    const partners = channel?.interpreters.filter((i) => booth.partners.includes(i.id) && i.connected) ?? [];
    const state: BoothState = {
      pair: { from: self?.from ?? '', into: booth.channel },
      live: booth.live,
      liveName: channel?.live ? this.names(channel.live) || channel.interpreters.find((i) => i.id === channel.live)?.displayName || null : null,
      partnerName: partners.map((p) => p.displayName).join(', ') || null,
      relaySources: view.channels.map((c) => c.language).filter((language) => language !== booth.channel),
      source: booth.relayFrom,
      mode: view.mode,
      soundChecks: booth.soundChecks,
    };
    this.booth.render(state);
    void this.pause('interpretation', !this.onAir());
    void this.pause('microphone', this.floorClosedForInterpreter());
  }

  private async pause(source: MediaSource, paused: boolean): Promise<void> {
    if (this.pausedNow.get(source) === paused) return;
    this.pausedNow.set(source, paused);
    await this.setPaused(source, paused);
  }

  private meterBooth(): void {
    if (!this.booth || !this.mix || !this.view?.booth) return;
    const relay = this.view.booth.relayFrom;
    this.meteredSource = relay;
    if (this.sourceAnalyser) this.mix.stopAnalysing(this.sourceAnalyser);
    this.sourceAnalyser = this.mix.analyse(relay ? { bus: 'channel', language: relay } : { bus: 'floor' });
    this.channelAnalyser ??= this.mix.analyse({ bus: 'channel', language: this.view.booth.channel });
    this.booth.meter(this.sourceAnalyser, this.ownVoice ? analyseTrack(this.mix.context, this.ownVoice) : null, this.channelAnalyser);
  }
}

function routeOf(remote: RemoteTrack): MixRoute {
  if (remote.source === 'interpretation' && remote.channel) return { bus: 'channel', language: remote.channel };
  if (remote.source === 'booth') return { bus: 'booth' };
  return { bus: 'floor' };
}
