/**
 * The letters in a person's language: the newest version of that language's texts, or English where
 * there are none — never silently: the letter says so on its face, in English, and the coordinator is
 * warned. Dates and times are written by Intl in the person's own locale (pt-BR, fr-CA…) when the
 * texts are in her language.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogueLanguageOf, directionOf, languageDisplayName, type CatalogueLanguage } from '../../language/index.js';
import { ar } from './texts/ar.js';
import { de } from './texts/de.js';
import { en, type LetterKey, type LetterTexts } from './texts/en.js';
import { es } from './texts/es.js';
import { fr } from './texts/fr.js';
import { it } from './texts/it.js';
import { pt } from './texts/pt.js';
import { ru } from './texts/ru.js';
import { zh } from './texts/zh.js';
import { said, type Said } from '../errors.js';

export type { LetterKey, LetterTexts } from './texts/en.js';

/** The current version of the letters in each language. */
export const LETTER_TEXTS: Readonly<Record<CatalogueLanguage, LetterTexts>> = { en, ar, es, fr, ru, zh, de, it, pt };

export type LetterValues = Record<string, string | number>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Values a message chooses its wording by; they are never printed as they are, so never isolated. */
const CHOOSERS = new Set(['capacity', 'function', 'kind', 'count']);

/** Values a reader copies or quotes as one word: a phone never breaks them at a hyphen. */
const UNBROKEN = new Set(['caseReference', 'version']);

const formats = new Map<string, IntlMessageFormat>();

export class Letters {
  readonly texts: LetterTexts;
  /** True when the person's language has no texts, so the letter is in English and says why. */
  readonly fallback: boolean;
  readonly dir: 'ltr' | 'rtl';
  /** The locale dates and times are written in. */
  readonly locale: string;

  constructor(
    /** The person's own language, as a BCP 47 tag. */
    readonly requested: string,
  ) {
    const language = catalogueLanguageOf(requested);
    this.texts = language ? LETTER_TEXTS[language] : en;
    this.fallback = language === null;
    this.dir = directionOf(this.texts.language);
    this.locale = language ? ownLocale(requested, this.texts.locale) : en.locale;
  }

  get language(): CatalogueLanguage {
    return this.texts.language;
  }

  get version(): string {
    return this.texts.version;
  }

  /**
   * A message as plain text: for an e-mail and a calendar. In a right-to-left language each value is
   * isolated (U+2068…U+2069, invisible) so that a Latin name or case number keeps its place.
   */
  t(key: LetterKey, values?: LetterValues): string {
    if (this.dir === 'ltr' || !values) return format(this.texts, key, values);
    const isolated: LetterValues = {};
    for (const [name, value] of Object.entries(values)) isolated[name] = CHOOSERS.has(name) || typeof value !== 'string' ? value : `\u2068${value}\u2069`;
    return format(this.texts, key, isolated);
  }

  /**
   * A message as HTML: escaped, each value isolated in a <bdi> so that a Latin case number or name
   * keeps its order inside Arabic text (and the reverse).
   */
  html(key: LetterKey, values: LetterValues = {}): string {
    const marked: LetterValues = {};
    const printed: [name: string, value: string][] = [];
    for (const [name, value] of Object.entries(values)) {
      if (CHOOSERS.has(name) || typeof value !== 'string') marked[name] = value;
      else marked[name] = `\uE000${printed.push([name, value]) - 1}\uE001`;
    }
    return escapeHtml(format(this.texts, key, marked)).replace(/\uE000(\d+)\uE001/g, (_, i: string) => {
      const [name, value] = printed[Number(i)]!;
      return `<bdi${UNBROKEN.has(name) ? ' class="unbroken"' : ''}>${escapeHtml(value)}</bdi>`;
    });
  }

  /** The person's language named for an English reader and in itself: "Polish (polski)". */
  requestedLanguageName(): string {
    const inEnglish = languageDisplayName(this.requested, 'en');
    const own = languageDisplayName(this.requested, this.requested);
    return own && own !== inEnglish ? `${inEnglish} (${own})` : inEnglish;
  }
}

/** The person's tag where it says more than the language (pt-BR, fr-CA), else the texts' own locale. */
function ownLocale(tag: string, textsLocale: string): string {
  try {
    const locale = new Intl.Locale(tag);
    return locale.region || locale.script ? locale.toString() : textsLocale;
  } catch {
    return textsLocale;
  }
}

function format(texts: LetterTexts, key: LetterKey, values?: LetterValues): string {
  const id = `${texts.version}\u0000${key}`;
  let message = formats.get(id);
  if (!message) {
    message = new IntlMessageFormat(texts.messages[key], texts.language);
    formats.set(id, message);
  }
  const result = message.format(values);
  return typeof result === 'string' ? result : String(result);
}

export function lettersFor(tag: string): Letters {
  return new Letters(tag);
}

/** What a letter in English says, in English, to a person whose language has no texts. */
export const FALLBACK_NOTICES = {
  summons: (language: string) =>
    `This summons is not in your language, ${language}: no translation of it exists yet, so it is written in English. A translation will be served on you, and an interpreter will assist you free of charge at the hearing.`,
  invitation: (language: string) =>
    `This message is not in your language, ${language}: no translation of it exists yet, so it is written in English. An interpreter will assist you free of charge at the hearing; ask the contact below if you need this message translated.`,
};

/** The coordinator's warning when a letter fell back to English. */
export function fallbackWarning(letters: Letters, document: 'summons' | 'invitation'): Said | null {
  if (!letters.fallback) return null;
  const tag = letters.requested;
  // The language as the coordinator names it, and as its speakers do: "Polnisch (polski)".
  const language = (reader: string) => {
    const name = languageDisplayName(tag, reader);
    const own = languageDisplayName(tag, tag);
    return `${own && own !== name ? `${name} (${own})` : name} ("${tag}")`;
  };
  return said(document === 'summons' ? 'api.noSummonsTexts' : 'api.noInvitationTexts', { language });
}
