/**
 * The judicial consoles beside the stage, in the judge's or the officer's own language: the presiding
 * judge's (`judge-console.ts`) and the requested-state officer's (`officer-console.ts`), with the
 * interpretation between their first sections. This part sends what is pressed and typed: a button
 * or a form carries its command, and a dialog asks first where the act cannot be undone or needs a
 * reason. Buttons the server would refuse are not offered, but the server decides.
 */
import type { CourtView, InterpretationView, ParticipantView } from '../../signaling/protocol.js';
import { askConfirm, askText } from './ask.js';
import { ConsoleWriting } from './console-writing.js';
import { Bundle } from './exhibits-console.js';
import { gallerySection } from './gallery-console.js';
import { interpretationState } from './interpretation-state.js';
import { judgeSections } from './judge-console.js';
import { officerSections } from './officer-console.js';
import type { PageLanguage } from './page-language.js';

/** Those who add documents to the bundle without conducting the hearing. */
const SUBMITTERS = new Set(['counsel', 'prosecutor', 'clerk']);

/** Sends a command; resolves true when the court recorded it. */
export type SendCommand = (name: string, payload: Record<string, unknown>) => Promise<boolean>;

/** A field's identity across re-renders: its form's command and target, and its name. */
function fieldKey(element: HTMLElement): string {
  const form = element.closest('form');
  return `${form?.dataset.command ?? ''}|${form?.dataset.payload ?? ''}|${element.getAttribute('name') ?? ''}`;
}

export class CourtConsole {
  private interpretation: InterpretationView | null = null;
  private last: Parameters<CourtConsole['render']> | null = null;
  private readonly writing: ConsoleWriting;
  private readonly bundle: Bundle;

  constructor(
    private readonly root: HTMLElement,
    private readonly send: SendCommand,
    private readonly role: string,
    private readonly words: PageLanguage,
    private readonly hearingId: string,
  ) {
    this.writing = new ConsoleWriting(words);
    this.bundle = new Bundle(hearingId, () => this.refresh(), send);
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
      // A form without a command (the bundle's upload) is its own business.
      if (!form.dataset.command) return;
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

  /** Written again in the console's language (after it changed). */
  refresh(): void {
    if (this.last) this.render(...this.last);
  }

  render(view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): void {
    this.last = [view, people, selfId];
    const w = this.writing;
    const sections =
      this.role === 'presiding_judge' ? judgeSections(w, view, people, selfId) : this.role === 'requested_officer' ? officerSections(w, view, people) : [];
    const interpretation = sections.length > 0 ? interpretationState(w, this.interpretation, this.role === 'presiding_judge') : null;
    if (interpretation) sections.splice(1, 0, interpretation);
    if (sections.length > 0) sections.splice(sections.length - 1, 0, this.bundle.section(w, view, this.role === 'presiding_judge', people));
    const gallery = this.role === 'presiding_judge' ? gallerySection(w, view, this.hearingId) : null;
    if (gallery) sections.splice(sections.length - 1, 0, gallery);
    // Counsel, the prosecution and the clerk have no court console, but add documents to the bundle from the same section.
    else if (SUBMITTERS.has(this.role)) sections.push(this.bundle.section(w, view, false));
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
        // A choice the new state no longer offers (a declaration already taken) is not restored: the select would show nothing.
        else if (!(field instanceof HTMLSelectElement) || [...field.options].some((o) => o.value === value)) field.value = value;
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
}
