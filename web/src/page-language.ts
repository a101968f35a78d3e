/**
 * The language a page speaks. Before the server has said who the person is, the browser's own
 * language; from the welcome on, the catalogue the server chose for the person (their language, or a
 * fallback that the court records). Static text in the HTML carries its key (`data-i18n`, and
 * `data-i18n-<attribute>` for an attribute such as aria-label), so one pass rewrites the whole page.
 */
import { chooseCatalogue, loadCatalogue, Translator, type CatalogueLanguage, type MessageKey, type MessageValues } from '../../language/index.js';
import { en } from '../../language/catalogues/en.js';
import type { ParticipantView } from '../../signaling/protocol.js';

/** How the court calls a participant, in the page's language. */
const ROLE_KEYS: Record<ParticipantView['role'], MessageKey> = {
  presiding_judge: 'role.presiding_judge',
  requested_officer: 'role.requested_officer',
  person_heard: 'role.person_heard',
  counsel: 'role.counsel',
  prosecutor: 'role.prosecutor',
  interpreter: 'role.interpreter',
  clerk: 'role.clerk',
  observer: 'role.observer',
  support_person: 'role.support_person',
  captioner: 'role.captioner',
};
const CAPACITY_KEYS: Record<NonNullable<ParticipantView['capacity']>, MessageKey> = {
  witness: 'capacity.witness',
  expert: 'capacity.expert',
  accused: 'capacity.accused',
  person_sought: 'capacity.person_sought',
};

export class PageLanguage {
  private translator = new Translator('en', 'en', en);
  private readonly listeners = new Set<() => void>();

  get lang(): CatalogueLanguage {
    return this.translator.language;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.translator.dir;
  }

  /** The person's own language, which may have no catalogue (then `fallback` is true). */
  get requested(): string {
    return this.translator.requested;
  }

  get fallback(): boolean {
    return this.translator.fallback;
  }

  t(key: MessageKey, values?: MessageValues): string {
    return this.translator.t(key, values);
  }

  /** How the court calls a participant: "Witness", "Presiding judge"… */
  functionOf(person: Pick<ParticipantView, 'role' | 'capacity'>): string {
    return this.t(person.role === 'person_heard' && person.capacity ? CAPACITY_KEYS[person.capacity] : ROLE_KEYS[person.role]);
  }

  /** Switches to `language`'s catalogue (fetched once) and rewrites the page. */
  async use(requested: string, language: CatalogueLanguage = chooseCatalogue(requested)): Promise<void> {
    if (this.translator.language !== language || this.translator.requested !== requested) {
      this.translator = new Translator(requested, language, await loadCatalogue(language));
    }
    document.documentElement.lang = language;
    document.documentElement.dir = this.dir;
    translateStatic(this);
    for (const listener of this.listeners) listener();
  }

  /** Called after every change of language, to redraw what the page wrote itself. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }
}

/** Every element with a key gets its text, and its keyed attributes, in the page's language. */
export function translateStatic(language: PageLanguage, root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    element.textContent = language.t(element.dataset.i18n as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-attributes]')) {
    for (const pair of (element.dataset.i18nAttributes ?? '').split(';')) {
      const [attribute, key] = pair.split('=');
      if (attribute && key) element.setAttribute(attribute.trim(), language.t(key.trim() as MessageKey));
    }
  }
}

/** The browser's own preference, for the moment before the server has said whose page this is. */
export function browserLanguage(): string {
  return navigator.languages?.[0] ?? navigator.language ?? 'en';
}
