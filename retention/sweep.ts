/**
 * One pass of the retention rules over every closed hearing: what its authority's periods say is due
 * is deleted, in order — the recordings' folders, then the personal data, then the court's file —
 * each deletion logged once in the store (store/retention.ts) and, while the record exists, written
 * into it (`retention.applied`), so the record says itself what was erased from it and when.
 * Safe to run again at any time, and on several servers at once: a deletion done is logged, and a
 * logged deletion is never done twice.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RetentionPeriods } from '../scheduling/authority.js';
import type { RetentionCategory, Store } from '../store/index.js';
import { dueDeletions } from './policy.js';

export interface RetentionSweepOptions {
  store: Store;
  /** Where recordings are kept, one folder per recording (HEARING_ROOM_RECORDINGS_DIR). */
  recordingsDir: string;
  now?: Date;
  /** List what is due without deleting anything. */
  dryRun?: boolean;
}

/** One deletion the pass made (or, in a dry run, would make). */
export interface RetentionAction {
  hearingId: string;
  category: RetentionCategory;
  ruleDays: number;
  closedAt: string;
  dueAt: string;
  done: boolean;
  detail: Record<string, unknown>;
}

export async function sweepRetention(options: RetentionSweepOptions): Promise<RetentionAction[]> {
  const { store, recordingsDir, dryRun = false } = options;
  const now = options.now ?? new Date();
  const periods = new Map<string, RetentionPeriods | undefined>();
  const actions: RetentionAction[] = [];
  for (const hearing of await store.retention.closedHearings()) {
    if (!hearing.authorityId) continue; // no authority's rule applies to a hearing made without a request
    if (!periods.has(hearing.authorityId)) periods.set(hearing.authorityId, (await store.authorities.get(hearing.authorityId))?.retention);
    const rule = periods.get(hearing.authorityId);
    if (!rule) continue;
    const done = new Set((await store.retention.log(hearing.hearingId)).map((e) => e.category));
    for (const due of dueDeletions(rule, hearing.closedAt, now, done)) {
      const base = { hearingId: hearing.hearingId, authorityId: hearing.authorityId, ruleDays: due.ruleDays, closedAt: hearing.closedAt };
      if (dryRun) {
        actions.push({ ...base, category: due.category, dueAt: due.dueAt, done: false, detail: {} });
        continue;
      }
      const appliedAt = now.toISOString();
      const detail = await apply(store, recordingsDir, due.category, { ...base, appliedAt });
      if (detail) actions.push({ ...base, category: due.category, dueAt: due.dueAt, done: true, detail });
    }
  }
  return actions;
}

type Deletion = { hearingId: string; authorityId: string; ruleDays: number; closedAt: string; appliedAt: string };

async function apply(store: Store, recordingsDir: string, category: RetentionCategory, deletion: Deletion): Promise<Record<string, unknown> | null> {
  const { hearingId } = deletion;
  switch (category) {
    case 'recordings': {
      const recordingIds = await recordingsOf(store, hearingId);
      // The folders first, then the log: a folder removed and not logged is removed again, harmlessly.
      for (const id of recordingIds) await rm(join(recordingsDir, id), { recursive: true, force: true });
      const detail = { recordings: recordingIds };
      if (!(await store.retention.recordingsDeleted({ ...deletion, detail }))) return null;
      await store.events.append(hearingId, {
        type: 'retention.applied',
        actorId: null,
        data: { category, ruleDays: deletion.ruleDays, closedAt: deletion.closedAt, recordings: recordingIds },
      });
      return detail;
    }
    case 'personal_data': {
      const logged = await store.retention.erasePersonalData(deletion);
      if (!logged) return null;
      await store.events.append(hearingId, {
        type: 'retention.applied',
        actorId: null,
        data: { category, ruleDays: deletion.ruleDays, closedAt: deletion.closedAt, erased: logged.detail as Record<string, number> },
      });
      return logged.detail;
    }
    case 'record': {
      // Nothing outlives the file: any recording still on disk goes with it.
      for (const id of await recordingsOf(store, hearingId)) await rm(join(recordingsDir, id), { recursive: true, force: true });
      return (await store.retention.deleteRecord(deletion))?.detail ?? null;
    }
  }
}

/** Every recording the record says was made of the hearing. */
async function recordingsOf(store: Store, hearingId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const entry of await store.events.list(hearingId)) {
    if (entry.type === 'recording.started' && typeof entry.data.recordingId === 'string') ids.add(entry.data.recordingId);
  }
  return [...ids];
}
