/**
 * The judicial consoles beside the stage, in the judge's or the officer's own language. The
 * presiding judge's: the hearing's course (go live, pause, resume, end, start and stop recording),
 * the waiting room with Admit, the participants with Send back, Remove, Mute, Ask to unmute, Show to
 * all, Confirm identity (and, for the person heard, Audio only), and the floor for the person heard.
 * The requested-state officer's: the gates (identity, rights, consent, oath), each saying before it is
 * pressed whether the person heard will understand it — a text in her language, or an interpreter
 * live into it — and the interventions. Buttons the server would refuse are not offered, but the
 * server decides.
 */
import { languageDisplayName } from '../../language/index.js';
import type { CourtView, InterpretationView, ParticipantView } from '../../signaling/protocol.js';
import { askConfirm, askText } from './ask.js';
import { h } from './dom.js';
import type { PageLanguage } from './page-language.js';
import type { MessageKey } from '../../language/index.js';

type Gate = keyof CourtView['personsHeard'][number]['passed'];

/** Sends a command; resolves true when the court recorded it. */
export type SendCommand = (name: string, payload: Record<string, unknown>) => Promise<boolean>;

const GATE_KEYS: Record<string, MessageKey> = {
  identity: 'console.gate.identity',
  rights: 'console.gate.rights',
  consent: 'console.gate.consent',
  oath: 'console.gate.oath',
};
/** A gate in one word, for the judge's strip; the whole sentence is there for screen readers. */
const GATE_SHORT_KEYS: Record<string, MessageKey> = {
  identity: 'console.gateShort.identity',
  rights: 'console.gateShort.rights',
  consent: 'console.gateShort.consent',
  oath: 'console.gateShort.oath',
};

/** Whose track is not recorded, by its source, and why: the words the judge reads. */
const RECORDING_SOURCE_KEYS: Record<string, MessageKey> = {
  microphone: 'recording.source.microphone',
  camera: 'recording.source.camera',
  screen: 'recording.source.screen',
  interpretation: 'recording.source.interpretation',
};
const RECORDING_CAUSE_KEYS: Record<string, MessageKey> = {
  recorder_failed: 'recording.cause.recorder_failed',
  recorder_given_up: 'recording.cause.recorder_given_up',
  media_server_lost: 'recording.cause.media_server_lost',
  disk_full: 'recording.cause.disk_full',
  write_failed: 'recording.cause.write_failed',
};
/** Why a recording ended without anyone stopping it. */
const RECORDING_CUT_SHORT_KEYS: Record<string, MessageKey> = {
  failed: 'recording.cutShort.failed',
  server_stopped: 'recording.cutShort.server_stopped',
  server_failed: 'recording.cutShort.server_failed',
};

/** Why the hearing is paused, for the status line of every page. */

export const PAUSE_KEYS: Record<string, MessageKey> = {
  judge: 'court.pause.judge',
  officer: 'court.pause.officer',
  judge_absent: 'court.pause.judgeAbsent',
  officer_absent: 'court.pause.officerAbsent',
  consent_withdrawn: 'court.pause.consentWithdrawn',
};

function time(iso: string): string {
  return new Date(iso).toISOString().slice(11, 16) + ' UTC';
}

function select(name: string, label: string, options: readonly (readonly [string, string])[]): HTMLLabelElement {
  return h('label', {}, label, h('select', { name }, ...options.map(([value, text]) => h('option', { value }, text))));
}

function checkbox(name: string, label: string): HTMLLabelElement {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name }), label);
}

/** A field's identity across re-renders: its form's command and target, and its name. */
function fieldKey(element: HTMLElement): string {
  const form = element.closest('form');
  return `${form?.dataset.command ?? ''}|${form?.dataset.payload ?? ''}|${element.getAttribute('name') ?? ''}`;
}

