/**
 * The words of the minutes in one language: every sentence, label and phrase of the minutes comes
 * from the catalogue of that language (record/minutes-words/<language>.ts, ICU MessageFormat through
 * FormatJS), and languages, lists and dates are put in words by the runtime's Intl in it. The
 * minutes are written in the court's language and, side by side, in the requested state's
 * (MLA 2000 Art. 10(6)); a language without a catalogue has no version, and the minutes say so.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES } from '../language/all-catalogues.js';
import { catalogueLanguageOf, directionOf, languageDisplayName, type CatalogueLanguage, type MessageKey } from '../language/index.js';
import type { Capacity, Role } from '../scheduling/index.js';
import { ar } from './minutes-words/ar.js';
import { de } from './minutes-words/de.js';
import { en, type MinutesKey } from './minutes-words/en.js';
import { es } from './minutes-words/es.js';
import { fr } from './minutes-words/fr.js';
import { it } from './minutes-words/it.js';
import { pt } from './minutes-words/pt.js';
import { ru } from './minutes-words/ru.js';
import { zh } from './minutes-words/zh.js';

export type { MinutesKey } from './minutes-words/en.js';
export type MinutesValues = Record<string, string | number>;

/** Every language the minutes can be written in: those of the pages. */
export const MINUTES_CATALOGUES: Readonly<Record<CatalogueLanguage, Readonly<Record<MinutesKey, string>>>> = { en, ar, de, es, fr, it, pt, ru, zh };

export class MinutesWords {
  private readonly formats = new Map<MinutesKey, IntlMessageFormat>();
  private readonly functions = new Map<MessageKey, string>();
  readonly dir: 'ltr' | 'rtl';

  constructor(
    /** The language of the catalogue these minutes are written in. */
    readonly language: CatalogueLanguage,
  ) {
    this.dir = directionOf(language);
  }

  t(key: MinutesKey, values?: MinutesValues): string {
    let format = this.formats.get(key);
    if (!format) {
      format = new IntlMessageFormat(MINUTES_CATALOGUES[this.language][key], this.language);
      this.formats.set(key, format);
    }
    return String(format.format(values));
  }

  /** A person's function in the words her console uses: the capacity of the person heard, else the role. */
  functionOf(role: Role, capacity: Capacity | null): string {
    const key: MessageKey = role === 'person_heard' && capacity ? `capacity.${capacity}` : `role.${role}`;
    // Named in every sentence about the person: parsed once per minutes, not once per sentence.
    let name = this.functions.get(key);
    if (name === undefined) {
      name = String(new IntlMessageFormat(CATALOGUES[this.language][key], this.language).format());
      this.functions.set(key, name);
    }
    return name;
  }

  /** A code of the record (a role, a cause…) in words: `phrase('pause', 'judge')`; a code the catalogue lacks is given as it is. */
  phrase(prefix: string, code: string): string {
    const key = `${prefix}.${code}`;
    return key in en ? this.t(key as MinutesKey) : code;
  }

  /** A language as a reader of these minutes names it, with the exact tag where it says more than the language ("portugais (pt-BR)"). */
  languageName(tag: string): string {
    const base = tag.split('-')[0] ?? tag;
    const name = languageDisplayName(base, this.language);
    if (name === base) return tag;
    return tag.includes('-') ? this.t('language.withTag', { name, tag }) : name;
  }

  /** "A, B and C" in this language. */
  list(items: readonly string[]): string {
    return new Intl.ListFormat(this.language, { type: 'conjunction' }).format(items);
  }

  /** A calendar date (UTC) in words: "Monday 2 March 2026", "lundi 2 mars 2026". */
  date(iso: string): string {
    return new Intl.DateTimeFormat(this.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
  }
}

/** The words for a language, or null when the minutes have no catalogue in it. */
export function minutesWordsFor(tag: string): MinutesWords | null {
  const language = catalogueLanguageOf(tag);
  return language ? new MinutesWords(language) : null;
}
