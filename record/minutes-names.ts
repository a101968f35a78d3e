/**
 * How the minutes name people. A person heard whom the court protects with a pseudonym is named by
 * it everywhere, and her real name is replaced by it in every free text; anyone else is named as
 * they confirmed their name for the minutes, else as the hearing lists them.
 */
import type { CourtroomState, HearingEventData } from '../courtroom/index.js';
import type { Participant } from '../scheduling/index.js';
import type { ReadEntry } from './minutes-entries.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

export interface MinutesNames {
  /** The pseudonym of each person the court protects with one, when the covered entries end. */
  readonly pseudonyms: ReadonlyMap<string, string>;
  /** A participant's name in the minutes; the system where there is none, and an unknown id said so. */
  nameOf(id: string | null | undefined): string;
  /** A person's function in the minutes' words. */
  functionIn(p: Participant): string;
  functionOf(id: string): string;
  /** "Name (function)", as the chronology names a participant. */
  who(id: string | null | undefined): string;
}

/** The names of one version of the minutes: `court` is the court as the covered entries leave it. */
export function minutesNames(w: MinutesWords, participants: readonly Participant[], court: CourtroomState, entries: readonly ReadEntry[]): MinutesNames {
  // Protective measures first: they decide how a person is named everywhere else.
  const pseudonyms = new Map<string, string>();
  for (const [participantId, protection] of court.protections) if (protection.pseudonym) pseudonyms.set(participantId, protection.pseudonym);
  const byId = new Map(participants.map((p) => [p.id, p]));
  // The name a participant confirmed for the minutes is their name throughout them.
  const confirmedNames = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.readable || entry.event.type !== 'participant.identity_confirmed') continue;
    const { participantId, displayName } = entry.data as HearingEventData<'participant.identity_confirmed'>;
    // An erased name (retention) leaves the name they were invited under.
    if (typeof displayName !== 'string') continue;
    if (!pseudonyms.has(participantId) && byId.get(participantId)?.role !== 'person_heard') confirmedNames.set(participantId, displayName);
  }
  const nameOf = (id: string | null | undefined): string => {
    if (!id) return w.t('person.system');
    const pseudonym = pseudonyms.get(id);
    if (pseudonym) return pseudonym;
    const p = byId.get(id);
    if (!p) return w.t('person.unknown', { id });
    return confirmedNames.get(id) ?? p.displayName;
  };
  const functionIn = (p: Participant): string => w.functionOf(p.role, p.capacity);
  const functionOf = (id: string): string => {
    const p = byId.get(id);
    return p ? functionIn(p) : w.t('person.unknownFunction');
  };
  const who = (id: string | null | undefined): string => (id && byId.has(id) ? w.t('person', { name: nameOf(id), function: functionOf(id) }) : nameOf(id));
  return { pseudonyms, nameOf, functionIn, functionOf, who };
}

/** Ids and hashes are not text: a name part must never be found inside one. */
const IDENTIFIER = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})$/i;

/**
 * Replaces, in every string of the minutes, the real name of each person heard who has a pseudonym
 * (the full name, then each part of it of three letters or more) by the pseudonym: reasons and
 * claims are typed during the hearing, and a name slipped into one must not reach the minutes.
 */
export function withheldNames(minutes: Minutes, participants: readonly Participant[], pseudonyms: ReadonlyMap<string, string>): Minutes {
  const rules: [RegExp, string][] = [];
  for (const p of participants) {
    const pseudonym = pseudonyms.get(p.id);
    if (!pseudonym) continue;
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    rules.push([new RegExp(literal(p.displayName.trim()), 'giu'), pseudonym]);
    for (const part of p.displayName.split(/\s+/).filter((w) => w.length >= 3)) {
      rules.push([new RegExp(`(?<![\\p{L}\\p{N}])${literal(part)}(?![\\p{L}\\p{N}])`, 'giu'), pseudonym]);
    }
  }
  if (rules.length === 0) return minutes;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string' && IDENTIFIER.test(value)) return value;
    if (typeof value === 'string') return rules.reduce((text, [pattern, pseudonym]) => text.replace(pattern, pseudonym), value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  return scrub(minutes) as Minutes;
}
