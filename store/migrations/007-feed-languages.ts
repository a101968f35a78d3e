import type { Migration } from './migration.js';

/**
 * The language of a calendar feed: the coordinator who makes the secret URL reads its entries in her
 * language (null for a feed made before it was kept, read in English).
 */
export const feedLanguages: Migration = {
  version: 7,
  name: 'the language a calendar feed is written in',
  statements: ['ALTER TABLE calendar_feeds ADD COLUMN language TEXT'],
};
