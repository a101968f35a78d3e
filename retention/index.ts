/**
 * Retention: how long a closed hearing's recordings, the personal data gathered to run it, and the
 * court's file are kept — each authority's periods (`Authority.retention`), counted from the close —
 * and their deletion when due, logged once and, while the record exists, written into it.
 * `policy.ts` is the rule (pure), `sweep.ts` one pass over every closed hearing, `cli.ts` the
 * `retention` command; the server runs a pass at an interval (`HEARING_ROOM_RETENTION_SWEEP_MINUTES`).
 */
export { dueDeletions, periodOf, type DueDeletion } from './policy.js';
export { sweepRetention, type RetentionAction, type RetentionSweepOptions } from './sweep.js';
