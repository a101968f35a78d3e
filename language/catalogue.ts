/**
 * What a catalogue is: one message for every key of the English catalogue, which is the reference.
 * Its own module, so that each language's catalogue names its type without importing the
 * translator that loads it.
 */
import type { MessageKey } from './catalogues/en.js';

export type { MessageKey } from './catalogues/en.js';
export type Catalogue = { readonly [K in MessageKey]: string };
