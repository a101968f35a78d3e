/**
 * The interpreter's console beside the stage: what they hear (floor, or a relay channel as pivot)
 * and what their channel carries, each with a meter; who is live; take over and hand over; a
 * private line to the booth partner (hold to talk, or click to leave it open); "slow down" for
 * the judge; and a flag that the interpretation has a problem, with a short note, for the record.
 *
 * It shows state and reports intentions; the server decides who is live and what is routed where.
 */
import { h } from './dom.js';
import { followLevel } from './level-meter.js';
import { languageDisplayName } from '../../language/index.js';
import type { PageLanguage } from './page-language.js';

export interface BoothState {
  /** The interpreter's direction of work. */
  pair: { from: string; into: string };
  /** This interpreter is live on their channel. */
  live: boolean;
  /** Who is live on the channel, by shown name; null when nobody is. */
  liveName: string | null;
  /** The booth partner on the same channel, if any. */
  partnerName: string | null;
  /** Channels (languages) that can serve as a relay source. */
  relaySources: string[];
  /** The source listened to: null for the floor, or a channel's language. */
  source: string | null;
  mode: 'simultaneous' | 'consecutive';
  /** The persons heard who speak the booth's language, and the last sound check with each. */
  soundChecks: { participantId: string; displayName: string; result: 'go' | 'no_go' | null; at: string | null }[];
}

export interface BoothActions {
  takeOver(): Promise<unknown>;
  handOver(): Promise<unknown>;
  chooseSource(language: string | null): Promise<unknown>;
  slowDown(): Promise<unknown>;
  flagProblem(note: string): Promise<boolean>;
  /** Opens or closes the private line to the partner. */
  boothLine(open: boolean): Promise<unknown>;
  /** Records the sound check with a person heard: they hear each other well enough (go), or not. */
  soundCheck(participantId: string, result: 'go' | 'no_go'): Promise<unknown>;
}

/** Held longer than this, the booth button is push-to-talk and closes on release; a click leaves it open. */
const HOLD_MS = 350;

export class InterpreterConsole {
  private state: BoothState | null = null;
  private readonly liveState = h('p', { class: 'live-state', role: 'status', 'aria-live': 'polite' });
  private readonly sourceMeter = h('meter', { id: 'source-meter', min: '0', max: '1', low: '0.05', high: '0.8', optimum: '0.3', value: '0' });
  private readonly channelMeter = h('meter', { id: 'channel-meter', min: '0', max: '1', low: '0.05', high: '0.8', optimum: '0.3', value: '0' });
  private readonly sourceLabel = h('label', { for: 'source-meter' });
  private readonly channelLabel = h('label', { for: 'channel-meter' });
  private readonly sourceSelect = h('select', { id: 'booth-source', name: 'source' });
  private readonly takeOver = h('button', { type: 'button', class: 'primary-action' });
  private readonly handOver = h('button', { type: 'button' });
  private readonly boothButton = h('button', { id: 'booth-line', type: 'button', 'aria-pressed': 'false' });
  private readonly slowDown = h('button', { type: 'button' });
  private readonly problemForm = h('form', { class: 'gate-form' });
  private readonly problemLabel = h('span', {});
  private readonly problemButton = h('button', { type: 'submit', class: 'danger' });
  private readonly sourceChoice = h('span', {});
  private readonly note = h('input', { type: 'text', name: 'note', maxlength: '200', autocomplete: 'off', required: true, minlength: '3' });
  private readonly heading = h('h2', { id: 'booth-heading' });
  /** One line per person heard in the booth's language: the last check, and the two answers. */
  private readonly soundChecks = h('div', { class: 'sound-checks' });
  private boothOpen = false;
  private stopMeters: (() => void)[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly words: PageLanguage,
    private readonly actions: BoothActions,
  ) {
    const problem = this.problemForm;
    problem.append(h('label', {}, this.problemLabel, this.note), this.problemButton);
    root.replaceChildren(
      h(
        'section',
        { class: 'console-section booth', 'aria-labelledby': 'booth-heading' },
        this.heading,
        this.liveState,
        h('div', { class: 'meters' }, this.sourceLabel, this.sourceMeter, this.channelLabel, this.channelMeter),
        h('label', {}, this.sourceChoice, this.sourceSelect),
        h('div', { class: 'button-row' }, this.takeOver, this.handOver),
        h('div', { class: 'button-row' }, this.boothButton, this.slowDown),
        this.soundChecks,
        problem,
      ),
    );
    this.sourceSelect.addEventListener('change', () => void this.actions.chooseSource(this.sourceSelect.value || null));
    this.takeOver.addEventListener('click', () => void this.actions.takeOver());
    this.handOver.addEventListener('click', () => void this.actions.handOver());
    this.slowDown.addEventListener('click', () => void this.actions.slowDown());
    problem.addEventListener('submit', (event) => {
      event.preventDefault();
      const note = this.note.value.trim();
      if (note.length < 3) return;
      void this.actions.flagProblem(note).then((recorded) => {
        if (recorded) problem.reset();
      });
    });
    this.wireBoothButton();
    this.renderBoothButton();
  }

