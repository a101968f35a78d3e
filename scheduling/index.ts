/**
 * scheduling — the hearing model: hearings, participants, roles and the hearing's status.
 * Cross-border requests, time zones, conflicts and invitations will live here too.
 */
export * from './roles.js';
export * from './hearing.js';
