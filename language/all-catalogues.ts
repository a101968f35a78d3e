/**
 * Every page catalogue at once, for the server's documents (the minutes name each person's function
 * with the very words her console uses). A second entry of `language/`, like `tags.ts`, so that no
 * page bundles the catalogues of languages its reader does not read.
 */
import { ar } from './catalogues/ar.js';
import { de } from './catalogues/de.js';
import { en } from './catalogues/en.js';
import { es } from './catalogues/es.js';
import { fr } from './catalogues/fr.js';
import { it } from './catalogues/it.js';
import { pt } from './catalogues/pt.js';
import { ru } from './catalogues/ru.js';
import { zh } from './catalogues/zh.js';
import type { Catalogue, CatalogueLanguage } from './messages.js';

export const CATALOGUES: Readonly<Record<CatalogueLanguage, Catalogue>> = { en, ar, de, es, fr, it, pt, ru, zh };
