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
import type { NewHearingEvent, RetentionCategory, RetentionEntry, Store } from '../store/index.js';
import { dueDeletions } from './policy.js';

export interface RetentionSweepOptions {
  store: Store;
  /** Where recordings are kept, one folder per recording (HEARING_ROOM_RECORDINGS_DIR). */
  recordingsDir: string;
  now?: Date;
  /** List what is due without deleting anything. */
  dryRun?: boolean;
}

/** One deletion the pass made (or, in a dry run, would make; or could not make, with why). */
export interface RetentionAction {
  hearingId: string;
  category: RetentionCategory;
  ruleDays: number;
  closedAt: string;
  dueAt: string;
  done: boolean;
  detail: Record<string, unknown>;
  /** Why it could not be made this pass (the next tries again). */
  error?: string;
}

/** A recording's folder is named by its id, a UUID: anything else is never handed to the file system. */
const RECORDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    const logged = await store.retention.log(hearing.hearingId);
    if (!dryRun) await writeMissingEntries(store, hearing.hearingId, logged);
    const done = new Set(logged.map((e) => e.category));
    for (const due of dueDeletions(rule, hearing.closedAt, now, done)) {
      const base = { hearingId: hearing.hearingId, authorityId: hearing.authorityId, ruleDays: due.ruleDays, closedAt: hearing.closedAt };
      if (dryRun) {
        actions.push({ ...base, category: due.category, dueAt: due.dueAt, done: false, detail: {} });
        continue;
      }
      const appliedAt = now.toISOString();
      try {
        const detail = await apply(store, recordingsDir, due.category, { ...base, appliedAt });
        if (detail) actions.push({ ...base, category: due.category, dueAt: due.dueAt, done: true, detail });
      } catch (error) {
        // One hearing's failure does not stop the pass; its later categories wait for the next.
        actions.push({
          ...base,
          category: due.category,
          dueAt: due.dueAt,
          done: false,
          detail: {},
          error: error instanceof Error ? error.message : String(error),
        });
        break;
      }
    }
  }
  return actions;
}

/**
 * A deletion logged whose entry never reached the record (the server stopped between the two) gets
 * its entry now: the record says what was erased from it, if late.
 */
async function writeMissingEntries(store: Store, hearingId: string, logged: readonly RetentionEntry[]): Promise<void> {
  const pending = logged.filter(
    (e) => e.category !== 'record' && !(e.category === 'recordings' && (e.detail.recordings as unknown[] | undefined)?.length === 0),
  );
  if (pending.length === 0) return;
  const written = new Set((await store.events.list(hearingId)).filter((e) => e.type === 'retention.applied').map((e) => String(e.data.category)));
  for (const entry of pending) if (!written.has(entry.category)) await store.events.append(hearingId, entryOf(entry));
}

/** The record's entry for a deletion, from its log row. */
function entryOf(entry: Pick<RetentionEntry, 'category' | 'ruleDays' | 'closedAt' | 'detail'>): NewHearingEvent {
  const base = { category: entry.category, ruleDays: entry.ruleDays, closedAt: entry.closedAt };
  const data =
    entry.category === 'recordings'
      ? { ...base, recordings: entry.detail.recordings as string[] }
      : { ...base, erased: entry.detail as Record<string, number> };
  return { type: 'retention.applied', actorId: null, data };
}

type Deletion = { hearingId: string; authorityId: string; ruleDays: number; closedAt: string; appliedAt: string };

async function apply(store: Store, recordingsDir: string, category: RetentionCategory, deletion: Deletion): Promise<Record<string, unknown> | null> {
  const { hearingId } = deletion;
  switch (category) {
    case 'recordings': {
      const recordingIds = await recordingsOf(store, hearingId);
      // The folders first, then the log: a folder removed and not logged is removed again, harmlessly.
      await removeFolders(recordingsDir, recordingIds);
      const detail = { recordings: recordingIds };
      if (!(await store.retention.recordingsDeleted({ ...deletion, detail }))) return null;
      // The log row is the deletion; the record's entry follows (and is written at the next pass if the server stops between).
      if (recordingIds.length > 0) await store.events.append(hearingId, entryOf({ ...deletion, category, detail }));
      return detail;
    }
    case 'personal_data': {
      const logged = await store.retention.erasePersonalData(deletion);
      if (!logged) return null;
      await store.events.append(hearingId, entryOf(logged));
      return logged.detail;
    }
    case 'record': {
      // Nothing outlives the file: any recording still on disk goes with it.
      await removeFolders(recordingsDir, await recordingsOf(store, hearingId));
      return (await store.retention.deleteRecord(deletion))?.detail ?? null;
    }
  }
}

async function removeFolders(recordingsDir: string, recordingIds: readonly string[]): Promise<void> {
  for (const id of recordingIds) {
    if (!RECORDING_ID.test(id)) throw new Error(`the record names a recording "${id.slice(0, 40)}" that is not a recording's id: nothing was removed`);
    await rm(join(recordingsDir, id), { recursive: true, force: true });
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
