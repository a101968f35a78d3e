import type { Migration } from './migration.js';

/**
 * A room, judge or interpreter the authority no longer books is retired, not deleted: the hearings
 * that already used it still name it in their requests, summons and minutes.
 */
export const retiredResources: Migration = {
  version: 8,
  name: 'resources an authority no longer books',
  statements: ['ALTER TABLE resources ADD COLUMN retired_at TEXT'],
};