export class CourtConsole {
  private interpretation: InterpretationView | null = null;
  private last: Parameters<CourtConsole['render']> | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly send: SendCommand,
    private readonly role: string,
    private readonly words: PageLanguage,
  ) {
    root.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-command]');
      if (!button) return;
      const payload = JSON.parse(button.dataset.payload ?? '{}') as Record<string, unknown>;
      const { askReason, askConfirm: question, confirmWith = '', keepWith = '' } = button.dataset;
      const command = button.dataset.command!;
      if (question) return void askConfirm(this.words, question, confirmWith, keepWith).then((yes) => yes && this.send(command, payload));
      if (!askReason) return void this.send(command, payload);
      void askText(this.words, askReason).then((reason) => {
        if (reason) void this.send(command, { ...payload, reason });
      });
    });
    root.addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const payload: Record<string, unknown> = JSON.parse(form.dataset.payload ?? '{}');
      for (const element of Array.from(form.elements) as HTMLInputElement[]) {
        if (!element.name) continue;
        if (element.type === 'checkbox') payload[element.name] = element.checked;
        else if (element.value !== '') payload[element.name] = element.value;
      }
      // Once recorded, the form is emptied: a document number does not stay on screen. The form may
      // have been rebuilt meanwhile (the court's state changed), so the current one is found again.
      const { command = '', payload: target = '' } = form.dataset;
      void this.send(command, payload).then((recorded) => {
        if (!recorded) return;
        for (const current of this.root.querySelectorAll<HTMLFormElement>('form')) {
          if (current.dataset.command === command && (current.dataset.payload ?? '') === target) current.reset();
        }
      });
    });
  }

  private t(key: MessageKey, values?: Record<string, string | number>): string {
    return this.words.t(key, values);
  }

  private language(tag: string): string {
    return languageDisplayName(tag, this.words.lang);
  }

  /** The interpretation as the court sees it: the mode, who is live on each channel, requests to slow down. */
  showInterpretation(view: InterpretationView): void {
    this.interpretation = view;
    if (this.last) this.render(...this.last);
  }

  /** Written again in the console's language (after it changed). */
  refresh(): void {
    if (this.last) this.render(...this.last);
  }

  render(view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): void {
    this.last = [view, people, selfId];
    const sections = this.role === 'presiding_judge' ? this.judge(view, people, selfId) : this.role === 'requested_officer' ? this.officer(view, people) : [];
    const interpretation = sections.length > 0 ? this.interpretationSection(this.role === 'presiding_judge') : null;
    if (interpretation) sections.splice(1, 0, interpretation);
    // The court's state changes while an officer is typing: keep what was typed, and where.
    const typed = this.typedValues();
    const focused = document.activeElement instanceof HTMLElement && this.root.contains(document.activeElement) ? fieldKey(document.activeElement) : null;
    // After the end, the minutes panel takes over: nothing here can act on an ended hearing.
    this.root.hidden = sections.length === 0 || view.phase === 'ended';
    this.root.replaceChildren(...sections);
    for (const field of this.fields()) {
      const key = fieldKey(field);
      const value = typed.get(key);
      if (value !== undefined) {
        if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = value === 'true';
        else field.value = value;
      }
      if (key === focused) field.focus();
    }
  }

  private fields(): (HTMLInputElement | HTMLSelectElement)[] {
    return Array.from(this.root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('form input, form select'));
  }

  /** What was typed: a text field left as it was drawn keeps nothing, so a value the new state fills in (a legal basis to start again) is not wiped by an empty one. */
  private typedValues(): Map<string, string> {
    const typed = this.fields().filter((f) => !(f instanceof HTMLInputElement && f.type !== 'checkbox' && f.value === f.defaultValue));
    return new Map(typed.map((f) => [fieldKey(f), f instanceof HTMLInputElement && f.type === 'checkbox' ? String(f.checked) : f.value]));
  }

  private button(label: string, command: string, payload: Record<string, unknown> = {}, extra: Record<string, string> = {}): HTMLButtonElement {
    return h('button', { type: 'button', 'data-command': command, 'data-payload': JSON.stringify(payload), ...extra }, label);
  }

  /** What a button's dialog asks before an act that cannot be undone, and its two answers. */
  private confirmFirst(question: MessageKey, doIt: MessageKey, keep: MessageKey): Record<string, string> {
    return { 'data-ask-confirm': this.t(question), 'data-confirm-with': this.t(doIt), 'data-keep-with': this.t(keep), 'aria-haspopup': 'dialog' };
  }

  private who(person: { displayName: string; role: ParticipantView['role']; capacity: ParticipantView['capacity'] }): string {
    return this.t('console.who', { name: person.displayName, function: this.words.functionOf(person) });
  }

  private judge(view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): HTMLElement[] {
    const course = h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'course-heading' },
      h('h2', { id: 'course-heading' }, this.t('console.hearing')),
      h('div', { class: 'button-row' },
        view.phase === 'open' ? this.button(this.t('console.goLive'), 'court:go-live') : null,
        view.phase === 'live' && !view.pauses.some((p) => p.cause === 'judge') ? this.button(this.t('console.pause'), 'court:pause') : null,
        view.pauses.some((p) => p.cause === 'judge') ? this.button(this.t('console.resume'), 'court:resume') : null,
        view.phase !== 'ended' ? this.button(this.t('console.muteAll'), 'court:mute', { participantId: null }) : null,
        view.phase !== 'ended' ? this.button(this.t('console.end'), 'court:end', {}, { class: 'danger', ...this.confirmFirst('console.endConfirm', 'console.end', 'console.endKeep') }) : null,
      ),
      this.recordingControl(view, people, selfId),
      this.languageFallbacks(view),
    );
    const waiting = (view.lobby?.length ?? 0) > 0 && view.phase !== 'ended';
    const lobby = h(
      'section',
      { class: `console-section${waiting ? ' attention' : ''}`, 'aria-labelledby': 'lobby-heading' },
      h('h2', { id: 'lobby-heading' }, this.t('console.waitingRoom', { count: view.lobby?.length ?? 0 })),
      view.lobby && view.lobby.length > 0
        ? h('ul', { class: 'people' }, ...view.lobby.map((p) =>
            h('li', { 'data-participant-id': p.id }, h('span', { class: 'who' }, this.who(p)),
              this.button(this.t('console.admit', { name: p.displayName }), 'court:admit', { participantId: p.id }))))
        : h('p', { class: 'muted' }, this.t('console.nobodyWaiting')),
    );
    const present = [...people.values()].filter((p) => p.id !== selfId);
    const participants = h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'participants-heading' },
      h('h2', { id: 'participants-heading' }, this.t('console.inHearing')),
      present.length === 0
        ? h('p', { class: 'muted' }, this.t('console.nobodyElse'))
        : h('ul', { class: 'people' }, ...present.map((p) => {
            const judicial = p.role === 'requested_officer';
            const name = p.displayName;
            return h('li', { 'data-participant-id': p.id },
              h('span', { class: 'who' }, this.who(p)),
              h('span', { class: 'button-row' },
                judicial ? null : this.button(this.t('console.sendBack'), 'court:send-back', { participantId: p.id }, { 'aria-label': this.t('console.sendBackLabel', { name }) }),
                judicial ? null : this.button(this.t('console.mute'), 'court:mute', { participantId: p.id }, { 'aria-label': this.t('console.muteLabel', { name }) }),
                judicial ? null : this.button(this.t('console.askUnmute'), 'court:ask-unmute', { participantId: p.id }, { 'aria-label': this.t('console.askUnmuteLabel', { name }) }),
                this.button(this.t(view.spotlight === p.id ? 'console.stopShowing' : 'console.showToAll'), 'court:spotlight', { participantId: view.spotlight === p.id ? null : p.id }, { 'aria-label': this.t('console.showToAllLabel', { name }) }),
                p.role === 'person_heard' ? this.audioOnlyOrder(view, p) : null,
                this.button(this.t('console.confirmIdentity'), 'court:confirm-identity', { participantId: p.id }, { 'aria-label': this.t('console.confirmIdentityLabel', { name }) }),
                judicial ? null : this.button(this.t('console.remove'), 'court:remove', { participantId: p.id }, { class: 'danger', 'data-ask-reason': this.t('console.removeReason', { name }), 'aria-label': this.t('console.removeLabel', { name }) }),
              ));
          })),
    );
    // Whoever waits comes first, Admit in reach without scrolling; otherwise the hearing's course leads.
    return waiting
      ? [lobby, course, this.gates(view, true, people), this.protections(view), participants]
      : [course, this.gates(view, true, people), this.protections(view), lobby, participants];
  }

  /** Whose pages are not in their language: the judge knows, so the interpreter can render what they miss. */
  private languageFallbacks(view: CourtView): HTMLElement | null {
    const fallbacks = view.languageFallbacks ?? [];
    if (fallbacks.length === 0) return null;
    return h('ul', { class: 'checklist language-fallbacks', 'aria-label': this.t('console.languageFallbacks') }, ...fallbacks.map((f) =>
      h('li', { 'data-participant-id': f.participantId }, this.t('console.languageFallback', { name: f.displayName, language: this.language(f.language), shownIn: this.language(f.shownIn) }))));
  }

  /** The court switches the person heard's incoming video off when her link cannot carry it, or back on. */
  private audioOnlyOrder(view: CourtView, person: ParticipantView): HTMLButtonElement {
    const ordered = view.audioOnly?.some((p) => p.participantId === person.id && p.holds.some((hold) => hold.cause === 'court')) ?? false;
    const name = person.displayName;
    return ordered
      ? this.button(this.t('console.restoreVideo'), 'court:order-audio-only', { participantId: person.id, on: false }, { 'aria-label': this.t('console.restoreVideoLabel', { name }) })
      : this.button(this.t('audioOnly.on'), 'court:order-audio-only', { participantId: person.id, on: true, cameraOff: false }, { 'aria-label': this.t('console.audioOnlyLabel', { name }) });
  }

  private interpretationSection(presiding: boolean): HTMLElement | null {
    const view = this.interpretation;
    if (!view || view.channels.length === 0) return null;
    const name = (id: string) => view.channels.flatMap((c) => c.interpreters).find((i) => i.id === id)?.displayName ?? this.t('console.anInterpreter');
    const modeButton = (mode: 'simultaneous' | 'consecutive', label: string) =>
      this.button(label, 'interpretation:mode', { mode }, { 'aria-pressed': String(view.mode === mode), ...(view.mode === mode ? { disabled: '' } : {}) });
    const slowDowns = (view.slowDowns ?? []).slice(-3).reverse();
    const problems = (view.problems ?? []).slice(-3).reverse();
    return h('section', { class: 'console-section interpretation-state', 'aria-labelledby': 'interpretation-heading' },
      h('h2', { id: 'interpretation-heading' }, this.t('picker.heading')),
      presiding
        ? h('div', { class: 'button-row', role: 'group', 'aria-label': this.t('console.mode') }, modeButton('simultaneous', this.t('console.simultaneous')), modeButton('consecutive', this.t('console.consecutive')))
        : h('p', {}, this.t(view.mode === 'consecutive' ? 'console.consecutiveMode' : 'console.simultaneousMode')),
      h('ul', { class: 'people' }, ...view.channels.map((c) =>
        h('li', { class: 'channel', 'data-channel': c.language },
          h('span', { class: 'who' }, this.t('booth.channelMeter', { channel: this.language(c.language) })),
          h('span', { 'data-live': c.live ?? '' }, c.live
            ? c.relayFrom
              ? this.t('console.liveRelay', { name: name(c.live), language: this.language(c.relayFrom) })
              : this.t('console.live', { name: name(c.live) })
            : this.t('console.silent'))))),
      slowDowns.length > 0
        ? h('ul', { class: 'checklist', 'aria-label': this.t('console.slowDowns') }, ...slowDowns.map((s) =>
            h('li', { class: 'slow-down' }, this.t('console.slowDown', { time: time(s.at), name: s.displayName, language: this.language(s.channel) }))))
        : null,
      problems.length > 0
        ? h('ul', { class: 'checklist', 'aria-label': this.t('console.problems') }, ...problems.map((p) =>
            h('li', {}, `${time(p.at)} — ${p.displayName}: ${p.text}`)))
        : null,
    );
  }

  /** Recording is off until the judge starts it, and only with a legal basis, which the record keeps. */
  private recordingControl(view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): HTMLElement | null {
    if (view.phase === 'ended') return null;
    if (view.recording) {
      const interrupted = view.recording.interrupted;
      const running = h('div', { class: 'button-row' },
        h('p', {}, this.t('console.recordingSince', { time: time(view.recording.since), basis: view.recording.legalBasis })),
        this.button(this.t('console.stopRecording'), 'court:stop-recording', {}, this.confirmFirst('console.stopRecordingConfirm', 'console.stopRecording', 'console.stopRecordingKeep')));
      const diskLow = view.recording.diskLow;
      // Told before the disk is full, while space can still be freed.
      const diskWarning = diskLow
        ? h('div', { class: 'recording-interrupted', 'data-recording-disk-low': 'true', role: 'status' },
            h('p', { class: 'recording-interrupted-title' }, this.t('recording.diskLow', { freeMb: diskLow.freeMb })),
            diskLow.minutesLeft !== null && diskLow.minutesLeft < 120 ? h('p', {}, this.t('recording.diskLowMinutes', { minutes: Math.max(1, diskLow.minutesLeft) })) : null,
            h('p', {}, this.t('recording.diskLowAction')))
        : null;
      // Resumed by the server after it restarted: the judge knows there is a stretch nothing recorded.
      const resumed = view.recording.resumedAfter
        ? h('p', { class: 'recording-resumed', 'data-recording-resumed': 'true', role: 'status' },
            this.t('recording.resumedAfterRestart', { cutAt: time(view.recording.resumedAfter.cutAt), time: time(view.recording.since) }))
        : null;
      if (interrupted.length === 0) return diskWarning || resumed ? h('div', {}, running, resumed, diskWarning) : running;
      // What is not reaching the disk, whose and why, so the judge can decide to pause: never a mark over nothing.
      return h('div', {},
        running,
        resumed,
        h('div', { class: 'recording-interrupted', 'data-recording-interrupted': 'true' },
          h('p', { class: 'recording-interrupted-title' }, this.t('recording.interrupted')),
          h('ul', {}, ...interrupted.map((i) =>
            h('li', {}, this.t('recording.notRecorded', {
              // The judge's own track too: a name, never an identifier.
              name: people.get(i.participantId)?.displayName ?? (i.participantId === selfId ? this.t('court.you') : this.t('court.someone')),
              source: this.t(RECORDING_SOURCE_KEYS[i.source] ?? 'recording.source.microphone'),
              cause: this.t(RECORDING_CAUSE_KEYS[i.cause] ?? 'recording.cause.write_failed'),
              time: time(i.since),
            })))),
          h('p', {}, this.t('recording.mayPause'))),
        diskWarning);
    }
    const cut = view.recordingCutShort;
    const legalBasis = h('input', { name: 'legalBasis', required: true, minlength: '3', maxlength: '500', autocomplete: 'off' }) as HTMLInputElement;
    const start = h('form', { 'data-command': 'court:start-recording', class: 'gate-form', 'aria-label': this.t('recording.mark') },
      h('label', {}, this.t('console.legalBasis'), legalBasis),
      h('button', { type: 'submit' }, this.t('console.startRecording')));
    if (!cut) return start;
    // A recording a fault ended: the judge is told nothing is recorded any more, and can start it again at once.
    // As its default, so that the form's reset after a command keeps it too.
    legalBasis.defaultValue = cut.legalBasis;
    return h('div', {},
      h('div', { class: 'recording-interrupted', 'data-recording-cut-short': 'true', role: 'status' },
        h('p', { class: 'recording-interrupted-title' }, this.t('recording.cutShort', { time: time(cut.at), cause: this.t(RECORDING_CUT_SHORT_KEYS[cut.cause] ?? 'recording.cutShort.failed') })),
        h('p', {}, this.t('recording.startAgain'))),
      start);
  }

  /**
   * What each gate of the person heard relies on: her language, a text in it, an interpreter live into
   * it, and for each gate passed how she understood it. A gate nothing can carry says so in words.
   */
  private understanding(person: CourtView['personsHeard'][number], people: ReadonlyMap<string, ParticipantView>): HTMLElement {
    const u = person.understanding;
    const language = this.language(u.language);
    const interpreter = u.interpreterId ? people.get(u.interpreterId)?.displayName ?? this.t('console.anInterpreter') : null;
    const blocked = !u.text && !interpreter;
    return h('p', { class: blocked ? 'understanding blocked' : 'understanding', 'data-understanding': blocked ? 'blocked' : u.text ? 'text' : 'interpreter' },
      blocked
        ? this.t('console.understanding.blocked', { language })
        : interpreter
          ? this.t('console.understanding.interpreter', { language, name: interpreter })
          : this.t('console.understanding.text', { language }));
  }

  private gates(view: CourtView, presiding: boolean, people: ReadonlyMap<string, ParticipantView>): HTMLElement {
    return h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'gates-heading' },
      h('h2', { id: 'gates-heading' }, this.t('console.beforeTestimony')),
      ...view.personsHeard.map((person) => h('div', { class: 'gates', 'data-person-heard': person.id },
        h('p', { class: 'who' }, this.who({ displayName: person.displayName, role: 'person_heard', capacity: person.capacity })),
        this.understanding(person, people),
        // One strip, in the order the gates are passed: what is done is green and timed, what is not is open.
        h('ol', { class: 'gate-strip', 'aria-label': this.t('console.beforeTestimony') }, ...person.required.map((gate) => {
          const at = person.passed[gate];
          const how = person.understood[gate];
          const via = how?.via === 'interpreter' ? this.t('console.viaInterpreter', { name: people.get(how.interpreterId ?? '')?.displayName ?? this.t('console.anInterpreter') }) : '';
          const label = this.t(GATE_KEYS[gate] ?? 'console.gate.identity');
          const short = this.t(GATE_SHORT_KEYS[gate] ?? 'console.gateShort.identity');
          const full = at ? `${this.t('console.gatePassed', { gate: label, time: time(at) })}${via ? ` ${via}` : ''}` : label;
          return h('li', { 'data-gate': gate, 'data-passed': String(Boolean(at)), title: full },
            h('span', { 'aria-hidden': 'true' }, at ? `✓ ${short} ${time(at).slice(0, 5)}` : `○ ${short}`),
            h('span', { class: 'visually-hidden' }, at ? `✓ ${full}` : `○ ${full}`));
        })),
        presiding
          ? h('div', { class: 'button-row' },
              view.testimony === person.id
                ? this.button(this.t('console.endTestimony'), 'court:testimony', { participantId: person.id, action: 'end' })
                : this.button(this.t('console.startTestimony'), 'court:testimony', { participantId: person.id, action: 'start' }, person.missing.length > 0 ? { title: this.t('console.missing', { gates: person.required.filter((g) => !person.passed[g]).map((g) => this.t(GATE_KEYS[g] ?? 'console.gate.identity')).join('; ') }) } : {}))
          : null,
      )),
    );
  }

  /** Agreed protective measures for the person heard (safeguards row 8): the minutes respect them too. */
  private protections(view: CourtView): HTMLElement {
    return h('section', { class: 'console-section', 'aria-labelledby': 'protection-heading' },
      h('h2', { id: 'protection-heading' }, this.t('console.protection')),
      ...view.personsHeard.map((person) =>
        h('form', { 'data-command': 'court:protect', 'data-payload': JSON.stringify({ participantId: person.id, pseudonym: null }), class: 'gate-form', 'aria-label': this.t('console.protectionFor', { name: person.displayName }) },
          h('label', {}, this.t('console.pseudonym'), h('input', { name: 'pseudonym', maxlength: '80', autocomplete: 'off' })),
          checkbox('hideVideoFromObservers', this.t('console.hideFromObservers')),
          checkbox('audioOnly', this.t('audioOnly.on')),
          h('button', { type: 'submit' }, this.t('console.applyMeasures')))));
  }

  /**
   * The languages a text can be shown in: hers first (the default, sent as no language so the court
   * chooses her text), then the court's and the model texts' languages for use with an interpreter.
   */
  private textLanguages(view: CourtView, own: string): [string, string][] {
    const tags = [view.courtLanguage, ...(view.textLanguages ?? [])].filter((tag, i, all) => all.indexOf(tag) === i && tag !== own);
    return [['', this.t('console.herLanguage', { language: this.language(own) })], ...tags.map((tag): [string, string] => [tag, this.language(tag)])];
  }

  private officer(view: CourtView, people: ReadonlyMap<string, ParticipantView>): HTMLElement[] {
    const forms = view.personsHeard.map((person) => {
      const languages = this.textLanguages(view, person.understanding.language);
      const identity = h('form', { 'data-command': 'court:verify-identity', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': this.t('console.identityCheck') },
        h('h3', {}, this.t('console.identityCheck')),
        select('method', this.t('console.method'), [['identity_document', this.t('console.method.document')], ['personal_knowledge', this.t('console.method.knowledge')], ['official_record', this.t('console.method.record')]]),
        select('documentType', this.t('console.document'), [['passport', this.t('console.document.passport')], ['national_id', this.t('console.document.nationalId')], ['residence_permit', this.t('console.document.residencePermit')], ['driving_licence', this.t('console.document.drivingLicence')], ['other', this.t('console.document.other')]]),
        h('label', {}, this.t('console.issuingCountry'), h('input', { name: 'issuingCountry', maxlength: '2', autocomplete: 'off', pattern: '[A-Z]{2}' })),
        h('label', {}, this.t('console.documentNumber'), h('input', { name: 'documentNumber', autocomplete: 'off' })),
        checkbox('match', this.t('console.matches')),
        checkbox('photoCompared', this.t('console.photoCompared')),
        h('button', { type: 'submit' }, this.t('console.recordIdentity')));
      const rights = h('form', { 'data-command': 'court:show-rights', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': this.t('console.gate.rights') },
        h('h3', {}, this.t('console.rightsHeading')),
        this.understanding(person, people),
        select('language', this.t('console.textLanguage'), languages),
        h('button', { type: 'submit' }, this.t(person.rightsShown ? 'console.showRightsAgain' : 'console.showRights')));
      const consent = person.required.includes('consent')
        ? h('form', { 'data-command': 'court:record-consent', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': this.t('console.gate.consent') },
            h('h3', {}, this.t('console.consentHeading')),
            select('language', this.t('console.textLanguage'), languages),
            select('method', this.t('console.consentMethod'), [['oral_on_record', this.t('console.consentMethod.oral')], ['signature', this.t('console.consentMethod.signature')], ['electronic_signature', this.t('console.consentMethod.electronic')]]),
            checkbox('interpreterPresent', this.t('console.interpreterPresent')),
            checkbox('lawyerPresent', this.t('console.lawyerPresent')),
            h('button', { type: 'submit' }, this.t('console.recordConsent')))
        : null;
      const oath = person.required.includes('oath')
        ? h('form', { 'data-command': 'court:record-oath', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': this.t('console.gate.oath') },
            h('h3', {}, this.t('console.oathHeading')),
            select('form', this.t('console.oathForm'), [['oath', this.t('console.oathForm.oath')], ['affirmation', this.t('console.oathForm.affirmation')]]),
            select('language', this.t('console.textLanguage'), languages),
            h('button', { type: 'submit' }, this.t('console.recordOath')))
        : null;
      // The gates as numbered steps in the order they are passed: the next one open and marked, the
      // ones done folded to a line with their time (open to record again), the later ones below.
      const steps = ([['identity', identity], ['rights', rights], ['consent', consent], ['oath', oath]] as [Gate, HTMLFormElement | null][])
        .filter((step): step is [Gate, HTMLFormElement] => step[1] !== null);
      const next = steps.find(([gate]) => !person.passed[gate])?.[0];
      return h('ol', { class: 'officer-steps', 'aria-label': this.t('console.stepsFor', { name: person.displayName }) }, ...steps.map(([gate, form]) => {
        const at = person.passed[gate];
        const state = at ? 'done' : gate === next ? 'current' : 'later';
        return h('li', { class: 'step', 'data-step': gate, 'data-step-state': state, 'aria-current': state === 'current' ? 'step' : undefined },
          at
            ? h('details', {}, h('summary', {}, `✓ ${this.t('console.gatePassed', { gate: this.t(GATE_KEYS[gate] ?? 'console.gate.identity'), time: time(at) })}`), form)
            : form);
      }));
    });
    const intervening = view.pauses.some((p) => p.cause === 'officer');
    const intervene = h('section', { class: 'console-section', 'aria-labelledby': 'intervene-heading' },
      h('h2', { id: 'intervene-heading' }, this.t('console.intervene')),
      intervening
        ? h('div', {}, h('p', {}, this.t('console.interventionInForce', { reason: view.officerIntervention?.reason ?? '' })), this.button(this.t('console.liftIntervention'), 'court:lift-intervention'))
        : h('form', { 'data-command': 'court:intervene', class: 'gate-form', 'aria-label': this.t('console.intervene') },
            select('action', this.t('console.action'), [['pause', this.t('console.action.pause')], ['suspend', this.t('console.action.suspend')], ['stop_recording', this.t('console.action.stopRecording')], ['end', this.t('console.action.end')]]),
            h('label', {}, this.t('console.reason'), h('input', { name: 'reason', required: true, minlength: '3' })),
            h('button', { type: 'submit', class: 'danger' }, this.t('console.intervene'))));
    return [this.gates(view, false, people), ...forms, intervene];
  }
}

