import type { Migration } from './migration.js';

/**
 * Which server holds each hearing in session, and since which epoch. Taking a hearing raises its
 * epoch; every append to the hearing's record by a server in session names the epoch it holds, and
 * the database refuses the append once another server has taken the hearing (a fencing token): a
 * server that was paused or cut off and comes back can never write into a hearing it lost.
 */
export const hearingLeases: Migration = {
  version: 9,
  name: 'which server holds each hearing in session',
  statements: ['CREATE TABLE hearing_leases (hearing_id TEXT PRIMARY KEY, holder TEXT NOT NULL, epoch INTEGER NOT NULL, taken_at TEXT NOT NULL)'],
};
