/**
 * The texts put before the person heard — rights and caution, consent to being heard by video, the
 * oath and the affirmation — identified by version and by the SHA-256 of the exact words, so the
 * record proves which words were shown. A changed wording is a new version.
 *
 * Two sources: the model texts Hearing Room ships (`model-texts/`, in the six UN languages and
 * German, Italian and Portuguese, each marked as a model), and the texts an authority has approved
 * and loaded itself (kept by `store/authority-texts.ts`), which take precedence in their language. A `TextBook` answers for one hearing
 * which text exists in which language; the court's rules never read a file or the store.
 */
import { sameLanguage } from '../language/index.js';
import { TEXT_IDS, textHash, type CourtText, type TextId } from '../model/text.js';

export { TEXT_IDS, textHash, type CourtText, type ModelText, type ModelTexts, type TextId } from '../model/text.js';
import { ar } from './model-texts/ar.js';
import { de } from './model-texts/de.js';
import { en } from './model-texts/en.js';
import { es } from './model-texts/es.js';
import { fr } from './model-texts/fr.js';
import { it } from './model-texts/it.js';
import { pt } from './model-texts/pt.js';
import { ru } from './model-texts/ru.js';
import { zh } from './model-texts/zh.js';

const MODEL_TEXTS = { en, ar, es, fr, ru, zh, de, it, pt } as const;
export const MODEL_TEXT_LANGUAGES = Object.keys(MODEL_TEXTS) as (keyof typeof MODEL_TEXTS)[];

/** The model texts' version: the same words keep the same hash whatever the label. */
export const MODEL_TEXT_VERSION = 'model-2026-12';

export function modelText(id: TextId, language: keyof typeof MODEL_TEXTS): CourtText {
  const { title, body } = MODEL_TEXTS[language][id];
  return { id, version: MODEL_TEXT_VERSION, language, title, body, sha256: textHash(title, body), source: 'model' };
}

/** Which texts one hearing can put before the person heard. */
export interface TextBook {
  /** The text in this language (the authority's latest approved version, else the model), or null where none exists. */
  text(id: TextId, language: string): CourtText | null;
  /** The text a record names. */
  byHash(sha256: string): CourtText | null;
  /** Every language some text exists in (BCP 47), for the officer's choice. */
  languages(): string[];
}

/**
 * The texts one hearing can put before the person heard. `authorities` holds each authority's
 * approved texts, the authority that governs first, each list in the order its texts were approved
 * (any versions). In a language, the first authority with a text there gives the version it approved
 * last (the exact language tag before another region of the same language); where no authority has
 * one, the model text. Every text given, superseded versions included, stays findable by its hash.
 */
export function textBook(...authorities: readonly (readonly CourtText[])[]): TextBook {
  const all: CourtText[] = authorities.flat();
  for (const language of MODEL_TEXT_LANGUAGES) for (const id of TEXT_IDS) all.push(modelText(id, language));
  const approved = (texts: readonly CourtText[], id: TextId, language: string) => {
    const same = texts.filter((t) => t.id === id && sameLanguage(t.language, language));
    return same.findLast((t) => t.language === language) ?? same.at(-1);
  };
  return {
    text(id, language) {
      for (const texts of authorities) {
        const own = approved(texts, id, language);
        if (own) return own;
      }
      const model = MODEL_TEXT_LANGUAGES.find((l) => sameLanguage(l, language));
      return model ? modelText(id, model) : null;
    },
    byHash(sha256) {
      return all.find((t) => t.sha256 === sha256) ?? null;
    },
    languages() {
      return [...new Set(all.map((t) => t.language))];
    },
  };
}

/** The model texts alone: for a hearing whose authority has loaded none. */
export const MODEL_TEXT_BOOK = textBook();
