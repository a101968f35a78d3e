/** Participants for the court's rules, made without a store: each with an id of its own under `prefix`. */
import type { LanguagePair, Participant, Role } from '../../scheduling/index.js';

export function participantMaker(prefix: string) {
  let serial = 0;
  return (role: Role, displayName: string, language: string | null, interprets: LanguagePair | null = null): Participant => {
    serial += 1;
    const id = `${prefix}-0000-4000-8000-${String(serial).padStart(12, '0')}`;
    return { id, hearingId: 'h', displayName, role, capacity: role === 'person_heard' ? 'witness' : null, language, interprets, createdAt: '' };
  };
}

/** A courtroom with one of each party a hearing is about: judge, officer, witness, counsel, an observer. */
export const COURTROOM_CAST = [
  { name: 'Judge', role: 'presiding_judge' },
  { name: 'Officer', role: 'requested_officer' },
  { name: 'Witness', role: 'person_heard', capacity: 'witness' },
  { name: 'Counsel', role: 'counsel' },
  { name: 'Observer', role: 'observer' },
] as const;
