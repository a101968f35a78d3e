/**
 * The retention rule, pure: given an authority's periods (days from a hearing's close) and what was
 * already deleted, what is due now. Nothing outlives the court's file: when the record's period is
 * shorter than another's, that one ends with the record.
 */
import type { RetentionPeriods } from '../scheduling/authority.js';
import type { RetentionCategory } from '../store/index.js';

export interface DueDeletion {
  category: RetentionCategory;
  /** The period applied, in days. */
  ruleDays: number;
  dueAt: string;
}

const DAY_MS = 86_400_000;

/** The period a category is kept for, or null when the authority keeps it. */
export function periodOf(periods: RetentionPeriods, category: RetentionCategory): number | null {
  const record = periods.recordDays;
  const own = category === 'recordings' ? periods.recordingsDays : category === 'personal_data' ? periods.personalDataDays : record;
  if (own === null) return record;
  return record === null ? own : Math.min(own, record);
}

/** What is due for deletion at `now` of a hearing closed at `closedAt`, in the order it is deleted (the record last). */
export function dueDeletions(periods: RetentionPeriods, closedAt: string, now: Date, done: ReadonlySet<RetentionCategory>): DueDeletion[] {
  if (done.has('record')) return [];
  const due: DueDeletion[] = [];
  for (const category of ['recordings', 'personal_data', 'record'] as const) {
    const days = periodOf(periods, category);
    if (days === null || done.has(category)) continue;
    const dueAt = new Date(Date.parse(closedAt) + days * DAY_MS);
    if (dueAt.getTime() <= now.getTime()) due.push({ category, ruleDays: days, dueAt: dueAt.toISOString() });
  }
  return due;
}
