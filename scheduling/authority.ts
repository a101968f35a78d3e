/**
 * The two authorities of a cross-border hearing and what they book: a court or central authority of
 * one country, in one IANA time zone, with its working hours, public holidays and resources.
 * Free of runtime dependencies so the dashboard can share the lists.
 */

export const RESOURCE_KINDS = ['room', 'judge', 'interpreter', 'person'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  room: 'Hearing room',
  judge: 'Judge',
  interpreter: 'Interpreter',
  person: 'Person heard',
};

/** One opening period of a weekday, local wall-clock times "HH:mm"; weekday 1 = Monday. */
export interface WorkingPeriod {
  weekday: number;
  from: string;
  to: string;
}

export interface Authority {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  timeZone: string;
  workingHours: WorkingPeriod[];
  /** Local dates "YYYY-MM-DD". */
  holidays: string[];
  /** Quiet time kept before and after every booking of this authority's resources. */
  bufferMinutes: number;
  /** The summons must reach the person at least this many days before the hearing (this authority's rule). */
  minLeadDays: number;
  /** How long the authority keeps a closed hearing's data (retention/); absent or null: kept until it sets a period. */
  retention?: RetentionPeriods;
  createdAt: string;
}

/**
 * An authority's retention periods, in days from a hearing's close: its recordings; the personal data
 * gathered to run it (contacts, links, letters, the identity documents' fingerprints in the record);
 * and the court's file itself (the record, the minutes, the request, the bundle). Null keeps it.
 */
export interface RetentionPeriods {
  recordingsDays: number | null;
  personalDataDays: number | null;
  recordDays: number | null;
}

export interface Resource {
  id: string;
  authorityId: string;
  kind: ResourceKind;
  name: string;
  /** For interpreters: the languages they work between (BCP 47 tags, compared as written). */
  languages: string[];
  email: string | null;
  createdAt: string;
  /** When the authority stopped booking it; it stays so that past hearings still name it. */
  retiredAt: string | null;
}

export interface Coordinator {
  id: string;
  authorityId: string;
  email: string;
  displayName: string;
  createdAt: string;
}

export const DEFAULT_WORKING_HOURS: WorkingPeriod[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' }));

/** True when an interpreter works between both languages. */
export function coversPair(resource: Resource, pair: readonly [string, string]): boolean {
  return resource.kind === 'interpreter' && pair.every((language) => resource.languages.includes(language));
}
