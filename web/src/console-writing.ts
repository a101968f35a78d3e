/**
 * What every section of the court's console writes with: the console's language, buttons that carry
 * a command (the console sends it when one is pressed), and the way it names a person and a time.
 */
import { languageDisplayName, type MessageKey } from '../../language/index.js';
import type { ParticipantView } from '../../signaling/protocol.js';
import { h } from './dom.js';
import type { PageLanguage } from './page-language.js';

/** A time of the record as the console shows it: UTC, to the minute, the same at both sites. */
export function time(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 16)} UTC`;
}

/** `chosen`: the option selected until the person chooses another (what is in force now). */
export function select(name: string, label: string, options: readonly (readonly [string, string])[], chosen?: string): HTMLLabelElement {
  return h('label', {}, label, h('select', { name }, ...options.map(([value, text]) => h('option', { value, selected: value === chosen }, text))));
}

/** `checked`: ticked until the person changes it (what is in force now). */
export function checkbox(name: string, label: string, checked = false): HTMLLabelElement {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked }), label);
}

export class ConsoleWriting {
  constructor(private readonly words: PageLanguage) {}

  t(key: MessageKey, values?: Record<string, string | number>): string {
    return this.words.t(key, values);
  }

  language(tag: string): string {
    return languageDisplayName(tag, this.words.lang);
  }

  button(label: string, command: string, payload: Record<string, unknown> = {}, extra: Record<string, string> = {}): HTMLButtonElement {
    return h('button', { type: 'button', 'data-command': command, 'data-payload': JSON.stringify(payload), ...extra }, label);
  }

  /** What a button's dialog asks before an act that cannot be undone, and its two answers. */
  confirmFirst(question: MessageKey, doIt: MessageKey, keep: MessageKey): Record<string, string> {
    return { 'data-ask-confirm': this.t(question), 'data-confirm-with': this.t(doIt), 'data-keep-with': this.t(keep), 'aria-haspopup': 'dialog' };
  }

  who(person: { displayName: string; role: ParticipantView['role']; capacity: ParticipantView['capacity'] }): string {
    return this.t('console.who', { name: person.displayName, function: this.words.functionOf(person) });
  }
}
