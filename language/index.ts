/**
 * Language: a person's language as a BCP 47 tag, the message catalogues every page and document
 * is written from, and which way a language is written. This entry serves the pages and the server
 * alike; the server's check of a tag against the IANA registry is `language/tags.ts`, a second
 * entry, so that no page carries the registry. Depends on nothing else of Hearing Room.
 */
export { primaryLanguage, sameLanguage } from './compare.js';
export { directionOf } from './direction.js';
export { languageDisplayName } from './names.js';

/** The shape of a BCP 47 tag, for values already checked when they came in (rows, record entries). */
export const LANGUAGE_TAG_SHAPE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
export {
  CATALOGUE_LANGUAGES,
  catalogueLanguageOf,
  chooseCatalogue,
  loadCatalogue,
  translatorFor,
  Translator,
  type Catalogue,
  type CatalogueLanguage,
  type MessageKey,
  type MessageValues,
} from './messages.js';
