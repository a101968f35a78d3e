/**
 * Messages in a person's language: ICU MessageFormat through FormatJS's intl-messageformat (plurals,
 * selects, numbers and dates by the runtime's Intl), from the catalogue of that language. Where no
 * catalogue exists for a language, the translator says so (`fallback`) so the page can show it and
 * the court can record it; nothing falls back silently.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './catalogues/en.js';
import { directionOf } from './direction.js';

import type { Catalogue } from './catalogue.js';

export type { Catalogue, MessageKey } from './catalogue.js';
export type MessageValues = Record<string, string | number | Date>;

/** The languages the pages are written in: the six UN languages, and German, Italian, Portuguese. */
export const CATALOGUE_LANGUAGES = ['en', 'ar', 'es', 'fr', 'ru', 'zh', 'de', 'it', 'pt'] as const;
export type CatalogueLanguage = (typeof CATALOGUE_LANGUAGES)[number];

/** The catalogue that serves a tag: its language's, unless the script says otherwise (zh-Hant is not zh's simplified script). */
export function catalogueLanguageOf(tag: string | null | undefined): CatalogueLanguage | null {
  if (!tag) return null;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return null;
  }
  const language = locale.language as CatalogueLanguage;
  if (!CATALOGUE_LANGUAGES.includes(language)) return null;
  if (language === 'zh') {
    const script = locale.maximize().script;
    if (script && script !== 'Hans') return null;
  }
  return language;
}

export class Translator {
  private readonly formats = new Map<string, IntlMessageFormat>();
  readonly dir: 'ltr' | 'rtl';

  constructor(
    /** The person's own language, as a BCP 47 tag. */
    readonly requested: string,
    /** The catalogue's language that serves them. */
    readonly language: CatalogueLanguage,
    private readonly catalogue: Catalogue,
  ) {
    this.dir = directionOf(language);
  }

  /** True when the person's language has no catalogue, so they read another language. */
  get fallback(): boolean {
    return catalogueLanguageOf(this.requested) !== this.language;
  }

  t(key: MessageKey, values?: MessageValues): string {
    let format = this.formats.get(key);
    if (!format) {
      // A catalogue is complete (test/unit/catalogues.test.ts); English only guards a page against a key added since.
      const message = this.catalogue[key] ?? en[key];
      format = new IntlMessageFormat(message, this.catalogue[key] === undefined ? 'en' : this.language);
      this.formats.set(key, format);
    }
    const result = format.format(values);
    return typeof result === 'string' ? result : String(result);
  }
}

/** The language to use for a person: their own where a catalogue exists, else the first fallback that has one. */
export function chooseCatalogue(requested: string | null | undefined, fallbacks: readonly string[] = ['en']): CatalogueLanguage {
  for (const tag of [requested, ...fallbacks]) {
    const language = catalogueLanguageOf(tag);
    if (language) return language;
  }
  return 'en';
}

/** One catalogue per chunk: a page fetches only its reader's language. */
const LOADERS: Record<CatalogueLanguage, () => Promise<Catalogue>> = {
  en: async () => en,
  ar: async () => (await import('./catalogues/ar.js')).ar,
  es: async () => (await import('./catalogues/es.js')).es,
  fr: async () => (await import('./catalogues/fr.js')).fr,
  ru: async () => (await import('./catalogues/ru.js')).ru,
  zh: async () => (await import('./catalogues/zh.js')).zh,
  de: async () => (await import('./catalogues/de.js')).de,
  it: async () => (await import('./catalogues/it.js')).it,
  pt: async () => (await import('./catalogues/pt.js')).pt,
};

export function loadCatalogue(language: CatalogueLanguage): Promise<Catalogue> {
  return LOADERS[language]();
}

/** A translator for a person: their language, or the fallback, said as such. */
export async function translatorFor(requested: string | null | undefined, fallbacks: readonly string[] = ['en']): Promise<Translator> {
  const language = chooseCatalogue(requested, fallbacks);
  return new Translator(requested ?? language, language, await loadCatalogue(language));
}