  /** Before her testimony is interpreted, the interpreter checks with each person heard that they hear each other. */
  private renderSoundChecks(state: BoothState): void {
    const w = this.words;
    this.soundChecks.replaceChildren(
      ...state.soundChecks.map((check) => {
        const go = h('button', { type: 'button', 'data-sound': 'go' }, w.t('booth.soundGo'));
        const noGo = h('button', { type: 'button', class: 'danger', 'data-sound': 'no_go' }, w.t('booth.soundNoGo'));
        go.addEventListener('click', () => void this.actions.soundCheck(check.participantId, 'go'));
        noGo.addEventListener('click', () => void this.actions.soundCheck(check.participantId, 'no_go'));
        const last =
          check.result && check.at
            ? w.t(check.result === 'go' ? 'booth.soundWasGo' : 'booth.soundWasNoGo', { time: new Date(check.at).toISOString().slice(11, 16) })
            : w.t('booth.soundNotChecked');
        return h(
          'div',
          { class: 'sound-check', 'data-person-heard': check.participantId, 'data-sound-result': check.result ?? 'none' },
          h('p', {}, h('strong', {}, w.t('booth.soundCheck', { name: check.displayName })), ' ', last),
          h('div', { class: 'button-row' }, go, noGo),
        );
      }),
    );
  }

  /**
   * The meters: what the interpreter hears from their source, and what their channel carries — their
   * own voice while they are live, their partner's (as it arrives) while they are idle.
   */
  meter(source: AnalyserNode, ownVoice: AnalyserNode | null, channel: AnalyserNode): void {
    for (const stop of this.stopMeters) stop();
    this.stopMeters = [followLevel(source, this.sourceMeter), followLevel(() => (this.live ? ownVoice : channel), this.channelMeter)];
  }

  render(state: BoothState): void {
    this.state = state;
    this.root.hidden = false;
    const w = this.words;
    const name = (code: string) => languageDisplayName(code, w.lang);
    this.heading.textContent = w.t('booth.heading', { from: name(state.pair.from), into: name(state.pair.into) });
    const channel = name(state.pair.into);
    this.liveState.dataset.live = String(state.live);
    this.liveState.textContent =
      state.mode === 'consecutive'
        ? state.live
          ? w.t('booth.consecutive')
          : w.t('booth.consecutiveIdle', { name: state.liveName ?? w.t('booth.nobody') })
        : state.live
          ? w.t('booth.youAreLive', { channel })
          : state.liveName
            ? w.t('booth.partnerLive', { name: state.liveName, channel })
            : w.t('booth.nobodyLive', { channel });
    this.sourceLabel.textContent = state.source ? w.t('booth.sourceRelay', { language: name(state.source) }) : w.t('booth.sourceFloor');
    this.channelLabel.textContent = w.t('booth.channelMeter', { channel });
    this.takeOver.textContent = w.t('booth.takeOver');
    this.handOver.textContent = w.t('booth.handOver');
    this.slowDown.textContent = w.t('booth.slowDown');
    this.problemForm.setAttribute('aria-label', w.t('booth.problem'));
    this.problemLabel.textContent = w.t('booth.problemNote');
    this.problemButton.textContent = w.t('booth.flagProblem');
    this.sourceChoice.textContent = w.t('booth.source');
    this.renderSoundChecks(state);
    const chosen = state.source ?? '';
    this.sourceSelect.replaceChildren(
      new Option(w.t('booth.theFloor'), ''),
      ...state.relaySources.map((code) => new Option(w.t('booth.relayFrom', { language: name(code) }), code)),
    );
    this.sourceSelect.value = chosen;
    this.takeOver.hidden = state.live;
    this.handOver.hidden = !state.live;
    this.handOver.disabled = !state.partnerName;
    this.handOver.title = state.partnerName ? w.t('booth.giveTo', { name: state.partnerName }) : w.t('booth.noPartner');
    this.boothButton.hidden = !state.partnerName;
    this.renderBoothButton();
  }

  /** Whether the interpreter is live: the channel meter then shows their own voice. */
  get live(): boolean {
    return this.state?.live ?? false;
  }

  private wireBoothButton(): void {
    let pressedAt = 0;
    let openedByPress = false;
    const press = () => {
      pressedAt = performance.now();
      openedByPress = !this.boothOpen;
      if (openedByPress) void this.setBooth(true);
    };
    const release = () => {
      if (!pressedAt) return;
      const held = performance.now() - pressedAt;
      pressedAt = 0;
      if (openedByPress && held >= HOLD_MS) void this.setBooth(false);
      else if (!openedByPress) void this.setBooth(false);
    };
    this.boothButton.addEventListener('pointerdown', press);
    this.boothButton.addEventListener('pointerup', release);
    this.boothButton.addEventListener('pointerleave', release);
    // The keyboard: Space held is push-to-talk, Enter toggles.
    this.boothButton.addEventListener('keydown', (event) => {
      if (event.repeat || (event.key !== ' ' && event.key !== 'Enter')) return;
      event.preventDefault();
      if (event.key === 'Enter') void this.setBooth(!this.boothOpen);
      else press();
    });
    this.boothButton.addEventListener('keyup', (event) => {
      if (event.key === ' ') release();
    });
  }

  private async setBooth(open: boolean): Promise<void> {
    this.boothOpen = open;
    this.renderBoothButton();
    await this.actions.boothLine(open);
  }

  private renderBoothButton(): void {
    const partner = this.state?.partnerName ?? this.words.t('booth.yourPartner');
    this.boothButton.textContent = this.words.t(this.boothOpen ? 'booth.talking' : 'booth.talk', { partner });
    this.boothButton.setAttribute('aria-pressed', String(this.boothOpen));
  }
}
