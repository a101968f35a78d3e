/**
 * The judicial consoles beside the stage. The presiding judge's: the waiting room with Admit, the
 * participants with Send back, Remove, Mute, Ask to unmute, Show to all, Confirm identity (and, for
 * the person heard, Audio only); the
 * hearing's course (go live, pause, resume, end) and the floor for the person heard. The
 * participants with Send back, Remove, Mute, Ask to unmute, Show to all, Confirm identity; the
 * hearing's course (go live, pause, resume, end, start and stop recording) and the floor for the person heard. The
 * requested-state officer's: the gates (identity, rights, consent, oath) and interventions.
 * Buttons the server would refuse are not offered, but the server decides.
 */
import type { CourtView, InterpretationView, ParticipantView } from '../../signaling/protocol.js';
import { h } from './dom.js';
import { languageName } from './language-names.js';

/** Sends a command; resolves true when the court recorded it. */
export type SendCommand = (name: string, payload: Record<string, unknown>) => Promise<boolean>;

const LANGUAGES = [
  ['en', 'English'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
  ['ar', 'العربية'],
] as const;

const GATE_NAMES: Record<string, string> = {
  identity: 'Identity verified',
  rights: 'Rights and caution acknowledged',
  consent: 'Consent recorded',
  oath: 'Oath or affirmation taken',
};

const PAUSE_CAUSES: Record<string, string> = {
  judge: 'paused by the presiding judge',
  officer: 'the requested-state officer has intervened',
  judge_absent: 'no presiding judge is connected',
  officer_absent: 'the requested-state officer is not connected',
  consent_withdrawn: 'the person heard withdrew consent',
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

export function describeCourt(view: CourtView): string {
  if (view.phase === 'awaiting_judge') return 'Waiting for the presiding judge to open the hearing';
  if (view.phase === 'ended') return 'The hearing has ended';
  if (view.paused) return `Paused: ${view.pauses.map((p) => PAUSE_CAUSES[p.cause] ?? p.cause).join('; ')}`;
  if (view.phase === 'open') return 'Opened — not yet live';
  return view.testimony ? 'Live — testimony in progress' : 'Live';
}

export class CourtConsole {
  private interpretation: InterpretationView | null = null;
  private last: Parameters<CourtConsole['render']> | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly send: SendCommand,
    private readonly role: string,
  ) {
    root.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-command]');
      if (!button) return;
      const payload = JSON.parse(button.dataset.payload ?? '{}') as Record<string, unknown>;
      const reasonPrompt = button.dataset.askReason;
      if (reasonPrompt) {
        const reason = window.prompt(reasonPrompt);
        if (!reason) return;
        payload.reason = reason;
      }
      void this.send(button.dataset.command!, payload);
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

  /** The interpretation as the court sees it: the mode, who is live on each channel, requests to slow down. */
  showInterpretation(view: InterpretationView): void {
    this.interpretation = view;
    if (this.last) this.render(...this.last);
  }

  render(view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): void {
    this.last = [view, people, selfId];
    const sections = this.role === 'presiding_judge' ? this.judge(view, people, selfId) : this.role === 'requested_officer' ? this.officer(view) : [];
    const interpretation = sections.length > 0 ? this.interpretationSection(this.role === 'presiding_judge') : null;
    if (interpretation) sections.splice(1, 0, interpretation);
    // The court's state changes while an officer is typing: keep what was typed, and where.
    const typed = this.typedValues();
    const focused = document.activeElement instanceof HTMLElement && this.root.contains(document.activeElement) ? fieldKey(document.activeElement) : null;
    this.root.hidden = sections.length === 0;
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

  private typedValues(): Map<string, string> {
    return new Map(this.fields().map((f) => [fieldKey(f), f instanceof HTMLInputElement && f.type === 'checkbox' ? String(f.checked) : f.value]));
  }

  private button(label: string, command: string, payload: Record<string, unknown> = {}, extra: Record<string, string> = {}): HTMLButtonElement {
    return h('button', { type: 'button', 'data-command': command, 'data-payload': JSON.stringify(payload), ...extra }, label);
  }

  private judge(view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): HTMLElement[] {
    const course = h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'course-heading' },
      h('h2', { id: 'course-heading' }, 'The hearing'),
      h('div', { class: 'button-row' },
        view.phase === 'open' ? this.button('Go live', 'court:go-live') : null,
        view.phase === 'live' && !view.pauses.some((p) => p.cause === 'judge') ? this.button('Pause', 'court:pause') : null,
        view.pauses.some((p) => p.cause === 'judge') ? this.button('Resume', 'court:resume') : null,
        view.phase !== 'ended' ? this.button('Mute all', 'court:mute', { participantId: null }) : null,
        view.phase !== 'ended' ? this.button('End the hearing', 'court:end', {}, { class: 'danger' }) : null,
      ),
      this.recordingControl(view),
    );
    const lobby = h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'lobby-heading' },
      h('h2', { id: 'lobby-heading' }, `Waiting room (${view.lobby?.length ?? 0})`),
      view.lobby && view.lobby.length > 0
        ? h('ul', { class: 'people' }, ...view.lobby.map((p) =>
            h('li', { 'data-participant-id': p.id }, h('span', { class: 'who' }, `${p.displayName} — ${p.functionLabel}`),
              this.button(`Admit ${p.displayName}`, 'court:admit', { participantId: p.id }))))
        : h('p', { class: 'muted' }, 'Nobody is waiting.'),
    );
    const present = [...people.values()].filter((p) => p.id !== selfId);
    const participants = h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'participants-heading' },
      h('h2', { id: 'participants-heading' }, 'In the hearing'),
      present.length === 0
        ? h('p', { class: 'muted' }, 'Nobody else yet.')
        : h('ul', { class: 'people' }, ...present.map((p) => {
            const judicial = p.role === 'requested_officer';
            return h('li', { 'data-participant-id': p.id },
              h('span', { class: 'who' }, `${p.displayName} — ${p.functionLabel}`),
              h('span', { class: 'button-row' },
                judicial ? null : this.button('Send back', 'court:send-back', { participantId: p.id }, { 'aria-label': `Send ${p.displayName} back to the waiting room` }),
                judicial ? null : this.button('Mute', 'court:mute', { participantId: p.id }, { 'aria-label': `Mute ${p.displayName}` }),
                judicial ? null : this.button('Ask to unmute', 'court:ask-unmute', { participantId: p.id }, { 'aria-label': `Ask ${p.displayName} to unmute` }),
                this.button(view.spotlight === p.id ? 'Stop showing to all' : 'Show to all', 'court:spotlight', { participantId: view.spotlight === p.id ? null : p.id }, { 'aria-label': `Show ${p.displayName} to everyone` }),
                p.role === 'person_heard' ? this.audioOnlyOrder(view, p) : null,
                this.button('Confirm identity', 'court:confirm-identity', { participantId: p.id }, { 'aria-label': `Confirm the identity of ${p.displayName}` }),
                judicial ? null : this.button('Remove', 'court:remove', { participantId: p.id }, { class: 'danger', 'data-ask-reason': `Why is ${p.displayName} removed from the hearing?`, 'aria-label': `Remove ${p.displayName}` }),
              ));
          })),
    );
    return [course, this.gates(view, true), this.protections(view), lobby, participants];
  }

  /** The court switches the person heard's incoming video off when her link cannot carry it, or back on. */
  private audioOnlyOrder(view: CourtView, person: ParticipantView): HTMLButtonElement {
    const ordered = view.audioOnly?.some((p) => p.participantId === person.id && p.holds.some((hold) => hold.cause === 'court')) ?? false;
    return ordered
      ? this.button('Restore video', 'court:order-audio-only', { participantId: person.id, on: false }, { 'aria-label': `Restore the video ${person.displayName} receives` })
      : this.button('Audio only', 'court:order-audio-only', { participantId: person.id, on: true, cameraOff: false }, { 'aria-label': `Switch ${person.displayName} to audio only` });
  }

  private interpretationSection(presiding: boolean): HTMLElement | null {
    const view = this.interpretation;
    if (!view || view.channels.length === 0) return null;
    const name = (id: string) => view.channels.flatMap((c) => c.interpreters).find((i) => i.id === id)?.displayName ?? 'an interpreter';
    const modeButton = (mode: 'simultaneous' | 'consecutive', label: string) =>
      this.button(label, 'interpretation:mode', { mode }, { 'aria-pressed': String(view.mode === mode), ...(view.mode === mode ? { disabled: '' } : {}) });
    const slowDowns = (view.slowDowns ?? []).slice(-3).reverse();
    const problems = (view.problems ?? []).slice(-3).reverse();
    return h('section', { class: 'console-section interpretation-state', 'aria-labelledby': 'interpretation-heading' },
      h('h2', { id: 'interpretation-heading' }, 'Interpretation'),
      presiding
        ? h('div', { class: 'button-row', role: 'group', 'aria-label': 'Interpretation mode' }, modeButton('simultaneous', 'Simultaneous'), modeButton('consecutive', 'Consecutive'))
        : h('p', {}, view.mode === 'consecutive' ? 'Consecutive interpretation' : 'Simultaneous interpretation'),
      h('ul', { class: 'people' }, ...view.channels.map((c) =>
        h('li', { class: 'channel', 'data-channel': c.language },
          h('span', { class: 'who' }, `${languageName(c.language, 'en')} channel`),
          h('span', { 'data-live': c.live ?? '' }, c.live
            ? `Live: ${name(c.live)}${c.relayFrom ? ` (relay from ${languageName(c.relayFrom, 'en')})` : ''}`
            : 'Silent — nobody is live')))),
      slowDowns.length > 0
        ? h('ul', { class: 'checklist', 'aria-label': 'Requests to slow down' }, ...slowDowns.map((s) =>
            h('li', { class: 'slow-down' }, `${time(s.at)} — ${s.displayName} (${languageName(s.channel, 'en')}) asks the court to slow down`)))
        : null,
      problems.length > 0
        ? h('ul', { class: 'checklist', 'aria-label': 'Problems with interpretation' }, ...problems.map((p) =>
            h('li', {}, `${time(p.at)} — ${p.displayName}: ${p.text}`)))
        : null,
    );
  }

  /** Recording is off until the judge starts it, and only with a legal basis, which the record keeps. */
  private recordingControl(view: CourtView): HTMLElement | null {
    if (view.phase === 'ended') return null;
    if (view.recording) {
      return h('div', { class: 'button-row' },
        h('p', {}, `Recording since ${time(view.recording.since)} — ${view.recording.legalBasis}`),
        this.button('Stop recording', 'court:stop-recording'));
    }
    return h('form', { 'data-command': 'court:start-recording', class: 'gate-form', 'aria-label': 'Recording' },
      h('label', {}, 'Legal basis for recording (required)', h('input', { name: 'legalBasis', required: true, minlength: '3', maxlength: '500', autocomplete: 'off' })),
      h('button', { type: 'submit' }, 'Start recording'));
  }

  private gates(view: CourtView, presiding: boolean): HTMLElement {
    return h(
      'section',
      { class: 'console-section', 'aria-labelledby': 'gates-heading' },
      h('h2', { id: 'gates-heading' }, 'Before testimony'),
      ...view.personsHeard.map((person) => h('div', { class: 'gates', 'data-person-heard': person.id },
        h('p', { class: 'who' }, `${person.displayName} — ${person.functionLabel}`),
        h('ul', { class: 'checklist' }, ...person.required.map((gate) => {
          const at = person.passed[gate];
          return h('li', { 'data-gate': gate, 'data-passed': String(Boolean(at)) }, `${at ? '✓' : '○'} ${GATE_NAMES[gate] ?? gate}${at ? ` at ${time(at)}` : ''}`);
        })),
        presiding
          ? h('div', { class: 'button-row' },
              view.testimony === person.id
                ? this.button('End testimony', 'court:testimony', { participantId: person.id, action: 'end' })
                : this.button('Start testimony', 'court:testimony', { participantId: person.id, action: 'start' }, person.missing.length > 0 ? { title: `Missing: ${person.missing.join('; ')}` } : {}))
          : null,
      )),
    );
  }

  /** Agreed protective measures for the person heard (safeguards row 8): the minutes respect them too. */
  private protections(view: CourtView): HTMLElement {
    return h('section', { class: 'console-section', 'aria-labelledby': 'protection-heading' },
      h('h2', { id: 'protection-heading' }, 'Protective measures'),
      ...view.personsHeard.map((person) =>
        h('form', { 'data-command': 'court:protect', 'data-payload': JSON.stringify({ participantId: person.id, pseudonym: null }), class: 'gate-form', 'aria-label': `Protective measures for ${person.displayName}` },
          h('label', {}, 'Pseudonym shown instead of the name', h('input', { name: 'pseudonym', maxlength: '80', autocomplete: 'off' })),
          checkbox('hideVideoFromObservers', 'Hide video from observers'),
          checkbox('audioOnly', 'Audio only'),
          h('button', { type: 'submit' }, 'Apply the measures'))));
  }

  private officer(view: CourtView): HTMLElement[] {
    const forms = view.personsHeard.map((person) => {
      const identity = h('form', { 'data-command': 'court:verify-identity', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': 'Identity check' },
        h('h3', {}, 'Identity check'),
        select('method', 'Method', [['identity_document', 'Identity document'], ['personal_knowledge', 'Personal knowledge'], ['official_record', 'Official record']]),
        select('documentType', 'Document', [['passport', 'Passport'], ['national_id', 'National identity card'], ['residence_permit', 'Residence permit'], ['driving_licence', 'Driving licence'], ['other', 'Other']]),
        h('label', {}, 'Issuing country (two letters)', h('input', { name: 'issuingCountry', maxlength: '2', autocomplete: 'off', pattern: '[A-Z]{2}' })),
        h('label', {}, 'Document number (kept only as a keyed hash)', h('input', { name: 'documentNumber', autocomplete: 'off' })),
        checkbox('match', 'The person matches the document'),
        checkbox('photoCompared', 'Photo compared with the person'),
        h('button', { type: 'submit' }, 'Record identity check'));
      const rights = h('form', { 'data-command': 'court:show-rights', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': 'Rights and caution' },
        h('h3', {}, 'Rights and caution'),
        select('language', 'Language', LANGUAGES),
        h('button', { type: 'submit' }, person.rightsShown ? 'Show the rights again' : 'Show rights to the person heard'));
      const consent = person.required.includes('consent')
        ? h('form', { 'data-command': 'court:record-consent', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': 'Consent' },
            h('h3', {}, 'Consent to the video hearing'),
            select('language', 'Language of the consent text', LANGUAGES),
            select('method', 'How given', [['oral_on_record', 'Orally, on the record'], ['signature', 'Signed form'], ['electronic_signature', 'Electronic signature']]),
            checkbox('interpreterPresent', 'Interpreter present'),
            checkbox('lawyerPresent', 'Lawyer present'),
            h('button', { type: 'submit' }, 'Record consent'))
        : null;
      const oath = person.required.includes('oath')
        ? h('form', { 'data-command': 'court:record-oath', 'data-payload': JSON.stringify({ participantId: person.id }), class: 'gate-form', 'aria-label': 'Oath' },
            h('h3', {}, 'Oath or affirmation'),
            select('form', 'Form', [['oath', 'Oath'], ['affirmation', 'Affirmation']]),
            select('language', 'Language', LANGUAGES),
            h('button', { type: 'submit' }, 'Record oath or affirmation'))
        : null;
      return h('div', { class: 'officer-gates' }, identity, rights, consent, oath);
    });
    const intervening = view.pauses.some((p) => p.cause === 'officer');
    const intervene = h('section', { class: 'console-section', 'aria-labelledby': 'intervene-heading' },
      h('h2', { id: 'intervene-heading' }, 'Intervene'),
      intervening
        ? h('div', {}, h('p', {}, `Your intervention is in force: ${view.officerIntervention?.reason ?? ''}`), this.button('Lift the intervention', 'court:lift-intervention'))
        : h('form', { 'data-command': 'court:intervene', class: 'gate-form', 'aria-label': 'Intervention' },
            select('action', 'Action', [['pause', 'Pause the hearing'], ['suspend', 'Suspend the hearing'], ['stop_recording', 'Stop the recording'], ['end', 'End the hearing']]),
            h('label', {}, 'Reason (required)', h('input', { name: 'reason', required: true, minlength: '3' })),
            h('button', { type: 'submit', class: 'danger' }, 'Intervene')));
    return [this.gates(view, false), ...forms, intervene];
  }
}
